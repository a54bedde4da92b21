// SPDX-License-Identifier: GPL-2.0
/*
 * gates.c - the shadow of Xen's virtual IDT (see events/gates.h).
 *
 * set_trap_table stops at the first entry with address 0, so a table with
 * holes is given as a reset (NULL) followed by every present entry.
 *
 * Never: let the shadow and Xen's table differ after a call returns.
 */
#include "events/gates.h"
#include "xenif/hypercall.h"

/* The live table and a spare one; live says which. */
static struct trap_info gates[2][EVENTS_NR_VECTORS];
static uint8_t live;
static struct trap_info list[EVENTS_NR_VECTORS + 1];	/* for Xen */

const struct trap_info *events_gate(uint32_t vector)
{
	return &gates[live][vector & 0xff];
}

/* Give Xen a whole table: a reset, then every present entry. */
static long load_all(const struct trap_info *table)
{
	uint32_t v, n = 0;
	long rc;

	rc = hyp_set_trap_table(0);
	if (rc)
		return rc;
	for (v = 0; v < EVENTS_NR_VECTORS; v++)
		if (table[v].address)
			list[n++] = table[v];
	list[n].address = 0;
	return n ? hyp_set_trap_table(list) : 0;
}

struct trap_info *events_gates_spare(void)
{
	return gates[!live];
}

long events_gates_switch(void)
{
	struct trap_info *spare = gates[!live];
	uint32_t v;
	long rc;

	for (v = 0; v < EVENTS_NR_VECTORS; v++)
		spare[v].vector = (uint8_t)v;
	rc = load_all(spare);
	if (rc) {
		load_all(gates[live]);
		return rc;
	}
	live = !live;
	return 0;
}

long events_gate_set(const struct trap_info *gate)
{
	struct trap_info *g = &gates[live][gate->vector];
	int was_present = g->address != 0;

	*g = *gate;
	if (g->address) {
		list[0] = *g;
		list[1].address = 0;
		return hyp_set_trap_table(list);
	}
	return was_present ? load_all(gates[live]) : 0;
}
