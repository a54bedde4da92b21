/* SPDX-License-Identifier: GPL-2.0 */
/*
 * inject.S - #GP(0) at a VMI call: where the fallible slots of shim/slots.S
 * go when their call refused its input.
 *
 * Never: change a register the guest's #GP handler could rely on (only
 * EAX, ECX and EDX differ from the call site; the calls clobber them).
 */
#include "shim/lib/asm.h"

	.text
	.code32

/*
 * 0(%esp): the guest's return address.  The guest's #GP handler is entered
 * with a same-privilege frame (error code 0, EIP = the return address, CS,
 * EFLAGS with the virtual IF), as if the call had faulted.
 */
ENTRY(events_inject_gp)
	popl	%edx
	pushfl
	pushl	%cs
	pushl	%edx
	pushl	$0
	movl	%esp, %eax
	call	events_prepare_gp	/* fixes EFLAGS.IF, returns the handler */
	jmp	*%eax
END(events_inject_gp)

/*
 * The same for a call that clobbers nothing (the OUT family, whose model
 * refused the value): every register and the flags are the caller's, so
 * the handler sees exactly the state of a faulting OUT instruction.
 */
ENTRY(events_inject_gp_preserve)
	pushl	(%esp)			/* 0(%esp): the return address */
	pushl	(%esp)
	pushl	(%esp)
	pushl	(%esp)			/* handler, error, EIP, CS, EFLAGS */
	pushl	%eax
	pushl	%ecx
	pushl	%edx			/* 12: handler, 16: error, 20: EIP */
	pushfl
	popl	%eax
	movl	%eax, 28(%esp)		/* EFLAGS */
	xorl	%eax, %eax
	movw	%cs, %ax
	movl	%eax, 24(%esp)		/* CS */
	movl	$0, 16(%esp)		/* error code */
	leal	16(%esp), %eax
	call	events_prepare_gp	/* fixes EFLAGS.IF, returns the handler */
	movl	%eax, 12(%esp)
	popl	%edx
	popl	%ecx
	popl	%eax
	ret				/* into the handler, the #GP frame stays */
END(events_inject_gp_preserve)
