// SPDX-License-Identifier: GPL-2.0
/*
 * sysenter.c - the SYSENTER MSRs' values and Xen's sysenter callback.
 *
 * When CS and EIP are set, Xen's sysenter callback (events/iret.S) is
 * registered so SYSENTER from ring 3 enters the guest at SYSENTER_EIP on
 * SYSENTER_ESP; VMI_SYSEXIT derives the user selectors from SYSENTER_CS.
 *
 * Never: register a callback address outside the ROM.
 */
#include "events/events.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"

uint32_t sysenter_cs, sysenter_esp, sysenter_eip;
extern char xen_sysenter_callback[];

static void register_sysenter(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_sysenter,
		.flags = CALLBACKF_mask_events,
		.address = {
			.cs = (sysenter_cs & ~3u) | 1,
			.eip = (unsigned long)xen_sysenter_callback,
		},
	};
	long rc;

	if (!(sysenter_cs & ~3u) || !sysenter_eip)
		return;
	rc = hyp_callback_op(CALLBACKOP_register, &cb);
	if (rc)
		console_printf("vmi: WRMSR(SYSENTER): Xen refused the sysenter callback (cs %04x): Xen error %ld; SYSENTER from ring 3 will fault\n",
			       (uint32_t)cb.address.cs, rc);
}

void events_set_sysenter(unsigned int which, uint32_t value)
{
	switch (which) {
	case SYSENTER_CS:
		sysenter_cs = value;
		register_sysenter();
		break;
	case SYSENTER_ESP:
		sysenter_esp = value;
		break;
	case SYSENTER_EIP:
		sysenter_eip = value;
		register_sysenter();
		break;
	}
}

uint32_t events_get_sysenter(unsigned int which)
{
	return which == SYSENTER_CS ? sysenter_cs :
	       which == SYSENTER_ESP ? sysenter_esp : sysenter_eip;
}
