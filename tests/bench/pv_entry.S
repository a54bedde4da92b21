/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pv_entry.S - the direct-PV backend's way back from a trap (BE_IRET),
 * XenoLinux's: a frame that enables interrupts unmasks events, re-checks
 * evtchn_upcall_pending and leaves with a native iret; an event that
 * was pending is taken first, as an upcall on the same frame.  An event
 * arriving between the check and the iret is delivered by Xen at the
 * iret, on top of this frame, which is just as right.  A frame that
 * leaves interrupts disabled keeps the mask set.  Xen's iret hypercall
 * would only be needed for ring 3 with interrupts disabled, which this
 * kernel never enters.
 *
 * Never: leave with the mask clear for a frame whose IF is clear.
 */
#define EFLAGS_IF	0x200
#define VEC_UPCALL	0x100

	.text
	.globl pv_iret
	.type pv_iret, @function
pv_iret:
	testl	$EFLAGS_IF, 8(%esp)
	jz	2f
	movb	$0, pv_shared_info + 1
	testb	$0xff, pv_shared_info
	jnz	1f
	iret
1:	movb	$1, pv_shared_info + 1
	pushl	$0
	pushl	$VEC_UPCALL
	jmp	trap_common
2:	movb	$1, pv_shared_info + 1
	iret
	.size pv_iret, . - pv_iret

	.section .note.GNU-stack, "", @progbits
