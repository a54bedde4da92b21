// SPDX-License-Identifier: GPL-2.0
/*
 * multicall.c - the multicall queue behind xenif/multicall.h.
 *
 * One static batch (the shim is uniprocessor today; per-vCPU batches come
 * with SMP).  The batch is issued with the raw trap (HYPERCALL_DIRECT) so
 * that issuing it does not recurse into the ordering flush of the seam; a
 * batch of one entry is that entry's hypercall, made the same way.
 *
 * Never: lose or reorder a queued entry.
 */
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/console.h"
#include "xenif/domain.h"

static struct multicall_entry batch[MC_BATCH_SIZE];
static const char *batch_caller[MC_BATCH_SIZE];
static uint32_t issued;			/* entries issued since mc_start */
static struct mc_failure pending_failure;
static uint8_t have_failure;

uint32_t mc_queued;
uint32_t mc_issues, mc_batches, mc_entries, mc_direct;

/*
 * A batch of one: that entry's hypercall itself, its return value the
 * entry's result, as Xen's multicall would have stored it (Linux's
 * xen_mc_flush does the same).  Counted as that hypercall, not as a
 * multicall batch (xenif/multicall.h).
 */
static void issue_one(struct multicall_entry *e)
{
	COUNT_HYPERCALL(e->op);
	mc_direct++;
	e->result = HYPERCALL_DIRECT_VAR(e->op, e->args[0], e->args[1],
					 e->args[2], e->args[3], e->args[4]);
}

static void issue_multicall(uint32_t n)
{
	long rc;

	COUNT_HYPERCALL(__HYPERVISOR_multicall);
	mc_batches++;
	mc_entries += n;
	xen_owner_stats[xen_stats_owner].batches++;
	xen_owner_stats[xen_stats_owner].entries += n;
	rc = HYPERCALL_DIRECT(__HYPERVISOR_multicall, batch, n, 0, 0, 0);
	if (rc)
		xen_crash("vmi: multicall of %u entries (first from %s) failed: Xen error %ld\n",
			  n, batch_caller[0], rc);
}

/* Issue the current batch; records the first failure since mc_start. */
static void issue_batch(void)
{
	uint32_t n = mc_queued, i;

	if (!n)
		return;
	mc_queued = 0;
	mc_issues++;
	if (n == 1 && batch[0].op < XEN_NR_HYPERCALLS)
		issue_one(&batch[0]);
	else
		issue_multicall(n);
	for (i = 0; i < n; i++) {
		long res = (long)batch[i].result;

		if (res == 0)
			continue;
		console_printf("vmi: %s: queued hypercall %lu (entry %u of the batch) failed: Xen error %ld\n",
			       batch_caller[i],
			    (unsigned long)batch[i].op, issued + i, res);
		if (!have_failure) {
			have_failure = 1;
			pending_failure.index = issued + i;
			pending_failure.rc = res;
		}
	}
	issued += n;
}

void mc_start(void)
{
	if (mc_queued)
		issue_batch();
	issued = 0;
	have_failure = 0;
}

struct multicall_entry *mc_entry(uint32_t op, const char *caller)
{
	struct multicall_entry *e;
	uint32_t i;

	if (mc_queued == MC_BATCH_SIZE)
		issue_batch();
	e = &batch[mc_queued];
	batch_caller[mc_queued] = caller;
	mc_queued++;
	e->op = op;
	e->result = 0;
	for (i = 0; i < 6; i++)
		e->args[i] = 0;
	return e;
}

int mc_issue(struct mc_failure *first)
{
	issue_batch();
	if (!have_failure)
		return 0;
	have_failure = 0;
	if (first)
		*first = pending_failure;
	return -1;
}

void mc_flush(void)
{
	mc_issue(0);
}
