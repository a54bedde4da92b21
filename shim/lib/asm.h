/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm.h - helpers for the ROM's assembly: entry symbols written out in full
 * (ENTRY(vmi_OUTB) ... END(vmi_OUTB), so grep finds every definition), and
 * reaching ROM state position-independently without disturbing anything
 * but %eax and flags.  Xen's numbers come from Xen's headers and
 * build/gen/asm-offsets.h, never typed in.
 *
 * Never: an absolute address (rom-layout/check-pic.sh fails the build).
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

/* A local label of the ROM reached from C or other files. */
#define END(name)							\
	.size	name, . - name

/* vCPU 0's event mask (the virtual IF), as a GOT-relative address. */
#define VCPU0_UPCALL_MASK						\
	(shared_info_page@GOTOFF + SHARED_INFO_VCPU0 + VCPU_INFO_UPCALL_MASK)
#define VCPU0_UPCALL_PENDING						\
	(shared_info_page@GOTOFF + SHARED_INFO_VCPU0 + VCPU_INFO_UPCALL_PENDING)

/* The hypercall page entry of hypercall nr (a PC-relative target). */
#define HYPERCALL_ENTRY(nr)	(hypercall_page + (nr) * 32)

/* Leaves the GOT address in %eax (ROM state is at sym@GOTOFF(%eax)). */
.macro	got_in_eax
	call	1f
1:	popl	%eax
	addl	$_GLOBAL_OFFSET_TABLE_ + (. - 1b), %eax
.endm

#endif /* VMIX_LIB_ASM_H */
