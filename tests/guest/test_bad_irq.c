// SPDX-License-Identifier: GPL-2.0
/*
 * test_bad_irq.c - bad.* cases of the interrupt and timer calls.  Alarm
 * calls with input the spec defines as a no-op or a one-shot (the STOLEN
 * counter, a counter that does not exist, an expiry in the past, a
 * periodic alarm of period 0) behave so; APIC and PIC writes that no
 * hardware state accepts are refused as the vmi-xen shim refuses bad
 * input: #GP(0) at the call (check_gp_at_call, as test_bad.c), the
 * register unchanged.  The shim's console diagnostic for each refusal is
 * in tests/rig/diagnostics.py.
 */
#include "apic.h"
#include "fault.h"
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "pic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#define NOOP_WAIT_US		20000
#define SOON_US			1000
#define UNKNOWN_COUNTER		7

/*
 * SetAlarm on a counter that has no alarm: nothing fires (one-shot and
 * periodic, due soon and long past), CancelAlarm of it returns 0, and
 * neither REAL's nor AVAILABLE's alarm was armed instead.
 */
static void alarm_noop(struct test *t, uint32_t counter, const char *name)
{
	uint64_t period = us_to_cycles(SOON_US);
	uint32_t r;

	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT | counter,
		      vmi_get_cycle_counter(counter) + period, 0);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT | counter,
		      0, 0);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC | counter,
		      vmi_get_cycle_counter(counter) + period, period);
	spin_us(NOOP_WAIT_US);
	check(t, shot.n == 0, "SetAlarm on %s: %u interrupts on IRQ0", name,
	      shot.n);
	r = vmi_cancel_alarm(counter);
	check(t, r == 0, "CancelAlarm(%s) returned %u, expected 0", name, r);
	r = vmi_cancel_alarm(VMI_CYCLES_REAL);
	check(t, r == 0, "after SetAlarm on %s, CancelAlarm(REAL) returned %u: an alarm was armed",
	      name, r);
	r = vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	check(t, r == 0, "after SetAlarm on %s, CancelAlarm(AVAILABLE) returned %u: an alarm was armed",
	      name, r);
	check_no_other_irqs(t, name, (const int[]){ -1 });
}

/* SetAlarm against STOLEN is a no-op (spec, VMI_SetAlarm). */
TEST_CASE(bad, alarm_stolen)
{
	if (!irq_begin(t))
		return;
	if (alarm_begin_irq0(t, shot_irq0)) {
		vmi_enable_interrupts();
		alarm_noop(t, VMI_CYCLES_STOLEN, "STOLEN");
	}
	irq_teardown();
}

/* ... and so is SetAlarm against a counter number that is not defined. */
TEST_CASE(bad, alarm_unknown_counter)
{
	if (!irq_begin(t))
		return;
	if (alarm_begin_irq0(t, shot_irq0)) {
		vmi_enable_interrupts();
		alarm_noop(t, UNKNOWN_COUNTER, "counter 7");
	}
	irq_teardown();
}

#define AGAIN_US		30000

/* A one-shot due in the past fires once, promptly, and not again. */
TEST_CASE(bad, alarm_expiry_past)
{
	uint64_t now, expiry, armed;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	vmi_enable_interrupts();
	now = real_now();
	expiry = now > cycle_hz ? now - cycle_hz : 0;	/* a second ago */
	armed = real_now();
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, expiry, 0);
	if (check(t, wait_for(&shot.n, 1, DELIVERY_US), "a one-shot due 1 s ago did not fire within %u ms",
		  DELIVERY_US / 1000))
		note(t, "vmitest: bad.alarm_expiry_past: fired %u us after SetAlarm",
		     (uint32_t)cycles_to_us(shot.at - armed));
	spin_us(AGAIN_US);
	check(t, shot.n <= 1, "a one-shot due in the past fired %u times", shot.n);
out:
	irq_teardown();
}

/*
 * VMI_ALARM_IS_PERIODIC with period 0 arms a one-shot (spec: "If the
 * value of 'period' is zero, the alarm is armed as a one-shot alarm
 * regardless of the mode"): it fires once, and CancelAlarm after that
 * finds it fired (0), as for a one-shot.
 */
TEST_CASE(bad, alarm_period_zero)
{
	uint64_t expiry;
	uint32_t r;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	vmi_enable_interrupts();
	expiry = real_now() + us_to_cycles(SOON_US);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_REAL, expiry, 0);
	wait_oneshot(expiry);
	spin_us(AGAIN_US);
	check(t, shot.n == 1, "periodic with period 0 fired %u times, expected once (a one-shot)",
	      shot.n);
	r = vmi_cancel_alarm(VMI_CYCLES_REAL);
	check(t, r == 0, "CancelAlarm after it fired returned %u, expected 0 (a fired one-shot)",
	      r);
out:
	irq_teardown();
}

/* APICWrite to a register expecting #GP at the call. */
static void apic_write_expecting_gp(uint32_t reg, uint32_t value)
{
	vmi_call_expecting(VEC_GP, VMI_CALL_APICWrite, APIC_VBASE + reg, value,
			   0, 0);
}

struct ro_reg {
	uint32_t reg;
	const char *name;
	int stable;		/* reads the same before and after */
};

static const struct ro_reg ro_regs[] = {
	{ APIC_VERSION, "version", 1 },
	{ APIC_APR, "APR", 1 },
	{ APIC_PPR, "PPR", 1 },
	{ APIC_ISR, "ISR 0-31", 1 },
	{ APIC_ISR + 7 * APIC_REG_STEP, "ISR 224-255", 1 },
	{ APIC_TMR, "TMR 0-31", 1 },
	{ APIC_TMR + 7 * APIC_REG_STEP, "TMR 224-255", 1 },
	{ APIC_IRR, "IRR 0-31", 1 },
	{ APIC_IRR + 7 * APIC_REG_STEP, "IRR 224-255", 1 },
	{ APIC_TMCCT, "timer current count", 1 },	/* timer stopped */
};

/* Offsets that are no register of the xAPIC page. */
static const uint32_t no_regs[] = { 0x040, 0x3f0, 0x004, 0x800 };

/*
 * APICWrite to the version register (the case the contract names), the
 * other read-only registers (APR, PPR, ISR, TMR, IRR, the timer's
 * current count) and offsets that are no register: #GP(0) at the call,
 * the register unchanged.
 */
TEST_CASE(bad, apic_write_readonly)
{
	char what[64];
	uint32_t before, after, i;

	if (!irq_begin(t) || !apic_ready(t))
		goto out;
	apic_enable();
	apic_write(APIC_TMICT, 0);
	for (i = 0; i < sizeof(ro_regs) / sizeof(ro_regs[0]); i++) {
		snprintf(what, sizeof(what), "APICWrite(%s 0x%03x)",
			 ro_regs[i].name, ro_regs[i].reg);
		before = apic_read(ro_regs[i].reg);
		apic_write_expecting_gp(ro_regs[i].reg, ~before);
		check_gp_at_call(t, what);
		after = apic_read(ro_regs[i].reg);
		if (ro_regs[i].stable)
			check(t, after == before, "%s: the register reads 0x%08x, was 0x%08x",
			      what, after, before);
	}
	for (i = 0; i < sizeof(no_regs) / sizeof(no_regs[0]); i++) {
		snprintf(what, sizeof(what), "APICWrite(offset 0x%03x)",
			 no_regs[i]);
		apic_write_expecting_gp(no_regs[i], 0x5a5a5a5a);
		check_gp_at_call(t, what);
	}
out:
	irq_teardown();
}

/* EOI with nothing in service: #GP(0) at the call. */
TEST_CASE(bad, apic_eoi_idle)
{
	uint32_t i;

	if (!irq_begin(t) || !apic_ready(t))
		goto out;
	apic_enable();
	for (i = 0; i < APIC_VECTOR_REGS; i++)
		if (!check(t, apic_read(APIC_ISR + i * APIC_REG_STEP) == 0,
			   "ISR %u-%u 0x%08x before the case", i * 32,
			   i * 32 + 31, apic_read(APIC_ISR + i * APIC_REG_STEP)))
			goto out;
	apic_write_expecting_gp(APIC_EOI, 0);
	check_gp_at_call(t, "APICWrite(EOI) with nothing in service");
out:
	irq_teardown();
}

/* OUTB expecting #GP at the call. */
static void outb_expecting_gp(uint8_t value, uint16_t port)
{
	vmi_call_expecting(VEC_GP, VMI_CALL_OUTB, value, port, 0, 0);
}


/* After a refusal: the normal sequence, then the PIC delivers IRQ0. */
static void check_pic_works(struct test *t, const char *after)
{
	shot_reset();
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	pic_unmask(IRQ_TIMER);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, real_now() + us_to_cycles(SOON_US), 0);
	vmi_enable_interrupts();
	wait_for(&shot.n, 1, DELIVERY_US);
	spin_us(QUIET_US);
	vmi_disable_interrupts();
	check(t, shot.n == 1 && irq_count[PIC_MASTER_BASE + IRQ_TIMER] == 1,
	      "after %s and a full initialisation: the IRQ0 alarm arrived %u times on 0x%02x, expected once",
	      after, irq_count[PIC_MASTER_BASE + IRQ_TIMER], PIC_MASTER_BASE);
	irq_count[PIC_MASTER_BASE + IRQ_TIMER] = 0;
}

/*
 * The 8259's initialisation order: after ICW1 a PIC takes ICW2 (ICW3,
 * ICW4) on its data port; an OCW to its command port instead is refused
 * with #GP(0) at the OUTB (master and slave), and so is an ICW4 without
 * 8086 mode.  After each, the guest runs the normal sequence (from ICW1)
 * and the PIC works: an IRQ0 alarm arrives on 0x20.
 */
TEST_CASE(bad, pic_icw_order)
{
	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;

	vmi_outb(ICW1_INIT | ICW1_IC4, PIC1_CMD);
	outb_expecting_gp(OCW2_EOI, PIC1_CMD);
	check_gp_at_call(t, "OUTB(0x20, port 0x20) after ICW1 instead of ICW2");
	check_pic_works(t, "the refused OCW to 0x20");

	vmi_outb(ICW1_INIT | ICW1_IC4, PIC2_CMD);
	outb_expecting_gp(OCW3_READ_ISR, PIC2_CMD);
	check_gp_at_call(t, "OUTB(0x0b, port 0xa0) after ICW1 instead of ICW2");
	check_pic_works(t, "the refused OCW to 0xa0");

	vmi_outb(ICW1_INIT | ICW1_IC4, PIC1_CMD);
	vmi_outb(PIC_MASTER_BASE, PIC1_DATA);
	vmi_outb(ICW3_MASTER_SLAVE_ON_IRQ2, PIC1_DATA);
	outb_expecting_gp(0, PIC1_DATA);
	check_gp_at_call(t, "OUTB(0x00, port 0x21) as ICW4 (MCS-80/85 mode)");
	check_pic_works(t, "the refused ICW4");
out:
	irq_teardown();
}
