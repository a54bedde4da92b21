/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gates.h - the guest's interrupt and exception vectors as Xen enters them:
 * one trap_info per vector (Xen's virtual IDT), kept by the shim as its
 * shadow and loaded into Xen with set_trap_table.  The front end (shim/idt.c)
 * translates the guest's IDT into this table; the shim's own fault
 * injection, and later event delivery, enter the guest through it.
 *
 * Never: give Xen a table that differs from this shadow.
 */
#ifndef VMIX_EVENTS_GATES_H
#define VMIX_EVENTS_GATES_H

#include <stdint.h>
#include <xen/xen.h>

#define EVENTS_NR_VECTORS	256

/* trap_info.flags: DPL in bits 0-1, bit 2 masks events on entry (TI_GET_IF). */
#define GATE_DPL_MASK		3u
#define GATE_MASK_EVENTS	4u

/* The handler of a vector (address 0: none). */
const struct trap_info *events_gate(uint32_t vector);

/*
 * A whole new table: the front end fills the spare table (every vector,
 * address 0 for none), then switches to it, which loads it into Xen.  The
 * switch returns 0, or Xen's error after putting the live table back in
 * force in Xen (the shadow never changed).
 */
struct trap_info *events_gates_spare(void);
long events_gates_switch(void);

/* Change one vector in the shadow and in Xen; 0 or Xen's error. */
long events_gate_set(const struct trap_info *gate);

#endif /* VMIX_EVENTS_GATES_H */
