/* SPDX-License-Identifier: GPL-2.0 */
/*
 * segments.S - load_segments(cs, ss, ds): reload SS and DS/ES/FS/GS, then
 * CS with a far return (no far jump: the RPL of cs is only known at run
 * time).  Unprivileged at any CPL as long as the RPLs match it.
 */
	.text
	.globl load_segments
	.type load_segments, @function
load_segments:
	movl	8(%esp), %eax
	mov	%ax, %ss
	movl	12(%esp), %eax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %fs
	mov	%ax, %gs
	pushl	4(%esp)
	pushl	$1f
	lret
1:	ret
	.size load_segments, . - load_segments

	.section .note.GNU-stack, "", @progbits
