// SPDX-License-Identifier: GPL-2.0
/*
 * segments.c - reload or NULL the segment registers that live on a
 * descriptor the guest just rewrote (see segments.h).
 *
 * Never: load a selector whose descriptor would fault (not present, not
 * readable, for SS not writable): that would fault with EIP in the ROM.
 */
#include "shim/shim.h"
#include "shim/segments.h"

#define SEL_TI		4u
#define SEL_RPL		3u
#define AR_PRESENT	0x8000u		/* LAR: descriptor present */

static int selects(uint16_t sel, int ldt, int entry)
{
	if ((sel & ~SEL_RPL) == 0)
		return 0;			/* NULL stays NULL */
	if (entry == SEG_ALL)
		return 1;
	return !!(sel & SEL_TI) == ldt && (sel >> 3) == (uint16_t)entry;
}

/* LAR: the descriptor is valid here and present (VERR/VERW ignore P). */
static int present(uint16_t sel)
{
	uint32_t ar = 0;
	uint8_t ok;

	asm volatile("lar %2, %1; setz %0" : "=q"(ok), "+r"(ar)
		     : "r"((uint32_t)sel) : "cc");
	return ok && (ar & AR_PRESENT);
}

/* VERR: present and readable from the current privilege level. */
static int readable(uint16_t sel)
{
	uint8_t ok;

	asm volatile("verr %1; setz %0" : "=q"(ok) : "r"(sel) : "cc");
	return ok && present(sel);
}

/* VERW: present writable data at this privilege level, as SS must be. */
static int writable(uint16_t sel)
{
	uint8_t ok;

	asm volatile("verw %1; setz %0" : "=q"(ok) : "r"(sel) : "cc");
	return ok && present(sel);
}

#define RELOAD(seg, sel)						\
	asm volatile("movw %0, %%" #seg : : "r"((uint16_t)(sel)) : "memory")

void reload_segments(int ldt, int entry)
{
	uint16_t ds, es, fs, gs, ss;

	asm volatile("movw %%ds, %0; movw %%es, %1; movw %%fs, %2; "
		     "movw %%gs, %3; movw %%ss, %4"
		     : "=r"(ds), "=r"(es), "=r"(fs), "=r"(gs), "=r"(ss));

	if (selects(ss, ldt, entry)) {
		if (!writable(ss))
			xen_crash("vmi: the descriptor under SS (%04x) is no longer a present writable data segment\n",
				  ss);
		RELOAD(ss, ss);
	}
	if (selects(fs, ldt, entry))
		RELOAD(fs, readable(fs) ? fs : 0);
	if (selects(gs, ldt, entry))
		RELOAD(gs, readable(gs) ? gs : 0);
	if (selects(es, ldt, entry))
		RELOAD(es, readable(es) ? es : 0);
	if (selects(ds, ldt, entry))
		RELOAD(ds, readable(ds) ? ds : 0);
}
