// SPDX-License-Identifier: GPL-2.0
/*
 * fault.c - the C half of the faults and callbacks of events/: preparing
 * the #GP frame events/inject.S builds and SYSEXIT without SYSENTER_CS.
 *
 * Never: enter the guest through a vector it has no handler for.
 */
#include "events/gates.h"
#include "xenif/domain.h"
#include "xenif/multicall.h"
#include "xenif/shared.h"
#include "xenif/stats.h"

/* What events_inject_gp pushed. */
struct gp_frame {
	uint32_t error, eip, cs, eflags;
};

#define EFLAGS_IF	0x200u
#define VECTOR_GP	13

uint32_t __attribute__((regparm(3))) events_prepare_gp(struct gp_frame *f);
void __attribute__((noreturn)) events_sysexit_unset(void);
void events_fault_flush(void);

/* A page fault with page-table work queued: issue it (events/pf.S). */
void events_fault_flush(void)
{
	uint8_t owner = xen_stats_owner;	/* a call the fault interrupted */

	xen_stats_owner = XEN_OWNER_FAULT;
	mc_flush();
	xen_stats_owner = owner;
}

uint32_t __attribute__((regparm(3))) events_prepare_gp(struct gp_frame *f)
{
	const struct trap_info *t = events_gate(VECTOR_GP);
	struct vcpu_info *v = this_vcpu();

	if (!t->address)
		xen_crash("vmi: #GP for the call returning to %08x, but the guest has no #GP handler\n",
			  f->eip);
	f->eflags = (f->eflags & ~EFLAGS_IF) |
		    (v->evtchn_upcall_mask ? 0 : EFLAGS_IF);
	if (t->flags & GATE_MASK_EVENTS)
		v->evtchn_upcall_mask = 1;
	return t->address;
}

void __attribute__((noreturn)) events_sysexit_unset(void)
{
	xen_crash("vmi: SYSEXIT: SYSENTER_CS is not set (WRMSR 0x174 first), so there are no user selectors to return to\n");
}
