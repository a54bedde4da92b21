// SPDX-License-Identifier: GPL-2.0
/*
 * domain.c - SCHEDOP_shutdown for the shim (see xenif/domain.h).
 *
 * Never: return from a crash.
 */
#include <stdarg.h>
#include "shim/lib/printk.h"
#include "xenif/console.h"
#include "xenif/domain.h"
#include "xenif/hypercall.h"
#include "xenif/stats.h"

long xen_shutdown(unsigned int reason)
{
	struct sched_shutdown sd = { .reason = reason };

	xen_stats_print();
	console_flush();
	return hyp_sched_op(SCHEDOP_shutdown, &sd);
}

NORETURN void xen_crash(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vmix_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_printf("%s", buf);
	console_printf("vmi: crashing the domain\n");
	for (;;)
		xen_shutdown(SHUTDOWN_crash);
}
