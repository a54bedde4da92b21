// SPDX-License-Identifier: GPL-2.0
/*
 * test_cpu.c - cpu.* cases: CPUID and Pause through the ROM.
 */
#include "abi_probe.h"
#include "need.h"
#include "test.h"
#include "vmi.h"

#define PAUSE_CALLS	16
#define CALLEE_SAVED	(PROBE_EBX | PROBE_ESI | PROBE_EDI | PROBE_EBP)

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

/*
 * Pause returns, keeps EBX, ESI, EDI, EBP (and ESP: abi_probe relies on
 * it) and leaves the interrupt mask as it was, enabled or disabled.  On
 * Xen it is SCHEDOP_yield: the line "vmitest: pause calls: N" lets the
 * rig check that the shim counted at least N yields.
 */
TEST_CASE(cpu, pause)
{
	struct probe_regs in, out;
	unsigned int i, calls = 0;
	uint32_t want, mask;

	if (!NEED(t, VMI_CALL_Pause, VMI_CALL_GetInterruptMask,
		  VMI_CALL_SetInterruptMask, VMI_CALL_DisableInterrupts))
		return;
	for (i = 0; i < PAUSE_CALLS; i++) {
		want = (i & 1) ? VMI_IF_MASK : 0;
		vmi_set_interrupt_mask(want);
		probe_fill(&in, 0x90 + i);
		abi_probe(vmi_slot(VMI_CALL_Pause), &in, &out, 0);
		calls++;
		mask = vmi_get_interrupt_mask();
		vmi_disable_interrupts();
		if (!probe_check_preserved(t, "Pause", &in, &out,
					   CALLEE_SAVED) ||
		    !check(t, mask == want, "GetInterruptMask 0x%x after Pause with mask 0x%x",
			   mask, want))
			break;
	}
	note(t, "vmitest: pause calls: %u", calls);
}
