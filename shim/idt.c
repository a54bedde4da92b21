/*
 * idt.c - the IDT as Xen's virtual IDT (trap table).
 *
 * The guest's IDT stays guest memory (its view).  Every gate of the loaded
 * IDT becomes a trap_info entry (shim/xlate.c: interrupt gates mask events
 * on entry, trap gates do not, the DPL says who may raise the vector with
 * INT n), so Xen delivers exceptions and software interrupts straight to the
 * guest's handlers with native frames.  The shim keeps the same table as its
 * shadow (traps[]) for its own use: injecting faults now, event delivery
 * later.
 */
#include "shim.h"
#include "hypercall.h"
#include "xlate.h"

_Static_assert(sizeof(struct xlate_trap) == sizeof(struct trap_info),
	       "xlate_trap must match Xen's trap_info");

static struct xlate_trap traps[IDT_ENTRIES];
static struct xlate_trap table[IDT_ENTRIES + 1];	/* for set_trap_table */
static uint32_t idt_base, idt_limit, idt_entries;
static uint8_t idt_loaded;

static const uint32_t *guest_gate(uint32_t idt, uint32_t vector)
{
	return (const uint32_t *)(uintptr_t)(idt + vector * 8);
}

/* Give Xen the whole shadow: a reset, then every present entry. */
static long load_all(void)
{
	uint32_t v, n = 0;
	long rc;

	rc = hyp_set_trap_table(0);
	if (rc)
		return rc;
	for (v = 0; v < IDT_ENTRIES; v++)
		if (traps[v].address)
			table[n++] = traps[v];
	table[n].address = 0;
	return n ? hyp_set_trap_table(table) : 0;
}

int VMI_ENTRY do_SetIDT(const struct vmi_dtr *dtr)
{
	uint32_t base = dtr->base, limit = dtr->limit;
	uint32_t n = (limit + 8) / 8, v;
	struct xlate_trap t;
	const char *why;
	long rc;

	if (n > IDT_ENTRIES)
		n = IDT_ENTRIES;
	/* Check every gate before the shadow changes, then translate. */
	for (v = 0; v < n; v++) {
		const uint32_t *g = guest_gate(base, v);

		if (xlate_gate(v, g[0], g[1], &t, &why) == XLATE_BAD) {
			shim_printk("vmi: SetIDT(base=%08x, limit=%04x): "
				    "vector %u (%08x %08x): %s; injecting "
				    "#GP\n", base, limit, v, g[0], g[1], why);
			return -1;
		}
	}
	for (v = 0; v < IDT_ENTRIES; v++) {
		const uint32_t *g = guest_gate(base, v);

		traps[v].address = 0;
		if (v < n)
			xlate_gate(v, g[0], g[1], &traps[v], &why);
	}
	rc = load_all();
	if (rc) {
		shim_printk("vmi: SetIDT(base=%08x, limit=%04x): "
			    "set_trap_table failed: Xen error %ld; crashing\n",
			    base, limit, rc);
		shim_crash("vmi: the guest's IDT and Xen's disagree\n");
	}
	idt_base = base;
	idt_limit = limit;
	idt_entries = n;
	idt_loaded = 1;
	return 0;
}

void VMI_ENTRY vmi_GetIDT(struct vmi_dtr *dtr)
{
	dtr->limit = idt_limit;
	dtr->base = idt_base;
}

int VMI_ENTRY do_WriteIDTEntry(uint32_t idt, uint32_t entry, uint32_t lo,
			       uint32_t hi)
{
	uint32_t *g = (uint32_t *)(uintptr_t)(idt + entry * 8);
	struct xlate_trap t;
	const char *why;
	int live, was_present;
	long rc;

	if (xlate_gate(entry, lo, hi, &t, &why) == XLATE_BAD) {
		shim_printk("vmi: WriteIDTEntry(idt=%08x, entry=%u, lo=%08x, "
			    "hi=%08x): %s; injecting #GP\n", idt, entry, lo,
			    hi, why);
		return -1;
	}
	g[0] = lo;
	g[1] = hi;
	live = idt_loaded && idt == idt_base && entry < idt_entries;
	if (!live)
		return 0;
	was_present = traps[entry].address != 0;
	traps[entry] = t;
	if (t.address) {
		table[0] = t;
		table[1].address = 0;
		rc = hyp_set_trap_table(table);
	} else {
		rc = was_present ? load_all() : 0;
	}
	if (rc)
		shim_crash("vmi: WriteIDTEntry(idt=%08x, entry=%u, lo=%08x, "
			   "hi=%08x): set_trap_table failed: Xen error %ld\n",
			   idt, entry, lo, hi, rc);
	return 0;
}

/* The guest's handler for a vector, as the shim must enter it. */
const struct xlate_trap *shim_trap(uint32_t vector)
{
	return &traps[vector & 0xff];
}
