/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pv_head.S - the ELF notes, entry and hypercall page of the direct-PV
 * build: what makes it a 32-bit PAE Xen PV kernel Xen boots as dom0
 * with no boot image and no ROM.
 *
 * Never: run before Xen's start of day; ESI is start_info.
 */
#include "xenif/elfnote.h"

#define VIRT_BASE	0xC0000000

	XEN_PV32_NOTES("vmi-xen-bench-pv", VIRT_BASE, pv_start)

	.text
	.globl	pv_start
pv_start:
	cld
	mov	$pv_stack_top, %esp
	push	$0
	push	$0
	push	%esi			/* start_info */
	push	$0
	call	bench_main
	ud2

	.balign	4096
	.globl	hypercall_page
hypercall_page:				/* filled by Xen */
	.fill	4096, 1, 0xcc

	.bss
	.balign	16
pv_stack:
	.skip	16384
pv_stack_top:

	.section .note.GNU-stack, "", @progbits
