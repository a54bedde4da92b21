/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pvclock.h - Xen's per-vCPU time scale (vcpu_time_info): reading it
 * consistently and the TSC rate it implies.  System time, counters and
 * alarms build on it (time issue).
 *
 * Never: read vcpu_time_info outside its version loop.
 */
#ifndef VMIX_TIME_PVCLOCK_H
#define VMIX_TIME_PVCLOCK_H

#include <stdint.h>

struct vcpu_time_info;

/* The TSC-to-nanoseconds scale, read under the version counter. */
struct pvclock_scale {
	uint32_t mul;		/* tsc_to_system_mul */
	int8_t shift;		/* tsc_shift */
};

void pvclock_read_scale(const volatile struct vcpu_time_info *t,
			struct pvclock_scale *s);

/*
 * The time values Xen last wrote and the TSC, read together inside the
 * version loop (time/clock.c turns them into system time).
 */
void pvclock_snapshot(const volatile struct vcpu_time_info *t,
		      struct vcpu_time_info *copy, uint64_t *tsc);

/*
 * The TSC frequency in kHz: ns = ((tsc << shift) * mul) >> 32, so
 * kHz = 10^6 * 2^32 / mul, shifted by -shift.  0 when Xen gave no scale.
 */
uint32_t pvclock_tsc_khz(const struct pvclock_scale *s);

/* This vCPU's TSC frequency in kHz (time/tsc.c). */
uint32_t time_tsc_khz(void);

#endif /* VMIX_TIME_PVCLOCK_H */
