/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user_entry.S - the ways into ring 3 and back.
 *
 * enter_user_iret(eip, esp): DS/ES = USER_DS, FS/GS = 0, then VMI IRET
 * with the frame EIP, USER_CS, EFLAGS (IF set), ESP, USER_DS.
 * enter_user_sysexit(eip, esp): the same segments, then VMI SYSEXIT with
 * EDX = EIP and ECX = ESP (CS and SS come from SYSENTER_CS + 16 / + 24).
 * task_start: where a new task's kernel stack first returns to.
 * user_exit_trampoline (ring 3): a user function returns here with its
 * result in EAX, which becomes the exit system call.
 */

#define USER_CS		0x1b		/* GDT entry 3, RPL 3 */
#define USER_DS		0x23		/* GDT entry 4, RPL 3 */
#define USER_EFLAGS	0x202		/* IF and the reserved bit 1 */
#define SYS_EXIT	0

	.text
	.globl enter_user_iret
	.type enter_user_iret, @function
enter_user_iret:
	movl	4(%esp), %eax
	movl	8(%esp), %ecx
	movl	$USER_DS, %edx
	mov	%dx, %ds
	mov	%dx, %es
	xorl	%edx, %edx
	mov	%dx, %fs
	mov	%dx, %gs
	pushl	$USER_DS
	pushl	%ecx
	pushl	$USER_EFLAGS
	pushl	$USER_CS
	pushl	%eax
	call	*%ss:vmi_iret_fn	/* does not return */
	ud2
	.size enter_user_iret, . - enter_user_iret

	.globl enter_user_sysexit
	.type enter_user_sysexit, @function
enter_user_sysexit:
	movl	4(%esp), %edx
	movl	8(%esp), %ecx
	movl	$USER_DS, %eax
	mov	%ax, %ds
	mov	%ax, %es
	xorl	%eax, %eax
	mov	%ax, %fs
	mov	%ax, %gs
	call	*%ss:vmi_sysexit_fn	/* does not return */
	ud2
	.size enter_user_sysexit, . - enter_user_sysexit

	.globl task_start
	.type task_start, @function
task_start:
	call	task_first_run		/* does not return */
	ud2
	.size task_start, . - task_start

	.globl user_exit_trampoline
	.type user_exit_trampoline, @function
user_exit_trampoline:
	movl	%eax, %ebx
	movl	$SYS_EXIT, %eax
	int	$0x80
	ud2
	.size user_exit_trampoline, . - user_exit_trampoline

	.section .note.GNU-stack, "", @progbits
