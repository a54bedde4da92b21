/*
 * test.c - the runner: walks the sorted test-case table, runs each case
 * and prints "PASS area.case" or "FAIL area.case: why".
 */
#include "test.h"

extern const struct test_case test_cases_start[], test_cases_end[];

static void record(struct test *t, const char *fmt, va_list ap)
{
	if (t->failed++)
		return;
	vsnprintf(t->why, sizeof(t->why), fmt, ap);
}

int check(struct test *t, int cond, const char *fmt, ...)
{
	va_list ap;

	if (cond)
		return 1;
	va_start(ap, fmt);
	record(t, fmt, ap);
	va_end(ap);
	return 0;
}

void fail(struct test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(t, fmt, ap);
	va_end(ap);
}

void tests_run(unsigned int *passed, unsigned int *failed)
{
	const struct test_case *tc;
	struct test t;

	*passed = 0;
	*failed = 0;
	for (tc = test_cases_start; tc < test_cases_end; tc++) {
		t.tc = tc;
		t.failed = 0;
		t.why[0] = '\0';
		tc->run(&t);
		if (t.failed) {
			kprintf("FAIL %s.%s: %s\n", tc->area, tc->name, t.why);
			(*failed)++;
		} else {
			kprintf("PASS %s.%s\n", tc->area, tc->name);
			(*passed)++;
		}
	}
}
