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
