// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_xlate.c - libFuzzer target for the descriptor and gate translation
 * (shim/xlate.c), against what shim/xlate.h promises.
 *
 * The input is a sequence of 12-byte records (little endian u32 vector,
 * lo, hi); a short tail is zero-padded.  Each record goes through
 * xlate_descriptor(lo, hi) and xlate_gate(vector, lo, hi), and
 * xlate_gate(vector & 0xff, ...) so that most records hit a real vector.
 *
 * Invariants, for xlate_descriptor (a GDT/LDT entry for a ring-1 kernel):
 *   - the result is XLATE_OK, XLATE_SHADOW_NULL or XLATE_BAD; *why is set,
 *     non-empty exactly for XLATE_BAD;
 *   - not present: XLATE_OK and the descriptor unchanged;
 *   - present code/data: XLATE_BAD only for 64-bit code (L = 1); else OK,
 *     only the DPL may change, DPL 0 becomes 1, others stay;
 *   - TSS and LDT: XLATE_SHADOW_NULL with a zero shadow;
 *   - 32-bit call gate: OK, only the selector's RPL may change (0 -> 1);
 *   - every other present system type (16-bit call gate, task, interrupt
 *     and trap gates, reserved types): XLATE_BAD;
 *   - an OK shadow translates to itself (Xen gets a fixed point), and a
 *     present OK code/data shadow never has DPL 0;
 * and for xlate_gate (an IDT gate into Xen's trap_info):
 *   - out->vector is the vector's low byte; a vector >= 256: XLATE_BAD;
 *   - not present: OK, no handler (cs, address, flags 0);
 *   - present 32-bit interrupt/trap gate with a nonzero offset and a
 *     selector that is not one of Xen's own GDT entries (index from
 *     XEN_FIRST_RESERVED_GDT, TI = 0; Xen's flat ring-1 code is allowed):
 *     OK with the gate's offset as address (never 0), cs = the selector
 *     with RPL raised to at least 1, flags = the gate's DPL raised to at
 *     least 1 (the ring-1 kernel must reach a DPL 0 gate), plus bit 2
 *     (mask events) for interrupt gates only; no other flag bits;
 *   - a zero offset, a selector of Xen's, task gates, 16-bit gates and
 *     anything else present: XLATE_BAD;
 *   - XLATE_SHADOW_NULL never comes from xlate_gate.
 *
 * Build and run: `make fuzz` (tests/fuzz/fuzz.mk); seeds in
 * build/fuzz/seed/fuzz_xlate/ (tests/fuzz/seeds.py).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim/xlate.h"

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s "	\
				"(vector 0x%x lo 0x%08x hi 0x%08x)\n",	\
				__FILE__, __LINE__, #cond, cur_vector,	\
				cur_lo, cur_hi);			\
			abort();					\
		}							\
	} while (0)

static uint32_t cur_vector, cur_lo, cur_hi;

#define P	0x00008000u
#define S	0x00001000u
#define DPL	0x00006000u
#define L	0x00200000u

#ifndef XLATE_TRAP_MASK_EVENTS
#define XLATE_TRAP_MASK_EVENTS	4u
#endif

/* The handler selector (RPL already raised) names one of Xen's entries. */
static int xen_selector(uint16_t cs)
{
	if (cs & 4)			/* TI: the LDT */
		return 0;
	if ((cs >> 3) < XEN_FIRST_RESERVED_GDT)
		return 0;
#ifdef XEN_FLAT_RING1_CS
	if (cs == XEN_FLAT_RING1_CS)
		return 0;
#endif
	return 1;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned int dpl_of(uint32_t hi)
{
	return (hi & DPL) >> 13;
}

static void check_why(int ret, const char *why)
{
	CHECK(why != NULL);
	CHECK(ret == XLATE_BAD ? why[0] != '\0' : why[0] == '\0');
}

static void descriptor(uint32_t lo, uint32_t hi)
{
	const char *why = NULL;
	uint64_t out = 0x5a5a5a5a5a5a5a5aull, again = 0;
	uint32_t olo, ohi, type = (hi >> 8) & 0xf;
	int ret;

	ret = xlate_descriptor(lo, hi, &out, &why);
	CHECK(ret == XLATE_OK || ret == XLATE_SHADOW_NULL || ret == XLATE_BAD);
	check_why(ret, why);
	olo = (uint32_t)out;
	ohi = (uint32_t)(out >> 32);

	if (!(hi & P)) {
		CHECK(ret == XLATE_OK);
		CHECK(olo == lo && ohi == hi);
	} else if (hi & S) {
		if ((hi & 0x800) && (hi & L)) {
			CHECK(ret == XLATE_BAD);
			return;
		}
		CHECK(ret == XLATE_OK);
		CHECK(olo == lo);
		CHECK((ohi & ~DPL) == (hi & ~DPL));
		CHECK(dpl_of(ohi) ==
		      (dpl_of(hi) < KERNEL_RPL ? KERNEL_RPL : dpl_of(hi)));
		CHECK(dpl_of(ohi) != 0);
	} else {
		switch (type) {
		case 0x1: case 0x2: case 0x3: case 0x9: case 0xb:
			CHECK(ret == XLATE_SHADOW_NULL);
			CHECK(out == 0);
			return;
		case 0xc: {
			uint16_t sel = (uint16_t)(lo >> 16);
			uint16_t osel = (uint16_t)(olo >> 16);

			CHECK(ret == XLATE_OK);
			CHECK(ohi == hi && (olo & 0xffff) == (lo & 0xffff));
			CHECK((osel & ~3) == (sel & ~3));
			CHECK((osel & 3) ==
			      ((sel & 3) < KERNEL_RPL ? KERNEL_RPL : (sel & 3)));
			break;
		}
		default:
			CHECK(ret == XLATE_BAD);
			return;
		}
	}
	if (ret != XLATE_OK)
		return;
	/* What Xen is given is a fixed point of the translation. */
	CHECK(xlate_descriptor(olo, ohi, &again, &why) == XLATE_OK);
	CHECK(again == out);
}

static void gate(uint32_t vector, uint32_t lo, uint32_t hi)
{
	struct xlate_trap t;
	const char *why = NULL;
	uint32_t type = (hi >> 8) & 0x1f, offset;
	uint16_t sel = (uint16_t)(lo >> 16), cs;
	int ret;

	cur_vector = vector;
	memset(&t, 0xa5, sizeof(t));
	ret = xlate_gate(vector, lo, hi, &t, &why);
	CHECK(ret == XLATE_OK || ret == XLATE_BAD);
	check_why(ret, why);
	CHECK(t.vector == (uint8_t)vector);
	if (vector >= IDT_ENTRIES) {
		CHECK(ret == XLATE_BAD);
		return;
	}
	if (!(hi & P)) {
		CHECK(ret == XLATE_OK);
		CHECK(t.cs == 0 && t.address == 0 && t.flags == 0);
		return;
	}
	offset = (lo & 0xffff) | (hi & 0xffff0000);
	cs = (uint16_t)((sel & 3) < KERNEL_RPL ? (sel & ~3) | KERNEL_RPL : sel);
	if ((type != 0xe && type != 0xf) || offset == 0 || xen_selector(cs)) {
		CHECK(ret == XLATE_BAD);
		return;
	}
	CHECK(ret == XLATE_OK);
	CHECK(t.address == offset && t.address != 0);
	CHECK(t.cs == cs);
	CHECK((t.cs & 3) >= KERNEL_RPL);
	CHECK((t.cs & ~3) == (sel & ~3));
	CHECK((t.flags & 3) == (dpl_of(hi) ? dpl_of(hi) : 1));
	CHECK(!!(t.flags & XLATE_TRAP_MASK_EVENTS) == (type == 0xe));
	CHECK((t.flags & ~(3u | XLATE_TRAP_MASK_EVENTS)) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t rec[12];
	size_t off;

	for (off = 0; off < size; off += sizeof(rec)) {
		size_t n = size - off < sizeof(rec) ? size - off : sizeof(rec);

		memset(rec, 0, sizeof(rec));
		memcpy(rec, data + off, n);
		cur_vector = get32(rec);
		cur_lo = get32(rec + 4);
		cur_hi = get32(rec + 8);
		descriptor(cur_lo, cur_hi);
		gate(cur_vector, cur_lo, cur_hi);
		gate(cur_vector & 0xff, cur_lo, cur_hi);
	}
	return 0;
}
