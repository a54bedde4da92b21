// SPDX-License-Identifier: GPL-2.0
/*
 * test_mmu_queue.c - the deferred page-table queue (mmu/queue.c) with Xen
 * recorded (tests/unit/fake_xen.c): requests applied in the order queued,
 * one multicall for writes and mmuext ops together, the flush points (a
 * full queue, a full multicall batch, an explicit flush, a direct
 * hypercall), the pending lookup, a request failing mid-batch, a lone
 * entry made as its own hypercall (counted so, failures reported the same
 * way), and calls made while Xen is still executing the batch (a lone
 * mmu_update or a multicall).  test_hypercalls_per_batch
 * _size is the measurement behind MMU_QUEUE_SIZE (mmu/queue.h).
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
#include "mmu/queue.h"

#define PTE_MADDR(i)	(0x12345000ull + 8 * (i))
#define PTE_VAL(i)	(0x8000000abc000063ull + ((uint64_t)(i) << 12))

static int setup(void **state)
{
	(void)state;
	fake_xen_reset();
	mmu_queue_set_limit(MMU_QUEUE_SIZE);
	mmu_queue_flush(NULL);		/* whatever a failed case left */
	mc_start();
	fake_xen_reset();
	return 0;
}

static void write_n(uint32_t from, uint32_t n)
{
	uint32_t i;

	for (i = from; i < from + n; i++)
		assert_int_equal(mmu_queue_write(PTE_MADDR(i), PTE_VAL(i),
						 MMU_NORMAL_PT_UPDATE,
						 "SetPxELong"), MMU_QUEUE_OK);
}

static void invlpg(uint32_t va)
{
	struct mmuext_op op = { .cmd = MMUEXT_INVLPG_LOCAL };

	op.arg1.linear_addr = va;
	assert_int_equal(mmu_queue_ext(&op, "InvalPage"), MMU_QUEUE_OK);
}

/* The k-th request Xen applied was write i. */
static void applied_write(unsigned int k, uint32_t i)
{
	assert_true(k < fake_xen.nr_mmu);
	assert_int_equal(fake_xen.mmu[k].op, __HYPERVISOR_mmu_update);
	assert_true(fake_xen.mmu[k].ptr == (PTE_MADDR(i) |
					    MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[k].val == PTE_VAL(i));
}

static void applied_invlpg(unsigned int k, uint32_t va)
{
	assert_true(k < fake_xen.nr_mmu);
	assert_int_equal(fake_xen.mmu[k].op, __HYPERVISOR_mmuext_op);
	assert_true(fake_xen.mmu[k].ptr == MMUEXT_INVLPG_LOCAL);
	assert_true(fake_xen.mmu[k].val == va);
}

static uint32_t traps(void)
{
	uint32_t i, n = 0;

	for (i = 0; i < XEN_NR_HYPERCALLS; i++)
		n += xen_hypercall_count[i];
	return n;
}

static void test_writes_wait_then_one_hypercall(void **state)
{
	uint32_t i;

	(void)state;
	write_n(0, 5);
	assert_int_equal(mmu_queue_waiting(), 5);
	assert_int_equal(fake_xen.nr_mmu, 0);
	assert_int_equal(traps(), 0);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 1);
	/* One entry in the batch: the mmu_update itself, no multicall. */
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	assert_int_equal(fake_xen.mmu_calls, 1);	/* one mmu_update */
	assert_int_equal(fake_xen.nr_mmu, 5);
	for (i = 0; i < 5; i++)
		applied_write(i, i);
	assert_int_equal(mmu_queue_waiting(), 0);
	/* Nothing queued: no hypercall. */
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 1);
}

static void test_full_queue_issued_first(void **state)
{
	uint32_t i;

	(void)state;
	write_n(0, MMU_QUEUE_SIZE);
	assert_int_equal(traps(), 0);
	write_n(MMU_QUEUE_SIZE, 1);
	assert_int_equal(traps(), 1);
	assert_int_equal(fake_xen.nr_mmu, MMU_QUEUE_SIZE);
	assert_int_equal(mmu_queue_waiting(), 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 2);
	for (i = 0; i <= MMU_QUEUE_SIZE; i++)
		applied_write(i, i);
	assert_int_equal(fake_xen.mmu[MMU_QUEUE_SIZE].hypercall, 2);
}

static void test_direct_hypercall_flushes_first(void **state)
{
	(void)state;
	write_n(0, 2);
	hyp_sched_op(SCHEDOP_yield, 0);
	assert_int_equal(fake_xen.nr_mmu, 2);
	applied_write(0, 0);
	applied_write(1, 1);
	/* Both applied before the direct call was made. */
	assert_int_equal(fake_xen.mmu[1].calls_before, 0);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_int_equal(fake_xen.calls[0].op, __HYPERVISOR_sched_op);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	/* The batch was the one mmu_update: made as itself. */
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	/* The queue is usable again. */
	write_n(2, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	applied_write(2, 2);
}

/* Writes and INVLPGs in one multicall, in the order queued. */
static void test_writes_and_ops_in_order(void **state)
{
	uint32_t entries0 = mmu_queue_entries;

	(void)state;
	write_n(0, 2);
	invlpg(0xc0001000u);
	invlpg(0xc0002000u);
	write_n(2, 1);
	assert_int_equal(mmu_queue_waiting(), 5);
	assert_int_equal(mc_queued, 3);		/* mmu_update, mmuext, mmu_update */
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 1);
	assert_int_equal(fake_xen.mmu_calls, 3);
	assert_int_equal(fake_xen.nr_mmu, 5);
	applied_write(0, 0);
	applied_write(1, 1);
	applied_invlpg(2, 0xc0001000u);
	applied_invlpg(3, 0xc0002000u);
	applied_write(4, 2);
	assert_int_equal(mmu_queue_entries - entries0, 3);
}

/* Other code's multicall entries keep their place between writes. */
static void test_other_multicall_entries_keep_order(void **state)
{
	struct multicall_entry *e;

	(void)state;
	write_n(0, 1);
	e = mc_entry(__HYPERVISOR_set_debugreg, "SetDR");
	e->args[0] = 7;
	write_n(1, 1);
	assert_int_equal(mc_queued, 3);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(fake_xen.nr_calls, 1);
	assert_int_equal(fake_xen.calls[0].op, __HYPERVISOR_set_debugreg);
	applied_write(0, 0);
	assert_int_equal(fake_xen.mmu[0].calls_before, 0);
	applied_write(1, 1);
	assert_int_equal(fake_xen.mmu[1].calls_before, 1);
}

static void test_full_ext_queue_issued_first(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < MMU_QUEUE_EXT_SIZE; i++)
		invlpg(0x1000u * i);
	assert_int_equal(traps(), 0);
	invlpg(0x1000u * i);
	assert_int_equal(traps(), 1);
	assert_int_equal(fake_xen.nr_mmu, MMU_QUEUE_EXT_SIZE);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	for (i = 0; i <= MMU_QUEUE_EXT_SIZE; i++)
		applied_invlpg(i, 0x1000u * i);
}

/* Alternating writes and ops fill the multicall batch before the queue. */
static void test_full_multicall_issued_first(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < MC_BATCH_SIZE / 2; i++) {
		write_n(i, 1);
		invlpg(0x1000u * i);
	}
	assert_int_equal(mc_queued, MC_BATCH_SIZE);
	assert_int_equal(traps(), 0);
	write_n(i, 1);
	assert_int_equal(traps(), 1);
	assert_int_equal(mc_queued, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(fake_xen.nr_mmu, MC_BATCH_SIZE + 1);
	for (i = 0; i < MC_BATCH_SIZE / 2; i++) {
		applied_write(2 * i, i);
		applied_invlpg(2 * i + 1, 0x1000u * i);
	}
	applied_write(MC_BATCH_SIZE, MC_BATCH_SIZE / 2);
}

static void test_pending_lookup(void **state)
{
	uint64_t v = 0;

	(void)state;
	assert_int_equal(mmu_queue_write(PTE_MADDR(1), 0x1111,
					 MMU_NORMAL_PT_UPDATE, "SetPxELong"),
			 MMU_QUEUE_OK);
	assert_int_equal(mmu_queue_write(PTE_MADDR(2), 0x2222,
					 MMU_NORMAL_PT_UPDATE, "SetPxELong"),
			 MMU_QUEUE_OK);
	invlpg(0xc0000000u);
	assert_int_equal(mmu_queue_write(PTE_MADDR(1), 0x3333,
					 MMU_PT_UPDATE_PRESERVE_AD,
					 "SetPxELong"), MMU_QUEUE_OK);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(1), &v),
			 MMU_QUEUE_MERGE_AD);
	assert_true(v == 0x3333);		/* the newest */
	assert_int_equal(mmu_queue_pending(PTE_MADDR(2), &v),
			 MMU_QUEUE_AS_IS);
	assert_true(v == 0x2222);
	v = 0x77;
	assert_int_equal(mmu_queue_pending(PTE_MADDR(3), &v), MMU_QUEUE_NONE);
	assert_true(v == 0x77);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(1) + 4, &v),
			 MMU_QUEUE_INVALID);
	assert_int_equal(traps(), 0);		/* lookups cost nothing */
	/* Once Xen has them, nothing is pending, however they went. */
	hyp_sched_op(SCHEDOP_yield, 0);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(1), &v), MMU_QUEUE_NONE);
	write_n(5, 1);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(5), &v), MMU_QUEUE_AS_IS);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(5), &v), MMU_QUEUE_NONE);
	assert_true(fake_xen.mmu[3].ptr ==
		    (PTE_MADDR(1) | MMU_PT_UPDATE_PRESERVE_AD));
}

/*
 * The lookup's slot filter (bits 3-8 of the address): entries 512 bytes
 * apart share a slot and are still told apart; every slot is clear again
 * once the queue was issued.
 */
static void test_pending_lookup_slots(void **state)
{
	uint64_t v = 0;
	uint32_t i;

	(void)state;
	write_n(0, 1);
	assert_int_equal(mmu_queue_write(PTE_MADDR(64 + 1), 0x4444,
					 MMU_NORMAL_PT_UPDATE, "SetPxELong"),
			 MMU_QUEUE_OK);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(64), &v),
			 MMU_QUEUE_NONE);		/* slot of write 0 */
	assert_int_equal(mmu_queue_pending(PTE_MADDR(1), &v),
			 MMU_QUEUE_NONE);		/* slot of 65 */
	assert_int_equal(mmu_queue_pending(PTE_MADDR(65), &v),
			 MMU_QUEUE_AS_IS);
	assert_true(v == 0x4444);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(0), &v),
			 MMU_QUEUE_AS_IS);
	assert_true(v == PTE_VAL(0));
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	for (i = 0; i < 128; i++)
		assert_int_equal(mmu_queue_pending(PTE_MADDR(i), &v),
				 MMU_QUEUE_NONE);
	/* A full queue of consecutive entries: the next one is not there. */
	write_n(10, MMU_QUEUE_SIZE);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(10 + MMU_QUEUE_SIZE), &v),
			 MMU_QUEUE_NONE);
	assert_int_equal(mmu_queue_pending(PTE_MADDR(10 + MMU_QUEUE_SIZE - 1),
					   &v), MMU_QUEUE_AS_IS);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
}

static void test_invalid_arguments(void **state)
{
	(void)state;
	assert_int_equal(mmu_queue_write(PTE_MADDR(0) + 1, 0,
					 MMU_NORMAL_PT_UPDATE, "SetPxELong"),
			 MMU_QUEUE_INVALID);
	assert_int_equal(mmu_queue_write(PTE_MADDR(0), 0,
					 MMU_MACHPHYS_UPDATE, "SetPxELong"),
			 MMU_QUEUE_INVALID);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(mc_queued, 0);
}

/*
 * The third of six writes fails: the first two are applied, it and the
 * three after it are not; the failure is printed with its caller and
 * returned once.
 */
static void test_failure_mid_batch(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;
	char line[256];

	(void)state;
	fake_xen.mmu_fail_at = 3;
	fake_xen.mmu_fail_rc = -22;
	write_n(0, 6);
	memset(&f, 0, sizeof(f));
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(f.seq, seq0 + 2);
	assert_int_equal(f.op, __HYPERVISOR_mmu_update);
	assert_true(f.ptr == (PTE_MADDR(2) | MMU_NORMAL_PT_UPDATE));
	assert_true(f.val == PTE_VAL(2));
	assert_string_equal(f.caller, "SetPxELong");
	assert_int_equal(f.rc, -22);
	assert_int_equal(f.not_applied, 3);
	assert_int_equal(fake_xen.nr_mmu, 2);
	applied_write(0, 0);
	applied_write(1, 1);
	snprintf(line, sizeof(line), "vmi: SetPxELong: queued PTE write %u (ptr %llx, val %llx) failed: Xen error -22; the 3 writes queued after it in its mmu_update were not applied\n",
		 seq0 + 2, (unsigned long long)PTE_MADDR(2),
		 (unsigned long long)PTE_VAL(2));
	assert_non_null(strstr(fake_xen.console, line));
	/* Reported once; the queue is empty and usable. */
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_OK);
	assert_int_equal(mmu_queue_waiting(), 0);
	write_n(6, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	applied_write(2, 6);
}

/*
 * A failed write stops its own mmu_update only: an op and the writes after
 * it in the same multicall are still executed (Xen's multicall contract).
 */
static void test_failure_stops_its_entry_only(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;

	(void)state;
	fake_xen.mmu_fail_at = 2;
	fake_xen.mmu_fail_rc = -1;
	write_n(0, 3);
	invlpg(0xc0005000u);
	write_n(3, 1);
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(f.seq, seq0 + 1);
	assert_int_equal(f.not_applied, 1);
	assert_int_equal(fake_xen.nr_mmu, 3);
	applied_write(0, 0);
	applied_invlpg(1, 0xc0005000u);
	applied_write(2, 3);
}

static void test_failed_op_reported(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;

	(void)state;
	fake_xen.mmu_fail_at = 1;
	fake_xen.mmu_fail_rc = -14;
	invlpg(0xc0009000u);
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(f.seq, seq0);
	assert_int_equal(f.op, __HYPERVISOR_mmuext_op);
	assert_true(f.ptr == MMUEXT_INVLPG_LOCAL);
	assert_true(f.val == 0xc0009000u);
	assert_int_equal(f.rc, -14);
	assert_string_equal(f.caller, "InvalPage");
	assert_non_null(strstr(fake_xen.console, "vmi: InvalPage: queued mmuext op"));
}

/* A batch a direct hypercall issued: the failure is found on next use. */
static void test_failure_found_after_direct_hypercall(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;

	(void)state;
	fake_xen.mmu_fail_at = 2;
	fake_xen.mmu_fail_rc = -16;
	write_n(0, 4);
	hyp_sched_op(SCHEDOP_yield, 0);
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(f.seq, seq0 + 1);
	assert_int_equal(f.rc, -16);
	assert_int_equal(f.not_applied, 2);
	assert_int_equal(fake_xen.multicalls, 0);	/* a lone mmu_update */
}

/*
 * ...and when other code has reused the multicall entry since: which write
 * failed is still known (from Xen's `done`), the error code is not.
 */
static void test_failure_after_entry_reused(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;

	(void)state;
	fake_xen.mmu_fail_at = 1;
	fake_xen.mmu_fail_rc = -16;
	write_n(0, 2);
	hyp_sched_op(SCHEDOP_yield, 0);
	mc_entry(__HYPERVISOR_set_debugreg, "SetDR");
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(f.seq, seq0);
	assert_int_equal(f.rc, 0);
	assert_int_equal(f.not_applied, 1);
	assert_non_null(strstr(fake_xen.console, "failed (Xen's error code is in the multicall's line); the 1 writes queued after it"));
	mc_flush();
}

/*
 * A flush that finds one entry (one run of writes, or one of ops) makes
 * that mmu_update or mmuext_op itself: one hypercall, counted under its
 * own number and as a direct batch, not as a multicall batch or entry;
 * charged to the owner that flushed.
 */
static void test_lone_entry_is_its_own_hypercall(void **state)
{
	uint32_t batches0 = mc_batches, entries0 = mc_entries;
	uint32_t direct0 = mc_direct;

	(void)state;
	xen_stats_owner = 9;
	write_n(0, 3);
	assert_int_equal(mc_queued, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 1);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_multicall], 0);
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(fake_xen.mmu_calls, 1);
	assert_int_equal(fake_xen.nr_mmu, 3);
	applied_write(0, 0);
	applied_write(2, 2);
	invlpg(0xc0003000u);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 2);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmuext_op], 1);
	applied_invlpg(3, 0xc0003000u);
	assert_int_equal(mc_batches - batches0, 0);
	assert_int_equal(mc_entries - entries0, 0);
	assert_int_equal(mc_direct - direct0, 2);
	assert_int_equal(xen_owner_stats[9].hypercalls, 2);
	assert_int_equal(xen_owner_stats[9].batches, 0);
	assert_int_equal(xen_owner_stats[9].entries, 0);
	assert_int_equal(mmu_queue_waiting(), 0);
	xen_stats_owner = XEN_OWNER_NONE;
}

/* Two entries (a write run, an op run) are still one multicall. */
static void test_two_entries_one_multicall(void **state)
{
	uint32_t batches0 = mc_batches, entries0 = mc_entries;

	(void)state;
	write_n(0, 1);
	invlpg(0xc0004000u);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	assert_int_equal(traps(), 1);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(mc_batches - batches0, 1);
	assert_int_equal(mc_entries - entries0, 2);
	applied_write(0, 0);
	applied_invlpg(1, 0xc0004000u);
}

/*
 * A lone mmu_update that Xen stops at its second write: reported as in a
 * multicall (the request, its caller, Xen's error code, what was not
 * applied; the multicall layer's line for the entry), returned once.
 */
static void test_lone_entry_failure(void **state)
{
	struct mmu_queue_failure f;
	uint32_t seq0 = mmu_queue_seq;
	char line[256];

	(void)state;
	fake_xen.mmu_fail_at = 2;
	fake_xen.mmu_fail_rc = -22;
	write_n(0, 4);
	memset(&f, 0, sizeof(f));
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_FAILED);
	assert_int_equal(fake_xen.multicalls, 0);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	assert_int_equal(f.seq, seq0 + 1);
	assert_int_equal(f.rc, -22);
	assert_int_equal(f.not_applied, 2);
	assert_string_equal(f.caller, "SetPxELong");
	assert_int_equal(fake_xen.nr_mmu, 1);
	applied_write(0, 0);
	assert_non_null(strstr(fake_xen.console, "vmi: SetPxELong: queued hypercall 1 (entry 0 of the batch) failed: Xen error -22\n"));
	snprintf(line, sizeof(line), "vmi: SetPxELong: queued PTE write %u (ptr %llx, val %llx) failed: Xen error -22; the 2 writes queued after it in its mmu_update were not applied\n",
		 seq0 + 1, (unsigned long long)PTE_MADDR(1),
		 (unsigned long long)PTE_VAL(1));
	assert_non_null(strstr(fake_xen.console, line));
	assert_int_equal(mmu_queue_flush(&f), MMU_QUEUE_OK);
	write_n(4, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	applied_write(1, 4);
}

/* Calls made from "an event" while Xen is executing the batch. */
static int nested_results[4];
static unsigned int nested_calls;

static void nested_hook(unsigned int request)
{
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	uint64_t v;

	if (request != 1 || nested_calls++)
		return;
	nested_results[0] = mmu_queue_write(PTE_MADDR(99), 1,
					    MMU_NORMAL_PT_UPDATE, "event");
	nested_results[1] = mmu_queue_ext(&op, "event");
	nested_results[2] = mmu_queue_pending(PTE_MADDR(0), &v);
	nested_results[3] = mmu_queue_flush(NULL);
}

static void check_nested_busy(void)
{
	unsigned int i;

	assert_int_equal(nested_calls, 1);
	for (i = 0; i < 4; i++)
		assert_int_equal(nested_results[i], MMU_QUEUE_BUSY);
	/* Exactly the queued writes, once each, in order. */
	assert_int_equal(fake_xen.nr_mmu, 4);
	for (i = 0; i < 4; i++)
		applied_write(i, i);
	assert_int_equal(mmu_queue_waiting(), 0);
	write_n(4, 1);
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	applied_write(4, 4);
}

/* Four writes: one lone mmu_update, made as itself. */
static void test_reentered_during_own_flush(void **state)
{
	(void)state;
	nested_calls = 0;
	write_n(0, 4);
	fake_xen.mmu_hook = nested_hook;
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	fake_xen.mmu_hook = NULL;
	check_nested_busy();
}

/* The same while Xen runs a real multicall (writes, an op, writes),
 * issued by the seam (so only the entries' state says "busy"). */
static void multicall_hook(unsigned int request)
{
	uint64_t v;

	if (request != 0 || nested_calls++)
		return;
	nested_results[0] = mmu_queue_write(PTE_MADDR(99), 1,
					    MMU_NORMAL_PT_UPDATE, "event");
	nested_results[1] = mmu_queue_pending(PTE_MADDR(0), &v);
	nested_results[2] = mmu_queue_flush(NULL);
}

static void test_reentered_during_multicall(void **state)
{
	unsigned int i;

	(void)state;
	nested_calls = 0;
	write_n(0, 2);
	invlpg(0xc0006000u);
	write_n(2, 1);
	fake_xen.mmu_hook = multicall_hook;
	hyp_sched_op(SCHEDOP_yield, 0);		/* the seam issues the batch */
	fake_xen.mmu_hook = NULL;
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(nested_calls, 3);	/* each entry's first request */
	for (i = 0; i < 3; i++)
		assert_int_equal(nested_results[i], MMU_QUEUE_BUSY);
	assert_int_equal(fake_xen.nr_mmu, 4);
	applied_write(0, 0);
	applied_write(1, 1);
	applied_invlpg(2, 0xc0006000u);
	applied_write(3, 2);
	assert_int_equal(mmu_queue_waiting(), 0);
}

static void test_reentered_during_direct_hypercall(void **state)
{
	(void)state;
	nested_calls = 0;
	write_n(0, 4);
	fake_xen.mmu_hook = nested_hook;
	hyp_sched_op(SCHEDOP_yield, 0);		/* issues the batch */
	fake_xen.mmu_hook = NULL;
	check_nested_busy();
}

/*
 * The measurement behind MMU_QUEUE_SIZE: hypercalls (traps into Xen) per
 * 1000 writes at each batch size, for four patterns.
 */
enum pattern {
	WRITES,			/* 1000 writes, one flush */
	WRITE_INVLPG,		/* 1000 (write, queued INVLPG), one flush */
	WRITE_INVLPG_FLUSH,	/* 1000 (write, queued INVLPG, flush) */
	WRITE_FLUSH_DIRECT,	/* 1000 (write, flush, direct INVLPG) */
};

static uint32_t measure(uint32_t size, enum pattern p)
{
	struct mmuext_op op = { .cmd = MMUEXT_INVLPG_LOCAL };
	uint32_t i, done, n;

	fake_xen_reset();
	mmu_queue_set_limit(size);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(mmu_queue_write(PTE_MADDR(i), PTE_VAL(i),
						 MMU_NORMAL_PT_UPDATE,
						 "SetPxELong"), MMU_QUEUE_OK);
		op.arg1.linear_addr = 0x1000u * i;
		switch (p) {
		case WRITES:
			break;
		case WRITE_INVLPG:
			assert_int_equal(mmu_queue_ext(&op, "InvalPage"),
					 MMU_QUEUE_OK);
			break;
		case WRITE_INVLPG_FLUSH:
			assert_int_equal(mmu_queue_ext(&op, "InvalPage"),
					 MMU_QUEUE_OK);
			assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
			break;
		case WRITE_FLUSH_DIRECT:
			assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
			assert_int_equal(hyp_mmuext_op(&op, 1, &done,
						       DOMID_SELF), 0);
			break;
		}
		fake_xen.nr_calls = 0;	/* the recorder keeps 64 */
	}
	assert_int_equal(mmu_queue_flush(NULL), MMU_QUEUE_OK);
	n = traps();
	/* Nothing lost or reordered on the way. */
	assert_int_equal(fake_xen.nr_mmu, p == WRITES ? 1000 : 2000);
	for (i = 0; i < 1000; i++)
		applied_write(p == WRITES ? i : 2 * i, i);
	mmu_queue_set_limit(MMU_QUEUE_SIZE);
	return n;
}

static void test_hypercalls_per_batch_size(void **state)
{
	static const uint32_t sizes[] = { 1, 8, 32, 64, 128 };
	/* Expected: writes only ceil(1000 / size); writes with INVLPGs
	 * also bounded by the multicall batch (16 pairs); the others fixed. */
	static const uint32_t want[][4] = {
		{ 1000, 1000, 1000, 2000 },
		{ 125, 125, 1000, 2000 },
		{ 32, 63, 1000, 2000 },
		{ 16, 63, 1000, 2000 },
		{ 8, 63, 1000, 2000 },
	};
	unsigned int s, p;

	(void)state;
	printf("mmu_queue: hypercalls per 1000 PTE writes (host recorder):\n");
	printf("mmu_queue:  size  writes  +INVLPG  +INVLPG,flush  flush,direct INVLPG\n");
	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		uint32_t got[4];

		for (p = WRITES; p <= WRITE_FLUSH_DIRECT; p++)
			got[p] = measure(sizes[s], (enum pattern)p);
		printf("mmu_queue: %5u  %6u  %7u  %13u  %19u\n", sizes[s],
		       got[0], got[1], got[2], got[3]);
		for (p = WRITES; p <= WRITE_FLUSH_DIRECT; p++)
			assert_int_equal(got[p], want[s][p]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_writes_wait_then_one_hypercall,
				       setup),
		cmocka_unit_test_setup(test_full_queue_issued_first, setup),
		cmocka_unit_test_setup(test_direct_hypercall_flushes_first,
				       setup),
		cmocka_unit_test_setup(test_writes_and_ops_in_order, setup),
		cmocka_unit_test_setup(test_other_multicall_entries_keep_order,
				       setup),
		cmocka_unit_test_setup(test_full_ext_queue_issued_first,
				       setup),
		cmocka_unit_test_setup(test_full_multicall_issued_first,
				       setup),
		cmocka_unit_test_setup(test_pending_lookup, setup),
		cmocka_unit_test_setup(test_pending_lookup_slots, setup),
		cmocka_unit_test_setup(test_invalid_arguments, setup),
		cmocka_unit_test_setup(test_failure_mid_batch, setup),
		cmocka_unit_test_setup(test_failure_stops_its_entry_only,
				       setup),
		cmocka_unit_test_setup(test_failed_op_reported, setup),
		cmocka_unit_test_setup(test_failure_found_after_direct_hypercall,
				       setup),
		cmocka_unit_test_setup(test_failure_after_entry_reused, setup),
		cmocka_unit_test_setup(test_lone_entry_is_its_own_hypercall,
				       setup),
		cmocka_unit_test_setup(test_two_entries_one_multicall, setup),
		cmocka_unit_test_setup(test_lone_entry_failure, setup),
		cmocka_unit_test_setup(test_reentered_during_own_flush, setup),
		cmocka_unit_test_setup(test_reentered_during_multicall, setup),
		cmocka_unit_test_setup(test_reentered_during_direct_hypercall,
				       setup),
		cmocka_unit_test_setup(test_hypercalls_per_batch_size, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
