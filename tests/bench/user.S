/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user.S - the ring-3 side of the operations, mapped read-only at
 * USER_TEXT in every process (bench.h).  Position-independent: only
 * relative jumps, no absolute address.  Each loop takes its count in
 * ECX and ends with SYS_EXIT.
 *
 * Never: reach kernel memory; everything comes in registers.
 */
#define SYS_EXIT	0
#define SYS_NULL	1
#define SYS_YIELD	2
#define SYS_SIGRETURN	3
#define FRAME_EIP	40		/* offsetof(struct frame, eip) */
#define SKIP		2		/* divl %ecx, movl %eax,(%ebx) */

	.section .user, "ax", @progbits
	.p2align 12
	.globl user_start
user_start:

.macro uentry name
	.globl \name
	.type \name, @function
\name:
.endm

uentry u_exit
	mov	$SYS_EXIT, %eax
	int	$0x80
	jmp	u_exit

/* ECX null system calls. */
uentry u_null_loop
1:	mov	$SYS_NULL, %eax
	int	$0x80
	dec	%ecx
	jnz	1b
	jmp	u_exit

/* ECX reads (touch_read) or writes (touch_write) from EBX, EDX apart. */
uentry u_touch_read
1:	mov	(%ebx), %eax
	add	%edx, %ebx
	dec	%ecx
	jnz	1b
	jmp	u_exit

uentry u_touch_write
1:	mov	%ecx, (%ebx)
	add	%edx, %ebx
	dec	%ecx
	jnz	1b
	jmp	u_exit

/* ECX divisions by zero, each a signal the handler skips. */
uentry u_div_loop
1:	push	%ecx
	xor	%ecx, %ecx
	xor	%edx, %edx
	mov	$1, %eax
	.byte	0xf7, 0xf1		/* divl %ecx: SKIP bytes */
	pop	%ecx
	dec	%ecx
	jnz	1b
	jmp	u_exit

/* ECX writes to EBX, which nothing maps: SIGSEGV each time. */
uentry u_segv_loop
1:	.byte	0x89, 0x03		/* movl %eax, (%ebx): SKIP bytes */
	dec	%ecx
	jnz	1b
	jmp	u_exit

/*
 * The signal handler: ESP points at the saved frame (struct frame);
 * resume after the faulting instruction.
 */
uentry u_sig_handler
	addl	$SKIP, FRAME_EIP(%esp)
	mov	$SYS_SIGRETURN, %eax
	int	$0x80
1:	jmp	1b

/* Yield for ever: the kernel ends the ring. */
uentry u_yield_loop
1:	mov	$SYS_YIELD, %eax
	int	$0x80
	jmp	1b

	.p2align 12
	.globl user_end
user_end:

	.section .note.GNU-stack, "", @progbits
