// SPDX-License-Identifier: GPL-2.0
/*
 * halt.c - VMI_Halt.
 *
 * Halt is an interruptible halt: SCHEDOP_block unmasks event delivery (the
 * guest's IF becomes set, as the spec's Halt requires) and sleeps until an
 * event is pending.  Nothing can wake it until event channels are bound
 * (events issue).
 *
 * Never: return from Halt with events masked.
 */
#include "xenif/hypercall.h"

void __attribute__((regparm(3))) vmi_Halt(void);

void __attribute__((regparm(3))) vmi_Halt(void)
{
	hyp_sched_op(SCHEDOP_block, 0);
}
