/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pv_head.S - the ELF notes, entry and hypercall page of the direct-PV
 * build: what makes it a 32-bit PAE Xen PV kernel Xen boots as dom0
 * with no boot image and no ROM.
 *
 * Never: run before Xen's start of day; ESI is start_info.
 */
#include <xen/elfnote.h>

#define VIRT_BASE	0xC0000000

#define ELFNOTE(type, desc...)						\
	.pushsection .note.Xen, "a", @note;				\
	.balign 4;							\
	.long	2f - 1f;						\
	.long	4f - 3f;						\
	.long	type;							\
1:	.asciz	"Xen";							\
2:	.balign	4;							\
3:	desc;								\
4:	.balign	4;							\
	.popsection

	ELFNOTE(XEN_ELFNOTE_GUEST_OS,	.asciz "vmi-xen-bench-pv")
	ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "1")
	ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
	ELFNOTE(XEN_ELFNOTE_LOADER,	.asciz "generic")
	ELFNOTE(XEN_ELFNOTE_PAE_MODE,	.asciz "yes")
	ELFNOTE(XEN_ELFNOTE_VIRT_BASE,	.long VIRT_BASE)
	ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long VIRT_BASE)
	ELFNOTE(XEN_ELFNOTE_ENTRY,	.long pv_start)
	ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page)
	ELFNOTE(XEN_ELFNOTE_FEATURES,
		.asciz "!writable_page_tables|pae_pgdir_above_4gb")

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
