/* SPDX-License-Identifier: GPL-2.0 */
/*
 * boot.S - Multiboot (v1) header and entry point of the VMI test guest.
 *
 * The loader enters at _start in 32-bit protected mode with flat segments,
 * EAX = the Multiboot magic and EBX = the Multiboot information.  We clear
 * .bss, switch to our own stack and call kmain(magic, mbi).  Nothing here
 * is privileged: the same code runs in ring 0 (bare QEMU) and ring 1 (Xen).
 */

#define MB_HEADER_MAGIC		0x1BADB002
#define MB_HEADER_FLAGS		0x00000003	/* page-align | mem-info */
#define BOOT_STACK_SIZE		16384

	.section .multiboot, "a", @progbits
	.p2align 2
mb_header:
	.long MB_HEADER_MAGIC
	.long MB_HEADER_FLAGS
	.long -(MB_HEADER_MAGIC + MB_HEADER_FLAGS)

	.text
	.globl _start
	.type _start, @function
_start:
	cld
	mov	%eax, %ebp		/* keep the magic; EBX keeps the info */
	mov	$__bss_start, %edi
	mov	$__bss_end, %ecx
	sub	%edi, %ecx
	xor	%eax, %eax
	rep stosb
	mov	$boot_stack_top, %esp
	xor	%eax, %eax
	push	%eax			/* keep the stack 16-byte aligned */
	push	%eax
	push	%ebx
	push	%ebp
	xor	%ebp, %ebp
	call	kmain
1:	jmp	1b			/* kmain does not return */
	.size _start, . - _start

	.bss
	.p2align 4
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
