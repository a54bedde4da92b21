// SPDX-License-Identifier: GPL-2.0
/*
 * halt.c - VMI_Halt: "sti; hlt".
 *
 * The vCPU blocks (SCHEDOP_block, which unmasks events and sleeps unless
 * one is pending) until an interrupt has been delivered to the guest: Xen
 * delivers the upcall on the way back from the hypercall, the guest's
 * handler runs and returns here through VMI IRET.  An event that brings
 * no guest interrupt (an AVAILABLE alarm projected again after stolen
 * time, say) blocks again.  Halt returns with interrupts enabled, as the
 * spec's interruptible halt requires.
 *
 * Never: return before an interrupt reached the guest, or with events
 * masked.
 */
#include "events/events.h"
#include "xenif/hypercall.h"

void __attribute__((regparm(3))) vmi_Halt(void);

void __attribute__((regparm(3))) vmi_Halt(void)
{
	volatile uint32_t *delivered = &events_delivered;
	struct vcpu_info *v = this_vcpu();
	uint32_t seen = *delivered;

	for (;;) {
		v->evtchn_upcall_mask = 1;
		__asm__ volatile("" : : : "memory");
		if (*delivered != seen)
			break;
		hyp_sched_op(SCHEDOP_block, 0);	/* unmasks */
	}
	events_release(0);
}
