// SPDX-License-Identifier: GPL-2.0
/*
 * test_pvclock.c - Xen's time scale (time/pvclock.c): the TSC rate implied
 * by tsc_to_system_mul and tsc_shift, and the consistent read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <xen/xen.h>

#include "time/pvclock.h"

static uint32_t khz(uint32_t mul, int8_t shift)
{
	struct pvclock_scale s = { .mul = mul, .shift = shift };

	return pvclock_tsc_khz(&s);
}

static void test_tsc_khz(void **state)
{
	(void)state;
	/* ns = tsc * mul / 2^32: mul 2^31 is 2 ns per... 0.5 ns per tick. */
	assert_int_equal(khz(0x80000000u, 0), 2000000);
	assert_int_equal(khz(0x80000000u, -1), 4000000);
	assert_int_equal(khz(0x80000000u, 1), 1000000);
	/* 3 GHz: mul = 2^32 / 3 */
	assert_int_equal(khz(0x55555555u, 0), 3000000);
	assert_int_equal(khz(0, 0), 0);
}

static void test_read_scale(void **state)
{
	struct vcpu_time_info t = { .version = 4, .tsc_to_system_mul = 123,
				    .tsc_shift = -2 };
	struct pvclock_scale s;

	(void)state;
	pvclock_read_scale(&t, &s);
	assert_int_equal(s.mul, 123);
	assert_int_equal(s.shift, -2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsc_khz),
		cmocka_unit_test(test_read_scale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
