// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_state.c - the processor state calls: Pause, Shutdown, Reboot and
 * IODelay.  (Halt belongs to events/halt.c: it waits for an event.)
 *
 * Never: return from Shutdown or Reboot.
 */
#include "shim/shim.h"
#include "events/events.h"
#include "xenif/hypercall.h"

/* Pause: give the physical CPU away for a moment (SCHEDOP_yield). */
void VMI_ENTRY vmi_Pause(void)
{
	hyp_sched_op(SCHEDOP_yield, 0);
}

static NORETURN void shutdown(unsigned int reason, const char *call,
			      uint32_t arg)
{
	long rc;

	events_stats_print();
	rc = xen_shutdown(reason);

	xen_crash("vmi: %s(%u): SCHEDOP_shutdown(%u) returned: Xen error %ld\n",
		  call, arg, reason, rc);
}

/* Shutdown: power off this (uniprocessor) domain. */
void VMI_ENTRY vmi_Shutdown(void)
{
	shutdown(SHUTDOWN_poweroff, "Shutdown", 0);
}

/*
 * Reboot: Xen has one reboot; soft (INIT-like) and hard (reset) both become
 * SHUTDOWN_reboot.  Any other mode is bad input.
 */
void VMI_ENTRY vmi_Reboot(uint32_t how)
{
	if (how > 1)
		xen_crash("vmi: Reboot(%u): unknown reboot mode (0 soft, 1 hard)\n",
			  how);
	shutdown(SHUTDOWN_reboot, "Reboot", how);
}

/* IODelay: there is no bus to wait for. */
void VMI_ENTRY vmi_IODelay(void)
{
}
