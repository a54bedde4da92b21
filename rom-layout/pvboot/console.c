// SPDX-License-Identifier: GPL-2.0
/*
 * console.c - the boot image's messages (console_io) and its fatal end,
 * and the two memory helpers GCC may call for struct copies and clears.
 *
 * Never: return from fatal().
 */
#include "rom-layout/pvboot/pvboot.h"
#include "shim/lib/printk.h"

static void vprint(const char *fmt, va_list ap)
{
	char buf[256];
	int n = vmix_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
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
