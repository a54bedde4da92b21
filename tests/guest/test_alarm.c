// SPDX-License-Identifier: GPL-2.0
/*
 * test_alarm.c - alarm.* cases: VMI_SetAlarm / VMI_CancelAlarm, the
 * spec's alarm model (E(i) = e0 + p * i, one-shots fire once, re-arming
 * replaces, cancel's result) and its wiring: to IRQ0 through the PIC and
 * to the local APIC's LVTT, and the sequence the VMI Linux kernel runs.
 * Every case ends with irq_teardown(): interrupts off, alarms cancelled,
 * PICs and LVTT masked.
 */
#include "apic.h"
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "pic.h"
#include "printf.h"
#include "rom.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#define PERIODIC_RUN_US		1000000	/* ~1 s of REAL per rate */
/* "Ticks continue": TICKS_GO_ON more arrive (waited for DELIVERY_US). */
#define TICKS_GO_ON		3
#define GO_ON_US		DELIVERY_US

/*
 * VMI Linux's tick at hz: a periodic AVAILABLE alarm wired to IRQ0
 * (timer_start_irq0), ~1 s of REAL with the guest idle in Halt between
 * ticks; the count, the grid and the rate as check_tick_count (timer.c)
 * explains, every tick on vector 0x20.
 */
static void periodic(struct test *t, uint32_t hz, const char *what)
{
	uint64_t from, end, to;

	if (!irq_begin(t))
		return;
	if (timer_start_irq0(t, hz)) {
		uint64_t stolen = stolen_now();

		from = real_now();
		end = from + us_to_cycles(PERIODIC_RUN_US);
		vmi_enable_interrupts();
		to = tick_run_until(end);
		vmi_disable_interrupts();
		stolen = stolen_now() - stolen;
		/* The alarm runs on AVAILABLE: its expiries are REAL - STOLEN's. */
		kprintf("vmitest: tick %s: %u ticks in %u us of REAL, %u us of it stolen: %u AVAILABLE expiries\n",
			what, tick.ticks, (uint32_t)cycles_to_us(to - from),
			(uint32_t)cycles_to_us(stolen),
			(uint32_t)udiv64(to - from - stolen, tick.period, 0));
		check_tick_count(t, what, from, end, to);
		check(t, irq_count[PIC_MASTER_BASE + IRQ_TIMER] == tick.ticks,
		      "%s: %u interrupts on vector 0x%x, %u ticks", what,
		      irq_count[PIC_MASTER_BASE + IRQ_TIMER],
		      PIC_MASTER_BASE + IRQ_TIMER, tick.ticks);
	}
	irq_teardown();
}

TEST_CASE(alarm, periodic_100hz)
{
	periodic(t, 100, "100 Hz");
}

TEST_CASE(alarm, periodic_250hz)
{
	periodic(t, 250, "250 Hz");
}

TEST_CASE(alarm, periodic_1000hz)
{
	periodic(t, 1000, "1000 Hz");
}

/*
 * A one-shot's handler may see REAL a little before the expiry only by
 * the rounding of the hardware's clock against REAL's: natively the PIT
 * count is rounded up, and calibration is good to ~10^-5.
 */
#define EARLY_SLACK_US		20
#define ONESHOT_US		5000

/* check() that the one-shot expiring at REAL expiry fired once, not early. */
static void check_once(struct test *t, const char *what, uint64_t expiry)
{
	if (!check(t, shot.n == 1, "%s: the one-shot fired %u times, expected once",
		   what, shot.n))
		return;
	check(t, shot.at + us_to_cycles(EARLY_SLACK_US) >= expiry,
	      "%s: the one-shot fired %u us before its expiry", what,
	      (uint32_t)cycles_to_us(expiry - shot.at));
}

TEST_CASE(alarm, oneshot_once)
{
	uint64_t expiry;

	if (!irq_begin(t))
		return;
	if (alarm_begin_irq0(t, shot_irq0)) {
		vmi_enable_interrupts();
		expiry = real_now() + us_to_cycles(ONESHOT_US);
		vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
			      VMI_CYCLES_REAL, expiry, 0);
		wait_oneshot(expiry);
		check_once(t, "REAL one-shot on IRQ0", expiry);
		check_no_other_irqs(t, "REAL one-shot on IRQ0",
				    (const int[]){ PIC_MASTER_BASE, -1 });
	}
	irq_teardown();
}

#define REARM_FAR_US		250000
#define REARM_NEAR_US		20000
#define REARM_OLD_GONE_US	100000	/* after the old expiry: nothing */
/*
 * Two calls meant to follow each other closely can be split by an
 * emulator's stall longer than the gap the case relies on; the case sees
 * it (REAL after the second call) and tries again, RACE_TRIES times.
 */
#define RACE_TRIES		5

/*
 * Re-arming replaces: an armed one-shot moved earlier fires once, at the
 * new expiry, and not again at the old one; one moved later does not fire
 * at the old expiry, then fires once at the new.  On the LVTT, so that
 * the two expiries can lie far apart (an IRQ0 one-shot cannot exceed
 * 54.9 ms natively): a delivery late by less than their distance cannot
 * pass for the other expiry.  A re-arm that came only after the old
 * expiry (RACE_TRIES) does not count.
 */
TEST_CASE(alarm, rearm_replaces)
{
	uint32_t flags = VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_ONESHOT |
			 VMI_CYCLES_REAL;
	uint64_t start, near, far, rearmed = 0;
	unsigned int try;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_lvtt(t, shot_lvtt))
		goto out;
	vmi_enable_interrupts();

	start = real_now();
	near = start + us_to_cycles(REARM_NEAR_US);
	far = start + us_to_cycles(REARM_FAR_US);
	vmi_set_alarm(flags, far, 0);
	vmi_set_alarm(flags, near, 0);
	wait_oneshot(near);
	spin_until(far + us_to_cycles(QUIET_US));
	check_once(t, "moved earlier", near);
	check(t, shot.at < far, "moved earlier: it fired at the old expiry (%u us after the new one)",
	      (uint32_t)cycles_to_us(shot.at - near));

	for (try = 0; try < RACE_TRIES; try++) {
		shot_reset();
		start = real_now();
		near = start + us_to_cycles(REARM_NEAR_US);
		far = start + us_to_cycles(REARM_FAR_US);
		vmi_set_alarm(flags, near, 0);
		vmi_set_alarm(flags, far, 0);
		rearmed = real_now();
		if (rearmed < near)
			break;
		/* Stalled past the old expiry before the re-arm: again. */
		spin_until(far + us_to_cycles(QUIET_US));
	}
	if (!check(t, try < RACE_TRIES, "moved later: the re-arm never came within %u us of the first SetAlarm",
		   REARM_NEAR_US))
		goto out;
	spin_until(near + us_to_cycles(REARM_OLD_GONE_US));
	check(t, shot.n == 0, "moved later: it fired %u times by %u us after the old expiry, the first at %d us (the old expiry at %u us, the new at %u us, the re-arm at most %u us after the start)",
	      shot.n, REARM_OLD_GONE_US,
	      shot.n ? (int32_t)cycles_to_us(shot.at - start) : 0,
	      REARM_NEAR_US, REARM_FAR_US, (uint32_t)cycles_to_us(rearmed - start));
	wait_oneshot(far);
	check_once(t, "moved later", far);
out:
	irq_teardown();
}

#define CANCEL_HZ		1000
#define CANCEL_QUIET_US		20000
#define CANCEL_FAR_US		20000

/* An unfired one-shot on the wire flags names: cancelled, it never fires. */
static void cancel_unfired(struct test *t, uint32_t wire, const char *what)
{
	uint64_t expiry;
	uint32_t r = 0;
	unsigned int try;

	for (try = 0; try < RACE_TRIES; try++) {
		shot_reset();
		expiry = real_now() + us_to_cycles(CANCEL_FAR_US);
		vmi_set_alarm(wire | VMI_ALARM_IS_ONESHOT | VMI_CYCLES_REAL,
			      expiry, 0);
		r = vmi_cancel_alarm(VMI_CYCLES_REAL);
		if (real_now() < expiry)
			break;
		/* Stalled past the expiry before the cancel: again. */
		spin_until(expiry + us_to_cycles(QUIET_US));
	}
	if (!check(t, try < RACE_TRIES, "the cancel never came within %u us of SetAlarm",
		   CANCEL_FAR_US))
		return;
	check(t, r == 1, "CancelAlarm of a one-shot on %s not yet fired: %u, expected 1",
	      what, r);
	spin_until(expiry + us_to_cycles(QUIET_US));
	check(t, shot.n == 0, "a one-shot on %s cancelled before its expiry fired %u times",
	      what, shot.n);
}

/*
 * CancelAlarm's result: TRUE for an armed periodic alarm and for a
 * one-shot that has not fired, FALSE for an alarm never armed, for a
 * one-shot that fired, and for one already cancelled; nothing fires after
 * a cancel.  Cancels are made with interrupts enabled, so a tick the
 * hardware raised before the cancel has been taken when it returns.  The
 * unfired one-shot is cancelled on the LVTT, and on IRQ0 too except with
 * the native ROM: QEMU's PIT keeps counting through the control words
 * that stop a real 8254 (native_rom.S lists that deviation).
 */
TEST_CASE(alarm, cancel_returns)
{
	uint32_t oneshot = VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
			   VMI_CYCLES_REAL;
	uint64_t period, expiry;
	uint32_t r, before;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	vmi_enable_interrupts();

	r = vmi_cancel_alarm(VMI_CYCLES_REAL);
	check(t, r == 0, "CancelAlarm(REAL) of an alarm never armed: %u, expected 0",
	      r);
	r = vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	check(t, r == 0, "CancelAlarm(AVAILABLE) of an alarm never armed: %u, expected 0",
	      r);

	/* Armed periodic. */
	period = udiv64(cycle_hz, CANCEL_HZ, 0);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_AVAILABLE, avail_now() + period, period);
	check(t, wait_for(&shot.n, TICKS_GO_ON, GO_ON_US),
	      "periodic 1 kHz alarm: %u ticks in %u ms", shot.n,
	      GO_ON_US / 1000);
	r = vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	before = shot.n;
	check(t, r == 1, "CancelAlarm of an armed periodic alarm: %u, expected 1",
	      r);
	spin_us(CANCEL_QUIET_US);
	check(t, shot.n == before, "periodic alarm: %u ticks in the %u ms after CancelAlarm",
	      shot.n - before, CANCEL_QUIET_US / 1000);
	r = vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	check(t, r == 0, "second CancelAlarm of the periodic alarm: %u, expected 0",
	      r);

	/* Fired one-shot. */
	shot_reset();
	expiry = real_now() + us_to_cycles(ONESHOT_US);
	vmi_set_alarm(oneshot, expiry, 0);
	wait_oneshot(expiry);
	check(t, shot.n == 1, "one-shot: fired %u times, expected once",
	      shot.n);
	r = vmi_cancel_alarm(VMI_CYCLES_REAL);
	check(t, r == 0, "CancelAlarm of a one-shot that fired: %u, expected 0",
	      r);

	/* Unfired one-shots. */
	if (!rom_state.native)
		cancel_unfired(t, VMI_ALARM_WIRED_IRQ0, "IRQ0");
	if (alarm_begin_lvtt(t, shot_lvtt))
		cancel_unfired(t, VMI_ALARM_WIRED_LVTT, "the LVTT");
out:
	irq_teardown();
}

/* The IRQ0 handler without an EOI: the PIC keeps IRQ0 in service. */
static void count_no_eoi(struct trap_frame *f)
{
	(void)f;
	shot.n++;
}

#define PIC_HZ			1000
#define PIC_WAIT_US		20000

/*
 * An alarm wired to IRQ0 goes through the PIC: it arrives on ICW2's base
 * + 0; IRQ0 masked in the IMR, nothing arrives (and IRR shows it
 * requested); unmasked, the pending tick is delivered at once; without an EOI IRQ0 stays in service and no
 * second tick comes; after the EOI they continue.
 */
TEST_CASE(alarm, irq0_pic)
{
	uint64_t period, end;
	uint32_t n;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, count_no_eoi))
		goto out;
	pic_mask(IRQ_TIMER);
	vmi_enable_interrupts();
	period = udiv64(cycle_hz, PIC_HZ, 0);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_REAL, real_now() + period, period);
	spin_us(PIC_WAIT_US);
	end = real_now() + us_to_cycles(DELIVERY_US);
	while (!(pic_read_irr() & (1u << IRQ_TIMER)) && real_now() < end)
		;
	check(t, shot.n == 0, "IRQ0 masked in the IMR: %u ticks arrived", shot.n);

	pic_unmask(IRQ_TIMER);
	n = shot.n;
	check(t, n == 1, "after unmasking IRQ0 with a tick pending: %u ticks at once, expected 1",
	      n);
	spin_us(PIC_WAIT_US);
	check(t, shot.n == 1, "no EOI: %u ticks in %u ms, expected the first only",
	      shot.n, PIC_WAIT_US / 1000);

	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, shot_irq0);
	pic_eoi(IRQ_TIMER);
	n = shot.n;
	check(t, wait_for(&shot.n, n + TICKS_GO_ON, GO_ON_US),
	      "after the EOI: %u ticks in %u ms at %u Hz", shot.n - n,
	      GO_ON_US / 1000, PIC_HZ);
	check(t, irq_count[PIC_MASTER_BASE + IRQ_TIMER] == shot.n,
	      "%u interrupts on vector 0x%x (ICW2 base + 0), %u ticks counted",
	      irq_count[PIC_MASTER_BASE + IRQ_TIMER], PIC_MASTER_BASE,
	      shot.n);
	check_no_other_irqs(t, "IRQ0 through the PIC",
			    (const int[]){ PIC_MASTER_BASE, -1 });
out:
	irq_teardown();
}

static void apic_eoi_hook(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
}

#define LVTT_HZ			1000
#define LVTT_WAIT_US		20000
#define IN_FLIGHT		1	/* a tick raised as the LVTT changed */

/*
 * An alarm wired to the LVTT: it arrives on the vector the LVTT holds
 * (rewriting the LVTT moves it), the LVT mask bit blocks it, and without
 * an EOI the vector stays in service and no second tick comes.  Counts
 * are taken with interrupts enabled, a tick that was raised as the LVTT
 * changed (IN_FLIGHT) allowed on the old vector.
 */
TEST_CASE(alarm, lvtt)
{
	uint64_t period;
	uint32_t n, m;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_lvtt(t, apic_eoi_hook))
		goto out;
	irq_set_hook(VEC_SELF_IPI, apic_eoi_hook);
	vmi_enable_interrupts();
	period = udiv64(cycle_hz, LVTT_HZ, 0);
	vmi_set_alarm(VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_AVAILABLE, avail_now() + period, period);
	check(t, wait_for(&irq_count[VEC_LOCAL_TIMER], TICKS_GO_ON, GO_ON_US),
	      "LVTT 0x%x: %u ticks in %u ms at %u Hz", VEC_LOCAL_TIMER,
	      irq_count[VEC_LOCAL_TIMER], GO_ON_US / 1000, LVTT_HZ);

	/* Another vector in the LVTT. */
	apic_write(APIC_LVTT, VEC_SELF_IPI);
	n = irq_count[VEC_LOCAL_TIMER];
	check(t, wait_for(&irq_count[VEC_SELF_IPI], TICKS_GO_ON, GO_ON_US),
	      "LVTT rewritten to 0x%x: %u ticks on it in %u ms", VEC_SELF_IPI,
	      irq_count[VEC_SELF_IPI], GO_ON_US / 1000);
	check(t, irq_count[VEC_LOCAL_TIMER] - n <= IN_FLIGHT, "LVTT rewritten to 0x%x: %u more ticks on 0x%x",
	      VEC_SELF_IPI, irq_count[VEC_LOCAL_TIMER] - n,
	      VEC_LOCAL_TIMER);

	/* The mask bit. */
	apic_write(APIC_LVTT, VEC_LOCAL_TIMER | APIC_LVT_MASKED);
	n = irq_count[VEC_LOCAL_TIMER];
	m = irq_count[VEC_SELF_IPI];
	spin_us(LVTT_WAIT_US);
	check(t, irq_count[VEC_LOCAL_TIMER] == n &&
	      irq_count[VEC_SELF_IPI] - m <= IN_FLIGHT,
	      "LVTT masked: %u ticks on 0x%x, %u on 0x%x in %u ms",
	      irq_count[VEC_LOCAL_TIMER] - n, VEC_LOCAL_TIMER,
	      irq_count[VEC_SELF_IPI] - m, VEC_SELF_IPI, LVTT_WAIT_US / 1000);
	apic_write(APIC_LVTT, VEC_LOCAL_TIMER);
	n = irq_count[VEC_LOCAL_TIMER];
	check(t, wait_for(&irq_count[VEC_LOCAL_TIMER], n + TICKS_GO_ON, GO_ON_US),
	      "LVTT unmasked again: %u ticks in %u ms",
	      irq_count[VEC_LOCAL_TIMER] - n, GO_ON_US / 1000);

	/* No EOI: 0xEF stays in service. */
	irq_set_hook(VEC_LOCAL_TIMER, 0);
	n = irq_count[VEC_LOCAL_TIMER];
	wait_for(&irq_count[VEC_LOCAL_TIMER], n + 1, GO_ON_US);
	spin_us(LVTT_WAIT_US);
	check(t, irq_count[VEC_LOCAL_TIMER] - n == 1, "no EOI: %u ticks, expected 1 (then none for %u ms)",
	      irq_count[VEC_LOCAL_TIMER] - n, LVTT_WAIT_US / 1000);
	check(t, apic_in_service(VEC_LOCAL_TIMER), "no EOI: 0x%x not in service (ISR)",
	      VEC_LOCAL_TIMER);
	irq_set_hook(VEC_LOCAL_TIMER, apic_eoi_hook);
	apic_eoi();
	n = irq_count[VEC_LOCAL_TIMER];
	check(t, wait_for(&irq_count[VEC_LOCAL_TIMER], n + TICKS_GO_ON, GO_ON_US),
	      "after the EOI: %u ticks in %u ms",
	      irq_count[VEC_LOCAL_TIMER] - n, GO_ON_US / 1000);
	check_no_other_irqs(t, "the LVTT",
			    (const int[]){ VEC_LOCAL_TIMER, VEC_SELF_IPI, -1 });
out:
	irq_teardown();
}

#define LINUX_HZ		1000
#define LINUX_IRQ0_US		200000
#define LINUX_LVTT_US		300000

/*
 * The VMI Linux kernel's timer bring-up, as timer.c runs it: the
 * periodic AVAILABLE alarm on IRQ0 first, then moved to the LVTT (LVTT
 * written with 0xEF, CancelAlarm(AVAILABLE), the same alarm wired to the
 * LVTT).  Ticks come on 0x20, then on 0xEF at the same rate, and stop on
 * 0x20 (a tick in flight at the move allowed).  The move is made with
 * interrupts enabled, so that an IRQ0 tick raised before it is taken
 * before it rather than after.
 */
TEST_CASE(alarm, linux_sequence)
{
	uint64_t from, end, to;
	uint32_t irq0;

	if (!irq_begin(t))
		return;
	if (!timer_start_irq0(t, LINUX_HZ))
		goto out;
	from = real_now();
	end = from + us_to_cycles(LINUX_IRQ0_US);
	vmi_enable_interrupts();
	to = tick_run_until(end);
	check_tick_count(t, "on IRQ0", from, end, to);
	check(t, irq_count[PIC_MASTER_BASE + IRQ_TIMER] == tick.ticks,
	      "on IRQ0: %u interrupts on 0x%x, %u ticks",
	      irq_count[PIC_MASTER_BASE + IRQ_TIMER], PIC_MASTER_BASE,
	      tick.ticks);

	if (!timer_move_to_lvtt(t))
		goto out;
	from = real_now();
	end = from + us_to_cycles(LINUX_LVTT_US);
	irq0 = irq_count[PIC_MASTER_BASE + IRQ_TIMER];
	to = tick_run_until(end);
	check_tick_count(t, "on the LVTT", from, end, to);
	check(t, irq_count[VEC_LOCAL_TIMER] == tick.ticks,
	      "on the LVTT: %u interrupts on 0x%x, %u ticks",
	      irq_count[VEC_LOCAL_TIMER], VEC_LOCAL_TIMER, tick.ticks);
	check(t, irq_count[PIC_MASTER_BASE + IRQ_TIMER] - irq0 <= IN_FLIGHT,
	      "after the move to the LVTT: %u more ticks on 0x%x",
	      irq_count[PIC_MASTER_BASE + IRQ_TIMER] - irq0,
	      PIC_MASTER_BASE);
out:
	irq_teardown();
}
