// SPDX-License-Identifier: GPL-2.0
/*
 * test_timer.c - host unit tests for the time sources' one Xen timer
 * (time/timer.c): the earliest deadline is what Xen's single-shot timer is
 * set to, nothing is asked twice, the timer stops when nobody waits, and
 * deadlines set while due ones are handled wait for timer_sync.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/fake_xen.h"
#include "time/timer.h"
#include "xenif/hypercall.h"

static unsigned int vcpu_ops(int cmd)
{
	unsigned int i, n = 0;

	for (i = 0; i < fake_xen.nr_calls; i++)
		if (fake_xen.calls[i].op == __HYPERVISOR_vcpu_op &&
		    fake_xen.calls[i].cmd == cmd)
			n++;
	return n;
}

static void clear_all(void)
{
	unsigned int i;

	for (i = 0; i < TIMER_NR_SOURCES; i++)
		timer_set(i, TIMER_NEVER);
	fake_xen_reset();
}

static int setup(void **state)
{
	(void)state;
	clear_all();
	return 0;
}

static void test_earliest_programmed(void **state)
{
	(void)state;
	timer_set(TIMER_PIT, 5000);
	assert_true(fake_xen.singleshot_ns == 5000);
	timer_set(TIMER_ALARM_REAL, 3000);
	assert_true(fake_xen.singleshot_ns == 3000);
	timer_set(TIMER_RTC, 9000);		/* later: Xen is not asked */
	assert_int_equal(vcpu_ops(VCPUOP_set_singleshot_timer), 2);
	timer_set(TIMER_ALARM_REAL, TIMER_NEVER);
	assert_true(fake_xen.singleshot_ns == 5000);
	assert_int_equal(vcpu_ops(VCPUOP_set_singleshot_timer), 3);
}

static void test_stopped_when_none(void **state)
{
	(void)state;
	timer_set(TIMER_LAPIC, 100);
	timer_set(TIMER_LAPIC, TIMER_NEVER);
	assert_int_equal(vcpu_ops(VCPUOP_stop_singleshot_timer), 1);
	timer_set(TIMER_LAPIC, TIMER_NEVER);	/* already stopped */
	assert_int_equal(vcpu_ops(VCPUOP_stop_singleshot_timer), 1);
}

static void test_take_due_and_sync(void **state)
{
	uint32_t due;

	(void)state;
	timer_set(TIMER_ALARM_REAL, 100);
	timer_set(TIMER_ALARM_AVAILABLE, 100);
	timer_set(TIMER_PIT, 300);
	fake_xen_reset();
	due = timer_take_due(150);
	assert_int_equal(due, 1u << TIMER_ALARM_REAL |
			 1u << TIMER_ALARM_AVAILABLE);
	/* While handling: no hypercall until timer_sync. */
	timer_set(TIMER_ALARM_REAL, 200);
	assert_int_equal(fake_xen.nr_calls, 0);
	timer_sync();
	assert_true(fake_xen.singleshot_ns == 200);
	assert_int_equal(timer_take_due(250), 1u << TIMER_ALARM_REAL);
	timer_sync();				/* Xen's fired: set again */
	assert_true(fake_xen.singleshot_ns == 300);
	assert_int_equal(vcpu_ops(VCPUOP_set_singleshot_timer), 2);
	assert_int_equal(timer_take_due(299), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_earliest_programmed, setup),
		cmocka_unit_test_setup(test_stopped_when_none, setup),
		cmocka_unit_test_setup(test_take_due_and_sync, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
