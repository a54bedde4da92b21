// SPDX-License-Identifier: GPL-2.0
/*
 * gates.c - the shadow of Xen's virtual IDT (see events/gates.h).
 *
 * set_trap_table stops at the first entry with address 0, so a table with
 * holes is given as a reset (NULL) followed by every present entry.
 */
#include "events/gates.h"
#include "xenif/hypercall.h"

static struct trap_info gates[EVENTS_NR_VECTORS];
static struct trap_info list[EVENTS_NR_VECTORS + 1];	/* for Xen */

const struct trap_info *events_gate(uint32_t vector)
{
	return &gates[vector & 0xff];
}

/* Give Xen the whole shadow: a reset, then every present entry. */
static long load_all(void)
{
	uint32_t v, n = 0;
	long rc;

	rc = hyp_set_trap_table(0);
	if (rc)
		return rc;
	for (v = 0; v < EVENTS_NR_VECTORS; v++)
		if (gates[v].address)
			list[n++] = gates[v];
	list[n].address = 0;
	return n ? hyp_set_trap_table(list) : 0;
}

long events_gates_replace(const struct trap_info *table)
{
	static struct trap_info old[EVENTS_NR_VECTORS];
	uint32_t v;
	long rc;

	for (v = 0; v < EVENTS_NR_VECTORS; v++) {
		old[v] = gates[v];
		gates[v] = table[v];
		gates[v].vector = (uint8_t)v;
	}
	rc = load_all();
	if (rc) {
		for (v = 0; v < EVENTS_NR_VECTORS; v++)
			gates[v] = old[v];
		load_all();
	}
	return rc;
}

long events_gate_set(const struct trap_info *gate)
{
	struct trap_info *g = &gates[gate->vector];
	int was_present = g->address != 0;

	*g = *gate;
	if (g->address) {
		list[0] = *g;
		list[1].address = 0;
		return hyp_set_trap_table(list);
	}
	return was_present ? load_all() : 0;
}
