// SPDX-License-Identifier: GPL-2.0
/*
 * test_time.c - time.* cases: the VMI timer calls' counters and clocks.
 * GetCycleFrequency (not 0: a VMI timer) against the wallclock,
 * GetCycleCounter's REAL, AVAILABLE and STOLEN (monotonic, REAL =
 * AVAILABLE + STOLEN), GetWallclockTime (plausible, advancing, the CMOS
 * clock's time), WallclockUpdated polled every tick, and the accounting a
 * VMI Linux kernel does at each tick: jiffies from REAL, the scheduler
 * clock from AVAILABLE.
 */
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "rtc.h"
#include "test.h"
#include "timer.h"

#define FREQ_RUN_US		1000000
#define FREQ_TOLERANCE_PCT	1
static uint64_t read_wallclock(void)
{
	return vmi_get_wallclock_time();
}

/* The wallclock and REAL at the same moment. */
static void wall_sample(uint64_t *wall, uint64_t *real)
{
	*wall = sample_with_real(read_wallclock, real);
}

/*
 * The cycle rate is not 0, and REAL's progress over ~1 s, turned into
 * nanoseconds with it, is the wallclock's progress within 1 %.
 */
TEST_CASE(time, cycle_frequency)
{
	uint64_t r0, r1, w0, w1, real_ns, wall_ns, tol;

	if (!clock_ready(t) || !NEED(t, VMI_CALL_GetWallclockTime))
		return;
	wall_sample(&w0, &r0);
	spin_until(r0 + us_to_cycles(FREQ_RUN_US));
	wall_sample(&w1, &r1);
	real_ns = mul_div64(r1 - r0, NSEC_PER_SEC, cycle_hz);
	wall_ns = w1 - w0;
	tol = udiv64(wall_ns * FREQ_TOLERANCE_PCT, 100, 0);
	check(t, w1 > w0 && real_ns + tol >= wall_ns && real_ns <= wall_ns + tol,
	      "over %u us of REAL at %u kHz the wallclock advanced %u us (1 %% allowed)",
	      (uint32_t)udiv64(real_ns, 1000, 0),
	      (uint32_t)udiv64(cycle_hz, 1000, 0),
	      w1 > w0 ? (uint32_t)udiv64(wall_ns, 1000, 0) : 0);
}

#define MONOTONIC_READS		100000
#define UNKNOWN_COUNTER		3
#define FAR_COUNTER		7

static const uint32_t counters[] = {
	VMI_CYCLES_REAL, VMI_CYCLES_AVAILABLE, VMI_CYCLES_STOLEN,
};
static const char *const counter_names[] = { "REAL", "AVAILABLE", "STOLEN" };

/* Each counter read many times never goes back; other numbers read 0. */
TEST_CASE(time, counters_monotonic)
{
	uint64_t prev, v;
	uint32_t c, i, back;

	if (!clock_ready(t))
		return;
	for (c = 0; c < 3; c++) {
		prev = vmi_get_cycle_counter(counters[c]);
		back = 0;
		for (i = 0; i < MONOTONIC_READS; i++) {
			v = vmi_get_cycle_counter(counters[c]);
			if (v < prev && !back++)
				fail(t, "%s went back from 0x%llx to 0x%llx at read %u",
				     counter_names[c], prev, v, i);
			prev = v;
		}
	}
	v = vmi_get_cycle_counter(UNKNOWN_COUNTER);
	check(t, v == 0, "GetCycleCounter(%u) 0x%llx, expected 0", UNKNOWN_COUNTER,
	      v);
	v = vmi_get_cycle_counter(FAR_COUNTER);
	check(t, v == 0, "GetCycleCounter(%u) 0x%llx, expected 0", FAR_COUNTER, v);
}

#define RSA_ROUNDS		100000

/*
 * REAL = AVAILABLE + STOLEN (spec, Time Interface).  Each call reads its
 * own snapshot, so a round reads AVAILABLE, STOLEN, REAL, STOLEN,
 * AVAILABLE and REAL must lie within [A1 + S1, A2 + S2]; exact equality
 * of one snapshot is the shim's unit tests' business.
 */
TEST_CASE(time, real_stolen_available)
{
	uint64_t a1, s1, r, s2, a2;
	uint32_t i, bad = 0;

	if (!clock_ready(t))
		return;
	for (i = 0; i < RSA_ROUNDS; i++) {
		a1 = avail_now();
		s1 = stolen_now();
		r = real_now();
		s2 = stolen_now();
		a2 = avail_now();
		if ((r < a1 + s1 || r > a2 + s2 || a2 < a1 || s2 < s1) &&
		    !bad++)
			fail(t, "round %u: AVAILABLE 0x%llx, STOLEN 0x%llx, REAL 0x%llx, STOLEN 0x%llx, AVAILABLE 0x%llx: REAL outside [A1 + S1, A2 + S2]",
			     i, a1, s1, r, s2, a2);
	}
	check(t, bad == 0, "%u of %u rounds inconsistent", bad, RSA_ROUNDS);
}

#define EPOCH_2020		1577836800ull	/* 2020-01-01T00:00:00Z */
#define EPOCH_2100		4102444800ull
#define WALL_READS		1000
#define WALL_STEP_US		10000

/* The wallclock is after 2020-01-01 (and before 2100) and advances. */
TEST_CASE(time, wallclock)
{
	uint64_t w0, w, prev, r0, real_ns;
	uint32_t i;

	if (!clock_ready(t) || !NEED(t, VMI_CALL_GetWallclockTime))
		return;
	w0 = vmi_get_wallclock_time();
	check(t, w0 >= EPOCH_2020 * NSEC_PER_SEC && w0 < EPOCH_2100 * NSEC_PER_SEC,
	      "GetWallclockTime %u s since the epoch: not between 2020 and 2100",
	      (uint32_t)udiv64(w0, NSEC_PER_SEC, 0));
	prev = w0;
	for (i = 0; i < WALL_READS; i++) {
		w = vmi_get_wallclock_time();
		if (!check(t, w >= prev, "GetWallclockTime went back by %u ns",
			   (uint32_t)(prev - w)))
			return;
		prev = w;
	}
	r0 = real_now();
	w0 = vmi_get_wallclock_time();
	spin_us(WALL_STEP_US);
	w = vmi_get_wallclock_time();
	real_ns = mul_div64(real_now() - r0, NSEC_PER_SEC, cycle_hz);
	check(t, w > w0 && w - w0 <= real_ns * 2 && 2 * (w - w0) >= real_ns,
	      "the wallclock advanced %u ns in %u ns of REAL",
	      w > w0 ? (uint32_t)(w - w0) : 0, (uint32_t)real_ns);
}

#define WCU_HZ			250
#define WCU_TICKS		10	/* polled at this many ticks ... */
#define WCU_MAX_US		5000000	/* ... within this, at most */

/*
 * WallclockUpdated polled at every tick, as VMI Linux does, and once
 * outside: it can be called from the tick handler and only says 0 or 1.
 */
TEST_CASE(time, wallclock_updated)
{
	uint32_t r;

	if (!irq_begin(t) || !NEED(t, VMI_CALL_WallclockUpdated))
		goto out;
	r = vmi_wallclock_updated();
	check(t, r <= 1, "WallclockUpdated returned %u, expected 0 or 1", r);
	if (!timer_start_irq0(t, WCU_HZ))
		goto out;
	tick.poll_wallclock = 1;
	vmi_enable_interrupts();
	wait_for(&tick.wc_polls, WCU_TICKS, WCU_MAX_US);
	vmi_disable_interrupts();
	check(t, tick.wc_polls >= WCU_TICKS, "WallclockUpdated polled at %u ticks in %u ms at %u Hz",
	      tick.wc_polls, WCU_MAX_US / 1000, WCU_HZ);
	check(t, tick.wc_bad == 0, "WallclockUpdated returned %u (not 0 or 1) at %u of %u ticks",
	      tick.wc_bad_value, tick.wc_bad, tick.wc_polls);
	r = vmi_wallclock_updated();
	check(t, r <= 1, "WallclockUpdated returned %u, expected 0 or 1", r);
out:
	irq_teardown();
}

static uint8_t cmos_read_vmi(uint8_t reg)
{
	vmi_outb(reg, CMOS_INDEX);
	return vmi_inb(CMOS_DATA);
}

/*
 * The CMOS clock (read through VMI port calls, as a kernel reads it at
 * boot) and GetWallclockTime agree within a second, give or take the
 * clock's whole seconds: the wallclock lies in [RTC - 1 s, RTC + 2 s).
 */
TEST_CASE(time, rtc_wallclock)
{
	struct rtc_time tm;
	uint64_t rtc, wall;

	if (!NEED(t, VMI_CALL_GetWallclockTime, VMI_CALL_INB, VMI_CALL_OUTB))
		return;
	if (!check(t, rtc_read(cmos_read_vmi, &tm) == 0,
		   "the CMOS clock never settled (update in progress)"))
		return;
	wall = vmi_get_wallclock_time();
	rtc = rtc_to_epoch(&tm);
	wall = udiv64(wall, NSEC_PER_SEC / 1000, 0);	/* ms */
	check(t, wall + 1000 >= rtc * 1000 && wall < rtc * 1000 + 2000,
	      "CMOS clock %04u-%02u-%02u %02u:%02u:%02u (%u s since the epoch), the wallclock %u.%03u s",
	      tm.year, tm.month, tm.day, tm.hour, tm.min, tm.sec,
	      (uint32_t)rtc, (uint32_t)udiv64(wall, 1000, 0),
	      (uint32_t)(wall - udiv64(wall, 1000, 0) * 1000));
}

#define SCHED_HZ		250
#define SCHED_RUN_US		500000
/*
 * Ticks needed: both clocks are compared as the last tick saw them, and
 * jiffies catch up whatever ticks were lost, so a few will do.
 */
#define SCHED_TICKS_MIN		3

/*
 * VMI Linux's accounting at each tick: jiffies advance from REAL (one per
 * period of REAL, catching up), the scheduler clock reads AVAILABLE
 * (read next to each other at the start and at each tick, so that a
 * stall of the emulator between them cannot pass for a disagreement).
 * Over ~0.5 s the two agree within a tick once the time stolen meanwhile
 * is added to the scheduler clock's progress (REAL = AVAILABLE + STOLEN;
 * nothing is stolen natively).
 */
TEST_CASE(time, sched_clock)
{
	uint64_t s1, jiffy_time, sched, want;

	if (!irq_begin(t))
		return;
	if (!timer_start_irq0(t, SCHED_HZ))
		goto out;
	vmi_enable_interrupts();
	idle_until(real_now() + us_to_cycles(SCHED_RUN_US));
	vmi_disable_interrupts();
	s1 = stolen_now();
	if (!check(t, tick.ticks >= SCHED_TICKS_MIN, "%u ticks in %u ms at %u Hz",
		   tick.ticks, SCHED_RUN_US / 1000, SCHED_HZ))
		goto out;
	jiffy_time = (uint64_t)tick.jiffies * tick.period;
	sched = tick.sched_clock - tick.sched_base;
	want = sched + (s1 - tick.stolen_base);
	check(t, jiffy_time + tick.period >= want && jiffy_time <= want + tick.period,
	      "%u jiffies (%u us of REAL) against the scheduler clock's %u us of AVAILABLE and %u us stolen: more than a tick (%u us) apart",
	      tick.jiffies, (uint32_t)cycles_to_us(jiffy_time),
	      (uint32_t)cycles_to_us(sched), (uint32_t)cycles_to_us(s1 - tick.stolen_base),
	      (uint32_t)cycles_to_us(tick.period));
	if (s1 != tick.stolen_base)
		note(t, "vmitest: time.sched_clock: %u us stolen in %u ms",
		     (uint32_t)cycles_to_us(s1 - tick.stolen_base), SCHED_RUN_US / 1000);
out:
	irq_teardown();
}
