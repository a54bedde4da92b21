/* SPDX-License-Identifier: GPL-2.0 *
 * Never: run after the VMI kernel starts.
 */
/*
 * entry.S - entry, ELF notes and payload of the PV boot image
 * (build/vmi-xen.elf), a 32-bit PAE Xen PV kernel that carries the VMI ROM
 * and starts the VMI kernel it is given as its module.  See docs/boot.md.
 */
#include "xenif/elfnote.h"

#define VIRT_BASE	0xC0000000

	XEN_PV32_NOTES("vmi-xen", VIRT_BASE, _start)

	.text
	.code32
	.globl	_start
_start:				/* ESI = start_info, flat ring-1 segments */
	cld
	movl	$boot_stack_top, %esp
	pushl	%esi
	call	pvboot_main
	ud2a

	.balign	4096
	.globl	hypercall_page
hypercall_page:			/* filled by Xen */
	.fill	4096, 1, 0xcc

	.section .rodata
	.balign	16
	.globl	rom_blob, rom_blob_end
rom_blob:
	.incbin	ROM_BIN
rom_blob_end:

	.bss
	.balign	16
	.skip	16384
boot_stack_top:
