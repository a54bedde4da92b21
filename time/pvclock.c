// SPDX-License-Identifier: GPL-2.0
/*
 * pvclock.c - Xen's time scale (see time/pvclock.h).  Pure C over the
 * structure Xen shares: host unit tests feed it values.
 *
 * Never: read the time structure without its version loop.
 */
#include <stdint.h>
#include <xen/xen.h>
#include "shim/lib/div64.h"
#include "time/pvclock.h"

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

void pvclock_snapshot(const volatile struct vcpu_time_info *t,
		      struct vcpu_time_info *copy, uint64_t *tsc)
{
	uint32_t version;

	do {
		version = t->version;
		__asm__ volatile("" : : : "memory");
		copy->tsc_timestamp = t->tsc_timestamp;
		copy->system_time = t->system_time;
		copy->tsc_to_system_mul = t->tsc_to_system_mul;
		copy->tsc_shift = t->tsc_shift;
		*tsc = rdtsc();
		__asm__ volatile("" : : : "memory");
	} while ((version & 1) || version != t->version);
}

void pvclock_read_scale(const volatile struct vcpu_time_info *t,
			struct pvclock_scale *s)
{
	struct vcpu_time_info copy;
	uint64_t tsc;

	pvclock_snapshot(t, &copy, &tsc);
	s->mul = copy.tsc_to_system_mul;
	s->shift = copy.tsc_shift;
}

uint32_t pvclock_tsc_khz(const struct pvclock_scale *s)
{
	uint64_t khz = 1000000ull << 32;

	if (!s->mul)
		return 0;
	div64_32(&khz, s->mul);
	return (uint32_t)(s->shift >= 0 ? khz >> s->shift
					: khz << -s->shift);
}
