// SPDX-License-Identifier: GPL-2.0
/*
 * printf.c - the guest's formatter, feeding either the console or a
 * buffer.  Only 32-bit divisions: no libgcc needed.
 */
#include <stdint.h>
#include "printf.h"
#include "uart.h"

struct fmt_out {
	char *buf;		/* NULL: console */
	size_t size;
	size_t len;
};

static void out_char(struct fmt_out *o, char c)
{
	if (!o->buf)
		uart_putc(c);
	else if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_padded(struct fmt_out *o, const char *s, size_t n,
		       unsigned int width, char pad)
{
	while (width > n) {
		out_char(o, pad);
		width--;
	}
	while (n--)
		out_char(o, *s++);
}

static size_t utoa_dec(uint32_t v, char *end)
{
	char *p = end;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return (size_t)(end - p);
}

static size_t utoa_hex(uint64_t v, char *end)
{
	static const char digits[] = "0123456789abcdef";
	char *p = end;

	do {
		*--p = digits[v & 0xf];
		v >>= 4;
	} while (v);
	return (size_t)(end - p);
}

static void format(struct fmt_out *o, const char *fmt, va_list ap)
{
	char num[24], *end = num + sizeof(num);
	unsigned int width, longs;
	const char *s;
	size_t n;
	char pad;
	int32_t d;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out_char(o, *fmt);
			continue;
		}
		fmt++;
		pad = ' ';
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (unsigned int)(*fmt - '0');
		for (longs = 0; *fmt == 'l'; fmt++)
			longs++;
		switch (*fmt) {
		case 's':
			s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			for (n = 0; s[n]; n++)
				;
			out_padded(o, s, n, width, ' ');
			break;
		case 'c':
			num[0] = (char)va_arg(ap, int);
			out_padded(o, num, 1, width, ' ');
			break;
		case 'd':
			d = va_arg(ap, int32_t);
			if (d < 0) {
				n = utoa_dec(-(uint32_t)d, end);
				*(end - n - 1) = '-';
				n++;
			} else {
				n = utoa_dec((uint32_t)d, end);
			}
			out_padded(o, end - n, n, width, pad);
			break;
		case 'u':
			n = utoa_dec(va_arg(ap, uint32_t), end);
			out_padded(o, end - n, n, width, pad);
			break;
		case 'x':
			if (longs >= 2)
				n = utoa_hex(va_arg(ap, uint64_t), end);
			else
				n = utoa_hex(va_arg(ap, uint32_t), end);
			out_padded(o, end - n, n, width, pad);
			break;
		case 'p':
			out_char(o, '0');
			out_char(o, 'x');
			n = utoa_hex((uintptr_t)va_arg(ap, void *), end);
			out_padded(o, end - n, n, 8, '0');
			break;
		case '%':
			out_char(o, '%');
			break;
		case '\0':
			return;
		default:
			out_char(o, '%');
			out_char(o, *fmt);
			break;
		}
	}
}

void kprintf(const char *fmt, ...)
{
	struct fmt_out o = { NULL, 0, 0 };
	va_list ap;

	va_start(ap, fmt);
	format(&o, fmt, ap);
	va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { buf, size, 0 };

	format(&o, fmt, ap);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
