// SPDX-License-Identifier: GPL-2.0
/*
 * test_fpu.c - cpu.fpu_ts_switch: lazy FPU switching between two
 * contexts with CR0.TS.  Context A loads a value into st(0); TS is set to
 * "switch" to B; B's first FPU instruction traps #NM, whose handler does
 * CLTS, saves A's state and restores B's (fnsave/frstor); switching back
 * the same way must give A its value back bit for bit.
 */
#include "cpu.h"
#include "need.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

#define VALUE_A		0x400921fb54442d18ull	/* pi */
#define VALUE_B		0x4005bf0a8b145769ull	/* e */

struct fpu_area {
	uint8_t bytes[108];	/* fnsave image, 32-bit protected mode */
};

static struct fpu_area areas[2];
static int fpu_owner, fpu_current;
static unsigned int nm_count;

/* #NM: take the FPU for the current context; the instruction reruns. */
static int fpu_nm_hook(struct trap_frame *f)
{
	(void)f;
	vmi_clts();
	nm_count++;
	if (fpu_owner != fpu_current) {
		asm volatile("fnsave %0" : "=m" (areas[fpu_owner]) : :
			     "memory");
		asm volatile("frstor %0" : : "m" (areas[fpu_current]) :
			     "memory");
		fpu_owner = fpu_current;
	}
	return 1;
}

static void switch_context(int to)
{
	fpu_current = to;
	vmi_set_cr0(vmi_get_cr0() | CR0_TS);
}

TEST_CASE(cpu, fpu_ts_switch)
{
	static const uint64_t value_a = VALUE_A, value_b = VALUE_B;
	uint64_t out_a = 0, out_b = 0;
	uint32_t cr0;

	if (!NEED(t, VMI_CALL_GetCR0, VMI_CALL_SetCR0, VMI_CALL_CLTS,
		  VMI_CALL_IRET))
		return;
	vmi_clts();
	asm volatile("fninit; fnsave %0" : "=m" (areas[1]) : : "memory");
	asm volatile("fninit; fldl %0" : : "m" (value_a) : "memory");
	fpu_owner = 0;
	fpu_current = 0;
	nm_count = 0;
	trap_set_hook(VEC_NM, fpu_nm_hook);

	switch_context(1);
	asm volatile("fldl %1; fstpl %0" : "=m" (out_b) : "m" (value_b) :
		     "memory");
	switch_context(0);
	asm volatile("fstpl %0" : "=m" (out_a) : : "memory");

	trap_set_hook(VEC_NM, 0);
	cr0 = vmi_get_cr0();
	vmi_clts();

	check(t, nm_count == 2, "%u #NM traps, expected 2", nm_count);
	check(t, out_b == value_b, "context B read 0x%llx, expected 0x%llx",
	      out_b, value_b);
	check(t, out_a == value_a, "context A's st(0) came back as 0x%llx, expected 0x%llx",
	      out_a, value_a);
	check(t, !(cr0 & CR0_TS), "CR0 0x%08x after the handler's CLTS: TS set",
	      cr0);
}
