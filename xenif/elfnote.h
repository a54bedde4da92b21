/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfnote.h - the ELF notes that make an image a 32-bit PAE Xen PV kernel
 * (Xen's loader reads them: <xen/elfnote.h>), for the assembly of the PV
 * boot image (rom-layout/pvboot/entry.S) and of the benchmark's direct-PV
 * kernel (tests/bench/pv_head.S).
 *
 * Never: name a feature the kernel does not have.
 */
#ifndef VMIX_XENIF_ELFNOTE_H
#define VMIX_XENIF_ELFNOTE_H

#include <xen/elfnote.h>

/* One note: "Xen", the type, the descriptor (assembler directives). */
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

/*
 * The notes of a 32-bit PAE PV kernel linked at virt_base (which is also
 * its PADDR_OFFSET), entered at entry, with its hypercall page at the
 * symbol hypercall_page; guest page tables read-only (no writable page
 * tables), PDPTs anywhere.
 */
#define XEN_PV32_NOTES(guest_os, virt_base, entry)			\
	ELFNOTE(XEN_ELFNOTE_GUEST_OS, .asciz guest_os);		\
	ELFNOTE(XEN_ELFNOTE_GUEST_VERSION, .asciz "1");		\
	ELFNOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0");		\
	ELFNOTE(XEN_ELFNOTE_LOADER, .asciz "generic");			\
	ELFNOTE(XEN_ELFNOTE_PAE_MODE, .asciz "yes");			\
	ELFNOTE(XEN_ELFNOTE_VIRT_BASE, .long virt_base);		\
	ELFNOTE(XEN_ELFNOTE_PADDR_OFFSET, .long virt_base);		\
	ELFNOTE(XEN_ELFNOTE_ENTRY, .long entry);			\
	ELFNOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .long hypercall_page);	\
	ELFNOTE(XEN_ELFNOTE_FEATURES,					\
		.asciz "!writable_page_tables|pae_pgdir_above_4gb")

#endif /* VMIX_XENIF_ELFNOTE_H */
