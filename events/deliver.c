// SPDX-License-Identifier: GPL-2.0
/*
 * deliver.c - the C half of Xen's event callback (events/upcall.S): handle
 * what Xen marked pending, acknowledge the next vector the guest's
 * interrupt controllers offer, and name the guest's handler for it, which
 * the assembly enters with the interrupt frame Xen (or the IRET window,
 * or an enabling call) left on the stack.
 *
 * Queued page-table work is issued before the guest's handler runs (the
 * spec's flush points: an interrupt reaching the guest is one).
 *
 * Never: enter a vector the guest's IDT has no gate for, or return with
 * evtchn_upcall_pending clear while a vector is still waiting.
 */
#include "events/events.h"
#include "events/gates.h"
#include "events/intc.h"
#include "xenif/domain.h"
#include "xenif/multicall.h"
#include "xenif/shared.h"
#include "xenif/stats.h"

/* What events/upcall.S pushed, then the frame below it. */
struct upcall_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t es, ds;
	uint32_t handler;
	uint32_t eip, cs, eflags;	/* + esp, ss from ring 3 */
};

#define CS_SELECTOR	0xffffu		/* Xen keeps the saved mask above */

uint32_t events_upcalls, events_delivered;

uint32_t __attribute__((regparm(3))) events_upcall(struct upcall_frame *f);

uint32_t __attribute__((regparm(3))) events_upcall(struct upcall_frame *f)
{
	struct vcpu_info *v = this_vcpu();
	uint8_t owner = xen_stats_owner;
	const struct trap_info *t;
	int vector;

	xen_stats_owner = XEN_OWNER_EVENT;
	events_upcalls++;
	v->evtchn_upcall_pending = 0;
	events_scan();
	vector = intc_ack();
	if (vector < 0) {
		xen_stats_owner = owner;
		return 0;
	}
	t = events_gate(vector);
	if (!t->address)
		xen_crash("vmi: interrupt vector %u (EIP %08x) has no gate in the guest's IDT (WriteIDTEntry it before unmasking its source)\n",
			  vector, f->eip);
	if (mc_queued)
		mc_flush();
	intc_update();			/* another one waiting: pending again */
	f->cs &= CS_SELECTOR;
	if (!(t->flags & GATE_MASK_EVENTS))
		v->evtchn_upcall_mask = 0;	/* a trap gate keeps IF */
	events_delivered++;
	xen_stats_owner = owner;
	return t->address;
}

/* Xen's failsafe callback: a fault returning to the guest (DS...GS first). */
struct failsafe_frame {
	uint32_t ds, es, fs, gs, eip, cs, eflags;
};

void __attribute__((regparm(3), noreturn))
events_failsafe(const struct failsafe_frame *f);

void __attribute__((regparm(3), noreturn))
events_failsafe(const struct failsafe_frame *f)
{
	xen_crash("vmi: Xen's failsafe callback: returning to the guest at %04x:%08x faulted on its segments (DS %04x, ES %04x, FS %04x, GS %04x)\n",
		  f->cs & CS_SELECTOR, f->eip, f->ds & CS_SELECTOR,
		  f->es & CS_SELECTOR, f->fs & CS_SELECTOR,
		  f->gs & CS_SELECTOR);
}
