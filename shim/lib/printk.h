/*
 * printk.h - the shim's freestanding formatter (shim/printk.c).
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
