/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - counters of the hypercalls the shim made, in all and per VMI
 * call, printed on the console at Shutdown, Reboot and crash as one line:
 *
 *	vmi: hypercalls: console_io=12 sched_op=3 sched_op.yield=2 ...
 *
 * (name=count pairs, Xen's hypercall names; sched_op also by command;
 * multicall.batches and multicall.entries for the batching layer: the
 * multicall hypercalls and the entries they carried; multicall.direct:
 * batches of one entry made as that entry's own hypercall, which are
 * counted under its name and not as batches or entries).  The rig
 * reads the line; benchmarks will too.  Then one or more lines of
 * per-owner counters (below), every owner with a nonzero count:
 *
 *	vmi: calls: <name>=<calls>/<hypercalls>/<batches>/<entries> ...
 *
 * Never: count on a path that is not a hypercall or a call entry (the
 * counters cost a few increments per trap into Xen and one per call).
 */
#ifndef VMIX_XENIF_STATS_H
#define VMIX_XENIF_STATS_H

#include <stdint.h>

#define XEN_NR_SCHEDOPS	16
extern uint32_t xen_sched_count[XEN_NR_SCHEDOPS];

/*
 * Per-owner counters.  An owner is whatever the front end says the shim is
 * doing: a front end numbers its calls from XEN_OWNER_FIRST_CALL (the rev-13
 * front end uses the call number, whose slots start at 4) and sets
 * xen_stats_owner on entry to a call; every hypercall, multicall batch and
 * batch entry is then charged to that owner until the next entry.  A batch
 * issued later (the queue filled, another call flushed it, a #PF flushed
 * it) is charged to whoever issues it.  Not per vCPU yet (uniprocessor).
 */
#define XEN_STATS_OWNERS	128
#define XEN_OWNER_NONE		0	/* before the first call */
#define XEN_OWNER_FAULT		1	/* the #PF flush path (events/pf.S) */
#define XEN_OWNER_EVENT		2	/* Xen's event callback (events/upcall.S) */
#define XEN_OWNER_FIRST_CALL	4

struct xen_owner_stats {
	uint32_t calls;			/* entries (counted by the front end) */
	uint32_t hypercalls;		/* traps into Xen, a multicall being one */
	uint32_t batches;		/* multicall hypercalls issued */
	uint32_t entries;		/* entries they carried (a batch of one
					 * made as its own hypercall: neither) */
};	/* 16 bytes: shim/call_count.S indexes it */

extern struct xen_owner_stats xen_owner_stats[XEN_STATS_OWNERS];
extern uint8_t xen_stats_owner;
/* The front end's names for owners; owners without one print as "#n". */
extern const char *(*xen_owner_name)(uint32_t owner);

void xen_stats_print(void);

#endif /* VMIX_XENIF_STATS_H */
