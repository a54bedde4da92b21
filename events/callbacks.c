// SPDX-License-Identifier: GPL-2.0
/*
 * callbacks.c - registering Xen's event and failsafe callbacks
 * (events/upcall.S) at Init, so that Xen never bounces to an unset address,
 * then binding the event channels (events/evtchn.c).
 *
 * Never: register an address outside the ROM.
 */
#include "events/events.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"

static long register_callback(uint16_t type, uint16_t flags, void *entry)
{
	struct callback_register cb = {
		.type = type,
		.flags = flags,
		.address = { .cs = FLAT_RING1_CS, .eip = (unsigned long)entry },
	};
	long rc = hyp_callback_op(CALLBACKOP_register, &cb);

	if (rc)
		console_printf("vmi: Init: CALLBACKOP_register(type %u, %08x) failed: Xen error %ld\n",
			       type, (uint32_t)(uintptr_t)entry, rc);
	return rc;
}

long events_init(void)
{
	long rc;

	rc = register_callback(CALLBACKTYPE_event, CALLBACKF_mask_events,
			       xen_event_callback);
	if (!rc)
		rc = register_callback(CALLBACKTYPE_failsafe, 0,
				       xen_failsafe_callback);
	if (!rc)
		rc = events_bind();
	return rc;
}
