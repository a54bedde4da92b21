/* SPDX-License-Identifier: GPL-2.0 */
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
 * themselves, so they may leave the console unusable for a while; note()
 * keeps a line the runner prints before the verdict).  A trap nobody
 * expected fails the running case and ends it through test_abort().
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
	char note[TEST_MSG_SIZE];	/* printed before the verdict */
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

/* Keep one line (the last given) for the runner to print. */
void note(struct test *t, const char *fmt, ...) __printf(2, 3);

/* The running case, or 0 between cases. */
struct test *test_current(void);

/* End the running case now (from a trap handler); it keeps its verdict. */
void test_abort(void) __attribute__((noreturn));

/*
 * Run the cases whose "area.case" starts with the only_len characters at
 * only (all of them when only_len is 0), printing one PASS/FAIL line each.
 */
void tests_run(const char *only, size_t only_len, unsigned int *passed,
	       unsigned int *failed);

#endif /* VMITEST_TEST_H */
