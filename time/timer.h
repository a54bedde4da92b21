/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timer.h - the one Xen timer of a vCPU shared by every time source the
 * shim models: each source keeps one deadline (absolute system time, ns),
 * the earliest of them is what Xen's single-shot timer is set to, and Xen's
 * VIRQ_TIMER event says some are due.  Xen's periodic tick is stopped at
 * Init: no event comes unless a source asked for it.
 *
 * Never: leave Xen's timer armed later than the earliest deadline.
 */
#ifndef VMIX_TIME_TIMER_H
#define VMIX_TIME_TIMER_H

#include <stdint.h>

enum timer_source {
	TIMER_ALARM_REAL,	/* time/alarms.c */
	TIMER_ALARM_AVAILABLE,
	TIMER_PIT,		/* time/pc_timers.c */
	TIMER_RTC,
	TIMER_LAPIC,		/* events/intc.c */
	TIMER_NR_SOURCES
};

#define TIMER_NEVER	(~0ull)

/* Set (TIMER_NEVER: clear) one source's deadline; Xen's timer follows. */
void timer_set(enum timer_source src, uint64_t deadline_ns);

/* The sources due at now_ns, as a mask of 1 << src; their deadlines clear. */
uint32_t timer_take_due(uint64_t now_ns);

/* Program Xen's timer for the earliest deadline (after timer_take_due). */
void timer_sync(void);

/* Stop Xen's periodic tick; 0 or Xen's error. */
long timer_init(void);

/*
 * Xen single-shot timers set, VIRQ_TIMER events that found work, and how
 * late the deadlines they found were (tests, benchmarks).
 */
extern uint32_t timer_programmed, timer_events;
extern uint64_t timer_late_total, timer_late_max;

#endif /* VMIX_TIME_TIMER_H */
