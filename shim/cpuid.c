// SPDX-License-Identifier: GPL-2.0
/*
 * cpuid.c - the hypervisor CPUID leaves (hypervisor_cpuid_proposal.txt),
 * behind vmi_CPUID (shim/cpuid_entry.S).
 *
 * Leaf 0x40000000 shows Xen's own signature, "XenVMMXenVMM": the hypervisor
 * under the guest is Xen and Xen's leaves 0x40000001-0x4000000F are passed
 * through unchanged; its maximum leaf is raised to 0x40000010 so the generic
 * timing leaf is visible.  Leaf 0x40000010 gives the TSC frequency in kHz
 * (time/tsc.c, from Xen's vcpu_time_info scale) and the bus (local APIC
 * timer) frequency: the shim's timers count Xen system time, 1 GHz.  Leaves
 * 0x40000011-0x400000FF are zero.
 *
 * Never: invent a leaf Xen has and change what it says.
 */
#include "shim/shim.h"
#include "time/pvclock.h"
#include "xenif/cpuid.h"

#define LEAF_HV_BASE	0x40000000u
#define LEAF_HV_TIMING	0x40000010u
#define BUS_KHZ		1000000u

void VMI_ENTRY cpuid_hv(uint32_t leaf, uint32_t sub, uint32_t r[4]);

void VMI_ENTRY cpuid_hv(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	r[0] = r[1] = r[2] = r[3] = 0;
	if (leaf == LEAF_HV_TIMING) {
		r[0] = time_tsc_khz();
		r[1] = BUS_KHZ;
		return;
	}
	if (leaf > LEAF_HV_TIMING)
		return;
	xen_cpuid(leaf, sub, r);
	if (leaf == LEAF_HV_BASE && r[0] < LEAF_HV_TIMING)
		r[0] = LEAF_HV_TIMING;
}
