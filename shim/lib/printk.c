// SPDX-License-Identifier: GPL-2.0
/*
 * printk.c - a freestanding vsnprintf for the shim's diagnostics.
 *
 * Supports %s %c %d %i %u %x %X %p %%, a '0' flag, a field width and the 'l'
 * and 'll' length modifiers.  Portable C: also built into host unit tests.
 *
 * Never: allocate, call out or touch shim state.
 */
#include "shim/lib/div64.h"
#include "shim/lib/printk.h"

struct out {
	char *buf;
	uint32_t size;
	uint32_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_num(struct out *o, uint64_t v, unsigned int base, int neg,
		    int width, char pad, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[div64_32(&v, base)];
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		put(o, '-');
	while (width-- > n)
		put(o, pad);
	if (neg && pad != '0')
		put(o, '-');
	while (n)
		put(o, tmp[--n]);
}

int vmix_vsnprintf(char *buf, uint32_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		char pad = ' ';
		int width = 0, lng = 0;
		uint64_t u;
		int64_t s;
		const char *str;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '0') {
			pad = '0';
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			lng++;
			fmt++;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			s = lng >= 2 ? va_arg(ap, long long) :
			    lng ? va_arg(ap, long) : va_arg(ap, int);
			u = s < 0 ? -(uint64_t)s : (uint64_t)s;
			put_num(&o, u, 10, s < 0, width, pad, 0);
			break;
		case 'u':
		case 'x':
		case 'X':
			u = lng >= 2 ? va_arg(ap, unsigned long long) :
			    lng ? va_arg(ap, unsigned long) :
				  va_arg(ap, unsigned int);
			put_num(&o, u, *fmt == 'u' ? 10 : 16, 0, width, pad,
				*fmt == 'X');
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_num(&o, (uintptr_t)va_arg(ap, void *), 16, 0,
				2 * (int)sizeof(void *), '0', 0);
			break;
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			for (s = 0; str[s]; s++)
				;
			while (width-- > s)
				put(&o, ' ');
			while (*str)
				put(&o, *str++);
			break;
		case '%':
			put(&o, '%');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, '%');
			put(&o, *fmt);
			break;
		}
	}
	if (o.size)
		o.buf[o.len < o.size ? o.len : o.size - 1] = '\0';
	return (int)o.len;
}

int vmix_snprintf(char *buf, uint32_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vmix_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
