/* SPDX-License-Identifier: GPL-2.0 */
/*
 * console.h - the shim's output to the Xen console (dom0: console_io).
 *
 * Bytes are collected into lines; a line goes to Xen when it ends, when the
 * buffer fills, and before any formatted message (console_printf), so guest
 * output and shim diagnostics never interleave inside a line.  The domU
 * console ring joins here (the domU issue).
 *
 * Never: block on anything but Xen, or format with the guest's memory.
 */
#ifndef VMIX_XENIF_CONSOLE_H
#define VMIX_XENIF_CONSOLE_H

#include <stdint.h>

void console_putc(char c);
void console_write(const char *s, uint32_t len);
void console_flush(void);

/* One formatted message of its own, after any partial guest line. */
void console_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif /* VMIX_XENIF_CONSOLE_H */
