/* SPDX-License-Identifier: GPL-2.0 */
/*
 * console.h - the shim's output to the Xen console and its input from it:
 * dom0 uses console_io (CONSOLEIO_write / CONSOLEIO_read), which Xen
 * accepts from dom0 on every build; a domU uses its PV console ring (the
 * page start_info names, mapped at VMIX_SHIM_CONSOLE_VA by the boot image,
 * struct xencons_interface of Xen's io/console.h) and its event channel,
 * because a release Xen refuses console_io from a domU.
 *
 * Bytes are collected into lines; a line goes out when it ends, when the
 * buffer fills, and before any formatted message (console_printf), so guest
 * output and shim diagnostics never interleave inside a line.  Output is
 * never dropped: when the ring is full the writer notifies the consumer
 * (xenconsoled in dom0, or the PV shim) and yields until there is room.
 * console_flush() returns only once the consumer has taken everything
 * written so far (the domain may be shut down right after it).
 *
 * Never: block on anything but Xen and the console's consumer, drop a
 * byte, or format with the guest's memory.
 */
#ifndef VMIX_XENIF_CONSOLE_H
#define VMIX_XENIF_CONSOLE_H

#include <stdint.h>
#include <xen/io/console.h>
#include "xenif/hypercall.h"

void console_putc(char c);
void console_write(const char *s, uint32_t len);
/* Send the partial line; in a domU also wait until the ring is drained. */
void console_flush(void);

/* One formatted message of its own, after any partial guest line. */
void console_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * Console input for COM1's receiver: up to len bytes waiting (dom0:
 * CONSOLEIO_read; domU: the ring's input side, the consumer notified of
 * the room made).  Returns the count, 0 when nothing waits.
 */
long console_read(char *buf, uint32_t len);

/* ---- the PV console ring, shared with the boot image (rom-layout/pvboot) */

/* Orders ring accesses for the compiler; x86 keeps stores ordered. */
#define XENCONS_BARRIER()	__asm__ volatile("" : : : "memory")

static inline void xencons_notify(uint32_t port)
{
	struct evtchn_send send = { .port = port };

	hyp_event_channel_op(EVTCHNOP_send, &send);
}

/* Let the consumer run: it needs the CPU this vCPU holds. */
static inline void xencons_wait(uint32_t port)
{
	xencons_notify(port);
	hyp_sched_op(SCHEDOP_yield, 0);
}

/* All of buf into the output ring, waiting for room; then notify. */
static inline void xencons_ring_write(volatile struct xencons_interface *r,
				      uint32_t port, const char *buf,
				      uint32_t len)
{
	while (len) {
		XENCONS_RING_IDX cons = r->out_cons, prod = r->out_prod;

		XENCONS_BARRIER();
		while (len && prod - cons < sizeof(r->out)) {
			r->out[MASK_XENCONS_IDX(prod, r->out)] = *buf++;
			prod++;
			len--;
		}
		XENCONS_BARRIER();
		r->out_prod = prod;
		if (len)
			xencons_wait(port);
	}
	xencons_notify(port);
}

/* Wait until the consumer has taken everything in the output ring. */
static inline void xencons_ring_drain(volatile struct xencons_interface *r,
				      uint32_t port)
{
	while (r->out_cons != r->out_prod)
		xencons_wait(port);
}

#endif /* VMIX_XENIF_CONSOLE_H */
