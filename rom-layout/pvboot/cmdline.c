// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c - the boot image's command line:
 * "[rom=ADDR] [defer=off] [-- GUEST-ARGS]" (defer=off: the shim issues
 * every page-table write at once, for comparing).
 * ADDR is decimal or 0x-hex and must fit 32 bits (a longer number is
 * refused, not wrapped); where it may lie is check_rom_placement's rule.
 *
 * Never: accept an option it does not know.
 */
#include "rom-layout/pvboot/pvboot.h"

static int starts_with(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return 0;
	return 1;
}

/* A 32-bit number; *end after it, or 0 when it has no digit or overflows. */
static uint32_t parse_num(const char *s, const char **end)
{
	uint64_t v = 0;
	uint32_t base = 10, digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (;; s++, digits++) {
		uint32_t d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		v = v * base + d;
		if (v > 0xffffffffull) {
			*end = 0;
			return 0;
		}
	}
	*end = digits ? s : 0;
	return (uint32_t)v;
}

void parse_cmdline(char *cmd)
{
	char *p = cmd;

	pv.guest_cmdline = "";
	while (*p) {
		const char *end;

		while (*p == ' ')
			p++;
		if (starts_with(p, "-- ") || (p[0] == '-' && p[1] == '-' &&
					      p[2] == '\0')) {
			pv.guest_cmdline = p[2] ? p + 3 : "";
			return;
		}
		if (starts_with(p, "defer=off") &&
		    (p[9] == ' ' || p[9] == '\0')) {
			pv.no_defer = 1;
			p += 9;
			continue;
		}
		if (starts_with(p, "rom=")) {
			pv.rom_gpa = parse_num(p + 4, &end);
			if (!end || (*end && *end != ' '))
				fatal("rom=: not a 32-bit number in \"%s\"\n",
				      cmd);
			p = (char *)end;
			continue;
		}
		if (!*p)
			break;
		fatal("unknown option in \"%s\" (expected rom=ADDR, defer=off and -- GUEST-ARGS)\n",
		      cmd);
	}
}
