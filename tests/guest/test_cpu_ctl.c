/*
 * test_cpu_ctl.c - cpu.* cases for the CPU control calls: control and
 * debug registers, RDMSR and RDTSC.
 */
#include "cpu.h"
#include "need.h"
#include "test.h"
#include "vmi_cpu.h"

#define MSR_EFER	0xc0000080u
#define CR2_PATTERN	0x12345678u
#define TSC_READS	100

TEST_CASE(cpu, cr0_roundtrip)
{
	uint32_t cr0, v;

	if (!NEED(t, VMI_CALL_GetCR0, VMI_CALL_SetCR0, VMI_CALL_CLTS))
		return;
	cr0 = vmi_get_cr0();
	check(t, (cr0 & (CR0_PE | CR0_PG)) == (CR0_PE | CR0_PG),
	      "GetCR0 0x%08x lacks PE or PG", cr0);
	vmi_set_cr0(cr0 | CR0_TS);
	v = vmi_get_cr0();
	check(t, v & CR0_TS, "GetCR0 0x%08x after SetCR0(0x%08x): TS clear",
	      v, cr0 | CR0_TS);
	vmi_clts();
	v = vmi_get_cr0();
	check(t, !(v & CR0_TS), "GetCR0 0x%08x after CLTS: TS set", v);
	check(t, (v & ~CR0_TS) == (cr0 & ~CR0_TS),
	      "GetCR0 0x%08x after SetCR0(TS) and CLTS, was 0x%08x", v, cr0);
}

TEST_CASE(cpu, cr2_roundtrip)
{
	uint32_t v;

	if (!NEED(t, VMI_CALL_GetCR2, VMI_CALL_SetCR2))
		return;
	vmi_set_cr2(CR2_PATTERN);
	v = vmi_get_cr2();
	check(t, v == CR2_PATTERN, "GetCR2 0x%08x after SetCR2(0x%08x)", v,
	      CR2_PATTERN);
	vmi_set_cr2(0);
	v = vmi_get_cr2();
	check(t, v == 0, "GetCR2 0x%08x after SetCR2(0)", v);
}

TEST_CASE(cpu, cr4_roundtrip)
{
	uint32_t cr4, v;

	if (!NEED(t, VMI_CALL_GetCR4, VMI_CALL_SetCR4))
		return;
	cr4 = vmi_get_cr4();
	check(t, cr4 & CR4_PAE, "GetCR4 0x%08x lacks PAE", cr4);
	vmi_set_cr4(cr4);
	v = vmi_get_cr4();
	check(t, v == cr4, "GetCR4 0x%08x after SetCR4(0x%08x)", v, cr4);
}

/* DR0-DR3 hold what SetDR wrote (DR7 stays 0: nothing is armed). */
TEST_CASE(cpu, debugreg)
{
	static volatile uint32_t targets[4];
	uint32_t dr7, v, n;

	if (!NEED(t, VMI_CALL_SetDR, VMI_CALL_GetDR))
		return;
	dr7 = vmi_get_dr(7);
	check(t, (dr7 & 0xff) == 0, "DR7 0x%08x has breakpoints enabled",
	      dr7);
	for (n = 0; n < 4; n++)
		vmi_set_dr(n, (uintptr_t)&targets[n]);
	for (n = 0; n < 4; n++) {
		v = vmi_get_dr(n);
		check(t, v == (uintptr_t)&targets[n],
		      "GetDR(%u) 0x%08x after SetDR(%u, 0x%08x)", n, v, n,
		      (unsigned int)(uintptr_t)&targets[n]);
	}
	for (n = 0; n < 4; n++)
		vmi_set_dr(n, 0);
	for (n = 0; n < 4; n++) {
		v = vmi_get_dr(n);
		check(t, v == 0, "GetDR(%u) 0x%08x after SetDR(%u, 0)", n, v,
		      n);
	}
}

/* EFER reads without a fault and reads the same twice. */
TEST_CASE(cpu, msr_read)
{
	uint64_t a, b;

	if (!NEED(t, VMI_CALL_RDMSR))
		return;
	a = vmi_rdmsr(MSR_EFER);
	b = vmi_rdmsr(MSR_EFER);
	check(t, a == b, "RDMSR(EFER) 0x%llx then 0x%llx", a, b);
	check(t, !(a >> 32), "RDMSR(EFER) 0x%llx: high word set", a);
}

TEST_CASE(cpu, rdtsc_monotonic)
{
	uint64_t first, prev, now;
	unsigned int i;

	if (!NEED(t, VMI_CALL_RDTSC))
		return;
	first = prev = vmi_rdtsc();
	for (i = 1; i < TSC_READS; i++) {
		now = vmi_rdtsc();
		if (!check(t, now >= prev, "RDTSC went back: 0x%llx after "
			   "0x%llx (read %u)", now, prev, i))
			return;
		prev = now;
	}
	check(t, prev > first, "RDTSC did not advance over %u reads (0x%llx)",
	      TSC_READS, first);
}
