// SPDX-License-Identifier: GPL-2.0
/*
 * kernel.c - the benchmark kernel's flow: the backend's start of day,
 * processes and trap gates, the operations the command line asks for
 * ("only=a,b" name prefixes; "smoke" divides every N by 20), the end.
 * Also the console glue: tests/guest/printf.c's formatter writes through
 * uart_putc, which is the backend's be_putc here.
 *
 * Never: measure anything here; ops.c does.
 */
#include <stdarg.h>
#include "tests/bench/be.h"

#define SMOKE_DIVISOR	20

void bench_main(uint32_t magic, uint32_t info);
void uart_putc(char c);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

struct be_env be_env;

void uart_putc(char c)
{
	be_putc(c);
}

void panic(const char *fmt, ...)
{
	char buf[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	kprintf("%s\nbench: FAILED\n", buf);
	be_end(1);
}

static const char *option(const char *cmdline, const char *name)
{
	const char *p = cmdline;
	size_t n;

	for (n = 0; name[n]; n++)
		;
	while (p && *p) {
		while (*p == ' ')
			p++;
		if (!__builtin_memcmp(p, name, n) &&
		    (p[n] == '=' || p[n] == ' ' || !p[n]))
			return p[n] == '=' ? p + n + 1 : p + n;
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

void bench_main(uint32_t magic, uint32_t info)
{
	const char *only;
	uint32_t div;

	proc_init();
	be_early(magic, info);
	trap_init();
	only = option(be_env.cmdline, "only");
	div = option(be_env.cmdline, "smoke") ? SMOKE_DIVISOR : 1;
	kprintf("bench: backend %s, memory %u MiB, %u pool pages, N divided by %u\n",
		be_env.name, be_env.mem_pages >> 8, pool_free_pages(), div);
	ops_run(only, div);
	kprintf("bench: done, %u pool pages free\n", pool_free_pages());
	be_end(0);
}
