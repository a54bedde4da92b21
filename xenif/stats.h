/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats.h - counters of the hypercalls the shim made, printed on the console
 * at Shutdown, Reboot and crash as one line:
 *
 *	vmi: hypercalls: console_io=12 sched_op=3 sched_op.yield=2 ...
 *
 * (name=count pairs, Xen's hypercall names; sched_op also by command;
 * multicall.batches and multicall.entries for the batching layer).  The rig
 * reads the line; benchmarks will too.
 *
 * Never: count on a path that is not a hypercall (the counters cost one
 * increment per trap into Xen, nothing else).
 */
#ifndef VMIX_XENIF_STATS_H
#define VMIX_XENIF_STATS_H

#include <stdint.h>

#define XEN_NR_SCHEDOPS	16
extern uint32_t xen_sched_count[XEN_NR_SCHEDOPS];

void xen_stats_print(void);

#endif /* VMIX_XENIF_STATS_H */
