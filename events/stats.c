// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - the event and timer counters printed with the hypercall
 * counters (at Shutdown/Reboot, and on the front end's print request):
 * upcalls taken, vectors delivered, model interrupts raised and
 * acknowledged, Xen timer events and how late they found their deadlines.
 *
 * Never: print from the upcall.
 */
#include "events/events.h"
#include "events/intc.h"
#include "shim/lib/div64.h"
#include "time/timer.h"
#include "xenif/console.h"

void events_stats_print(void)
{
	uint64_t avg = timer_late_total, max = timer_late_max;

	if (timer_events)
		div64_32(&avg, timer_events);
	div64_32(&avg, 1000);
	div64_32(&max, 1000);
	console_printf("vmi: events: upcalls=%u delivered=%u raised=%u acked=%u timer_events=%u timer_set=%u timer_late_avg_us=%u timer_late_max_us=%u console_events=%u\n",
		       events_upcalls, events_delivered, intc_raised,
		       intc_acked, timer_events, timer_programmed,
		       (uint32_t)avg, (uint32_t)max, events_console_events);
}
