/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iret.S - privilege transitions: VMI_IRET, VMI_SYSEXIT and Xen's sysenter
 * callback.
 *
 * Queued page-table writes may outlive a return (the spec's deferred
 * mode): an access that needs one faults, and events/pf.S issues the
 * queue and retries before the guest sees the fault.
 *
 * Never: trust any register of the interrupted context but CS/SS.
 */
#include "shim/lib/asm.h"

	.text
	.code32

/*
 * VMI_IRET, entered by CALL: above the return address lies a native IRET
 * frame (EIP, CS, EFLAGS, and ESP, SS for a return to ring 3).  Registers
 * are the interrupted context's and only CS/SS may be trusted.
 *
 * A frame that re-enables interrupts takes the fast path, the XenoLinux
 * way: unmask, check for pending work, native iret; an event arriving in
 * between is recognised by the upcall (events/upcall.S) and delivered on
 * this frame.  The window runs only at the image's fixed address (reached
 * through events_iret_unmask_at), so that the upcall can recognise it.
 * With work pending after unmasking, it is delivered at once on this frame
 * (the guest's handler returns to the frame's context).  A frame that
 * leaves interrupts disabled returns to ring 1 with the mask set and a
 * native iret.  Xen's iret hypercall remains only for a return to ring 3
 * with IF clear, which a native iret cannot make exact (the guest's
 * user-mode IF must stay set under Xen: spec, "interrupts must always be
 * enabled when running code in userspace"); it is a tail jump into the page
 * with the guest's frame on the stack, so it bypasses the C seam of
 * xenif/hypercall.h (and its counter).  No general register is touched on
 * the way: the frame's CS and EFLAGS are tested in place.
 */
ENTRY(vmi_IRET)
	leal	4(%esp), %esp
	.globl	events_iret_frame	/* an IRET frame on the stack: return */
events_iret_frame:			/* 0: EIP, 4: CS, 8: EFLAGS */
	testl	$0x200, 8(%esp)
	jz	2f
	jmp	*%ss:events_iret_unmask_at
2:	testl	$2, 4(%esp)		/* CS RPL 3 (RPL 1 has bit 1 clear) */
	jnz	3f
	movb	$1, %ss:VCPU0_UPCALL_MASK
	iret
3:	jmp	*%ss:HYPERCALL_ENTRY(__HYPERVISOR_iret)
END(vmi_IRET)

/* Reached only at the fixed address (see above and events/upcall.S). */
ENTRY(events_iret_unmask)
	movb	$0, %ss:VCPU0_UPCALL_MASK
	.globl	events_iret_window, events_iret_window_end
events_iret_window:			/* an event from here on: upcall.S */
	testb	$0xff, %ss:VCPU0_UPCALL_PENDING
	jnz	1f
	iret
1:	movb	$1, %ss:VCPU0_UPCALL_MASK
events_iret_window_end:			/* masked again: nothing can arrive */
	jmp	events_upcall_masked	/* deliver on this frame */
END(events_iret_unmask)

/*
 * VMI_SYSEXIT: EDX = user EIP, ECX = user ESP; user CS and SS follow the
 * guest's SYSENTER_CS MSR (+16, +24, RPL 3), interrupts are enabled with
 * the return.  Built as an IRET frame and left through the path above.
 */
ENTRY(vmi_SYSEXIT)
	leal	-16(%esp), %esp		/* EIP (over the return address), CS, EFLAGS, ESP, SS */
	pushl	%eax
	movl	%edx, 4(%esp)
	movl	%ecx, 16(%esp)
	pushfl
	popl	%eax
	orl	$0x200, %eax
	movl	%eax, 12(%esp)
	movl	%ss:sysenter_cs, %eax
	andl	$0xfffc, %eax
	jz	1f
	addl	$16 + 3, %eax
	movl	%eax, 8(%esp)
	addl	$8, %eax
	movl	%eax, 20(%esp)
	popl	%eax
	jmp	events_iret_frame
1:	call	events_sysexit_unset	/* does not return */
END(vmi_SYSEXIT)

/*
 * Xen's sysenter callback, registered when the guest programs the
 * SYSENTER MSRs: enter the guest as SYSENTER would, at SYSENTER_EIP on
 * SYSENTER_ESP with events masked, dropping the frame Xen pushed.  Every
 * general register except ESP is the user's.
 */
ENTRY(xen_sysenter_callback)
	pushl	%eax
	pushl	%ss:sysenter_eip
	movl	%ss:sysenter_esp, %eax
	xchgl	%eax, %esp
	pushl	(%eax)			/* SYSENTER_EIP */
	pushl	4(%eax)			/* the user's EAX */
	popl	%eax
	ret
END(xen_sysenter_callback)

	.section .rodata
	.balign	4
	.globl	events_iret_unmask_at
events_iret_unmask_at:
	.long	events_iret_unmask
