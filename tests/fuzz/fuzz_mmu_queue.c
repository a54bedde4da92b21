// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_mmu_queue.c - libFuzzer target for the deferred page-table queue
 * (mmu/queue.c) over the host recorder (tests/unit/fake_xen.c), against a
 * model of what mmu/queue.h promises.
 *
 * Each input byte is one step: the low 3 bits choose it, the high 5 bits
 * are its argument a.
 *   0, 1  write PTE a & 7 (a & 8: MMU_PT_UPDATE_PRESERVE_AD)
 *   2     write PTE a (32 entries, so runs cross the queue's size)
 *   3     queue an INVLPG
 *   4     mmu_queue_flush()
 *   5     mmu_queue_pending() on PTE a
 *   6     a < 16: a direct hypercall (the seam issues the batch first);
 *         else another caller's multicall entry
 *   7     arm an "event" that calls into the queue while Xen executes the
 *         next batch
 *
 * Invariants (no request is made to fail here; tests/unit/test_mmu_queue.c
 * covers failures):
 *   - what Xen applied is always a prefix of what was queued, in queue
 *     order, each request once (writes and ops by their values);
 *   - mmu_queue_waiting() is what was queued minus what Xen applied;
 *   - mmu_queue_pending() finds the newest queued write for the entry that
 *     Xen has not applied yet (MMU_QUEUE_MERGE_AD exactly for a
 *     PRESERVE_AD write), else MMU_QUEUE_NONE, and makes no hypercall;
 *   - after mmu_queue_flush() or a direct hypercall nothing waits;
 *   - every call made from the event gets MMU_QUEUE_BUSY;
 *   - a write or op outside an event is always accepted (MMU_QUEUE_OK).
 *
 * Build and run: `make fuzz` (tests/fuzz/fuzz.mk).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/unit/fake_xen.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "mmu/queue.h"

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s "	\
				"(step %u)\n", __FILE__, __LINE__,	\
				#cond, step);				\
			abort();					\
		}							\
	} while (0)

#define MAX_STEPS	1024	/* the recorder keeps FAKE_MAX_MMU requests */
#define PTE_MADDR(i)	(0x7654000ull + 8 * (i))

struct queued {
	int op;			/* __HYPERVISOR_mmu_update or _mmuext_op */
	uint64_t maddr;		/* writes */
	uint64_t val;		/* write value or INVLPG address: unique */
	uint32_t cmd;
};

static struct queued model[MAX_STEPS];
static unsigned int nr_model, checked, step;
static int event_armed, event_ran, event_rc[4];

static uint32_t traps(void)
{
	uint32_t i, n = 0;

	for (i = 0; i < XEN_NR_HYPERCALLS; i++)
		n += xen_hypercall_count[i];
	return n;
}

/* What Xen applied since the last check is the model's next requests. */
static void check_applied(void)
{
	CHECK(fake_xen.nr_mmu <= nr_model);
	for (; checked < fake_xen.nr_mmu; checked++) {
		const struct fake_mmu *m = &fake_xen.mmu[checked];
		const struct queued *q = &model[checked];

		CHECK(m->op == q->op);
		if (q->op == __HYPERVISOR_mmu_update) {
			CHECK(m->ptr == (q->maddr | q->cmd));
			CHECK(m->val == q->val);
		} else {
			CHECK(m->ptr == MMUEXT_INVLPG_LOCAL);
			CHECK(m->val == q->val);
		}
	}
	CHECK(mmu_queue_waiting() == nr_model - fake_xen.nr_mmu);
}

static void event(unsigned int request)
{
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	uint64_t v;

	(void)request;
	if (!event_armed)
		return;
	event_armed = 0;
	event_ran = 1;
	event_rc[0] = mmu_queue_write(PTE_MADDR(1), 1, MMU_NORMAL_PT_UPDATE,
				      "event");
	event_rc[1] = mmu_queue_ext(&op, "event");
	event_rc[2] = mmu_queue_pending(PTE_MADDR(1), &v);
	event_rc[3] = mmu_queue_flush(NULL);
}

static void check_event(void)
{
	unsigned int i;

	if (!event_ran)
		return;
	event_ran = 0;
	for (i = 0; i < 4; i++)
		CHECK(event_rc[i] == MMU_QUEUE_BUSY);
}

static void queue_write(uint32_t pte, uint32_t cmd, uint64_t val)
{
	struct queued *q = &model[nr_model++];

	q->op = __HYPERVISOR_mmu_update;
	q->maddr = PTE_MADDR(pte);
	q->val = val;
	q->cmd = cmd;
	CHECK(mmu_queue_write(q->maddr, val, cmd, "fuzz") == MMU_QUEUE_OK);
}

static void queue_invlpg(uint64_t va)
{
	struct mmuext_op op = { .cmd = MMUEXT_INVLPG_LOCAL };
	struct queued *q = &model[nr_model++];

	q->op = __HYPERVISOR_mmuext_op;
	q->val = va;
	op.arg1.linear_addr = (unsigned long)va;
	CHECK(mmu_queue_ext(&op, "fuzz") == MMU_QUEUE_OK);
}

static void lookup(uint32_t pte)
{
	uint64_t maddr = PTE_MADDR(pte), v = 0;
	uint32_t before = traps();
	unsigned int i;
	int want = MMU_QUEUE_NONE, got;
	uint64_t want_val = 0;

	for (i = nr_model; i-- > fake_xen.nr_mmu;) {
		if (model[i].op != __HYPERVISOR_mmu_update ||
		    model[i].maddr != maddr)
			continue;
		want = model[i].cmd == MMU_PT_UPDATE_PRESERVE_AD ?
			MMU_QUEUE_MERGE_AD : MMU_QUEUE_AS_IS;
		want_val = model[i].val;
		break;
	}
	got = mmu_queue_pending(maddr, &v);
	CHECK(got == want);
	CHECK(got == MMU_QUEUE_NONE || v == want_val);
	CHECK(traps() == before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct multicall_entry *e;
	uint64_t val = 1;

	fake_xen_reset();
	mmu_queue_flush(NULL);
	mc_start();
	fake_xen_reset();
	fake_xen.mmu_hook = event;
	nr_model = checked = 0;
	event_armed = event_ran = 0;
	if (size > MAX_STEPS)
		size = MAX_STEPS;
	for (step = 0; step < size; step++) {
		uint32_t a = data[step] >> 3;

		switch (data[step] & 7) {
		case 0:
		case 1:
			queue_write(a & 7, a & 8 ? MMU_PT_UPDATE_PRESERVE_AD :
			      MMU_NORMAL_PT_UPDATE, val++);
			break;
		case 2:
			queue_write(a, MMU_NORMAL_PT_UPDATE, val++);
			break;
		case 3:
			queue_invlpg(val++ << 12);
			break;
		case 4:
			CHECK(mmu_queue_flush(NULL) == MMU_QUEUE_OK);
			CHECK(fake_xen.nr_mmu == nr_model);
			break;
		case 5:
			lookup(a);
			break;
		case 6:
			if (a < 16) {
				hyp_sched_op(SCHEDOP_yield, 0);
				CHECK(fake_xen.nr_mmu == nr_model);
			} else {
				e = mc_entry(__HYPERVISOR_set_debugreg, "other");
				e->args[0] = a;
			}
			break;
		case 7:
			event_armed = 1;
			break;
		}
		check_event();
		check_applied();
		fake_xen.nr_calls = 0;	/* the recorder keeps 64 */
	}
	event_armed = 0;
	CHECK(mmu_queue_flush(NULL) == MMU_QUEUE_OK);
	check_event();
	check_applied();
	CHECK(fake_xen.nr_mmu == nr_model);
	mc_flush();
	fake_xen.mmu_hook = NULL;
	return 0;
}
