// SPDX-License-Identifier: GPL-2.0
/*
 * tsc.c - this vCPU's TSC rate, from the time scale Xen keeps in its
 * vcpu_info (time/pvclock.c does the arithmetic).
 *
 * Never: cache the rate: Xen may rescale after a migration.
 */
#include "time/pvclock.h"
#include "xenif/shared.h"

uint32_t time_tsc_khz(void)
{
	struct pvclock_scale scale;

	pvclock_read_scale(&this_vcpu()->time, &scale);
	return pvclock_tsc_khz(&scale);
}
