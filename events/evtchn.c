// SPDX-License-Identifier: GPL-2.0
/*
 * evtchn.c - the event channels the shim binds (VIRQ_TIMER for every time
 * source, VIRQ_CONSOLE for dom0's console input, a domU's console and
 * xenstore channels from start_info) and the two-level scan of
 * what Xen marked pending, turned into model interrupts (events/intc.h).
 *
 * Never: leave a pending bit set after handling its port, or handle a
 * masked port.
 */
#include "events/events.h"
#include "events/intc.h"
#include "events/lapic.h"
#include "shim/dev/com1.h"
#include "time/alarms.h"
#include "time/counters.h"
#include "time/pc_timers.h"
#include "time/timer.h"
#include "xenif/console.h"
#include "xenif/xenstore.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

#define BITS_PER_WORD	(8 * sizeof(xen_ulong_t))

/* Port + 1 (the ROM has no initialised data: 0 is "not bound"). */
static uint32_t timer_port1, console_port1, store_port1;
uint32_t events_timer_events, events_console_events;

/* Unmask a bound port and record it; 0 or Xen's error (said). */
static long unmask_port(uint32_t port, const char *what, uint32_t *port1)
{
	struct evtchn_unmask unmask = { .port = port };
	long rc = hyp_event_channel_op(EVTCHNOP_unmask, &unmask);

	if (rc) {
		console_printf("vmi: Init: EVTCHNOP_unmask(%s port %u) failed: Xen error %ld\n",
			       what, port, rc);
		return rc;
	}
	*port1 = port + 1;
	return 0;
}

static long bind_virq(uint32_t virq, uint32_t *port1)
{
	struct evtchn_bind_virq bind = { .virq = virq, .vcpu = 0 };
	long rc;

	rc = hyp_event_channel_op(EVTCHNOP_bind_virq, &bind);
	if (rc) {
		console_printf("vmi: Init: EVTCHNOP_bind_virq(virq %u, vcpu 0) failed: Xen error %ld\n",
			       virq, rc);
		return rc;
	}
	return unmask_port(bind.port, "virq", port1);
}

/*
 * A domU's console and xenstore channels are bound already (start_info's,
 * recorded in the boot block): xenconsoled signals input and the room it
 * made on the first, xenstored its replies and watch events on the second.
 * Without the store's only xl shutdown and xl reboot are lost, so Init
 * goes on after saying so.
 */
long events_bind(void)
{
	long rc;

	if (timer_port1)
		return 0;
	rc = bind_virq(VIRQ_TIMER, &timer_port1);
	if (!rc && xen_is_dom0())
		rc = bind_virq(VIRQ_CONSOLE, &console_port1);
	else if (!rc && boot_block.console_mfn)
		rc = unmask_port(boot_block.console_evtchn, "console",
				 &console_port1);
	if (!rc && !xen_is_dom0() && boot_block.store_mfn &&
	    unmask_port(boot_block.store_evtchn, "xenstore", &store_port1))
		console_printf("vmi: Init: xl shutdown and xl reboot will not reach the shim\n");
	return rc;
}

static void timer_event(void)
{
	uint64_t now = time_system_ns();
	uint32_t due = timer_take_due(now);
	uint32_t fired = time_alarms_expire(due, now);

	events_timer_events++;
	if (fired & ALARM_FIRED_IRQ0)
		intc_pulse_irq(0);
	if (fired & ALARM_FIRED_LVTT)
		intc_fire_lvt(LAPIC_LVT_TIMER);
	if ((due & (1u << TIMER_PIT)) && time_pit_expire(now))
		intc_pulse_irq(0);
	if ((due & (1u << TIMER_RTC)) && time_rtc_expire(now))
		intc_pulse_irq(8);
	if (due & (1u << TIMER_LAPIC))
		intc_apic_timer_expire(now);
	timer_sync();
}

static void dispatch(uint32_t port)
{
	if (port + 1 == timer_port1) {
		timer_event();
	} else if (port + 1 == console_port1) {
		events_console_events++;
		com1_console_input();
	} else if (port + 1 == store_port1) {
		xenstore_event();
	}
}

static xen_ulong_t xchg_word(volatile xen_ulong_t *p, xen_ulong_t v)
{
	__asm__ volatile("xchg %0, %1" : "+r"(v), "+m"(*p) : : "memory");
	return v;
}

void events_scan(void)
{
	struct shared_info *s = xen_shared_info();
	struct vcpu_info *v = this_vcpu();
	xen_ulong_t sel = xchg_word(&v->evtchn_pending_sel, 0);

	while (sel) {
		unsigned int w = __builtin_ctzl(sel);
		xen_ulong_t bits;

		sel &= sel - 1;
		bits = s->evtchn_pending[w] & ~s->evtchn_mask[w];
		while (bits) {
			unsigned int b = __builtin_ctzl(bits);

			bits &= bits - 1;
			__atomic_fetch_and(&s->evtchn_pending[w],
					   ~((xen_ulong_t)1 << b),
					   __ATOMIC_SEQ_CST);
			dispatch(w * BITS_PER_WORD + b);
		}
	}
}
