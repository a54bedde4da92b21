/*
 * cpuid.c - the hypervisor CPUID leaves (hypervisor_cpuid_proposal.txt).
 *
 * Leaf 0x40000000 shows Xen's own signature, "XenVMMXenVMM": the hypervisor
 * under the guest is Xen and Xen's leaves 0x40000001-0x4000000F are passed
 * through unchanged; its maximum leaf is raised to 0x40000010 so the generic
 * timing leaf is visible.  Leaf 0x40000010 gives the TSC frequency in kHz,
 * derived from Xen's vcpu_time_info scale, and the bus (local APIC timer)
 * frequency: the shim's timers count Xen system time, 1 GHz.  Leaves
 * 0x40000011-0x400000FF are zero.  The entry (shim/entry.S) sends the rest
 * to Xen's forced-emulation CPUID and sets the hypervisor-present bit.
 */
#include "shared.h"

#define LEAF_HV_BASE	0x40000000u
#define LEAF_HV_TIMING	0x40000010u
#define BUS_KHZ		1000000u

static void xen_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	asm volatile("ud2a; .ascii \"xen\"; cpuid"
		     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "0"(leaf), "2"(sub));
}

/* n / d for 64-bit n and 32-bit d with 32-bit operations (no libgcc). */
static uint64_t div64_32(uint64_t n, uint32_t d)
{
	uint64_t q = 0, r = 0;
	int i;

	for (i = 63; i >= 0; i--) {
		r = (r << 1) | ((n >> i) & 1);
		if (r >= d) {
			r -= d;
			q |= 1ull << i;
		}
	}
	return q;
}

/*
 * Xen: ns = ((tsc << shift) * mul) >> 32 (shift may be negative), so
 * tsc_khz = 10^6 * 2^32 / mul, then >> shift.
 */
static uint32_t tsc_khz(void)
{
	volatile struct vcpu_time_info *t = &this_vcpu()->time;
	uint32_t version, mul;
	int8_t shift;
	uint64_t khz;

	do {
		version = t->version;
		asm volatile("" : : : "memory");
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		asm volatile("" : : : "memory");
	} while ((version & 1) || version != t->version);
	if (!mul)
		return 0;
	khz = div64_32(1000000ull << 32, mul);
	khz = shift >= 0 ? khz >> shift : khz << -shift;
	return (uint32_t)khz;
}

void VMI_ENTRY cpuid_hv(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	r[0] = r[1] = r[2] = r[3] = 0;
	if (leaf == LEAF_HV_TIMING) {
		r[0] = tsc_khz();
		r[1] = BUS_KHZ;
		return;
	}
	if (leaf > LEAF_HV_TIMING)
		return;
	xen_cpuid(leaf, sub, r);
	if (leaf == LEAF_HV_BASE && r[0] < LEAF_HV_TIMING)
		r[0] = LEAF_HV_TIMING;
}
