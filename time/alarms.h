/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alarms.h - this vCPU's VMI alarms on Xen (state and grid: time/alarm.h):
 * a REAL alarm's expiry is a system time, an AVAILABLE alarm's is projected
 * onto system time from the counters now and projected again whenever its
 * deadline comes before AVAILABLE reached its expiry (the vCPU was
 * runnable but not running meanwhile), so stolen time delays it exactly as
 * much as was stolen.
 *
 * Never: fire an AVAILABLE alarm before AVAILABLE reached its expiry.
 */
#ifndef VMIX_TIME_ALARMS_H
#define VMIX_TIME_ALARMS_H

#include <stdint.h>
#include "time/alarm.h"

/* Where fired alarms go (time_alarms_expire's result). */
#define ALARM_FIRED_IRQ0	1u
#define ALARM_FIRED_LVTT	2u

/* SetAlarm: 0, or -1 for a counter that takes no alarm (nothing changed). */
int time_alarm_set(uint32_t flags, uint64_t expiry, uint64_t period);

/* CancelAlarm: 1 if an armed alarm was disarmed; 0 otherwise. */
int time_alarm_cancel(uint32_t counter);

/*
 * The due mask of time/timer.h, taken at system time now_ns: fire what is
 * due, re-arm; ALARM_FIRED_*.
 */
uint32_t time_alarms_expire(uint32_t due, uint64_t now_ns);

/* For tests and diagnostics. */
const struct alarm *time_alarm(uint32_t counter);

#endif /* VMIX_TIME_ALARMS_H */
