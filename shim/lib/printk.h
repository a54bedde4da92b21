/* SPDX-License-Identifier: GPL-2.0 *
 * Never: depend on shim state (host tests build it alone).
 */
/*
 * printk.h - the freestanding formatter (shim/lib/printk.c) the ROM, the
 * boot image and host tests share.
 * Kept free of shim state so host unit tests can build it.
 */
#ifndef VMIX_PRINTK_H
#define VMIX_PRINTK_H

#include <stdint.h>
#include <stdarg.h>

int vmix_vsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap);
int vmix_snprintf(char *buf, uint32_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* VMIX_PRINTK_H */
