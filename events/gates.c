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
#include "xenif/domain.h"
#include "xenif/hypercall.h"

/*
 * The guest's #PF handler: Xen's table holds events/pf.S's entry for
 * vector 14 instead, which goes on here once queued page-table work is out.
 */
#define VECTOR_PF	14
uint32_t events_pf_handler;
extern char xen_page_fault[];

/* The live table and a spare one; live says which. */
static struct trap_info gates[2][EVENTS_NR_VECTORS];
static uint8_t live;
static struct trap_info list[EVENTS_NR_VECTORS + 1];	/* for Xen */

const struct trap_info *events_gate(uint32_t vector)
{
	return &gates[live][vector & 0xff];
}

/* Give Xen a whole table: a reset, then every present entry. */
/* What Xen is given for a gate: #PF goes through events/pf.S. */
static struct trap_info xen_form(const struct trap_info *g)
{
	struct trap_info t = *g;

	if (t.vector == VECTOR_PF && t.address)
		t.address = (unsigned long)xen_page_fault;
	return t;
}

static long load_all(const struct trap_info *table)
{
	uint32_t v, n = 0;
	long rc;

	rc = hyp_set_trap_table(0);
	if (rc)
		return rc;
	for (v = 0; v < EVENTS_NR_VECTORS; v++)
		if (table[v].address)
			list[n++] = xen_form(&table[v]);
	list[n].address = 0;
	rc = n ? hyp_set_trap_table(list) : 0;
	if (!rc)
		events_pf_handler = table[VECTOR_PF].address;
	return rc;
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
		long back = load_all(gates[live]);

		/* Xen now has no table at all: nothing defined to go on with. */
		if (back)
			xen_crash("vmi: set_trap_table refused the new IDT (Xen error %ld) and then the old one (Xen error %ld)\n",
				  rc, back);
		return rc;
	}
	live = !live;
	return 0;
}

long events_gate_set(const struct trap_info *gate)
{
	struct trap_info *g = &gates[live][gate->vector];
	int was_present = g->address != 0;

	long rc;

	*g = *gate;
	if (g->address) {
		list[0] = xen_form(g);
		list[1].address = 0;
		rc = hyp_set_trap_table(list);
	} else {
		rc = was_present ? load_all(gates[live]) : 0;
	}
	if (!rc && gate->vector == VECTOR_PF)
		events_pf_handler = g->address;
	return rc;
}
