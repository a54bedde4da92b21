// SPDX-License-Identifier: GPL-2.0
/*
 * idt.c - the IDT as Xen's virtual IDT (trap table).
 *
 * The guest's IDT stays guest memory (its view).  Every gate of the loaded
 * IDT becomes a trap_info entry (shim/xlate.c: interrupt gates mask events
 * on entry, trap gates do not, the DPL says who may raise the vector with
 * INT n, a handler selector that names one of Xen's own segments is
 * refused), kept in events/gates.c, which loads it into Xen.  Xen's
 * set_trap_table takes any content (it only raises selector RPLs), so the
 * shim judges every gate before anything changes: a refused SetIDT or
 * WriteIDTEntry leaves the old table in force in both views.
 *
 * Never: change the guest's table or Xen's for a call that is refused.
 */
#include "events/gates.h"
#include "shim/shim.h"
#include "events/events.h"
#include "shim/xlate.h"

_Static_assert(sizeof(struct xlate_trap) == sizeof(struct trap_info),
	       "xlate_trap must match Xen's trap_info");

static uint32_t idt_base, idt_limit, idt_entries;
static uint8_t idt_loaded;

static const uint32_t *guest_gate(uint32_t idt, uint32_t vector)
{
	return (const uint32_t *)(uintptr_t)(idt + vector * 8);
}

static void to_trap_info(const struct xlate_trap *x, struct trap_info *t)
{
	t->vector = x->vector;
	t->flags = x->flags;
	t->cs = x->cs;
	t->address = x->address;
}

int VMI_ENTRY vmi_SetIDT(const struct vmi_dtr *dtr)
{
	EVENTS_HELD;
	struct trap_info *table = events_gates_spare();
	uint32_t base = dtr->base, limit = dtr->limit;
	uint32_t n = (limit + 8) / 8, v;
	struct xlate_trap x;
	const char *why;
	long rc;

	if (n > IDT_ENTRIES)
		n = IDT_ENTRIES;
	for (v = 0; v < IDT_ENTRIES; v++) {
		const uint32_t *g = guest_gate(base, v);

		x.address = 0;
		if (v < n && xlate_gate(v, g[0], g[1], &x, &why) ==
			     XLATE_BAD) {
			console_printf("vmi: SetIDT(base=%08x, limit=%04x): vector %u (%08x %08x): %s; injecting #GP\n",
				       base, limit, v, g[0], g[1], why);
			return -1;
		}
		x.vector = (uint8_t)v;
		to_trap_info(&x, &table[v]);
	}
	rc = events_gates_switch();
	if (rc) {
		console_printf("vmi: SetIDT(base=%08x, limit=%04x): set_trap_table failed: Xen error %ld; the old table stays; injecting #GP\n",
			       base, limit, rc);
		return -1;
	}
	idt_base = base;
	idt_limit = limit;
	idt_entries = n;
	idt_loaded = 1;
	return 0;
}

void VMI_ENTRY vmi_GetIDT(struct vmi_dtr *dtr)
{
	EVENTS_HELD;
	dtr->limit = idt_limit;
	dtr->base = idt_base;
}

int VMI_ENTRY vmi_WriteIDTEntry(uint32_t idt, uint32_t entry, uint32_t lo,
				uint32_t hi)
{
	EVENTS_HELD;
	uint32_t *g = (uint32_t *)(uintptr_t)(idt + entry * 8);
	int live = idt_loaded && idt == idt_base;
	struct trap_info t;
	struct xlate_trap x;
	const char *why;
	long rc;

	if (xlate_gate(entry, lo, hi, &x, &why) == XLATE_BAD) {
		console_printf("vmi: WriteIDTEntry(idt=%08x, entry=%u, lo=%08x, hi=%08x): %s; injecting #GP\n",
			       idt, entry, lo, hi, why);
		return -1;
	}
	if (live && entry >= idt_entries) {
		console_printf("vmi: WriteIDTEntry(idt=%08x, entry=%u, lo=%08x, hi=%08x): entry is beyond the loaded IDT's limit (%04x); injecting #GP\n",
			       idt, entry, lo, hi, idt_limit);
		return -1;
	}
	if (live) {
		to_trap_info(&x, &t);
		rc = events_gate_set(&t);
		if (rc)
			xen_crash("vmi: WriteIDTEntry(idt=%08x, entry=%u, lo=%08x, hi=%08x): set_trap_table failed: Xen error %ld\n",
				  idt, entry, lo, hi, rc);
	}
	g[0] = lo;
	g[1] = hi;
	return 0;
}
