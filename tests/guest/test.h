/*
 * test.h - the test-case framework.
 *
 *	TEST_CASE(io, uart_scratch)
 *	{
 *		check(t, vmi_inb(UART_SCR) == 0x5a, "SCR 0x%02x", ...);
 *	}
 *
 * places a descriptor in section .testcase.<area>.<case>; the linker sorts
 * those by name, so cases run in "area.case" order.  A case passes unless
 * check() or fail() reports a problem; the first message is kept and
 * printed by the runner after the case returns (cases print nothing
 * themselves, so they may leave the console unusable for a while).
 */
#ifndef VMITEST_TEST_H
#define VMITEST_TEST_H

#include "printf.h"

struct test;

struct test_case {
	const char *area;
	const char *name;
	void (*run)(struct test *t);
};

#define TEST_MSG_SIZE	200

struct test {
	const struct test_case *tc;
	int failed;
	char why[TEST_MSG_SIZE];	/* first failure message */
};

#define TEST_CASE(area, name)						\
	static void test_##area##_##name(struct test *t);		\
	static const struct test_case test_case_##area##_##name		\
	__attribute__((used, aligned(4),				\
		       section(".testcase." #area "." #name))) =	\
		{ #area, #name, test_##area##_##name };			\
	static void test_##area##_##name(				\
		struct test *t __attribute__((unused)))

/* Record a failure with message fmt unless cond holds; returns cond. */
int check(struct test *t, int cond, const char *fmt, ...) __printf(3, 4);

/* Record a failure with message fmt. */
void fail(struct test *t, const char *fmt, ...) __printf(2, 3);

/* Run all cases, printing one PASS/FAIL line each. */
void tests_run(unsigned int *passed, unsigned int *failed);

#endif /* VMITEST_TEST_H */
