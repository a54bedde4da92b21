/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - what the rest of the shim uses from events/: the sysenter
 * callback's registration, Halt's blocking, and the callbacks' entry
 * points.  Vectors: events/gates.h.
 *
 * Never: depend on the VMI front end (events/ serves any front end).
 */
#ifndef VMIX_EVENTS_EVENTS_H
#define VMIX_EVENTS_EVENTS_H

#include <stdint.h>
#include "xenif/shared.h"

/* The SYSENTER MSRs as the guest set them (0x174, 0x175, 0x176). */
#define SYSENTER_MSR_BASE	0x174	/* IA32_SYSENTER_CS; ESP, EIP follow */
#define SYSENTER_CS	0
#define SYSENTER_ESP	1
#define SYSENTER_EIP	2

/*
 * Record one; registers Xen's sysenter callback once CS and EIP are set.  A
 * value whose callback Xen refuses is not kept (diagnostic, old value).
 */
void events_set_sysenter(unsigned int which, uint32_t value);
uint32_t events_get_sysenter(unsigned int which);

/* Xen's callbacks (events/upcall.S), registered by the front end's Init. */
extern char xen_event_callback[], xen_failsafe_callback[];

/*
 * Register the event and failsafe callbacks and bind the event channels
 * (events/evtchn.c); 0 or Xen's error.
 */
long events_init(void);
long events_bind(void);

/* Handle every pending, unmasked event channel (from the upcall). */
void events_scan(void);

/*
 * With events held: bring the models up to date with what Xen has marked
 * pending meanwhile (an alarm's edge shows in the PIC's IRR while the guest
 * has interrupts disabled, as the hardware's would), before the guest
 * looks at or changes them.  Delivery waits for the guest's IF.
 */
static inline void events_poll(void)
{
	if (this_vcpu()->evtchn_pending_sel)
		events_scan();
}

/*
 * The shim's C code that touches what the upcall also touches (the
 * interrupt controllers, the time sources, queued page-table work) holds
 * events masked meanwhile: a guest that called with interrupts enabled
 * gets what arrived delivered when the call releases them, before it
 * returns, as a native CPU would take it after the instruction.
 */
static inline uint8_t events_hold(void)
{
	struct vcpu_info *v = this_vcpu();
	uint8_t was = v->evtchn_upcall_mask;

	v->evtchn_upcall_mask = 1;
	__asm__ volatile("" : : : "memory");
	return was;
}

/* Deliver what is pending now, events unmasked (events/upcall.S). */
#ifdef VMIX_HOST_TEST
void events_deliver_now(void);		/* tests/unit/fake_xen.c records it */
#else
static inline void events_deliver_now(void)
{
	__asm__ volatile("call events_deliver_pending" : : : "memory", "cc");
}
#endif

static inline void events_release(uint8_t was)
{
	struct vcpu_info *v = this_vcpu();

	__asm__ volatile("" : : : "memory");
	if (was)
		return;
	v->evtchn_upcall_mask = 0;
	__asm__ volatile("" : : : "memory");
	if (v->evtchn_upcall_pending)
		events_deliver_now();
}

/*
 * A call's C body holds events for its whole duration with
 *	EVENTS_HELD;
 * as its first declaration: released on every return path.
 */
static inline void events_release_at(const uint8_t *was)
{
	events_release(*was);
}

#define EVENTS_HELD							\
	const uint8_t events_held__					\
	__attribute__((cleanup(events_release_at))) = events_hold()

/* Print the event and timer counters (events/stats.c). */
void events_stats_print(void);

/* Upcalls taken, vectors delivered to the guest (events/deliver.c). */
extern uint32_t events_upcalls, events_delivered;
extern uint32_t events_timer_events, events_console_events;

#endif /* VMIX_EVENTS_EVENTS_H */
