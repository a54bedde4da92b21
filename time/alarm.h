/* SPDX-License-Identifier: GPL-2.0 */
/*
 * alarm.h - VMI's alarms (spec: Time Interface, Alarms; VMI_SetAlarm,
 * VMI_CancelAlarm): one per alarm counter (REAL and AVAILABLE) per vCPU,
 * one-shot or periodic on the grid E(i) = e0 + p*i, wired to IRQ0 or to
 * the local APIC's LVTT.  Pure state and arithmetic, for host tests; when
 * to wake up is time/timer.c's business, where the interrupt goes events/'.
 *
 * Never: fire a periodic alarm twice for one counter value, or move it off
 * its grid.
 */
#ifndef VMIX_TIME_ALARM_H
#define VMIX_TIME_ALARM_H

#include <stdint.h>

/* SetAlarm's flags (spec: the alarm interface 'flags' bits). */
#define VMIX_ALARM_COUNTER_MASK	0x000000ffu
#define VMIX_ALARM_WIRED_IRQ0	0x00000000u
#define VMIX_ALARM_WIRED_LVTT	0x00010000u
#define VMIX_ALARM_IS_ONESHOT	0x00000000u
#define VMIX_ALARM_IS_PERIODIC	0x00000100u
#define VMIX_ALARM_COUNTERS	2	/* REAL and AVAILABLE take alarms */

struct alarm {
	uint8_t armed;
	uint8_t lvtt;		/* wired to the LVTT, else IRQ0 */
	uint64_t expiry;	/* the next E(i), in the counter's cycles */
	uint64_t period;	/* 0: one-shot */
	uint32_t fired;		/* times it fired (diagnostics, tests) */
};

/*
 * The first grid point e0 + p*k (k >= 1) beyond now, for now >= e0 and
 * p > 0; saturates at UINT64_MAX when the grid runs past 2^64.
 */
uint64_t alarm_next_on_grid(uint64_t e0, uint64_t p, uint64_t now);

/* Arm (replacing whatever was armed): period 0 makes it one-shot. */
void alarm_arm(struct alarm *a, uint32_t flags, uint64_t expiry,
	       uint64_t period);

/* Disarm; 1 if it was armed (spec: CancelAlarm's TRUE), else 0. */
int alarm_cancel(struct alarm *a);

/*
 * The counter reads now: if the alarm is due it fires (returns 1): a
 * one-shot one disarms, a periodic one moves to the next grid point beyond
 * now (once, however many it missed).  0 when not armed or not due.
 */
int alarm_check(struct alarm *a, uint64_t now);

#endif /* VMIX_TIME_ALARM_H */
