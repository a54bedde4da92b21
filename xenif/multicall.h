/* SPDX-License-Identifier: GPL-2.0 */
/*
 * multicall.h - batching Xen hypercalls into one `multicall`.
 *
 *	struct multicall_entry *e = mc_entry(__HYPERVISOR_update_descriptor,
 *					     "SetGDT");
 *	e->args[0] = ...;
 *	...
 *	if (mc_issue(&fail))		(or mc_flush() when no one waits)
 *
 * Entries are issued in the order queued, in one hypercall per
 * MC_BATCH_SIZE entries: when the batch is full the queue is issued before
 * the next entry is handed out.  A batch of exactly one entry is made as
 * that entry's own hypercall (its result stored in the entry, as the
 * multicall would have), which saves Xen's multicall dispatch; callers see
 * no difference but the counters below.  Any direct hypercall (xenif/hypercall.h)
 * issues the queue first, so nothing queued is ever overtaken.  mc_issue()
 * reports each failed entry on the console with the caller's name, its
 * hypercall and Xen's error code, and tells the caller which entry failed
 * first; later entries of the same batch have still been executed by Xen
 * (that is Xen's multicall contract), so a caller that needs all-or-nothing
 * queues only what it can take back.
 *
 * Never: queue from Xen's event callback while a batch is being filled
 * (single-vCPU, callers run with events as the guest left them: the batch
 * belongs to the VMI call that is running).
 */
#ifndef VMIX_XENIF_MULTICALL_H
#define VMIX_XENIF_MULTICALL_H

#include <stdint.h>
#include <xen/xen.h>

/*
 * 32 entries: mainline Linux's batch size; large enough that a descriptor
 * table of 512 entries costs 16 hypercalls instead of 512.
 */
#define MC_BATCH_SIZE	32

struct mc_failure {
	uint32_t index;		/* position in the whole queue since mc_start */
	long rc;		/* Xen's error code */
};

/* Start counting positions from 0 (what mc_issue reports failures by). */
void mc_start(void);

/* The next entry to fill, op set and arguments zeroed. */
struct multicall_entry *mc_entry(uint32_t op, const char *caller);

/*
 * Issue everything queued.  Returns 0 when every entry succeeded, else -1
 * with *first set to the first failing entry (diagnostics printed).
 */
int mc_issue(struct mc_failure *first);

/* Issue everything queued; failures are reported, not returned. */
void mc_flush(void);

/* Entries waiting (0 when the queue is empty). */
extern uint32_t mc_queued;

/*
 * Issues: every time the queue went to Xen, as a multicall or as a batch
 * of one (what tells mmu/queue.c that its entries were issued).
 */
extern uint32_t mc_issues;

/*
 * Statistics: multicall hypercalls issued and the entries they carried
 * (so mc_batches is the multicall hypercall count); batches of one made
 * as their own hypercall, counted under that hypercall's number and in
 * mc_direct only.
 */
extern uint32_t mc_batches, mc_entries, mc_direct;

#endif /* VMIX_XENIF_MULTICALL_H */
