// SPDX-License-Identifier: GPL-2.0
/*
 * diag.c - the front end's diagnostics: call names for messages, and the
 * handler behind every not-implemented or reserved slot.  Messages and the
 * domain crash themselves are xenif/console.h and xenif/domain.h.
 *
 * Never: return to the guest from a not-implemented call.
 */
#include "shim/shim.h"
#include "xenif/stats.h"

extern const char vmi_call_names[VMI_NR_SLOTS][VMIX_NAME_LEN];

const char *vmi_call_name(uint32_t nr)
{
	if (nr >= VMI_NR_SLOTS || !vmi_call_names[nr][0])
		return "reserved";
	return vmi_call_names[nr];
}

/* Reached from every slot that is not implemented: see shim/slots.S. */
NORETURN void VMI_ENTRY shim_unimplemented(struct unimpl_frame *f)
{
	/* Counted, and the crash's hypercalls charged to it (xenif/stats.h). */
	xen_owner_stats[f->nr % VMI_NR_SLOTS].calls++;
	xen_stats_owner = f->nr % VMI_NR_SLOTS;
	xen_crash("vmi: call %s (%u) not implemented (eax=%08x edx=%08x ecx=%08x, return address %08x)\n",
		  vmi_call_name(f->nr), f->nr, f->eax, f->edx, f->ecx,
		  f->ret);
}
