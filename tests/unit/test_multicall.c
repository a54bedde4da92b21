// SPDX-License-Identifier: GPL-2.0
/*
 * test_multicall.c - the multicall queue (xenif/multicall.c) with Xen
 * recorded: entries issued in order, one hypercall per batch, a full batch
 * issued before the next entry, a direct hypercall issuing the queue
 * first, failures reported with the caller and the first one returned; a
 * batch of one made as that entry's own hypercall; hypercalls, batches
 * and entries charged to the owner that issues them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/fake_xen.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/stats.h"

static int setup(void **state)
{
	(void)state;
	fake_xen_reset();
	mc_start();
	return 0;
}

static void queue_debugreg(uint32_t reg)
{
	struct multicall_entry *e = mc_entry(__HYPERVISOR_set_debugreg,
					     "test");

	e->args[0] = reg;
}

static void test_order_and_one_hypercall(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		queue_debugreg(i);
	assert_int_equal(fake_xen.nr_calls, 0);
	assert_int_equal(mc_issue(NULL), 0);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(fake_xen.nr_calls, 5);
	for (i = 0; i < 5; i++) {
		assert_int_equal(fake_xen.calls[i].op,
				 __HYPERVISOR_set_debugreg);
		assert_int_equal(fake_xen.calls[i].cmd, i);
	}
	assert_int_equal(mc_queued, 0);
}

static void test_full_batch_issued(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < MC_BATCH_SIZE + 3; i++)
		queue_debugreg(i % 8);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(mc_queued, 3);
	mc_flush();
	assert_int_equal(fake_xen.multicalls, 2);
	assert_int_equal(fake_xen.nr_calls, MC_BATCH_SIZE + 3);
}

static void test_direct_call_flushes_first(void **state)
{
	(void)state;
	queue_debugreg(3);
	hyp_sched_op(SCHEDOP_yield, 0);
	assert_int_equal(fake_xen.nr_calls, 2);
	assert_int_equal(fake_xen.calls[0].op, __HYPERVISOR_set_debugreg);
	assert_int_equal(fake_xen.calls[1].op, __HYPERVISOR_sched_op);
	assert_int_equal(mc_queued, 0);
}

static void test_failure_reported(void **state)
{
	struct mc_failure f = { 0, 0 };
	uint32_t i;

	(void)state;
	fake_xen.fail_op = __HYPERVISOR_set_debugreg;
	fake_xen.fail_countdown = MC_BATCH_SIZE + 2;	/* 2nd batch, 2nd */
	fake_xen.fail_rc = -22;
	for (i = 0; i < MC_BATCH_SIZE + 4; i++)
		queue_debugreg(1);
	assert_int_equal(mc_issue(&f), -1);
	assert_int_equal(f.index, MC_BATCH_SIZE + 1);
	assert_int_equal(f.rc, -22);
	assert_non_null(strstr(fake_xen.console, "vmi: test: queued hypercall 8 (entry 33 of the batch) failed: Xen error -22"));
	/* Xen went on with the rest of the batch, as multicalls do. */
	assert_int_equal(fake_xen.nr_calls, MC_BATCH_SIZE + 4 + 1);
	/* The failure is reported once. */
	assert_int_equal(mc_issue(&f), 0);
}

/*
 * A batch of one entry is that entry's hypercall: no multicall, its
 * result in the entry, a failure reported as a batch's would be; counted
 * as that hypercall and as direct, not as a multicall batch or entry.
 */
static void test_one_entry_made_directly(void **state)
{
	uint32_t batches0 = mc_batches, entries0 = mc_entries;
	uint32_t direct0 = mc_direct;
	struct mc_failure f = { 0, 0 };
	char line[128];

	(void)state;
	xen_stats_owner = 11;
	queue_debugreg(6);
	assert_int_equal(mc_issue(NULL), 0);
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_int_equal(fake_xen.calls[0].op, __HYPERVISOR_set_debugreg);
	assert_int_equal(fake_xen.calls[0].cmd, 6);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_set_debugreg], 1);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_multicall], 0);
	assert_int_equal(mc_batches - batches0, 0);
	assert_int_equal(mc_entries - entries0, 0);
	assert_int_equal(mc_direct - direct0, 1);
	assert_int_equal(xen_owner_stats[11].hypercalls, 1);
	assert_int_equal(xen_owner_stats[11].batches, 0);
	assert_int_equal(xen_owner_stats[11].entries, 0);

	fake_xen.fail_op = __HYPERVISOR_set_debugreg;
	fake_xen.fail_countdown = 1;
	fake_xen.fail_rc = -22;
	queue_debugreg(7);
	assert_int_equal(mc_issue(&f), -1);
	assert_int_equal(f.index, 1);		/* the second since mc_start */
	assert_int_equal(f.rc, -22);
	assert_non_null(strstr(fake_xen.console, "vmi: test: queued hypercall 8 (entry 1 of the batch) failed: Xen error -22"));
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(mc_issue(&f), 0);	/* reported once */
	xen_stats_print();
	snprintf(line, sizeof(line), " multicall.batches=%u multicall.entries=%u multicall.direct=%u\n",
		 batches0, entries0, direct0 + 2);
	assert_non_null(strstr(fake_xen.console, line));
	xen_stats_owner = XEN_OWNER_NONE;
}

static const char *owner_name(uint32_t owner)
{
	return owner == 10 ? "ten" : 0;
}

static void test_charged_to_owner(void **state)
{
	uint32_t i, made = 0, charged = 0;

	(void)state;
	xen_stats_owner = 10;
	xen_owner_stats[10].calls = 5;		/* the front end counts calls */
	for (i = 0; i < MC_BATCH_SIZE + 3; i++)
		queue_debugreg(1);		/* the full batch goes now */
	xen_stats_owner = 20;			/* the rest goes with 20's call */
	hyp_sched_op(SCHEDOP_yield, 0);
	assert_int_equal(xen_owner_stats[10].hypercalls, 1);
	assert_int_equal(xen_owner_stats[10].batches, 1);
	assert_int_equal(xen_owner_stats[10].entries, MC_BATCH_SIZE);
	assert_int_equal(xen_owner_stats[20].hypercalls, 2);
	assert_int_equal(xen_owner_stats[20].batches, 1);
	assert_int_equal(xen_owner_stats[20].entries, 3);
	for (i = 0; i < XEN_NR_HYPERCALLS; i++)
		made += xen_hypercall_count[i];
	for (i = 0; i < XEN_STATS_OWNERS; i++)
		charged += xen_owner_stats[i].hypercalls;
	assert_int_equal(made, 3);
	assert_int_equal(charged, made);

	xen_owner_name = owner_name;
	xen_stats_print();
	assert_non_null(strstr(fake_xen.console, "vmi: hypercalls: multicall=2 sched_op=1 sched_op.yield=1 sched_op.block=0 multicall.batches="));
	assert_non_null(strstr(fake_xen.console, "vmi: calls: ten=5/1/1/32 #20="));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_order_and_one_hypercall, setup),
		cmocka_unit_test_setup(test_full_batch_issued, setup),
		cmocka_unit_test_setup(test_direct_call_flushes_first, setup),
		cmocka_unit_test_setup(test_failure_reported, setup),
		cmocka_unit_test_setup(test_one_entry_made_directly, setup),
		cmocka_unit_test_setup(test_charged_to_owner, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
