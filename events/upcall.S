/* SPDX-License-Identifier: GPL-2.0 */
/*
 * upcall.S - Xen's event and failsafe callbacks, and delivery of what is
 * pending to the guest's interrupt vectors.
 *
 * Xen enters xen_event_callback with events masked (CALLBACKF_mask_events)
 * and a native-shaped frame on the guest's ring-1 stack: EIP, CS (Xen keeps
 * the saved mask in CS's upper half), EFLAGS with IF = the mask before, and
 * ESP, SS when it interrupted ring 3.  events/deliver.c turns pending event
 * channels into model interrupts (PIC, local APIC) and picks the vector to
 * deliver; the guest's handler for it is then entered with that very frame,
 * as if the CPU had taken the interrupt where Xen did, and returns through
 * VMI IRET.  With nothing to deliver, the interrupted context is resumed the
 * way VMI IRET resumes one (events/iret.S): unmask, check, iret.
 *
 * The IRET fast path's window (events/iret.S) is the one place an event
 * can arrive with a frame that must not be returned to: between unmasking
 * and the iret, the stack already holds the frame the iret is about to
 * use.  An event whose EIP lies in the window drops Xen's frame and is
 * delivered on the IRET's frame instead, as if it came just after the iret
 * (XenoLinux's critical-section fix-up): nothing runs twice, nothing is
 * delivered on a frame that is about to go away.  The window runs at its
 * fixed linear address only, so the check is a comparison.
 *
 * Never: return to an interrupted context with events masked that it had
 * unmasked, or enter a guest handler with a frame Xen built for a context
 * that the iret window was leaving.
 */
#include "shim/lib/asm.h"

#define EFLAGS_IF	0x200
#define HANDLER_SLOT	40		/* pushal (32) + ES + DS */

	.text
	.code32

/* Xen's frame on a ring-1 stack: EIP, CS, EFLAGS (+ ESP, SS from ring 3). */
ENTRY(xen_event_callback)
	cmpl	$events_iret_window, (%esp)
	jb	1f
	cmpl	$events_iret_window_end, (%esp)
	jae	1f
	leal	12(%esp), %esp		/* the IRET's frame is the one to use */
1:
	.globl	events_upcall_masked
	/* Events masked; an interrupt frame with IF set on the stack. */
events_upcall_masked:
	pushl	$0			/* HANDLER_SLOT: where to go */
	pushl	%ds
	pushl	%es
	pushal
	movl	%ss, %eax		/* the kernel's flat data, for C */
	movl	%eax, %ds
	movl	%eax, %es
	cld
	movl	%esp, %eax
	call	events_upcall		/* the guest's handler, or 0 */
	movl	%eax, HANDLER_SLOT(%esp)
	popal
	popl	%es
	popl	%ds
	cmpl	$0, (%esp)
	je	2f
	ret				/* into the handler; the frame stays */
2:	leal	4(%esp), %esp
	jmp	events_iret_frame	/* IF is set in the frame: resume */
END(xen_event_callback)

/*
 * From the interrupt-flag calls (events/vif.S) and C (events_release) when
 * they unmasked and found something pending: 0(%esp) is the return address
 * and every register is the caller's.  Builds the frame an interrupt at
 * that return address would push (IF set: events are now enabled) and
 * delivers as Xen's callback would.
 */
ENTRY(events_deliver_pending)
	pushl	(%esp)			/* EIP */
	pushl	(%esp)			/* CS, below */
	pushl	%eax
	pushfl
	popl	%eax
	orl	$EFLAGS_IF, %eax
	movl	%eax, 12(%esp)		/* EFLAGS, over the return address */
	xorl	%eax, %eax
	movw	%cs, %ax
	movl	%eax, 8(%esp)
	popl	%eax
	movb	$1, %ss:VCPU0_UPCALL_MASK
	jmp	*%ss:events_upcall_masked_at
END(events_deliver_pending)

/* Failsafe frame: DS, ES, FS, GS, then EIP, CS, EFLAGS ... */
ENTRY(xen_failsafe_callback)
	cld
	movl	$FLAT_RING1_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%esp, %eax
	call	events_failsafe
END(xen_failsafe_callback)

	.section .rodata
	.balign	4
	/* Absolute: delivery runs at the image's fixed address. */
	.globl	events_upcall_masked_at
events_upcall_masked_at:
	.long	events_upcall_masked
