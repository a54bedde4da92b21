// SPDX-License-Identifier: GPL-2.0
/*
 * time.c - the TIMER CALLS front end: GetCycleFrequency, GetCycleCounter,
 * SetAlarm, CancelAlarm, GetWallclockTime, WallclockUpdated, on the time
 * back end (time/counters.h: the counters and their 1 GHz rate;
 * time/alarms.h: the alarms).
 *
 * Never: let an alarm change with events unmasked (the upcall fires them).
 */
#include "shim/shim.h"
#include "events/events.h"
#include "time/alarms.h"
#include "time/counters.h"
#include "xenif/console.h"

uint64_t VMI_ENTRY vmi_GetCycleFrequency(void)
{
	return VMIX_CYCLES_HZ;
}

uint64_t VMI_ENTRY vmi_GetCycleCounter(uint32_t counter)
{
	struct time_counters c;

	switch (counter) {
	case VMIX_CYCLES_REAL:
		return time_system_ns();
	case VMIX_CYCLES_AVAILABLE:
		time_read_counters(&c);
		return c.available;
	case VMIX_CYCLES_STOLEN:
		time_read_counters(&c);
		return c.stolen;
	default:
		return 0;	/* the spec: 0 for any other counter */
	}
}

void VMI_ENTRY vmi_SetAlarm(uint32_t flags, uint64_t expiry, uint64_t period)
{
	uint8_t held = events_hold();
	int rc = time_alarm_set(flags, expiry, period);

	events_release(held);
	if (rc)
		console_printf("vmi: SetAlarm(flags=%08x, expiry=%08x%08x, period=%08x%08x): counter %u %s; the call is a no-op (spec)\n",
			       flags, (uint32_t)(expiry >> 32), (uint32_t)expiry,
			       (uint32_t)(period >> 32), (uint32_t)period,
			       flags & VMIX_ALARM_COUNTER_MASK,
			       (flags & VMIX_ALARM_COUNTER_MASK) ==
			       VMIX_CYCLES_STOLEN ? "(STOLEN) takes no alarm" :
			       "is not a counter");
}

uint32_t VMI_ENTRY vmi_CancelAlarm(uint32_t flags)
{
	uint8_t held = events_hold();
	int was = time_alarm_cancel(flags & VMIX_ALARM_COUNTER_MASK);

	events_release(held);
	return was;
}

uint64_t VMI_ENTRY vmi_GetWallclockTime(void)
{
	return time_wallclock_ns();
}

uint32_t VMI_ENTRY vmi_WallclockUpdated(void)
{
	return time_wallclock_updated();
}
