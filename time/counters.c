// SPDX-License-Identifier: GPL-2.0
/*
 * counters.c - VMI's cycle counters from Xen's time scale and runstate
 * (see time/counters.h).  Pure arithmetic over copies of what Xen shares:
 * host unit tests feed it values.
 *
 * Never: divide (the ROM links no libgcc) or read Xen's live structures.
 */
#include "time/counters.h"

/* (a * mul) >> 32 for a 64-bit a, with 32x32->64 multiplications only. */
static uint64_t mul_frac32(uint64_t a, uint32_t mul)
{
	uint64_t lo = (uint64_t)(uint32_t)a * mul;
	uint64_t hi = (uint64_t)(uint32_t)(a >> 32) * mul;

	return hi + (lo >> 32);
}

uint64_t pvclock_system_ns(const struct vcpu_time_info *t, uint64_t tsc)
{
	/*
	 * Modulo 2^64, as Xen computes it: a PV domU's emulated TSC
	 * (vtsc) counts from the domain's creation, and a stamp Xen took
	 * before that (its last calibration) is "negative" in it, a small
	 * negative value rather than a huge one.  Only a TSC really behind
	 * the stamp counts as 0.
	 */
	uint64_t delta = tsc - t->tsc_timestamp;

	if ((int64_t)delta < 0)
		delta = 0;

	if (t->tsc_shift >= 0)
		delta <<= t->tsc_shift;
	else
		delta >>= -t->tsc_shift;
	return t->system_time + mul_frac32(delta, t->tsc_to_system_mul);
}

uint64_t runstate_stolen_ns(const struct vcpu_runstate_info *rs,
			    uint64_t now_ns)
{
	uint64_t stolen = rs->time[RUNSTATE_runnable] +
			  rs->time[RUNSTATE_offline];
	uint64_t entry = rs->state_entry_time & ~XEN_RUNSTATE_UPDATE;

	if ((rs->state == RUNSTATE_runnable ||
	     rs->state == RUNSTATE_offline) && now_ns > entry)
		stolen += now_ns - entry;
	return stolen;
}

void counters_compute(uint64_t now_ns, const struct vcpu_runstate_info *rs,
		      uint64_t stolen_base, struct time_counters *c)
{
	uint64_t stolen = runstate_stolen_ns(rs, now_ns);

	c->real = now_ns;
	c->stolen = stolen > stolen_base ? stolen - stolen_base : 0;
	if (c->stolen > c->real)
		c->stolen = c->real;
	c->available = c->real - c->stolen;
}
