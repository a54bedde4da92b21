/* SPDX-License-Identifier: GPL-2.0 */
/*
 * queue.h - the deferred page-table queue: machine PTE writes (Xen's struct
 * mmu_update) and mmuext ops (INVLPG, TLB flushes, pins, new base
 * pointers) waiting to be issued, in the order queued, as entries of the
 * multicall batch (xenif/multicall.h).
 *
 *	if (mmu_queue_write(maddr, mval, MMU_NORMAL_PT_UPDATE, "SetPxELong"))
 *		...busy or invalid: nothing queued...
 *	...
 *	if (mmu_queue_flush(&fail) == MMU_QUEUE_FAILED)
 *		...fail.caller, fail.seq, fail.rc...
 *
 * Batching.  Consecutive writes share ONE mmu_update multicall entry (its
 * count grows as writes are queued), consecutive mmuext ops one mmuext_op
 * entry; a write after an op (or after anything else queued in the
 * multicall batch) starts a new entry, so the order between them is the
 * order queued.  Everything queued goes to Xen in one multicall hypercall;
 * a lone entry (one run of writes or of ops, nothing else in the batch,
 * as at a fault's fix-up or an InvalPage) is made as that mmu_update or
 * mmuext_op hypercall itself (xenif/multicall.h).
 *
 * Flush points.  The queue is issued (1) before the (MMU_QUEUE_SIZE + 1)-th
 * pending write or the (MMU_QUEUE_EXT_SIZE + 1)-th pending op is queued,
 * or when the multicall batch is full; (2) by mmu_queue_flush(); (3) before
 * any direct hypercall: the queued entries are multicall entries, so the
 * seam's rule (xenif/hypercall.h: a direct hypercall issues the multicall
 * queue first) covers them without a rule of their own.  Assembly that
 * traps into Xen without the seam (events/iret.S) does not flush: the
 * front end flushes before it returns to the guest, before a fault or
 * interrupt reaches the guest, and before a page-table page is released
 * or reused (spec: "page faults, invalidations and TLB flushes will
 * implicitly flush all pending updates").  An INVLPG or TLB flush the
 * front end queues here and then flushes costs no hypercall of its own:
 * it rides in the multicall with the writes before it.
 *
 * Reading queued entries.  A queued write is not in the page table yet:
 * the entry in memory still holds the old value.  mmu_queue_pending() finds
 * the newest queued value for a PTE's machine address, without a
 * hypercall: GetPxELong uses it (and ORs in the A and D bits the entry in
 * memory has when it says MMU_QUEUE_MERGE_AD, as Xen will when it applies a
 * MMU_PT_UPDATE_PRESERVE_AD write).  What must be atomic with Xen's and
 * the processor's own A/D updates (SwapPxELongAtomic, TestAndSet/Clear
 * PxELongBit) calls mmu_queue_flush() first and then acts on the entry.
 *
 * Failure.  Xen's mmu_update and mmuext_op stop at the first request that
 * fails and say how many were done: that request and the ones queued
 * after it in the same multicall entry are NOT applied; everything before
 * it was.  Entries later in the same multicall are still executed (Xen's
 * multicall contract, xenif/multicall.h).  The failing request is printed
 * with its caller, what it was and Xen's error code, and the first failure
 * since the last mmu_queue_flush() is returned by it (MMU_QUEUE_FAILED,
 * *first).  A failure in a batch a direct hypercall issued is found (and
 * printed) when this queue is next used.  A caller that needs
 * all-or-nothing checks its entries first (mmu/pte.h refuses what it
 * can see) and queues only what Xen will take.
 *
 * Reentrancy.  Xen may preempt a long multicall and deliver an event before
 * it resumes it.  A call made then (from the event callback) finds the
 * queue busy, returns MMU_QUEUE_BUSY and changes nothing, whether the
 * running flush is this queue's own (a 'flushing' flag) or a direct
 * hypercall's (the batch's multicall entries show Xen has not finished
 * them): the arrays Xen is reading are never touched, nothing is
 * reordered.  The event callback defers its page-table work.
 *
 * Never: reorder, lose or apply twice a queued request; touch a request
 * Xen may still be reading; know a VMI calling convention.
 */
#ifndef VMIX_MMU_QUEUE_H
#define VMIX_MMU_QUEUE_H

#include <stdint.h>
#include <xen/xen.h>

/*
 * Writes per mmu_update: 32.  Measured with the host recorder
 * (tests/unit/test_mmu_queue.c, test_hypercalls_per_batch_size), 1000
 * queued writes and one flush cost 1000 hypercalls at 1 write per
 * mmu_update, 125 at 8, 32 at 32, 16 at 64, 8 at 128.  From 32 on the trap
 * is shared by 32 validations, each of which costs Xen more than its share
 * of the trap; doubling to 64 saves 16 traps per 1000 writes (a fork's
 * 512-entry page table: 16 instead of 32) for twice the state and twice
 * the scan of mmu_queue_pending(), which GetPxELong runs on every read.
 * 32 is also the multicall batch (MC_BATCH_SIZE) and mainline Linux PV's.
 * When writes alternate with queued INVLPGs the multicall batch, not this
 * size, bounds a batch: 63 hypercalls per 1000 (write, INVLPG) pairs at
 * every size from 16 up.
 */
#define MMU_QUEUE_SIZE		32

/* mmuext ops pending at once: INVLPGs and flushes between writes, pins. */
#define MMU_QUEUE_EXT_SIZE	16

/* Xen's command in the low bits of mmu_update.ptr (sizeof(l1_pgentry_t)-1). */
#define MMU_QUEUE_CMD_MASK	7ull

/* Results. */
#define MMU_QUEUE_OK		0
#define MMU_QUEUE_FAILED	(-1)	/* a queued request failed: see *first */
#define MMU_QUEUE_BUSY		(-2)	/* entered while a flush runs: nothing done */
#define MMU_QUEUE_INVALID	(-3)	/* bad argument: nothing queued */

/* mmu_queue_pending(): what the newest queued write for the entry does. */
#define MMU_QUEUE_NONE		0	/* nothing queued for it */
#define MMU_QUEUE_AS_IS		1	/* *val is written as it is */
#define MMU_QUEUE_MERGE_AD	2	/* Xen ORs in the entry's A and D then */

struct mmu_queue_failure {
	uint32_t seq;		/* the request's number (mmu_queue_seq) */
	uint32_t op;		/* __HYPERVISOR_mmu_update or _mmuext_op */
	uint64_t ptr;		/* mmu_update: ptr (maddr | cmd); mmuext: cmd */
	uint64_t val;		/* mmu_update: the machine value; mmuext: arg1 */
	const char *caller;	/* who queued it */
	long rc;		/* Xen's error code; 0: no longer known (the
				 * multicall layer printed it) */
	uint32_t not_applied;	/* requests after it in its entry: dropped */
};

/* The number the next queued request gets (writes and ops share it). */
extern uint32_t mmu_queue_seq;

/* Statistics: requests queued and multicall entries they took. */
extern uint32_t mmu_queue_writes, mmu_queue_exts, mmu_queue_entries;

/*
 * Queue "*maddr = val" for Xen: maddr is the machine address of the PTE
 * (8-byte aligned), val the machine entry (mmu/pte.h made it), cmd
 * MMU_NORMAL_PT_UPDATE or MMU_PT_UPDATE_PRESERVE_AD.  MMU_QUEUE_OK, or
 * MMU_QUEUE_INVALID / MMU_QUEUE_BUSY and nothing queued.
 */
int mmu_queue_write(uint64_t maddr, uint64_t val, uint32_t cmd,
		    const char *caller);

/* Queue an mmuext op (copied); MMU_QUEUE_OK or MMU_QUEUE_BUSY. */
int mmu_queue_ext(const struct mmuext_op *op, const char *caller);

/*
 * The newest queued value for the PTE at maddr: MMU_QUEUE_NONE, or
 * MMU_QUEUE_AS_IS / MMU_QUEUE_MERGE_AD with *val set; MMU_QUEUE_BUSY or
 * MMU_QUEUE_INVALID (maddr not 8-byte aligned).  No hypercall.
 */
int mmu_queue_pending(uint64_t maddr, uint64_t *val);

/*
 * Issue everything queued and wait for Xen.  MMU_QUEUE_OK, MMU_QUEUE_BUSY,
 * or MMU_QUEUE_FAILED with *first (if not NULL) the first failure since
 * the last call (each failure is printed when found).
 */
int mmu_queue_flush(struct mmu_queue_failure *first);

/* Requests queued and not yet issued. */
uint32_t mmu_queue_waiting(void);

#ifdef VMIX_HOST_TEST
/* Measurement only: issue before more than `writes` (1..128) are pending. */
void mmu_queue_set_limit(uint32_t writes);
#endif

#endif /* VMIX_MMU_QUEUE_H */
