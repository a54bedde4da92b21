/*
 * console.c - the shim's output to the Xen console.
 *
 * Bytes are collected into lines and written with console_io(CONSOLEIO_write),
 * which Xen accepts from dom0 on every build.  A line is written when it ends,
 * when the buffer fills, and before any diagnostic or shutdown (console_flush),
 * so guest output and shim diagnostics never interleave inside a line.
 */
#include "shim.h"
#include "hypercall.h"

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
