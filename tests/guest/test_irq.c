// SPDX-License-Identifier: GPL-2.0
/*
 * test_irq.c - irq.* cases: the virtual interrupt flag.  No interrupt
 * source is set up, and the case always leaves interrupts disabled.
 */
#include "test.h"
#include "vmi.h"

static void expect_mask(struct test *t, const char *after, uint32_t want)
{
	uint32_t got = vmi_get_interrupt_mask();

	check(t, got == want, "after %s: GetInterruptMask 0x%x, expected 0x%x",
	      after, got, want);
}

TEST_CASE(irq, mask_roundtrip)
{
	vmi_disable_interrupts();
	expect_mask(t, "DisableInterrupts", 0);
	vmi_enable_interrupts();
	expect_mask(t, "EnableInterrupts", VMI_IF_MASK);
	vmi_set_interrupt_mask(0);
	expect_mask(t, "SetInterruptMask(0)", 0);
	vmi_set_interrupt_mask(VMI_IF_MASK);
	expect_mask(t, "SetInterruptMask(0x200)", VMI_IF_MASK);
	vmi_set_interrupt_mask(VMI_IF_MASK | 0x1);
	expect_mask(t, "SetInterruptMask(0x201)", VMI_IF_MASK);
	vmi_disable_interrupts();
	expect_mask(t, "final DisableInterrupts", 0);
}
