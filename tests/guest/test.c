// SPDX-License-Identifier: GPL-2.0
/*
 * test.c - the runner: walks the sorted test-case table, runs each case
 * and prints "PASS area.case" or "FAIL area.case: why".  A case that a
 * trap handler abandons (test_abort) resumes here and the processor is
 * put back in shape before the next case.
 */
#include "cpu.h"
#include "kctx.h"
#include "kstring.h"
#include "test.h"

static struct kctx case_ctx;
static struct test *running;

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

void note(struct test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->note, sizeof(t->note), fmt, ap);
	va_end(ap);
}

struct test *test_current(void)
{
	return running;
}

void test_abort(void)
{
	kctx_restore(&case_ctx, 1);
}

/* Run one case; 1 if a trap handler ended it (test_abort). */
static int run_case(const struct test_case *tc, struct test *t)
{
	running = t;
	if (kctx_save(&case_ctx))
		return 1;
	tc->run(t);
	return 0;
}

static int selected(const struct test_case *tc, const char *only,
		    size_t only_len)
{
	char name[64];

	snprintf(name, sizeof(name), "%s.%s", tc->area, tc->name);
	return strncmp(name, only, only_len) == 0;
}

void tests_run(const char *only, size_t only_len, unsigned int *passed,
	       unsigned int *failed)
{
	const struct test_case *tc;
	struct test t;
	int aborted;

	*passed = 0;
	*failed = 0;
	for (tc = test_cases_start; tc < test_cases_end; tc++) {
		if (!selected(tc, only, only_len))
			continue;
		t.tc = tc;
		t.failed = 0;
		t.why[0] = '\0';
		t.note[0] = '\0';
		aborted = run_case(tc, &t);
		running = 0;
		cpu_recover(aborted);
		if (t.note[0])
			kprintf("%s\n", t.note);
		if (t.failed) {
			kprintf("FAIL %s.%s: %s\n", tc->area, tc->name, t.why);
			(*failed)++;
		} else {
			kprintf("PASS %s.%s\n", tc->area, tc->name);
			(*passed)++;
		}
	}
}
