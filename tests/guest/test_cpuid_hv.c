// SPDX-License-Identifier: GPL-2.0
/*
 * test_cpuid_hv.c - cpu.cpuid_hypervisor: the hypervisor CPUID interface
 * (hypervisor_cpuid_proposal.txt) through VMI CPUID.  The platform ROM
 * must show the hypervisor bit, the Xen signature at 0x40000000 and the
 * TSC frequency at 0x40000010; natively only a well-formed signature is
 * required when a hypervisor leaf exists.  The timing leaf is printed for
 * the rig to compare with Xen's boot log.
 */
#include "need.h"
#include "rom.h"
#include "kstring.h"
#include "test.h"
#include "vmi.h"

#define HV_BIT		(1u << 31)	/* CPUID 1 ECX */
#define HV_INFO_LEAF	0x40000000u
#define HV_TIMING_LEAF	0x40000010u
#define HV_LEAF_END	0x400000ffu

static void signature(const uint32_t r[4], char sig[13])
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		sig[i] = (char)(r[1] >> (8 * i));	/* EBX */
		sig[4 + i] = (char)(r[2] >> (8 * i));	/* ECX */
		sig[8 + i] = (char)(r[3] >> (8 * i));	/* EDX */
	}
	sig[12] = '\0';
}

TEST_CASE(cpu, cpuid_hypervisor)
{
	int platform = !rom_state.native;
	uint32_t r[4], max;
	unsigned int i;
	char sig[13];

	vmi_cpuid(1, 0, r);
	if (!(r[2] & HV_BIT)) {
		check(t, !platform, "CPUID 1 ECX 0x%08x lacks the hypervisor bit",
		      r[2]);
		return;
	}
	vmi_cpuid(HV_INFO_LEAF, 0, r);
	max = r[0];
	signature(r, sig);
	if (platform) {
		check(t, max >= HV_TIMING_LEAF && max <= HV_LEAF_END,
		      "CPUID 0x40000000 EAX 0x%08x, expected 0x40000010 or more", max);
		check(t, memcmp(sig, "XenVMMXenVMM", 12) == 0,
		      "CPUID 0x40000000 signature \"%s\", expected \"XenVMMXenVMM\"", sig);
	} else if (max < HV_INFO_LEAF || max > HV_LEAF_END) {
		return;			/* no hypervisor leaves natively */
	}
	for (i = 0; i < 12; i++)
		if (!check(t, sig[i] >= 0x20 && sig[i] < 0x7f,
			   "CPUID 0x40000000 signature byte %u is 0x%02x", i,
			   (uint8_t)sig[i]))
			break;
	if (max < HV_TIMING_LEAF)
		return;
	vmi_cpuid(HV_TIMING_LEAF, 0, r);
	note(t, "vmitest: cpuid 0x40000010 tsc_khz=%u bus_khz=%u", r[0], r[1]);
	if (platform)
		check(t, r[0] != 0, "CPUID 0x40000010: TSC frequency 0 kHz");
}
