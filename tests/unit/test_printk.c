// SPDX-License-Identifier: GPL-2.0
/*
 * test_printk.c - the shim's freestanding formatter (shim/printk.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "shim/lib/printk.h"

static char buf[64];

static void test_integers(void **state)
{
	(void)state;
	vmix_snprintf(buf, sizeof(buf), "%d %u %x %X %i", -42, 42u, 0xbeefu,
		      0xbeefu, 7);
	assert_string_equal(buf, "-42 42 beef BEEF 7");
	vmix_snprintf(buf, sizeof(buf), "%08x|%5d|%05d|%3d", 0x1234u, 12, -12,
		      -5);
	assert_string_equal(buf, "00001234|   12|-0012| -5");
}

static void test_64_bit(void **state)
{
	(void)state;
	vmix_snprintf(buf, sizeof(buf), "%llu %llx %lld",
		      18446744073709551615ull, 0x123456789abcdefull,
		      -9223372036854775807ll - 1);
	assert_string_equal(buf, "18446744073709551615 123456789abcdef -9223372036854775808");
}

static void test_strings_chars(void **state)
{
	const char *volatile none = NULL;	/* hide NULL from -Wformat */

	(void)state;
	vmix_snprintf(buf, sizeof(buf), "[%s][%4s][%c][%%][%s]", "ab", "x",
		      'z', none);
	assert_string_equal(buf, "[ab][   x][z][%][(null)]");
}

static void test_truncation_returns_full_length(void **state)
{
	char small[8];
	int n;

	(void)state;
	n = vmix_snprintf(small, sizeof(small), "0123456789");
	assert_int_equal(n, 10);
	assert_string_equal(small, "0123456");
	n = vmix_snprintf(small, 0, "abc");
	assert_int_equal(n, 3);
}

static void test_pointer(void **state)
{
	(void)state;
	vmix_snprintf(buf, sizeof(buf), "%p", (void *)0xc8000);
	assert_string_equal(buf, sizeof(void *) == 8 ?
			    "0x00000000000c8000" : "0x000c8000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_64_bit),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_truncation_returns_full_length),
		cmocka_unit_test(test_pointer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
