// SPDX-License-Identifier: GPL-2.0
/*
 * msr.c - MSRs and the counters: WRMSR, RDMSR, RDTSC, RDPMC.
 *
 * The SYSENTER MSRs are kept by events/sysenter.c, which registers Xen's
 * sysenter callback once CS and EIP are set.  Every other MSR is accessed
 * with the instruction itself, which Xen emulates with the PV guest's MSR
 * policy (an MSR Xen does not offer raises #GP at the access).  RDTSC runs
 * natively.  RDPMC reads a performance counter only where the platform
 * exposes it (CPUID leaf 0xA: an architectural PMU with that counter);
 * any other counter reads as 0, since the spec gives RDPMC no failure and a
 * PV guest under Xen's default (vpmu off) has no counters.
 *
 * Never: execute rdpmc for a counter CPUID does not list (it faults).
 */
#include "events/events.h"
#include "mmu/queue.h"
#include "shim/shim.h"
#include "xenif/cpuid.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/stats.h"

#define MSR_SYSENTER_CS		0x174
#define MSR_SYSENTER_ESP	0x175
#define MSR_SYSENTER_EIP	0x176

#define LEAF_PMU		0x0au
#define RDPMC_FIXED		0x40000000u	/* ECX bit 30: fixed counters */

_Static_assert(XEN_STATS_OWNERS >= VMI_NR_SLOTS, "an owner per slot");

/* Counter i of VMIX_MSR_CALLS..: four ranges of VMI_NR_SLOTS calls. */
static uint32_t call_counter(uint32_t i)
{
	const struct xen_owner_stats *o = &xen_owner_stats[i % VMI_NR_SLOTS];

	switch (i / VMI_NR_SLOTS) {
	case 0:
		return o->calls;
	case 1:
		return o->hypercalls;
	case 2:
		return o->batches;
	default:
		return o->entries;
	}
}

/* vmi-xen's counters (rom-layout/rom_private.h): 1 and the value, or 0. */
static int counter_msr(uint32_t reg, uint64_t *val)
{
	if (reg >= VMIX_MSR_HYPERCALLS &&
	    reg < VMIX_MSR_HYPERCALLS + XEN_NR_HYPERCALLS)
		*val = xen_hypercall_count[reg - VMIX_MSR_HYPERCALLS];
	else if (reg == VMIX_MSR_MC_BATCHES)
		*val = mc_batches;
	else if (reg == VMIX_MSR_MC_ENTRIES)
		*val = mc_entries;
	else if (reg == VMIX_MSR_PTE_WRITES)
		*val = mmu_queue_writes;
	else if (reg == VMIX_MSR_MC_DIRECT)
		*val = mc_direct;
	else if (reg >= VMIX_MSR_CALLS &&
		 reg < VMIX_MSR_CALLS + 4 * VMI_NR_SLOTS)
		*val = call_counter(reg - VMIX_MSR_CALLS);
	else
		return 0;
	return 1;
}

void VMI_ENTRY vmi_WRMSR(uint64_t val, uint32_t reg)
{
	EVENTS_HELD;
	if (reg == VMIX_MSR_PRINT) {
		events_stats_print();
		xen_stats_print();
		return;
	}
	if (reg >= MSR_SYSENTER_CS && reg <= MSR_SYSENTER_EIP) {
		events_set_sysenter(reg - MSR_SYSENTER_CS, (uint32_t)val);
		return;
	}
	asm volatile("wrmsr" : : "c"(reg), "a"((uint32_t)val),
		     "d"((uint32_t)(val >> 32)) : "memory");
}

uint64_t VMI_ENTRY vmi_RDMSR(uint64_t dummy, uint32_t reg)
{
	EVENTS_HELD;
	uint32_t lo, hi;

	uint64_t v;

	(void)dummy;
	if (reg >= MSR_SYSENTER_CS && reg <= MSR_SYSENTER_EIP)
		return events_get_sysenter(reg - MSR_SYSENTER_CS);
	if (counter_msr(reg, &v))
		return v;
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(reg));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t VMI_ENTRY vmi_RDTSC(void)
{
	EVENTS_HELD;
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Does CPUID leaf 0xA list this counter?  The leaf is read once: Xen's PV
 * CPUID policy is fixed for the domain's life, and each read traps.
 */
static int pmc_exposed(uint32_t counter)
{
	static uint8_t known, general, fixed;
	uint32_t r[4];

	if (!known) {
		xen_cpuid(0, 0, r);
		if (r[0] >= LEAF_PMU) {
			xen_cpuid(LEAF_PMU, 0, r);
			if (r[0] & 0xff) {			/* PMU version */
				general = (r[0] >> 8) & 0xff;
				fixed = r[3] & 0x1f;
			}
		}
		known = 1;
	}
	if (counter & RDPMC_FIXED)
		return (counter & ~RDPMC_FIXED) < fixed;
	return counter < general;
}

uint64_t VMI_ENTRY vmi_RDPMC(uint64_t dummy, uint32_t counter)
{
	EVENTS_HELD;
	uint32_t lo, hi;

	(void)dummy;
	if (!pmc_exposed(counter))
		return 0;
	asm volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"(counter));
	return ((uint64_t)hi << 32) | lo;
}
