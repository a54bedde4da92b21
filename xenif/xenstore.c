// SPDX-License-Identifier: GPL-2.0
/*
 * xenstore.c - control/shutdown of a domU (see xenif/xenstore.h): an
 * XS_WATCH on it at Init; at each watch event an XS_READ of it; a reply
 * of "poweroff", "halt" or "reboot" acknowledged (the key emptied, as a
 * PV kernel does) and the domain ended that way.
 *
 * Messages are Xen's io/xs_wire.h: a struct xsd_sockmsg header and its
 * payload, in the request ring to xenstored and the response ring back.
 * Replies are small; a longer payload than this file keeps is consumed
 * and its tail ignored.
 *
 * Never: run in dom0, drop a reply half-read, or act on a value that is
 * not a complete XS_READ reply to its own request.
 */
#include <stdint.h>
#include <xen/io/xs_wire.h>
#include "xenif/console.h"
#include "xenif/domain.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"
#include "xenif/xenstore.h"

#define XS_KEY		"control/shutdown"
#define XS_TOKEN	"vmi"
#define XS_ID_READ	2		/* req_id of our XS_READ */
#define XS_KEEP		32u		/* payload bytes kept of a reply */

static uint8_t watching;

static volatile struct xenstore_domain_interface *ring(void)
{
	if (xen_is_dom0() || !boot_block.store_mfn)
		return 0;
	return (volatile struct xenstore_domain_interface *)VMIX_SHIM_STORE_VA;
}

static void put(volatile struct xenstore_domain_interface *r, const void *p,
		uint32_t len)
{
	const char *s = p;

	while (len) {
		XENSTORE_RING_IDX cons = r->req_cons, prod = r->req_prod;

		XENCONS_BARRIER();
		while (len && prod - cons < XENSTORE_RING_SIZE) {
			r->req[MASK_XENSTORE_IDX(prod)] = *s++;
			prod++;
			len--;
		}
		XENCONS_BARRIER();
		r->req_prod = prod;
		if (len)
			xencons_wait(boot_block.store_evtchn);
	}
}

/* One request: type, req_id, a payload of two parts (b may be empty). */
static void request(uint32_t type, uint32_t id, const char *a, uint32_t alen,
		    const char *b, uint32_t blen)
{
	volatile struct xenstore_domain_interface *r = ring();
	struct xsd_sockmsg m = { .type = type, .req_id = id,
				 .len = alen + blen };

	put(r, &m, sizeof(m));
	put(r, a, alen);
	put(r, b, blen);
	xencons_notify(boot_block.store_evtchn);
}

void xenstore_init(void)
{
	static const char watch[] = XS_KEY "\0" XS_TOKEN;

	if (!ring() || watching)
		return;
	watching = 1;
	/* xenstored fires a new watch once at once: the key is read then. */
	request(XS_WATCH, 1, watch, sizeof(watch), "", 0);
}

static int is(const char *v, uint32_t len, const char *word)
{
	uint32_t i;

	for (i = 0; i < len && word[i] && v[i] == word[i]; i++)
		;
	return i == len && !word[i];
}

/* v: len bytes and a NUL after them. */
static void shutdown_value(const char *v, uint32_t len)
{
	unsigned int reason;

	if (!len)
		return;			/* acknowledged, or never written */
	if (is(v, len, "poweroff") || is(v, len, "halt"))
		reason = SHUTDOWN_poweroff;
	else if (is(v, len, "reboot"))
		reason = SHUTDOWN_reboot;
	else {
		console_printf("vmi: xenstore: control/shutdown \"%s\": only poweroff, halt and reboot are carried out; ignored\n",
			       v);
		return;
	}
	console_printf("vmi: xenstore: control/shutdown \"%s\": the VMI guest has no power button; the shim ends the domain as %s\n",
		       v, reason == SHUTDOWN_reboot ? "reboot" : "poweroff");
	request(XS_WRITE, 3, XS_KEY, sizeof(XS_KEY), "", 0);
	for (;;)
		xen_shutdown(reason);
}

void xenstore_event(void)
{
	volatile struct xenstore_domain_interface *r = ring();
	struct xsd_sockmsg m;
	char v[XS_KEEP + 1];

	if (!r)
		return;
	for (;;) {
		XENSTORE_RING_IDX cons = r->rsp_cons, prod = r->rsp_prod;
		uint32_t i;
		char *h = (char *)&m;

		XENCONS_BARRIER();
		if (prod - cons < sizeof(m))
			return;
		for (i = 0; i < sizeof(m); i++)
			h[i] = r->rsp[MASK_XENSTORE_IDX(cons + i)];
		if (m.len > XENSTORE_PAYLOAD_MAX ||
		    prod - cons < sizeof(m) + m.len)
			return;			/* the rest is on its way */
		for (i = 0; i < m.len && i < XS_KEEP; i++)
			v[i] = r->rsp[MASK_XENSTORE_IDX(cons + sizeof(m) + i)];
		XENCONS_BARRIER();
		r->rsp_cons = cons + sizeof(m) + m.len;
		xencons_notify(boot_block.store_evtchn);
		if (m.type == XS_WATCH_EVENT)
			request(XS_READ, XS_ID_READ, XS_KEY, sizeof(XS_KEY),
				"", 0);
		else if (m.type == XS_READ && m.req_id == XS_ID_READ) {
			i = m.len < XS_KEEP ? m.len : XS_KEEP;
			v[i] = 0;
			shutdown_value(v, i);
		}
	}
}
