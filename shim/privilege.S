/*
 * privilege.S - privilege transitions and faults made by the shim:
 * VMI_IRET, VMI_SYSEXIT, Xen's sysenter callback, the entry stubs of calls
 * that can refuse bad input, and #GP injection.
 */
#include "asm.h"

	.text
	.code32

/*
 * Calls that refuse bad input: do_<name> (C, regparm) returns 0, or nonzero
 * after printing a diagnostic; then #GP(0) is injected at the call.  A
 * fourth argument (4(%esp) at entry) is passed on.
 */
.macro	fallible name, stack_args=0
	entry	vmi_\name
	.if	\stack_args
	pushl	4(%esp)
	call	do_\name
	leal	4(%esp), %esp
	.else
	call	do_\name
	.endif
	testl	%eax, %eax
	jnz	vmi_inject_gp
	ret
.endm
	fallible	SetGDT
	fallible	SetIDT
	fallible	SetLDT
	fallible	SetTR
	fallible	WriteGDTEntry, 1
	fallible	WriteLDTEntry, 1
	fallible	WriteIDTEntry, 1
	fallible	SetCR0
	fallible	SetCR4
	fallible	SetDR
	fallible	INVD

/*
 * #GP(0) at the VMI call: the guest's #GP handler is entered with a
 * same-privilege frame (error code, EIP = the call's return address, CS,
 * EFLAGS with the virtual IF), as if the call had faulted.  Only EAX, ECX
 * and EDX differ from the call site: the calls above clobber them anyway.
 */
	entry	vmi_inject_gp		/* 0(%esp): the guest's return address */
	popl	%edx
	pushfl
	pushl	%cs
	pushl	%edx
	pushl	$0
	movl	%esp, %eax
	call	shim_prepare_gp		/* fixes EFLAGS.IF, returns the handler */
	jmp	*%eax

/*
 * VMI_IRET, entered by CALL: above the return address lies a native IRET
 * frame (EIP, CS, EFLAGS, and ESP, SS for a return to ring 3).  Registers
 * are the interrupted context's and only CS/SS may be trusted.
 *
 * Fast path, a native iret, where it is exact: the frame re-enables
 * interrupts and events are already unmasked, or it leaves them disabled
 * on a return to ring 1 (the mask is set first).  Otherwise (re-enabling
 * from masked, or ring 3 with IF clear) Xen's iret hypercall unmasks and
 * returns atomically, delivering anything pending.
 */
	entry	vmi_IRET
	leal	4(%esp), %esp
iret_frame:				/* 0: EIP, 4: CS, 8: EFLAGS */
	pushl	%eax
	got_in_eax
	testl	$0x200, 12(%esp)
	jz	2f
	cmpb	$0, %ss:UPCALL_MASK(%eax)
	jne	3f
	popl	%eax
	iret
2:	testl	$2, 8(%esp)		/* CS RPL 3 (RPL 1 has bit 1 clear) */
	jnz	3f
	movb	$1, %ss:UPCALL_MASK(%eax)
	popl	%eax
	iret
3:	popl	%eax
	jmp	hypercall_page + HYPERCALL_IRET * 32

/*
 * VMI_SYSEXIT: EDX = user EIP, ECX = user ESP; user CS and SS follow the
 * guest's SYSENTER_CS MSR (+16, +24, RPL 3), interrupts are enabled with
 * the return.  Built as an IRET frame and left through the path above.
 */
	entry	vmi_SYSEXIT
	leal	4(%esp), %esp
	leal	-20(%esp), %esp		/* EIP, CS, EFLAGS, ESP, SS */
	pushl	%eax
	movl	%edx, 4(%esp)
	movl	%ecx, 16(%esp)
	pushfl
	popl	%eax
	orl	$0x200, %eax
	movl	%eax, 12(%esp)
	got_in_eax
	movl	sysenter_cs@GOTOFF(%eax), %eax
	andl	$0xfffc, %eax
	jz	1f
	addl	$16 + 3, %eax
	movl	%eax, 8(%esp)
	addl	$8, %eax
	movl	%eax, 20(%esp)
	popl	%eax
	jmp	iret_frame
1:	call	shim_sysexit_unset	/* does not return */

/*
 * Xen's sysenter callback, registered when the guest programs the
 * SYSENTER MSRs: enter the guest as SYSENTER would, at SYSENTER_EIP on
 * SYSENTER_ESP with events masked, dropping the frame Xen pushed.  Every
 * general register except ESP is the user's.
 */
	entry	xen_sysenter_callback
	pushl	%eax
	got_in_eax
	pushl	sysenter_eip@GOTOFF(%eax)
	movl	sysenter_esp@GOTOFF(%eax), %eax
	xchgl	%eax, %esp
	pushl	(%eax)			/* SYSENTER_EIP */
	pushl	4(%eax)			/* the user's EAX */
	popl	%eax
	ret
