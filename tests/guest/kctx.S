/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kctx.S - kctx_save/kctx_restore (setjmp/longjmp for kernel contexts)
 * and context_switch (kernel stack switch between tasks); see kctx.h.
 */

#define C_EBX	0
#define C_ESI	4
#define C_EDI	8
#define C_EBP	12
#define C_ESP	16
#define C_EIP	20

	.text
	.globl kctx_save
	.type kctx_save, @function
kctx_save:
	movl	4(%esp), %eax
	movl	%ebx, C_EBX(%eax)
	movl	%esi, C_ESI(%eax)
	movl	%edi, C_EDI(%eax)
	movl	%ebp, C_EBP(%eax)
	leal	4(%esp), %ecx		/* ESP after our return */
	movl	%ecx, C_ESP(%eax)
	movl	(%esp), %ecx
	movl	%ecx, C_EIP(%eax)
	xorl	%eax, %eax
	ret
	.size kctx_save, . - kctx_save

	.globl kctx_restore
	.type kctx_restore, @function
kctx_restore:
	movl	4(%esp), %edx
	movl	8(%esp), %eax
	movl	C_EBX(%edx), %ebx
	movl	C_ESI(%edx), %esi
	movl	C_EDI(%edx), %edi
	movl	C_EBP(%edx), %ebp
	movl	C_ESP(%edx), %esp
	jmp	*C_EIP(%edx)
	.size kctx_restore, . - kctx_restore

	.globl context_switch
	.type context_switch, @function
context_switch:
	movl	4(%esp), %eax		/* save_esp */
	movl	8(%esp), %edx		/* new_esp */
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
	.size context_switch, . - context_switch

	.section .note.GNU-stack, "", @progbits
