/* SPDX-License-Identifier: GPL-2.0 */
/*
 * abi_probe.S - abi_probe(fn, in, out, flags): load all general registers
 * from *in, call fn, store all general registers to *out.  ESP is left as
 * it is, so the callee sees an ordinary call; with PROBE_DF in flags the
 * call runs with EFLAGS.DF set (std before, cld after).
 */

#define ARG_FN		20	/* after the 4 callee-saved pushes */
#define ARG_IN		24
#define ARG_OUT		28
#define ARG_FLAGS	32

#define R_EAX		0	/* struct probe_regs */
#define R_EBX		4
#define R_ECX		8
#define R_EDX		12
#define R_ESI		16
#define R_EDI		20
#define R_EBP		24

#define PROBE_DF	0x1

	.text
	.globl abi_probe
	.type abi_probe, @function
abi_probe:
	push	%ebp
	push	%ebx
	push	%esi
	push	%edi

	testl	$PROBE_DF, ARG_FLAGS(%esp)
	jz	1f
	std
1:	mov	ARG_IN(%esp), %eax
	mov	R_EBX(%eax), %ebx
	mov	R_ECX(%eax), %ecx
	mov	R_EDX(%eax), %edx
	mov	R_ESI(%eax), %esi
	mov	R_EDI(%eax), %edi
	mov	R_EBP(%eax), %ebp
	mov	R_EAX(%eax), %eax

	call	*ARG_FN(%esp)
	cld

	push	%eax			/* out pointer needs a register */
	mov	ARG_OUT + 4(%esp), %eax
	mov	%ebx, R_EBX(%eax)
	mov	%ecx, R_ECX(%eax)
	mov	%edx, R_EDX(%eax)
	mov	%esi, R_ESI(%eax)
	mov	%edi, R_EDI(%eax)
	mov	%ebp, R_EBP(%eax)
	popl	R_EAX(%eax)

	pop	%edi
	pop	%esi
	pop	%ebx
	pop	%ebp
	ret
	.size abi_probe, . - abi_probe

	.section .note.GNU-stack, "", @progbits
