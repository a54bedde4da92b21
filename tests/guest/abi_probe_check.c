// SPDX-License-Identifier: GPL-2.0
/*
 * abi_probe_check.c - helpers around abi_probe(): register patterns and
 * the "register preserved" check with a readable failure message.
 */
#include "abi_probe.h"
#include "kstring.h"
#include "test.h"

_Static_assert(sizeof(struct probe_regs) == 7 * 4, "abi_probe.S layout");

static const char *const reg_names[] = {
	"EAX", "EBX", "ECX", "EDX", "ESI", "EDI", "EBP",
};

void probe_fill(struct probe_regs *r, uint32_t seed)
{
	r->eax = 0xa0a00000 ^ seed;
	r->ebx = 0xb1b10000 ^ seed;
	r->ecx = 0xc2c20000 ^ seed;
	r->edx = 0xd3d30000 ^ seed;
	r->esi = 0x5e5e0000 ^ seed;
	r->edi = 0xd1d10000 ^ seed;
	r->ebp = 0xbebe0000 ^ seed;
}

int probe_check_preserved(struct test *t, const char *call,
			  const struct probe_regs *in,
			  const struct probe_regs *out, uint32_t mask)
{
	uint32_t a[7], b[7];
	unsigned int i;
	int ok = 1;

	memcpy(a, in, sizeof(a));
	memcpy(b, out, sizeof(b));

	for (i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++)
		if ((mask & (1u << i)) && a[i] != b[i])
			ok &= check(t, 0, "%s changed %s: 0x%08x -> 0x%08x",
				    call, reg_names[i], a[i], b[i]);
	return ok;
}
