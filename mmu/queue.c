// SPDX-License-Identifier: GPL-2.0
/*
 * queue.c - the deferred page-table queue behind mmu/queue.h.
 *
 * The requests live here, in two arrays (writes, mmuext ops); each run of
 * consecutive requests of one kind is one multicall entry (xenif/multicall)
 * pointing at its slice, with its own `done` word for Xen to fill.  While a
 * run's entry is the last one in the multicall batch, the next request of
 * its kind joins it (the entry's count grows in place).
 *
 * All pending runs are in the one multicall batch that is being filled:
 * they were queued after the last batch was issued, and a run is never
 * started in a full batch (this file issues it first).  So the whole queue
 * is issued at once, by whoever issues the batch (this file, the seam
 * before a direct hypercall, a full batch); `gen` (the multicall layer's
 * count of issues, mc_issues, when the first run was queued) tells
 * whether it was.  A run that is its batch's only entry goes to Xen as
 * its own mmu_update or mmuext_op (xenif/multicall.c), with the same
 * arguments and the return value stored as the entry's result, so
 * nothing here tells the two apart.  reap() then
 * reads every run's outcome (its multicall entry's result and its `done`)
 * and empties the arrays.  reap() runs at the start of every call, so an
 * outcome is read before this file queues anything new.
 *
 * A run's multicall entry is recognised as still ours by its op and its
 * `done` pointer (args[2], which Xen's continuations keep; they advance
 * args[0] and args[1]).  Only the multicall layer hands entries out again,
 * after the batch was issued; then the error code is gone (the multicall
 * layer printed it) but `done` still says which request failed.
 *
 * Never: reorder, lose or apply twice a queued request; touch a request
 * while Xen may still be reading it; reuse the arrays before every run was
 * reaped.
 */
#include "mmu/queue.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/console.h"

#ifdef VMIX_HOST_TEST
#define WRITE_SLOTS	128	/* the measurement's largest batch */
static uint32_t write_limit = MMU_QUEUE_SIZE;
#else
#define WRITE_SLOTS	MMU_QUEUE_SIZE
#define write_limit	MMU_QUEUE_SIZE
#endif
_Static_assert(MMU_QUEUE_SIZE <= WRITE_SLOTS, "write slots");

struct run {
	uint32_t op;		/* __HYPERVISOR_mmu_update or _mmuext_op */
	uint32_t first;		/* its first request's index in its array */
	uint32_t count;		/* requests in it (== entry args[1]) */
	uint32_t seq;		/* its first request's number */
	uint32_t pos;		/* mc_queued right after its entry was made */
	uint32_t done;		/* Xen: requests done (the `pdone` word) */
	struct multicall_entry *mc;
};

static struct mmu_update writes[WRITE_SLOTS];
static const char *write_caller[WRITE_SLOTS];
static struct mmuext_op exts[MMU_QUEUE_EXT_SIZE];
static const char *ext_caller[MMU_QUEUE_EXT_SIZE];
static struct run runs[MC_BATCH_SIZE];
static uint32_t nr_writes, nr_exts, nr_runs;
static uint32_t gen;			/* mc_issues when runs[0] was made */
static uint8_t flushing;		/* issuing or reaping the queue */
static struct mmu_queue_failure first_failure;
static uint8_t have_failure;
/*
 * Which entry slots (bits 3-8 of the machine address, 64 of them) have a
 * pending write: a lookup whose bit is clear has nothing to scan.  Set by
 * every write, cleared when the arrays are emptied.
 */
static uint32_t maybe_pending[2];

uint32_t mmu_queue_seq;
uint32_t mmu_queue_writes, mmu_queue_exts, mmu_queue_entries;

static int entry_is_ours(const struct run *r)
{
	return r->mc->op == r->op &&
	       r->mc->args[2] == (unsigned long)&r->done;
}

/* Xen has not finished the run's entry: preempted, or not reached yet. */
static int in_flight(const struct run *r)
{
	return entry_is_ours(r) && r->mc->result == 0 && r->done != r->count;
}

/* Xen did every request of the run and its entry did not fail. */
static int clean(const struct run *r)
{
	return r->done == r->count &&
	       (!entry_is_ours(r) || r->mc->result == 0);
}

static void report(const struct run *r, uint32_t idx, long rc)
{
	struct mmu_queue_failure f;
	uint32_t i = r->first + idx;

	f.seq = r->seq + idx;
	f.op = r->op;
	f.rc = rc;
	f.not_applied = r->count - idx - 1;
	if (r->op == __HYPERVISOR_mmu_update) {
		f.ptr = writes[i].ptr;
		f.val = writes[i].val;
		f.caller = write_caller[i];
		if (rc)
			console_printf("vmi: %s: queued PTE write %u (ptr %llx, val %llx) failed: Xen error %ld; the %u writes queued after it in its mmu_update were not applied\n",
				       f.caller, f.seq,
				       (unsigned long long)f.ptr,
				       (unsigned long long)f.val, rc,
				       f.not_applied);
		else
			console_printf("vmi: %s: queued PTE write %u (ptr %llx, val %llx) failed (Xen's error code is in the multicall's line); the %u writes queued after it in its mmu_update were not applied\n",
				       f.caller, f.seq,
				       (unsigned long long)f.ptr,
				       (unsigned long long)f.val, f.not_applied);
	} else {
		f.ptr = exts[i].cmd;
		f.val = exts[i].arg1.linear_addr;
		f.caller = ext_caller[i];
		if (rc)
			console_printf("vmi: %s: queued mmuext op %u (cmd %u, arg %llx) failed: Xen error %ld; the %u ops queued after it in its mmuext_op were not applied\n",
				       f.caller, f.seq, (unsigned int)f.ptr,
				       (unsigned long long)f.val, rc,
				       f.not_applied);
		else
			console_printf("vmi: %s: queued mmuext op %u (cmd %u, arg %llx) failed (Xen's error code is in the multicall's line); the %u ops queued after it in its mmuext_op were not applied\n",
				       f.caller, f.seq, (unsigned int)f.ptr,
				       (unsigned long long)f.val, f.not_applied);
	}
	if (!have_failure) {
		have_failure = 1;
		first_failure = f;
	}
}

/*
 * Read the outcome of an issued queue and empty it.  MMU_QUEUE_BUSY (and
 * nothing touched) while Xen has not finished the batch: we were entered
 * from an event between a preempted multicall's parts.
 */
static __attribute__((noinline)) int reap_issued(void)
{
	uint8_t was_flushing = flushing;
	uint32_t i;

	/* Every request done and no entry failed: nothing to report. */
	for (i = 0; i < nr_runs; i++)
		if (!clean(&runs[i]))
			break;
	if (i == nr_runs)
		goto empty;
	for (; i < nr_runs; i++)	/* the clean ones are not in flight */
		if (in_flight(&runs[i]))
			return MMU_QUEUE_BUSY;
	/* Reporting makes hypercalls: an event then finds the queue busy. */
	flushing = 1;
	for (i = 0; i < nr_runs; i++) {
		const struct run *r = &runs[i];
		long rc = entry_is_ours(r) ? (long)r->mc->result : 0;
		uint32_t done = r->done;

		if (done == r->count && !rc)
			continue;
		/* Xen stopped at request `done`; it never reports more. */
		report(r, done < r->count ? done : r->count - 1, rc);
	}
empty:
	nr_runs = 0;
	nr_writes = 0;
	nr_exts = 0;
	maybe_pending[0] = maybe_pending[1] = 0;
	flushing = was_flushing;
	return MMU_QUEUE_OK;
}

/* The same, inline where there is nothing to reap (every call's start). */
static inline int reap(void)
{
	if (!nr_runs || mc_issues == gen)
		return MMU_QUEUE_OK;
	return reap_issued();
}

/* Issue the multicall batch holding the queue and read the outcome. */
static int issue(void)
{
	int rc;

	flushing = 1;
	mc_flush();
	rc = reap();
	flushing = 0;
	return rc;
}

/* The last run takes a request of kind op: its entry ends the batch. */
static int can_join(uint32_t op)
{
	const struct run *r;

	if (!nr_runs)
		return 0;
	r = &runs[nr_runs - 1];
	return r->op == op && gen == mc_issues && r->pos == mc_queued;
}

/* A new run for the next request of kind op: a new multicall entry. */
static struct run *new_run(uint32_t op, const char *caller)
{
	struct multicall_entry *e;
	struct run *r;
	uint32_t index = op == __HYPERVISOR_mmu_update ? nr_writes : nr_exts;

	/* room_for() left a free multicall entry: this never issues. */
	e = mc_entry(op, caller);
	if (!nr_runs)
		gen = mc_issues;
	r = &runs[nr_runs++];
	r->op = op;
	r->first = index;
	r->count = 0;
	r->seq = mmu_queue_seq;
	r->pos = mc_queued;
	r->done = 0;
	r->mc = e;
	e->args[0] = op == __HYPERVISOR_mmu_update ?
		     (unsigned long)&writes[index] :
		     (unsigned long)&exts[index];
	e->args[1] = 0;
	e->args[2] = (unsigned long)&r->done;
	e->args[3] = DOMID_SELF;
	mmu_queue_entries++;
	return r;
}

/*
 * The run the next request of kind op joins (its array holds `used` of
 * `size`): the last one, or a new entry; the queue issued first when the
 * array or the multicall batch is full.  NULL: busy.
 */
static struct run *room_for(uint32_t op, uint32_t used, uint32_t size,
			    const char *caller)
{
	int join = can_join(op);

	if (used == size || (!join && mc_queued == MC_BATCH_SIZE)) {
		if (issue())
			return 0;
		join = 0;
	}
	return join ? &runs[nr_runs - 1] : new_run(op, caller);
}

/* Common entry: busy while a flush runs or Xen still reads the queue. */
static int enter(void)
{
	if (flushing)
		return MMU_QUEUE_BUSY;
	return reap();
}

int mmu_queue_write(uint64_t maddr, uint64_t val, uint32_t cmd,
		    const char *caller)
{
	struct run *r;
	uint32_t slot;

	if ((maddr & MMU_QUEUE_CMD_MASK) ||
	    (cmd != MMU_NORMAL_PT_UPDATE && cmd != MMU_PT_UPDATE_PRESERVE_AD))
		return MMU_QUEUE_INVALID;
	if (enter())
		return MMU_QUEUE_BUSY;
	r = room_for(__HYPERVISOR_mmu_update, nr_writes, write_limit, caller);
	if (!r)
		return MMU_QUEUE_BUSY;
	slot = (uint32_t)maddr >> 3 & 63;
	maybe_pending[slot >> 5] |= 1u << (slot & 31);
	writes[nr_writes].ptr = maddr | cmd;
	writes[nr_writes].val = val;
	write_caller[nr_writes] = caller;
	nr_writes++;
	r->mc->args[1] = ++r->count;
	mmu_queue_seq++;
	mmu_queue_writes++;
	return MMU_QUEUE_OK;
}

int mmu_queue_ext(const struct mmuext_op *op, const char *caller)
{
	struct run *r;

	if (enter())
		return MMU_QUEUE_BUSY;
	r = room_for(__HYPERVISOR_mmuext_op, nr_exts, MMU_QUEUE_EXT_SIZE,
		     caller);
	if (!r)
		return MMU_QUEUE_BUSY;
	exts[nr_exts] = *op;
	ext_caller[nr_exts] = caller;
	nr_exts++;
	r->mc->args[1] = ++r->count;
	mmu_queue_seq++;
	mmu_queue_exts++;
	return MMU_QUEUE_OK;
}

int mmu_queue_pending(uint64_t maddr, uint64_t *val)
{
	uint32_t i = (uint32_t)maddr >> 3 & 63;

	if (maddr & MMU_QUEUE_CMD_MASK)
		return MMU_QUEUE_INVALID;
	if (enter())
		return MMU_QUEUE_BUSY;
	if (!(maybe_pending[i >> 5] & (1u << (i & 31))))
		return MMU_QUEUE_NONE;
	for (i = nr_writes; i-- > 0;) {
		if ((writes[i].ptr & ~MMU_QUEUE_CMD_MASK) != maddr)
			continue;
		*val = writes[i].val;
		return (writes[i].ptr & MMU_QUEUE_CMD_MASK) ==
			       MMU_PT_UPDATE_PRESERVE_AD ?
			       MMU_QUEUE_MERGE_AD : MMU_QUEUE_AS_IS;
	}
	return MMU_QUEUE_NONE;
}

int mmu_queue_flush(struct mmu_queue_failure *first)
{
	if (enter())
		return MMU_QUEUE_BUSY;
	if (nr_runs && issue())
		return MMU_QUEUE_BUSY;
	if (!have_failure)
		return MMU_QUEUE_OK;
	have_failure = 0;
	if (first)
		*first = first_failure;
	return MMU_QUEUE_FAILED;
}

uint32_t mmu_queue_waiting(void)
{
	if (!nr_runs || mc_issues != gen)
		return 0;
	return nr_writes + nr_exts;
}

#ifdef VMIX_HOST_TEST
void mmu_queue_set_limit(uint32_t n)
{
	write_limit = n < 1 ? 1 : n > WRITE_SLOTS ? WRITE_SLOTS : n;
}
#endif
