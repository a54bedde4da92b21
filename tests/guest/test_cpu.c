/*
 * test_cpu.c - cpu.* cases: CPUID and Pause through the ROM.
 */
#include "test.h"
#include "vmi.h"

TEST_CASE(cpu, cpuid_basic)
{
	uint32_t r[4];
	char vendor[13];
	unsigned int i, family;

	vmi_cpuid(0, 0, r);
	check(t, r[0] >= 1, "CPUID 0: max leaf %u, expected >= 1", r[0]);
	for (i = 0; i < 4; i++) {
		vendor[i] = (char)(r[1] >> (8 * i));		/* EBX */
		vendor[4 + i] = (char)(r[3] >> (8 * i));	/* EDX */
		vendor[8 + i] = (char)(r[2] >> (8 * i));	/* ECX */
	}
	vendor[12] = '\0';
	for (i = 0; i < 12; i++)
		if (!check(t, vendor[i] >= 0x20 && vendor[i] < 0x7f,
			   "CPUID 0: vendor byte %u is 0x%02x, not printable",
			   i, (uint8_t)vendor[i]))
			break;

	vmi_cpuid(1, 0, r);
	family = (r[0] >> 8) & 0xf;
	check(t, family != 0, "CPUID 1: EAX 0x%08x has family 0", r[0]);
}

TEST_CASE(cpu, pause)
{
	vmi_pause();
	vmi_pause();
}
