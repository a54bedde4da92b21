/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm.h - helpers for the ROM's assembly: entry symbols written out in full
 * (ENTRY(vmi_OUTB) ... END(vmi_OUTB), so grep finds every definition), and
 * the shim's state at its fixed linear addresses.  Xen's numbers come from Xen's headers and
 * build/gen/asm-offsets.h, never typed in.
 *
 * Never: a PC-relative reference out of the image (rom-layout/check-copy.py
 * fails the build): the state is reached at its fixed address.
 */
#ifndef VMIX_LIB_ASM_H
#define VMIX_LIB_ASM_H

#include <xen/xen.h>
#include "asm-offsets.h"

/* A global function of the ROM, hidden (reached PC-relative). */
#define ENTRY(name)							\
	.globl	name;							\
	.hidden	name;							\
	.type	name, @function;					\
name:

/* The end of an ENTRY: its size, for the symbol table. */
#define END(name)							\
	.size	name, . - name

/*
 * vCPU 0's event mask (the virtual IF) and pending flag: vcpu_info is
 * registered at the start of vCPU 0's page of the shim's per-vCPU area
 * (xenif/state.c), a fixed linear address.
 */
#define VCPU0_UPCALL_MASK	(vmix_percpu + VCPU_INFO_UPCALL_MASK)
#define VCPU0_UPCALL_PENDING	(vmix_percpu + VCPU_INFO_UPCALL_PENDING)

/*
 * Where hypercall nr's entry of the hypercall page copy is, as a memory
 * operand holding it (xenif/hypercall_table.S): "call *HYPERCALL_ENTRY(n)".
 * Indirect, because a PC-relative call would miss the page from every copy
 * of the image but the one at VMIX_SHIM_TEXT_VA.
 */
#define HYPERCALL_ENTRY(nr)	(hypercall_entries + (nr) * 4)

#endif /* VMIX_LIB_ASM_H */
