/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trap_entry.S - the exception and system call stubs.  Each pushes 0 where
 * the CPU pushes no error code, then its vector, and joins trap_common,
 * which builds struct trap_frame (trap.h), calls trap_dispatch(frame) with
 * flat kernel DS/ES, restores everything from the frame and returns with
 * VMI IRET: the frame's EIP, CS, EFLAGS (and ESP, SS from ring 3) lie
 * above the return address of the call into the IRET slot.  The
 * interrupt stubs (irq_entry.S) join trap_common the same way.
 */

#define KERNEL_DS	0x10		/* GDT entry 2; any RPL <= DPL works */

.macro stub vec, has_error_code
	.p2align 4
trap_stub_\vec:
	.if \has_error_code == 0
	pushl	$0
	.endif
	pushl	$\vec
	jmp	trap_common
.endm

	.text
	stub 0, 0
	stub 1, 0
	stub 2, 0
	stub 3, 0
	stub 4, 0
	stub 5, 0
	stub 6, 0
	stub 7, 0
	stub 8, 1
	stub 9, 0
	stub 10, 1
	stub 11, 1
	stub 12, 1
	stub 13, 1
	stub 14, 1
	stub 15, 0
	stub 16, 0
	stub 17, 1
	stub 18, 0
	stub 19, 0

	.p2align 4
	.globl trap_stub_syscall
trap_stub_syscall:
	pushl	$0
	pushl	$0x80
	jmp	trap_common

	.p2align 4
	.globl trap_stub_kernel_only
trap_stub_kernel_only:
	pushl	$0
	pushl	$0x81
	jmp	trap_common

	.p2align 4
	.globl trap_common		/* irq_entry.S joins it too */
	.type trap_common, @function
trap_common:
	pushal
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	movl	$KERNEL_DS, %eax
	mov	%ax, %ds
	mov	%ax, %es
	cld
	pushl	%esp			/* struct trap_frame * */
	call	trap_dispatch
	addl	$4, %esp
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	popal
	addl	$8, %esp		/* vector, error code */
	call	*%ss:vmi_iret_fn	/* does not return */
	ud2
	.size trap_common, . - trap_common

	.section .rodata
	.p2align 2
	.globl trap_stubs
trap_stubs:
	.long	trap_stub_0, trap_stub_1, trap_stub_2, trap_stub_3
	.long	trap_stub_4, trap_stub_5, trap_stub_6, trap_stub_7
	.long	trap_stub_8, trap_stub_9, trap_stub_10, trap_stub_11
	.long	trap_stub_12, trap_stub_13, trap_stub_14, trap_stub_15
	.long	trap_stub_16, trap_stub_17, trap_stub_18, trap_stub_19

	.section .note.GNU-stack, "", @progbits
