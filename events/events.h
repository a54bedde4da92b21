/* SPDX-License-Identifier: GPL-2.0 */
/*
 * events.h - what the rest of the shim uses from events/: the sysenter
 * callback's registration, Halt's blocking, and the callbacks' entry
 * points.  Vectors: events/gates.h.
 *
 * Never: depend on the VMI front end (events/ serves any front end).
 */
#ifndef VMIX_EVENTS_EVENTS_H
#define VMIX_EVENTS_EVENTS_H

#include <stdint.h>

/* The SYSENTER MSRs as the guest set them (0x174, 0x175, 0x176). */
#define SYSENTER_MSR_BASE	0x174	/* IA32_SYSENTER_CS; ESP, EIP follow */
#define SYSENTER_CS	0
#define SYSENTER_ESP	1
#define SYSENTER_EIP	2

/*
 * Record one; registers Xen's sysenter callback once CS and EIP are set.  A
 * value whose callback Xen refuses is not kept (diagnostic, old value).
 */
void events_set_sysenter(unsigned int which, uint32_t value);
uint32_t events_get_sysenter(unsigned int which);

/* Xen's callbacks (events/upcall.S), registered by the front end's Init. */
extern char xen_event_callback[], xen_failsafe_callback[];

/* Register the event and failsafe callbacks; 0 or Xen's error. */
long events_init(void);

#endif /* VMIX_EVENTS_EVENTS_H */
