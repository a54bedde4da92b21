// SPDX-License-Identifier: GPL-2.0
/*
 * console.c - the boot image's messages (dom0: console_io; domU: the PV
 * console ring, through Xen's initial mapping of its page) and its fatal
 * end, and the two memory helpers GCC may call for struct copies and
 * clears.
 *
 * Never: return from fatal(), or drop a message.
 */
#include "rom-layout/pvboot/pvboot.h"
#include "shim/lib/printk.h"
#include "xenif/console.h"

/*
 * A domU's console ring: its page is one of the domain's own frames,
 * below the boot structures' end, so mapped at VIRT_BASE + pfn from Xen's
 * start of day on (and by the boot L1s that replace that mapping).
 */
static volatile struct xencons_interface *domu_ring(void)
{
	static volatile struct xencons_interface *ring;
	static uint8_t looked;
	start_info_t *si = pv.si;
	uint32_t pfn;

	if (looked || !si || (si->flags & SIF_INITDOMAIN))
		return ring;
	looked = 1;
	for (pfn = 0; pfn < si->nr_pages && si->console.domU.mfn; pfn++) {
		if (pv.p2m[pfn] == si->console.domU.mfn) {
			ring = (void *)(uintptr_t)(VIRT_BASE + pfn * PAGE_SIZE);
			break;
		}
	}
	return ring;
}

static void vprint(const char *fmt, va_list ap)
{
	volatile struct xencons_interface *r = domu_ring();
	char buf[256];
	int n = vmix_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	if (r)
		xencons_ring_write(r, pv.si->console.domU.evtchn, buf, n);
	else
		hyp_console_write(buf, n);
}

void print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
}

void fatal(const char *fmt, ...)
{
	struct sched_shutdown sd = { .reason = SHUTDOWN_crash };
	va_list ap;

	print("vmi-xen: boot failed: ");
	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	if (domu_ring())
		xencons_ring_drain(domu_ring(), pv.si->console.domU.evtchn);
	for (;;)
		hyp_sched_op(SCHEDOP_shutdown, &sd);
}

void *memcpy(void *d, const void *s, uint32_t n)
{
	uint8_t *dp = d;
	const uint8_t *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memset(void *d, int c, uint32_t n)
{
	uint8_t *dp = d;

	while (n--)
		*dp++ = (uint8_t)c;
	return d;
}
