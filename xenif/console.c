// SPDX-License-Identifier: GPL-2.0
/*
 * console.c - the Xen console behind xenif/console.h: a line buffer written
 * with console_io(CONSOLEIO_write), which Xen accepts from dom0 on every
 * build.
 *
 * Never: wait for anything but Xen.
 */
#include <stdarg.h>
#include "shim/lib/printk.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"

#define CONSOLE_LINE	256

static char line[CONSOLE_LINE];
static uint32_t line_len;

void console_flush(void)
{
	if (line_len)
		hyp_console_write(line, line_len);
	line_len = 0;
}

void console_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == CONSOLE_LINE)
		console_flush();
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
	console_flush();		/* finish a partial guest line first */
	console_write(buf, n);
	console_flush();
}
