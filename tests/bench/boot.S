/* SPDX-License-Identifier: GPL-2.0 */
/*
 * boot.S - Multiboot header and entry of the raw and VMI builds.  Runs
 * at its physical address: on bare hardware (CPL 0, paging off) it
 * turns on PAE paging with [0, 1 GiB) mapped twice in 2 MiB pages, at 0
 * and at 0xC0000000 (the phys map); on the vmi-xen shim (CPL 1) the
 * boot image's start-of-day mapping has both already.  Then it jumps to
 * the kernel at its linked address with the Multiboot arguments.
 *
 * Never: run anything but this at a physical address.
 */
#define MB_MAGIC	0x1BADB002
#define MB_FLAGS	0x00000003		/* page-align | memory info */
#define CR0_PG		0x80000000
#define CR0_WP		0x00010000
#define CR4_PAE		0x00000020
#define PDE_2M		0x83			/* present, writable, 2 MiB */
#define PHYS_BASE	0xC0000000

	.section .boot.header, "a", @progbits
	.p2align 2
	.long	MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

	.section .boot.text, "ax", @progbits
	.globl _start
_start:
	cld
	mov	%eax, %ebp
	mov	%cs, %ecx
	test	$3, %ecx
	jnz	2f
	mov	$boot_pd, %edi
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$21, %eax
	or	$PDE_2M, %eax
	mov	%eax, (%edi,%ecx,8)
	movl	$0, 4(%edi,%ecx,8)
	inc	%ecx
	cmp	$512, %ecx
	jb	1b
	lea	1(%edi), %eax
	mov	%eax, boot_pdpt
	mov	%eax, boot_pdpt + 24
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$boot_pdpt, %eax
	mov	%eax, %cr3
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
2:	mov	$high_entry, %eax
	jmp	*%eax

	.section .boot.bss, "aw", @nobits
	.p2align 12
boot_pdpt:
	.skip	4096
boot_pd:
	.skip	4096

	.text
high_entry:
	mov	$boot_stack_top, %esp
	push	$0
	push	$0
	push	%ebx			/* Multiboot information (physical) */
	push	%ebp			/* magic */
	call	bench_main
1:	jmp	1b

	.bss
	.p2align 4
	.globl boot_stack_top
boot_stack:
	.skip	16384
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
