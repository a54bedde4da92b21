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

void pvclock_read_scale(const volatile struct vcpu_time_info *t,
			struct pvclock_scale *s)
{
	uint32_t version;

	do {
		version = t->version;
		__asm__ volatile("" : : : "memory");
		s->mul = t->tsc_to_system_mul;
		s->shift = t->tsc_shift;
		__asm__ volatile("" : : : "memory");
	} while ((version & 1) || version != t->version);
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
