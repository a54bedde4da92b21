// SPDX-License-Identifier: GPL-2.0
/*
 * console.c - the Xen console behind xenif/console.h: a line buffer
 * written with console_io(CONSOLEIO_write) in dom0, into the PV console
 * ring (mapped at VMIX_SHIM_CONSOLE_VA, notified through its event
 * channel) in a domU; console input from CONSOLEIO_read or the ring.
 *
 * Never: wait for anything but Xen and the console's consumer, or drop
 * a byte.
 */
#include <stdarg.h>
#include "shim/lib/printk.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

#define CONSOLE_LINE	256

static char line[CONSOLE_LINE];
static uint32_t line_len;
/* Bytes taken from a domU ring's input side, and how many were reported. */
static uint32_t input_bytes, input_reported;

/* The domU's ring, or NULL in dom0 (and before the boot block says). */
static volatile struct xencons_interface *domu_ring(void)
{
	if (xen_is_dom0() || !boot_block.console_mfn)
		return 0;
	return (volatile struct xencons_interface *)VMIX_SHIM_CONSOLE_VA;
}

/* The partial line to Xen or the ring, without waiting for the reader. */
static void send_line(void)
{
	volatile struct xencons_interface *r;

	if (!line_len)
		return;
	r = domu_ring();
	if (r)
		xencons_ring_write(r, boot_block.console_evtchn, line, line_len);
	else
		hyp_console_write(line, line_len);
	line_len = 0;
}

void console_flush(void)
{
	volatile struct xencons_interface *r = domu_ring();

	send_line();
	if (r && input_bytes != input_reported) {
		/* At the domain's end (xen_shutdown), so typing is not echoed. */
		input_reported = input_bytes;
		console_printf("vmi: console: %u bytes of input taken from the ring (into COM1's receiver)\n",
			       input_bytes);
	}
	if (r)
		xencons_ring_drain(r, boot_block.console_evtchn);
}

void console_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == CONSOLE_LINE)
		send_line();
}

void console_write(const char *s, uint32_t len)
{
	while (len--)
		console_putc(*s++);
}

void console_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmix_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	send_line();			/* finish a partial guest line first */
	console_write(buf, n);
	send_line();
}

long console_read(char *buf, uint32_t len)
{
	volatile struct xencons_interface *r = domu_ring();
	XENCONS_RING_IDX cons, prod;
	uint32_t n = 0;

	if (!r)
		return xen_is_dom0() ? hyp_console_read(buf, len) : 0;
	cons = r->in_cons;
	prod = r->in_prod;
	XENCONS_BARRIER();
	if (prod - cons > sizeof(r->in))	/* a consumer index gone wrong */
		cons = prod - sizeof(r->in);
	while (n < len && cons != prod) {
		buf[n++] = r->in[MASK_XENCONS_IDX(cons, r->in)];
		cons++;
	}
	XENCONS_BARRIER();
	r->in_cons = cons;
	input_bytes += n;
	if (n)
		xencons_notify(boot_block.console_evtchn);
	return n;
}
