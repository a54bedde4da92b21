/* SPDX-License-Identifier: GPL-2.0 */
/*
 * printf.h - a small printf for the guest: %s %c %d %u %x %p %%, with
 * '0' padding and field widths (e.g. %08x, %05x) and an 'll' modifier for
 * %llx.
 */
#ifndef VMITEST_PRINTF_H
#define VMITEST_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define __printf(a, b)	__attribute__((format(printf, a, b)))

/* Print to the console (COM1); "\n" goes out as "\r\n". */
void kprintf(const char *fmt, ...) __printf(1, 2);

/* Format into buf (always NUL terminated); returns the length wanted. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif /* VMITEST_PRINTF_H */
