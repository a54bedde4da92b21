/* SPDX-License-Identifier: GPL-2.0 */
/*
 * abi_probe.h - calling a VMI slot with every general register chosen by
 * the test and seeing every register it comes back with, for checking
 * the register conventions of Appendix A.
 */
#ifndef VMITEST_ABI_PROBE_H
#define VMITEST_ABI_PROBE_H

#include <stdint.h>

struct test;

struct probe_regs {
	uint32_t eax;
	uint32_t ebx;
	uint32_t ecx;
	uint32_t edx;
	uint32_t esi;
	uint32_t edi;
	uint32_t ebp;
};

/* Register masks for probe_check_preserved(). */
#define PROBE_EAX	(1u << 0)
#define PROBE_EBX	(1u << 1)
#define PROBE_ECX	(1u << 2)
#define PROBE_EDX	(1u << 3)
#define PROBE_ESI	(1u << 4)
#define PROBE_EDI	(1u << 5)
#define PROBE_EBP	(1u << 6)
#define PROBE_ALL	0x7fu

/* abi_probe() flags. */
#define PROBE_DF	0x1	/* std before the call, cld after it */

/*
 * Load EAX..EBP from *in, call fn (ESP as on entry), store EAX..EBP to
 * *out.  (cdecl; defined in abi_probe.S)
 */
void abi_probe(uintptr_t fn, const struct probe_regs *in,
	       struct probe_regs *out, uint32_t flags);

/* Fill r with distinct recognisable values (seed varies them). */
void probe_fill(struct probe_regs *r, uint32_t seed);

/* check() that the registers in mask are equal in in and out. */
int probe_check_preserved(struct test *t, const char *call,
			  const struct probe_regs *in,
			  const struct probe_regs *out, uint32_t mask);

#endif /* VMITEST_ABI_PROBE_H */
