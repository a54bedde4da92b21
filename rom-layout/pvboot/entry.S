/* SPDX-License-Identifier: GPL-2.0 *
 * Never: run after the VMI kernel starts.
 */
/*
 * entry.S - entry, ELF notes and payload of the PV boot image
 * (build/vmi-xen.elf), a 32-bit PAE Xen PV kernel that carries the VMI ROM
 * and starts the VMI kernel it is given as its module.  See docs/boot.md.
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

	ELFNOTE(XEN_ELFNOTE_GUEST_OS,	.asciz "vmi-xen")
	ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "1")
	ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0")
	ELFNOTE(XEN_ELFNOTE_LOADER,	.asciz "generic")
	ELFNOTE(XEN_ELFNOTE_PAE_MODE,	.asciz "yes")
	ELFNOTE(XEN_ELFNOTE_VIRT_BASE,	.long VIRT_BASE)
	ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long VIRT_BASE)
	ELFNOTE(XEN_ELFNOTE_ENTRY,	.long _start)
	ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page)
	ELFNOTE(XEN_ELFNOTE_FEATURES,
		.asciz "!writable_page_tables|pae_pgdir_above_4gb")

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
