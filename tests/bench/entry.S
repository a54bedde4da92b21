/* SPDX-License-Identifier: GPL-2.0 */
/*
 * entry.S - the benchmark kernel's trap entries, the one return path
 * (BE_IRET: the backend's way back, from its header) and the kernel
 * stack switch.  Every entry builds struct frame (bench.h) and calls
 * trap_dispatch.  The kernel runs on the user's flat data segments, as
 * Linux i386 does, so no segment register is saved or loaded here.
 *
 * Never: touch the interrupt flag; the backend's BE_IRET restores it.
 */
#define __ASSEMBLY__
#include BE_HEADER

#define VEC_UPCALL	0x100		/* trap.c: the PV event callback */

.macro stub name, vec, err
	.globl \name
	.type \name, @function
\name:
	.if \err == 0
	pushl	$0
	.endif
	pushl	$\vec
	jmp	trap_common
	.size \name, . - \name
.endm

	.text
	stub	entry_de, 0, 0
	stub	entry_db, 1, 0
	stub	entry_nmi, 2, 0
	stub	entry_bp, 3, 0
	stub	entry_of, 4, 0
	stub	entry_br, 5, 0
	stub	entry_ud, 6, 0
	stub	entry_nm, 7, 0
	stub	entry_df, 8, 1
	stub	entry_ts, 10, 1
	stub	entry_np, 11, 1
	stub	entry_ss, 12, 1
	stub	entry_gp, 13, 1
	stub	entry_pf, 14, 1
	stub	entry_mf, 16, 0
	stub	entry_ac, 17, 1
	stub	entry_timer, 0x20, 0
	stub	entry_syscall, 0x80, 0
	stub	entry_upcall, VEC_UPCALL, 0

	.globl trap_common
	.type trap_common, @function
trap_common:
	pushal
	push	%esp
	call	trap_dispatch
	add	$4, %esp
	.globl ret_from_trap
ret_from_trap:
	popal
	add	$8, %esp
	BE_IRET
	.size trap_common, . - trap_common

/*
 * switch_stacks(uint32_t *save, uint32_t next): the callee-saved
 * registers pushed, ESP saved in *save, next's stack popped.
 */
	.globl switch_stacks
	.type switch_stacks, @function
switch_stacks:
	mov	4(%esp), %eax
	mov	8(%esp), %edx
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi
	mov	%esp, (%eax)
	mov	%edx, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
	.size switch_stacks, . - switch_stacks

	.section .note.GNU-stack, "", @progbits
