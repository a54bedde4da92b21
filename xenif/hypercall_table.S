/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hypercall_table.S - the address of every entry of the shim's hypercall
 * page copy, for indirect calls ("call *hypercall_entries + nr*4"): the
 * page lies at a fixed address in the shim's state, and a PC-relative call
 * to it would miss from every copy of the image but the one at
 * VMIX_SHIM_TEXT_VA.  Read-only data in the image; the entries are
 * absolute, so every copy finds the same page.
 *
 * Never: hold anything but hypercall_page + nr * 32.
 */
#include "shim/lib/asm.h"
#include "xenif/hypercall.h"

	.section .rodata
	.balign	4
	.globl	hypercall_entries
	.type	hypercall_entries, @object
hypercall_entries:
	nr = 0
	.rept	XEN_NR_HYPERCALLS
	.long	hypercall_page + nr * 32
	nr = nr + 1
	.endr
	.size	hypercall_entries, . - hypercall_entries
