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

/* Xen's callback for the MSRs as they are now; 0 or Xen's error. */
static long register_sysenter(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_sysenter,
		.flags = CALLBACKF_mask_events,
		.address = {
			.cs = (sysenter_cs & ~3u) | 1,
			.eip = (unsigned long)xen_sysenter_callback,
		},
	};

	if (!(sysenter_cs & ~3u) || !sysenter_eip)
		return 0;
	return hyp_callback_op(CALLBACKOP_register, &cb);
}

/*
 * A write Xen's callback refuses keeps the MSR's old value (and the old
 * callback): WRMSR has no failure in the spec, so the diagnostic is all.
 */
void events_set_sysenter(unsigned int which, uint32_t value)
{
	uint32_t *msr = which == SYSENTER_CS ? &sysenter_cs :
			which == SYSENTER_ESP ? &sysenter_esp : &sysenter_eip;
	uint32_t old = *msr;
	long rc;

	*msr = value;
	if (which == SYSENTER_ESP)
		return;
	rc = register_sysenter();
	if (rc) {
		uint32_t cs = (sysenter_cs & ~3u) | 1;

		*msr = old;
		console_printf("vmi: WRMSR(msr=%x, value=%08x): Xen refused the sysenter callback (cs %04x): Xen error %ld; the MSR keeps %08x\n",
			       SYSENTER_MSR_BASE + which, value, cs, rc, old);
	}
}

uint32_t events_get_sysenter(unsigned int which)
{
	return which == SYSENTER_CS ? sysenter_cs :
	       which == SYSENTER_ESP ? sysenter_esp : sysenter_eip;
}
