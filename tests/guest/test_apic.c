// SPDX-License-Identifier: GPL-2.0
/*
 * test_apic.c - apic.* cases: the local APIC through VMI APICRead and
 * APICWrite at APIC_VBASE + register (apic.h): identity and version, the
 * task priority and its effect on delivery, a self-IPI, and the APIC's
 * own timer, one-shot and periodic.  The APIC is enabled with SVR 0x1FF;
 * every case ends with irq_teardown() (timer stopped, LVTT masked, TPR 0).
 */
#include "apic.h"
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "timer.h"
#include "trap.h"
#include "vmi.h"

#define APIC_VERSION_MIN	0x10	/* integrated APICs: 0x10-0x15 */
#define APIC_VERSION_MAX	0x15
#define APIC_MAXLVT_MIN		4	/* LVT entries - 1: timer..error */
#define APIC_ID_RESERVED	0x00ffffffu
#define CPUID_1_EBX_APIC_ID_SHIFT	24

/*
 * The APIC ID (bits 31-24, the rest reserved; natively the initial APIC
 * ID CPUID leaf 1 reports) and the version register (version 0x10-0x15,
 * at least 5 LVT entries) read sanely.
 */
TEST_CASE(apic, id_version)
{
	uint32_t id, ver, cpuid[4];

	if (!apic_ready(t))
		return;
	id = apic_read(APIC_ID);
	ver = apic_read(APIC_VERSION);
	check(t, !(id & APIC_ID_RESERVED), "APIC ID register 0x%08x: reserved bits 23-0 set",
	      id);
	check(t, (ver & APIC_VERSION_MASK) >= APIC_VERSION_MIN &&
	      (ver & APIC_VERSION_MASK) <= APIC_VERSION_MAX,
	      "APIC version register 0x%08x: version 0x%02x, expected 0x%02x-0x%02x",
	      ver, ver & APIC_VERSION_MASK, APIC_VERSION_MIN,
	      APIC_VERSION_MAX);
	check(t, ((ver >> APIC_MAXLVT_SHIFT) & APIC_MAXLVT_MASK) >= APIC_MAXLVT_MIN,
	      "APIC version register 0x%08x: max LVT entry %u, expected >= %u",
	      ver, (ver >> APIC_MAXLVT_SHIFT) & APIC_MAXLVT_MASK,
	      APIC_MAXLVT_MIN);
	if (rom_state.native && NEED(t, VMI_CALL_CPUID)) {
		vmi_cpuid(1, 0, cpuid);
		check(t, id >> APIC_ID_SHIFT == cpuid[1] >> CPUID_1_EBX_APIC_ID_SHIFT,
		      "APIC ID %u, CPUID leaf 1 says %u", id >> APIC_ID_SHIFT,
		      cpuid[1] >> CPUID_1_EBX_APIC_ID_SHIFT);
	}
}

/* The self-IPI's handler: what it saw of ISR and PPR, then EOI. */
static volatile uint32_t ipi_in_service, ipi_ppr;

static void self_ipi_hook(struct trap_frame *f)
{
	(void)f;
	ipi_in_service = apic_in_service(VEC_SELF_IPI);
	ipi_ppr = apic_read(APIC_PPR);
	apic_eoi();
}

static void self_ipi(void)
{
	apic_write(APIC_ICR_LOW, APIC_ICR_SELF | APIC_ICR_ASSERT |
				 APIC_ICR_FIXED | VEC_SELF_IPI);
}

#define IPI_WAIT_US		5000
#define TPR_LOW			0x20
#define TPR_BLOCKING		0xf0	/* class 15: blocks 0xF0 */

/*
 * TPR reads back what was written; a self-IPI whose vector's class is
 * not above TPR's class (0xF0 under TPR 0xF0) stays pending in IRR, PPR
 * showing TPR, until TPR is lowered, then is delivered (PPR in the
 * handler: the vector's class).
 */
TEST_CASE(apic, tpr_ppr)
{
	uint32_t v;

	if (!irq_begin(t) || !apic_ready(t) || !clock_ready(t))
		goto out;
	apic_enable();
	irq_set_hook(VEC_SELF_IPI, self_ipi_hook);
	apic_write(APIC_TPR, TPR_LOW);
	v = apic_read(APIC_TPR);
	check(t, v == TPR_LOW, "TPR read 0x%02x after writing 0x%02x", v, TPR_LOW);
	apic_write(APIC_TPR, TPR_BLOCKING);
	v = apic_read(APIC_TPR);
	check(t, v == TPR_BLOCKING, "TPR read 0x%02x after writing 0x%02x", v,
	      TPR_BLOCKING);

	vmi_enable_interrupts();
	self_ipi();
	spin_us(IPI_WAIT_US);
	check(t, irq_count[VEC_SELF_IPI] == 0, "self-IPI 0x%02x under TPR 0x%02x delivered %u times",
	      VEC_SELF_IPI, TPR_BLOCKING, irq_count[VEC_SELF_IPI]);
	check(t, apic_pending(VEC_SELF_IPI), "self-IPI 0x%02x under TPR 0x%02x: not pending in IRR",
	      VEC_SELF_IPI, TPR_BLOCKING);
	v = apic_read(APIC_PPR);
	check(t, (v & APIC_TPR_CLASS_MASK) == TPR_BLOCKING, "PPR 0x%02x under TPR 0x%02x with nothing in service",
	      v, TPR_BLOCKING);

	apic_write(APIC_TPR, 0);
	wait_for(&irq_count[VEC_SELF_IPI], 1, DELIVERY_US);
	spin_us(QUIET_US);
	check(t, irq_count[VEC_SELF_IPI] == 1, "self-IPI after lowering TPR: delivered %u times, expected once",
	      irq_count[VEC_SELF_IPI]);
	check(t, (ipi_ppr & APIC_TPR_CLASS_MASK) == (VEC_SELF_IPI & APIC_TPR_CLASS_MASK),
	      "PPR 0x%02x in the handler of 0x%02x", ipi_ppr, VEC_SELF_IPI);
	v = apic_read(APIC_PPR);
	check(t, v == 0, "PPR 0x%02x after the EOI with TPR 0", v);
out:
	irq_teardown();
}

/*
 * A self-IPI through ICR (fixed, destination shorthand self) arrives on
 * its vector with the vector in service, the handler's EOI clears it,
 * and ICR's delivery status goes idle.
 */
TEST_CASE(apic, self_ipi)
{
	uint32_t icr;

	if (!irq_begin(t) || !apic_ready(t) || !clock_ready(t))
		goto out;
	apic_enable();
	irq_set_hook(VEC_SELF_IPI, self_ipi_hook);
	ipi_in_service = 0;
	vmi_enable_interrupts();
	self_ipi();
	check(t, wait_for(&irq_count[VEC_SELF_IPI], 1, DELIVERY_US),
	      "self-IPI 0x%02x never arrived", VEC_SELF_IPI);
	spin_us(QUIET_US);
	check(t, irq_count[VEC_SELF_IPI] == 1, "self-IPI delivered %u times, expected once",
	      irq_count[VEC_SELF_IPI]);
	check(t, ipi_in_service, "0x%02x was not in service (ISR) in its handler",
	      VEC_SELF_IPI);
	check(t, !apic_in_service(VEC_SELF_IPI), "0x%02x still in service after the EOI",
	      VEC_SELF_IPI);
	icr = apic_read(APIC_ICR_LOW);
	check(t, !(icr & APIC_ICR_BUSY), "ICR 0x%08x: delivery still pending", icr);
	check_no_other_irqs(t, "self-IPI", (const int[]){ VEC_SELF_IPI, -1 });
out:
	irq_teardown();
}

static void lvtt_eoi_hook(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
}

#define ONESHOT_COUNT		1000000	/* 16 ms at QEMU's 62.5 MHz (/16) */
#define ONESHOT_WAIT_US		DELIVERY_US
#define COUNT_STEP_US		100
#define ONESHOT_TRIES		5

/*
 * The APIC's own timer, one-shot at divide 16 on LVTT 0xEF: the current
 * count starts at most at the initial count and decreases, the timer
 * fires once, and its count rests at 0.  Should the emulator stall for
 * the whole count between starting the timer and reading it, the start
 * is tried again (ONESHOT_TRIES), its interrupt let by.
 */
TEST_CASE(apic, timer_oneshot)
{
	uint32_t c1 = 0, c2, n0 = 0;
	uint64_t start = 0, fired;
	unsigned int try;

	if (!irq_begin(t) || !apic_ready(t) || !clock_ready(t))
		goto out;
	apic_enable();
	irq_set_hook(VEC_LOCAL_TIMER, lvtt_eoi_hook);
	vmi_enable_interrupts();
	apic_write(APIC_TDCR, APIC_TDCR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVTT_ONESHOT | VEC_LOCAL_TIMER);
	for (try = 0; try < ONESHOT_TRIES; try++) {
		n0 = irq_count[VEC_LOCAL_TIMER];
		start = real_now();
		apic_write(APIC_TMICT, ONESHOT_COUNT);
		c1 = apic_read(APIC_TMCCT);
		if (c1 != 0)
			break;
		wait_for(&irq_count[VEC_LOCAL_TIMER], n0 + 1, DELIVERY_US);
	}
	spin_us(COUNT_STEP_US);
	c2 = apic_read(APIC_TMCCT);
	check(t, c1 <= ONESHOT_COUNT && c2 < c1,
	      "current count 0x%x then 0x%x after %u us, initial count 0x%x: not counting down",
	      c1, c2, COUNT_STEP_US, ONESHOT_COUNT);
	if (!check(t, wait_for(&irq_count[VEC_LOCAL_TIMER], n0 + 1, ONESHOT_WAIT_US),
		   "the one-shot APIC timer (0x%x at divide 16) did not fire in %u ms",
		   ONESHOT_COUNT, ONESHOT_WAIT_US / 1000))
		goto out;
	fired = real_now();
	spin_until(fired + 2 * (fired - start));
	check(t, irq_count[VEC_LOCAL_TIMER] - n0 == 1, "the one-shot APIC timer fired %u times",
	      irq_count[VEC_LOCAL_TIMER] - n0);
	c2 = apic_read(APIC_TMCCT);
	check(t, c2 == 0, "current count 0x%x after the one-shot fired", c2);
out:
	irq_teardown();
}

#define RATE_SPAN_US		10000
static uint64_t read_tmcct(void)
{
	return apic_read(APIC_TMCCT);
}

/* The timer's current count and REAL at the same moment. */
static void sample(uint32_t *count, uint64_t *at)
{
	*count = (uint32_t)sample_with_real(read_tmcct, at);
}
#define PERIODIC_HZ		1000
#define PERIODIC_RUN_US		200000

/*
 * The APIC's own timer, periodic at divide 16: its rate is measured
 * first (the current count over 10 ms of REAL), then with an initial
 * count of a millisecond's worth it ticks over ~200 ms as that count and
 * REAL say (check_tick_count's tolerances).
 */
TEST_CASE(apic, timer_periodic)
{
	uint64_t r0, r1, rate, from, end, to;
	uint32_t c0, c1, count;

	if (!irq_begin(t) || !apic_ready(t) || !clock_ready(t))
		goto out;
	apic_enable();
	apic_write(APIC_TDCR, APIC_TDCR_DIV_16);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | APIC_LVTT_ONESHOT |
			      VEC_LOCAL_TIMER);
	apic_write(APIC_TMICT, APIC_COUNT_MAX);
	sample(&c0, &r0);
	spin_until(r0 + us_to_cycles(RATE_SPAN_US));
	sample(&c1, &r1);
	apic_write(APIC_TMICT, 0);
	if (!check(t, c1 < c0, "the APIC timer did not count (0x%x, then 0x%x)",
		   c0, c1))
		goto out;
	rate = mul_div64(c0 - c1, cycle_hz, r1 - r0);
	count = (uint32_t)udiv64(rate, PERIODIC_HZ, 0);
	if (!check(t, count >= 2, "APIC timer at %u Hz (divide 16): too slow for %u Hz ticks",
		   (uint32_t)rate, PERIODIC_HZ))
		goto out;

	tick_reset(mul_div64(count, cycle_hz, rate));
	tick.wire = TICK_LVTT;
	irq_set_hook(VEC_LOCAL_TIMER, tick_lvtt);
	vmi_enable_interrupts();
	apic_write(APIC_LVTT, APIC_LVTT_PERIODIC | VEC_LOCAL_TIMER);
	from = real_now();
	end = from + us_to_cycles(PERIODIC_RUN_US);
	tick_grid(from + tick.period);
	apic_write(APIC_TMICT, count);
	to = tick_run_until(end);
	vmi_disable_interrupts();
	apic_write(APIC_TMICT, 0);
	check_tick_count(t, "periodic APIC timer", from, end, to);
out:
	irq_teardown();
}
