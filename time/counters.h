/* SPDX-License-Identifier: GPL-2.0 */
/*
 * counters.h - VMI's three cycle counters from Xen's time and runstate
 * information, and the wallclock.
 *
 * The counters run at VMIX_CYCLES_HZ = 1 GHz: one cycle is one nanosecond of
 * Xen's system time, the unit vcpu_time_info and the runstate area already
 * use, so REAL is system time itself, no rescaling loses or invents a
 * cycle, and the rate never changes (the TSC's may, across a migration).
 *
 *   REAL      = system time (ns since Xen booted)
 *   STOLEN    = runnable + offline time since the shim's Init (the spec's
 *               'ready' state: the vCPU wanted to run and did not)
 *   AVAILABLE = REAL - STOLEN (running + blocked, plus the REAL value at
 *               Init, so that AVAILABLE starts equal to REAL)
 *
 * All three come from one snapshot (time/clock.c), so REAL == STOLEN +
 * AVAILABLE holds exactly at every read.  The arithmetic here is pure, for
 * host tests.
 *
 * Never: compute one counter from a different snapshot than the others.
 */
#ifndef VMIX_TIME_COUNTERS_H
#define VMIX_TIME_COUNTERS_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/vcpu.h>

#define VMIX_CYCLES_HZ		1000000000ull

/* VMI's counter numbers (spec: VMI_GetCycleCounter). */
#define VMIX_CYCLES_REAL	0
#define VMIX_CYCLES_AVAILABLE	1
#define VMIX_CYCLES_STOLEN	2

struct time_counters {
	uint64_t real, available, stolen;
};

/*
 * Xen's system time at TSC value tsc: system_time plus the TSC delta since
 * tsc_timestamp scaled by tsc_to_system_mul / 2^32 after shifting by
 * tsc_shift (Xen's public xen.h).  The delta is taken modulo 2^64 (a
 * domU's stamp may be "negative" in its TSC); a TSC behind the stamp
 * counts as 0.
 */
uint64_t pvclock_system_ns(const struct vcpu_time_info *t, uint64_t tsc);

/*
 * The counters at system time now_ns from a runstate snapshot taken while
 * running; stolen_base is the stolen total at Init.
 */
void counters_compute(uint64_t now_ns, const struct vcpu_runstate_info *rs,
		      uint64_t stolen_base, struct time_counters *c);

/* runnable + offline, up to now_ns (the current state's share included). */
uint64_t runstate_stolen_ns(const struct vcpu_runstate_info *rs,
			    uint64_t now_ns);

/* Xen's glue (time/clock.c). */
long time_clock_init(void);
void time_read_counters(struct time_counters *c);
uint64_t time_system_ns(void);
uint64_t time_wallclock_ns(void);
int time_wallclock_updated(void);

#endif /* VMIX_TIME_COUNTERS_H */
