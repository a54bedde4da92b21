// SPDX-License-Identifier: GPL-2.0
/*
 * test_cpu_ctl.c - cpu.* cases for the CPU control calls: control and
 * debug registers, RDMSR, RDTSC and RDPMC.
 */
#include "cpu.h"
#include "fault.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

#define MSR_IA32_TSC	0x10u
#define MSR_IA32_PAT	0x277u
#define MSR_EFER	0xc0000080u
#define PAT_WB		6
#define CR2_PATTERN	0x12345678u
#define TSC_READS	100

/* DR7: local enable 0, break on data writes (R/W0 = 01), 4 bytes (LEN0 = 11). */
#define DR7_L0		0x00000001u
#define DR7_RW0_WRITE	0x00010000u
#define DR7_LEN0_4	0x000c0000u
#define DR6_B0		0x00000001u
#define WATCH_VALUE	0x5a5aa5a5u

/* CPUID leaf 0xA (architectural performance monitoring). */
#define CPUID_PMU_LEAF	0xau
#define RDPMC_FIXED	0x40000000u	/* ECX bit 30: a fixed counter */
#define RDPMC_DUMMY	0xdeadbeefcafef00dull	/* the ignored EDX:EAX input */

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

/*
 * SetCR4 takes effect: with CR4.DE clear DR4/DR5 alias DR6/DR7, with DE
 * set they do not exist (GetDR(4) is #GP at the call).  CR4 is restored.
 */
TEST_CASE(cpu, cr4_roundtrip)
{
	uint32_t cr4, v, dr4, dr5, dr6, dr7;

	if (!NEED(t, VMI_CALL_GetCR4, VMI_CALL_SetCR4, VMI_CALL_GetDR))
		return;
	cr4 = vmi_get_cr4();
	check(t, cr4 & CR4_PAE, "GetCR4 0x%08x lacks PAE", cr4);

	vmi_set_cr4(cr4 & ~CR4_DE);
	v = vmi_get_cr4();
	check(t, v == (cr4 & ~CR4_DE), "GetCR4 0x%08x after SetCR4(0x%08x)",
	      v, cr4 & ~CR4_DE);
	dr4 = vmi_get_dr(4);
	dr6 = vmi_get_dr(6);
	dr5 = vmi_get_dr(5);
	dr7 = vmi_get_dr(7);
	check(t, dr4 == dr6 && dr5 == dr7, "CR4.DE clear: GetDR(4) 0x%08x GetDR(5) 0x%08x, expected DR6 0x%08x DR7 0x%08x",
	      dr4, dr5,
	      dr6, dr7);

	vmi_set_cr4(cr4 | CR4_DE);
	v = vmi_get_cr4();
	vmi_call_expecting(VEC_GP, VMI_CALL_GetDR, 4, 0, 0, 0);
	vmi_set_cr4(cr4);
	check(t, v == (cr4 | CR4_DE), "GetCR4 0x%08x after SetCR4(0x%08x)",
	      v, cr4 | CR4_DE);
	check_gp_at_call(t, "GetDR(4) with CR4.DE set");
	v = vmi_get_cr4();
	check(t, v == cr4, "GetCR4 0x%08x after restoring 0x%08x", v, cr4);
}

/*
 * DR0-DR3 hold what SetDR wrote, and a watchpoint traps: DR0 on a word,
 * DR7 armed for 4-byte writes; writing it raises #DB after the write
 * with DR6.B0 set.
 */
TEST_CASE(cpu, debugreg)
{
	static volatile uint32_t targets[4];
	static volatile uint32_t watched;
	uint32_t dr7, dr6, v, n;

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
	if (!NEED(t, VMI_CALL_IRET))
		return;

	vmi_set_dr(6, 0);
	dr6 = vmi_get_dr(6);
	check(t, !(dr6 & DR6_B0), "DR6 0x%08x has B0 set after SetDR(6, 0)",
	      dr6);
	watched = 0;
	vmi_set_dr(0, (uintptr_t)&watched);
	vmi_set_dr(7, DR7_L0 | DR7_RW0_WRITE | DR7_LEN0_4);
	v = vmi_get_dr(7);
	fault_expect(VEC_DB);
	asm volatile(FAULT_BEGIN "movl %1, %0" FAULT_END
		     : "=m" (watched) : "r" (WATCH_VALUE) : "memory");
	vmi_set_dr(7, 0);
	dr6 = vmi_get_dr(6);
	vmi_set_dr(6, 0);
	vmi_set_dr(0, 0);

	check(t, (v & (DR7_L0 | DR7_RW0_WRITE | DR7_LEN0_4)) ==
	      (DR7_L0 | DR7_RW0_WRITE | DR7_LEN0_4), "GetDR(7) 0x%08x after SetDR(7, 0x%08x)",
	       v, DR7_L0 | DR7_RW0_WRITE | DR7_LEN0_4);
	fault_check(t, "write to the word DR0 watches", VEC_DB, 0,
		    fault_fixup);
	check(t, dr6 & DR6_B0, "DR6 0x%08x after the watchpoint hit: B0 clear",
	      dr6);
	check(t, watched == WATCH_VALUE, "the watched word is 0x%08x after the write, expected 0x%08x",
	      watched, WATCH_VALUE);
	v = vmi_get_dr(7);
	check(t, (v & 0xff) == 0, "DR7 0x%08x still armed after SetDR(7, 0)",
	      v);
}

/* Each PAT entry is a defined memory type (0, 1, 4, 5, 6 or 7). */
static int pat_valid(uint64_t pat)
{
	unsigned int i, type;

	for (i = 0; i < 8; i++) {
		type = (unsigned int)(pat >> (8 * i)) & 0xff;
		if (type > 7 || type == 2 || type == 3)
			return 0;
	}
	return 1;
}

/*
 * RDMSR reads the real registers: EFER reads the same twice; IA32_PAT
 * holds defined memory types with PA0 = WB (the power-on value and Xen's
 * PV PAT agree there; a call that read nothing would give 0, UC); and
 * IA32_TSC is live, between two RDTSC reads taken around it.  QEMU's
 * software emulation does not implement reading IA32_TSC (it reads 0):
 * under the native ROM a 0 is taken, with a note; Xen emulates the read.
 */
TEST_CASE(cpu, msr_read)
{
	uint64_t a, b, pat, before, tsc, after;

	if (!NEED(t, VMI_CALL_RDMSR, VMI_CALL_RDTSC))
		return;
	a = vmi_rdmsr(MSR_EFER);
	b = vmi_rdmsr(MSR_EFER);
	check(t, a == b, "RDMSR(EFER) 0x%llx then 0x%llx", a, b);
	check(t, !(a >> 32), "RDMSR(EFER) 0x%llx: high word set", a);

	pat = vmi_rdmsr(MSR_IA32_PAT);
	check(t, pat_valid(pat) && (pat & 0xff) == PAT_WB, "RDMSR(IA32_PAT) 0x%016llx: expected defined memory types with PA0 = WB (6)",
	      pat);

	before = vmi_rdtsc();
	tsc = vmi_rdmsr(MSR_IA32_TSC);
	after = vmi_rdtsc();
	if (rom_state.native && tsc == 0) {
		note(t, "vmitest: RDMSR(IA32_TSC) read 0 natively: the emulator does not implement it");
		return;
	}
	check(t, before <= tsc && tsc <= after, "RDMSR(IA32_TSC) 0x%llx, not between RDTSC 0x%llx and 0x%llx around it",
	      tsc, before,
	      after);
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
		if (!check(t, now >= prev, "RDTSC went back: 0x%llx after 0x%llx (read %u)",
		    now, prev, i))
			return;
		prev = now;
	}
	check(t, prev > first, "RDTSC did not advance over %u reads (0x%llx)",
	      TSC_READS, first);
}

/*
 * RDPMC of a counter the platform does not expose reads as 0, never a
 * fault.  Exposed: CPUID leaf 0xA reports PMU version >= 1 and the index
 * is below its general counter count (EAX[15:8]) or, with ECX bit 30,
 * below its fixed counter count (EDX[4:0]).  The first index beyond each
 * count is read (counter 0 and fixed counter 0 where there is no PMU, as
 * under Xen and QEMU TCG), with garbage in EDX:EAX so that a call that
 * does nothing cannot pass.
 */
TEST_CASE(cpu, rdpmc_unexposed)
{
	uint32_t r[4], version = 0, general = 0, fixed = 0, i;
	uint32_t counters[3];
	uint64_t v;

	if (!NEED(t, VMI_CALL_RDPMC, VMI_CALL_CPUID))
		return;
	vmi_cpuid(0, 0, r);
	if (r[0] >= CPUID_PMU_LEAF) {
		vmi_cpuid(CPUID_PMU_LEAF, 0, r);
		version = r[0] & 0xff;
		if (version) {
			general = (r[0] >> 8) & 0xff;
			fixed = r[3] & 0x1f;
		}
	}
	counters[0] = general;
	counters[1] = RDPMC_FIXED | fixed;
	counters[2] = 0x3fffffffu;
	note(t, "vmitest: PMU version %u, %u general and %u fixed counters exposed",
	     version, general, fixed);
	for (i = 0; i < 3; i++) {
		v = vmi_rdpmc(RDPMC_DUMMY, counters[i]);
		check(t, v == 0, "RDPMC(0x%08x), not exposed: 0x%llx, expected 0",
		      counters[i], v);
	}
}
