// SPDX-License-Identifier: GPL-2.0
/*
 * alarms.c - this vCPU's VMI alarms on Xen's timer (see time/alarms.h).
 *
 * Never: keep a deadline for an alarm that is not armed.
 */
#include "time/alarms.h"
#include "time/counters.h"
#include "time/timer.h"

static struct alarm alarms[VMIX_ALARM_COUNTERS];

static const enum timer_source source[VMIX_ALARM_COUNTERS] = {
	[VMIX_CYCLES_REAL] = TIMER_ALARM_REAL,
	[VMIX_CYCLES_AVAILABLE] = TIMER_ALARM_AVAILABLE,
};

/*
 * The system time at which counter c reaches the alarm's expiry; now is
 * read only for an armed AVAILABLE alarm (REAL is system time itself).
 */
static void schedule(uint32_t c, const struct time_counters *now)
{
	const struct alarm *a = &alarms[c];
	uint64_t at = TIMER_NEVER;

	if (a->armed && c == VMIX_CYCLES_REAL)
		at = a->expiry;		/* REAL is system time */
	else if (a->armed)		/* AVAILABLE runs at REAL's rate */
		at = now->real + (a->expiry > now->available ?
				  a->expiry - now->available : 0);
	timer_set(source[c], at);
}

/* SetAlarm reads the counters only for AVAILABLE: REAL needs no reading. */
int time_alarm_set(uint32_t flags, uint64_t expiry, uint64_t period)
{
	uint32_t c = flags & VMIX_ALARM_COUNTER_MASK;
	struct time_counters now;

	if (c >= VMIX_ALARM_COUNTERS)
		return -1;
	alarm_arm(&alarms[c], flags, expiry, period);
	if (c == VMIX_CYCLES_AVAILABLE)
		time_read_counters(&now);
	schedule(c, c == VMIX_CYCLES_AVAILABLE ? &now : 0);
	return 0;
}

int time_alarm_cancel(uint32_t counter)
{
	int was;

	if (counter >= VMIX_ALARM_COUNTERS)
		return 0;
	was = alarm_cancel(&alarms[counter]);
	timer_set(source[counter], TIMER_NEVER);
	return was;
}

/*
 * REAL's value is now_ns, the time the due mask was taken at; the counters
 * are read only when AVAILABLE is due (then both come from that reading).
 */
uint32_t time_alarms_expire(uint32_t due, uint64_t now_ns)
{
	struct time_counters now = { .real = now_ns };
	uint32_t fired = 0, c;

	if (!(due & (1u << TIMER_ALARM_REAL | 1u << TIMER_ALARM_AVAILABLE)))
		return 0;
	if (due & (1u << TIMER_ALARM_AVAILABLE))
		time_read_counters(&now);
	for (c = 0; c < VMIX_ALARM_COUNTERS; c++) {
		struct alarm *a = &alarms[c];
		uint64_t value = c == VMIX_CYCLES_REAL ? now.real :
						       now.available;

		if (!(due & (1u << source[c])))
			continue;
		if (alarm_check(a, value))
			fired |= a->lvtt ? ALARM_FIRED_LVTT : ALARM_FIRED_IRQ0;
		schedule(c, &now);
	}
	return fired;
}

const struct alarm *time_alarm(uint32_t counter)
{
	return counter < VMIX_ALARM_COUNTERS ? &alarms[counter] : 0;
}
