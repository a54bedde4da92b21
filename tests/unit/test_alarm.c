// SPDX-License-Identifier: GPL-2.0
/*
 * test_alarm.c - host unit tests for VMI's alarms and counters: the grid
 * E(i) = e0 + p*i (time/alarm.c), the alarms' deadlines on Xen's timer and
 * the AVAILABLE re-projection (time/alarms.c, clock and timer faked), the
 * counters from Xen's time scale and runstate (time/counters.c), and the
 * 64-bit divider they rest on.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "shim/lib/div64.h"
#include "time/alarm.h"
#include "time/alarms.h"
#include "time/counters.h"
#include "time/timer.h"

/* time/alarms.c's view of the clock and of Xen's timer, faked. */
static struct time_counters fake_now;
static uint64_t fake_deadline[TIMER_NR_SOURCES];
static unsigned int fake_reads;		/* time_read_counters calls */

void time_read_counters(struct time_counters *c)
{
	fake_reads++;
	*c = fake_now;
}

void timer_set(enum timer_source src, uint64_t deadline_ns)
{
	fake_deadline[src] = deadline_ns;
}

static void clock_at(uint64_t real, uint64_t stolen)
{
	fake_now.real = real;
	fake_now.stolen = stolen;
	fake_now.available = real - stolen;
}

/* The VIRQ_TIMER event's expiry, with the time the due mask was taken. */
static uint32_t expire(uint32_t due)
{
	return time_alarms_expire(due, fake_now.real);
}

static void test_grid_next(void **state)
{
	(void)state;
	/* The spec's example: expiry 3 ms, period 2 ms: 3, 5, 7, 9. */
	assert_int_equal(alarm_next_on_grid(3, 2, 3), 5);
	assert_int_equal(alarm_next_on_grid(3, 2, 4), 5);
	assert_int_equal(alarm_next_on_grid(3, 2, 5), 7);
	assert_int_equal(alarm_next_on_grid(3, 2, 8), 9);
}

static void test_grid_large_gap(void **state)
{
	uint64_t e0 = 1000, p = 10000000;	/* 100 Hz in ns */
	uint64_t now = e0 + 123456 * p + 17;

	(void)state;
	assert_true(alarm_next_on_grid(e0, p, now) == e0 + 123457 * p);
}

static void test_grid_period_beyond_32_bits(void **state)
{
	uint64_t p = 10000000000ull;		/* 10 s: does not fit 32 bits */
	uint64_t e0 = 5;

	(void)state;
	assert_true(alarm_next_on_grid(e0, p, e0 + 3 * p) == e0 + 4 * p);
	assert_true(alarm_next_on_grid(e0, p, e0 + 3 * p - 1) == e0 + 3 * p);
}

static void test_grid_saturates(void **state)
{
	uint64_t p = 1ull << 62;

	(void)state;
	/* e0 + 4p wraps: the alarm is never due again. */
	assert_true(alarm_next_on_grid(p, p, 3 * p + 1) == ~0ull);
	assert_true(alarm_next_on_grid(~0ull - 10, 100, ~0ull - 10) == ~0ull);
}

static void test_div64_64(void **state)
{
	uint64_t n = 0xfedcba9876543210ull;
	uint64_t r;

	(void)state;
	r = div64_64(&n, 0x123456789ull);
	assert_true(n == 0xfedcba9876543210ull / 0x123456789ull);
	assert_true(r == 0xfedcba9876543210ull % 0x123456789ull);
	n = ~0ull;
	r = div64_64(&n, (1ull << 63) + 1);	/* the wrap of r << 1 */
	assert_true(n == 1 && r == (1ull << 63) - 2);
	n = 1000;
	r = div64_64(&n, 7);			/* 32-bit divisor path */
	assert_true(n == 142 && r == 6);
}

static void test_oneshot_fires_once(void **state)
{
	struct alarm a;

	(void)state;
	memset(&a, 0, sizeof(a));
	alarm_arm(&a, VMIX_ALARM_IS_ONESHOT, 100, 0);
	assert_int_equal(alarm_check(&a, 99), 0);
	assert_int_equal(alarm_check(&a, 100), 1);
	assert_int_equal(a.armed, 0);
	assert_int_equal(alarm_check(&a, 1000), 0);
	assert_int_equal(alarm_cancel(&a), 0);	/* fired: FALSE */
}

static void test_periodic_missed_fires_once(void **state)
{
	struct alarm a;

	(void)state;
	memset(&a, 0, sizeof(a));
	alarm_arm(&a, VMIX_ALARM_IS_PERIODIC, 3, 2);
	assert_int_equal(alarm_check(&a, 3), 1);
	assert_true(a.expiry == 5);
	/* Nothing between 5 and 8: one firing, the next at 9 (the spec). */
	assert_int_equal(alarm_check(&a, 8), 1);
	assert_true(a.expiry == 9);
	assert_int_equal(alarm_check(&a, 8), 0);
	assert_int_equal(alarm_cancel(&a), 1);	/* periodic: TRUE */
	assert_int_equal(alarm_cancel(&a), 0);
}

static void test_period_zero_is_oneshot(void **state)
{
	struct alarm a;

	(void)state;
	memset(&a, 0, sizeof(a));
	alarm_arm(&a, VMIX_ALARM_IS_PERIODIC, 10, 0);
	assert_int_equal(alarm_check(&a, 10), 1);
	assert_int_equal(a.armed, 0);
	/* The periodic flag ignored: a one-shot's period is 0. */
	alarm_arm(&a, VMIX_ALARM_IS_ONESHOT, 10, 5);
	assert_true(a.period == 0);
}

static void test_rearm_replaces(void **state)
{
	struct alarm a;

	(void)state;
	memset(&a, 0, sizeof(a));
	alarm_arm(&a, VMIX_ALARM_IS_PERIODIC | VMIX_ALARM_WIRED_LVTT, 10, 5);
	alarm_arm(&a, VMIX_ALARM_IS_ONESHOT, 50, 0);
	assert_int_equal(a.lvtt, 0);
	assert_int_equal(alarm_check(&a, 10), 0);
	assert_int_equal(alarm_check(&a, 50), 1);
	assert_int_equal(alarm_check(&a, 55), 0);
}

static void test_pvclock_scale(void **state)
{
	struct vcpu_time_info t;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.system_time = 1000;
	t.tsc_timestamp = 500;
	t.tsc_to_system_mul = 0x80000000u;	/* 0.5 ns per tick << shift */
	t.tsc_shift = 1;			/* -> 1 ns per tick */
	assert_true(pvclock_system_ns(&t, 500) == 1000);
	assert_true(pvclock_system_ns(&t, 1500) == 2000);
	t.tsc_shift = -1;			/* 0.25 ns per tick */
	assert_true(pvclock_system_ns(&t, 4500) == 2000);
	assert_true(pvclock_system_ns(&t, 100) == 1000);	/* behind */
	/*
	 * A stamp before the domain's TSC began (a domU's TSC offset): the
	 * stamp is "negative", the TSC small, the delta still forward.
	 * Comparing them as unsigned values froze the clock at system_time
	 * until Xen's next stamp (seen under a CPU burner in dom0).
	 */
	t.tsc_shift = 1;
	t.tsc_to_system_mul = 0x80000000u;	/* 1 ns per tick */
	t.tsc_timestamp = (uint64_t)-1000;
	assert_true(pvclock_system_ns(&t, 500) == 1000 + 1500);
	t.tsc_timestamp = 500;
	/* Large deltas keep 96-bit precision: 2^40 * (2^32 - 1) >> 32. */
	t.tsc_shift = 0;
	t.tsc_to_system_mul = 0xffffffffu;
	assert_true(pvclock_system_ns(&t, 500 + (1ull << 40)) ==
		    1000 + (1ull << 40) - (1ull << 8));
}

static struct vcpu_runstate_info runstate(int st, uint64_t entry,
					  uint64_t run, uint64_t runnable,
					  uint64_t blocked, uint64_t offline)
{
	struct vcpu_runstate_info rs;

	memset(&rs, 0, sizeof(rs));
	rs.state = st;
	rs.state_entry_time = entry;
	rs.time[RUNSTATE_running] = run;
	rs.time[RUNSTATE_runnable] = runnable;
	rs.time[RUNSTATE_blocked] = blocked;
	rs.time[RUNSTATE_offline] = offline;
	return rs;
}

static void test_counters_identity(void **state)
{
	struct vcpu_runstate_info rs;
	struct time_counters c;
	uint64_t now;

	(void)state;
	/* Exactly REAL == STOLEN + AVAILABLE for many states and times. */
	for (now = 1000000; now < 1000000 + 100000 * 7; now += 7) {
		rs = runstate(RUNSTATE_running, now / 2, now / 4, now / 8,
			      now / 16, now / 32);
		counters_compute(now, &rs, 1000, &c);
		assert_true(c.real == c.stolen + c.available);
		assert_true(c.stolen == now / 8 + now / 32 - 1000);
	}
}

static void test_counters_spec_table(void **state)
{
	struct vcpu_runstate_info rs;
	struct time_counters c;

	(void)state;
	/* The spec's Example 1 at 10 ms: stolen 4, available 6. */
	rs = runstate(RUNSTATE_running, 9, 4, 4, 1, 0);
	counters_compute(10, &rs, 0, &c);
	assert_true(c.real == 10 && c.stolen == 4 && c.available == 6);
	/* At 8 ms, runnable since 6: the current state's share counts. */
	rs = runstate(RUNSTATE_runnable, 6, 4, 1, 1, 0);
	counters_compute(8, &rs, 0, &c);
	assert_true(c.stolen == 3 && c.available == 5);
	/* Xen's update flag does not leak into the arithmetic. */
	rs = runstate(RUNSTATE_offline, 6 | XEN_RUNSTATE_UPDATE, 4, 1, 1, 0);
	counters_compute(8, &rs, 0, &c);
	assert_true(c.stolen == 3);
}

static void test_counters_stolen_base(void **state)
{
	struct vcpu_runstate_info rs;
	struct time_counters c;

	(void)state;
	/* Stolen starts at 0 at Init: AVAILABLE starts equal to REAL. */
	rs = runstate(RUNSTATE_running, 0, 0, 500, 0, 20);
	counters_compute(10000, &rs, 520, &c);
	assert_true(c.stolen == 0 && c.available == c.real);
	/* A base beyond the total (never from Xen) clamps, never wraps. */
	counters_compute(10000, &rs, 600, &c);
	assert_true(c.stolen == 0);
}

static void test_real_alarm_deadline(void **state)
{
	(void)state;
	clock_at(1000, 0);
	assert_int_equal(time_alarm_set(VMIX_CYCLES_REAL, 5000, 0), 0);
	assert_true(fake_deadline[TIMER_ALARM_REAL] == 5000);
	clock_at(5000, 0);
	assert_int_equal(expire(1u << TIMER_ALARM_REAL),
			 ALARM_FIRED_IRQ0);
	assert_true(fake_deadline[TIMER_ALARM_REAL] == TIMER_NEVER);
	assert_int_equal(time_alarm_cancel(VMIX_CYCLES_REAL), 0);
}

/* Stolen time delays an AVAILABLE alarm by exactly what was stolen. */
static void test_available_reprojected(void **state)
{
	(void)state;
	clock_at(1000, 200);			/* AVAILABLE 800 */
	assert_int_equal(time_alarm_set(VMIX_CYCLES_AVAILABLE |
					VMIX_ALARM_WIRED_LVTT, 900, 0), 0);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 1100);
	clock_at(1100, 250);			/* 50 stolen meanwhile */
	assert_int_equal(expire(1u << TIMER_ALARM_AVAILABLE), 0);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 1150);
	clock_at(1150, 250);
	assert_int_equal(expire(1u << TIMER_ALARM_AVAILABLE),
			 ALARM_FIRED_LVTT);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == TIMER_NEVER);
}

/* A periodic AVAILABLE alarm keeps AVAILABLE's grid across stolen time. */
static void test_available_periodic_grid(void **state)
{
	(void)state;
	clock_at(0, 0);
	time_alarm_set(VMIX_CYCLES_AVAILABLE | VMIX_ALARM_IS_PERIODIC, 100,
		       100);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 100);
	clock_at(100, 0);
	assert_int_equal(expire(1u << TIMER_ALARM_AVAILABLE),
			 ALARM_FIRED_IRQ0);
	assert_true(time_alarm(VMIX_CYCLES_AVAILABLE)->expiry == 200);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 200);
	/* 350 stolen: at REAL 550 AVAILABLE is 200: due, next E = 300. */
	clock_at(550, 350);
	assert_int_equal(expire(1u << TIMER_ALARM_AVAILABLE),
			 ALARM_FIRED_IRQ0);
	assert_true(time_alarm(VMIX_CYCLES_AVAILABLE)->expiry == 300);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 650);
	/* Not due: nothing fires, the deadline stays. */
	assert_int_equal(expire(1u << TIMER_ALARM_REAL), 0);
	assert_int_equal(time_alarm_cancel(VMIX_CYCLES_AVAILABLE), 1);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == TIMER_NEVER);
}

static void test_alarm_counter_refused(void **state)
{
	(void)state;
	clock_at(0, 0);
	assert_int_equal(time_alarm_set(VMIX_CYCLES_STOLEN, 10, 0), -1);
	assert_int_equal(time_alarm_set(7 | VMIX_ALARM_IS_PERIODIC, 10, 5),
			 -1);
	assert_int_equal(time_alarm_cancel(VMIX_CYCLES_STOLEN), 0);
	assert_int_equal(time_alarm_cancel(200), 0);
	assert_null(time_alarm(VMIX_CYCLES_STOLEN));
}

/* A REAL alarm reads no counter: its deadline is its expiry. */
static void test_real_alarm_reads_no_counter(void **state)
{
	(void)state;
	clock_at(1000, 100);
	fake_reads = 0;
	assert_int_equal(time_alarm_set(VMIX_CYCLES_REAL |
					VMIX_ALARM_IS_PERIODIC, 2000, 500), 0);
	assert_true(fake_deadline[TIMER_ALARM_REAL] == 2000);
	assert_int_equal(fake_reads, 0);
	assert_int_equal(time_alarms_expire(1u << TIMER_ALARM_REAL, 2100),
			 ALARM_FIRED_IRQ0);
	assert_int_equal(fake_reads, 0);
	assert_true(time_alarm(VMIX_CYCLES_REAL)->expiry == 2500);
	assert_true(fake_deadline[TIMER_ALARM_REAL] == 2500);
	/* AVAILABLE needs the counters, once per call. */
	assert_int_equal(time_alarm_set(VMIX_CYCLES_AVAILABLE, 950, 0), 0);
	assert_int_equal(fake_reads, 1);
	assert_true(fake_deadline[TIMER_ALARM_AVAILABLE] == 1050);
	clock_at(1050, 100);
	assert_int_equal(expire(1u << TIMER_ALARM_AVAILABLE |
				1u << TIMER_ALARM_REAL), ALARM_FIRED_IRQ0);
	assert_int_equal(fake_reads, 2);
	assert_int_equal(time_alarm_cancel(VMIX_CYCLES_REAL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_next),
		cmocka_unit_test(test_grid_large_gap),
		cmocka_unit_test(test_grid_period_beyond_32_bits),
		cmocka_unit_test(test_grid_saturates),
		cmocka_unit_test(test_div64_64),
		cmocka_unit_test(test_oneshot_fires_once),
		cmocka_unit_test(test_periodic_missed_fires_once),
		cmocka_unit_test(test_period_zero_is_oneshot),
		cmocka_unit_test(test_rearm_replaces),
		cmocka_unit_test(test_pvclock_scale),
		cmocka_unit_test(test_counters_identity),
		cmocka_unit_test(test_counters_spec_table),
		cmocka_unit_test(test_counters_stolen_base),
		cmocka_unit_test(test_real_alarm_deadline),
		cmocka_unit_test(test_real_alarm_reads_no_counter),
		cmocka_unit_test(test_available_reprojected),
		cmocka_unit_test(test_available_periodic_grid),
		cmocka_unit_test(test_alarm_counter_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
