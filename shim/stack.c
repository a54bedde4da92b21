// SPDX-License-Identifier: GPL-2.0
/*
 * stack.c - UpdateKernelStack: the guest has written esp0 into its TSS;
 * tell Xen the ring-1 stack for entries from ring 3 (stack_switch), with
 * the TSS's SS0 at ring 1.
 *
 * Never: leave Xen with a stack the guest did not name.
 */
#include "shim/shim.h"
#include "events/events.h"
#include "shim/xlate.h"
#include "xenif/hypercall.h"

#define TSS_SS0		8	/* byte offset of SS0 in a 32-bit TSS */
#define SEL_RPL		3u

void VMI_ENTRY vmi_UpdateKernelStack(void *tss, uint32_t esp0)
{
	EVENTS_HELD;
	uint32_t ss0 = *(const uint16_t *)((const char *)tss + TSS_SS0);
	long rc;

	if ((ss0 & ~SEL_RPL) == 0) {
		asm("movl %%ss, %0" : "=r"(ss0));
		ss0 &= 0xffff;
	}
	if ((ss0 & SEL_RPL) < KERNEL_RPL)
		ss0 = (ss0 & ~SEL_RPL) | KERNEL_RPL;
	rc = hyp_stack_switch(ss0, esp0);
	if (rc)
		xen_crash("vmi: UpdateKernelStack(tss=%p, esp0=%08x): stack_switch(%04x, %08x) failed: Xen error %ld\n",
			  tss, esp0, ss0, esp0, rc);
}
