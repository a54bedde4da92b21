// SPDX-License-Identifier: GPL-2.0
/*
 * alarm.c - VMI's alarm state and its grid (see time/alarm.h).
 *
 * Never: divide with C's 64-bit operators (the ROM links no libgcc).
 */
#include "shim/lib/div64.h"
#include "time/alarm.h"

uint64_t alarm_next_on_grid(uint64_t e0, uint64_t p, uint64_t now)
{
	uint64_t k = now - e0;
	uint64_t step;

	div64_64(&k, p);		/* whole periods from e0 to now */
	k += 1;
	/* e0 + k*p, saturating: k*p overflows when k > (~0 - e0) / p. */
	step = ~0ull - e0;
	div64_64(&step, p);
	if (k > step)
		return ~0ull;
	return e0 + k * p;
}

void alarm_arm(struct alarm *a, uint32_t flags, uint64_t expiry,
	       uint64_t period)
{
	a->armed = 1;
	a->lvtt = (flags & VMIX_ALARM_WIRED_LVTT) != 0;
	a->expiry = expiry;
	a->period = (flags & VMIX_ALARM_IS_PERIODIC) ? period : 0;
}

int alarm_cancel(struct alarm *a)
{
	int was = a->armed;

	a->armed = 0;
	return was;
}

int alarm_check(struct alarm *a, uint64_t now)
{
	if (!a->armed || now < a->expiry)
		return 0;
	a->fired++;
	if (!a->period)
		a->armed = 0;
	else
		a->expiry = alarm_next_on_grid(a->expiry, a->period, now);
	return 1;
}
