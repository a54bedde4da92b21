/* SPDX-License-Identifier: GPL-2.0 */
/*
 * intc.h - this vCPU's interrupt controllers as the guest sees them: the
 * 8259 pair (events/pic8259.h) behind ports 0x20/0x21/0xA0/0xA1 and the
 * local APIC (events/lapic.h) behind APICRead/APICWrite, with the sources
 * wired to them (alarms, PIT, RTC, COM1, the APIC's own timer) and the
 * choice of the next vector to deliver.  Whenever either controller has a
 * vector to deliver, evtchn_upcall_pending is set, so the guest enabling
 * interrupts (events/vif.S, IRET) takes it at once.
 *
 * The PIC reaches the CPU as a PC in virtual-wire mode: through LINT0
 * (ExtINT, unmasked at reset, as a BIOS leaves it) or directly while the
 * APIC is software-disabled.  The APIC's vectors come first.
 *
 * Never: let the guest touch a model while the upcall may (callers of the
 * port and APIC functions hold events masked: events_hold).
 */
#ifndef VMIX_EVENTS_INTC_H
#define VMIX_EVENTS_INTC_H

#include <stdint.h>

/* Port access to the PIC pair: 0 or the model's error (nothing changed). */
int intc_pic_is_port(uint16_t port);
uint8_t intc_pic_read(uint16_t port);
int intc_pic_write(uint16_t port, uint8_t val);
const char *intc_pic_strerror(int err);
/*
 * The bytes a wide OUT would write, in order, tried on a copy: 0, or the
 * first refusal (an EOI with nothing in service is not one); nothing
 * changes either way.
 */
int intc_pic_try(const uint16_t *ports, const uint8_t *vals, unsigned int n);

/* APIC register access by offset (0x000-0x3f0): 0 or the model's error. */
int intc_apic_read(uint32_t offset, uint32_t *val);
int intc_apic_write(uint32_t offset, uint32_t val);
const char *intc_apic_strerror(int err);
const char *intc_apic_reg_name(uint32_t offset);

/* Sources: an edge on a PIC input, a level, an LVT entry firing. */
void intc_pulse_irq(unsigned int irq);
void intc_set_irq(unsigned int irq, int level);
void intc_fire_lvt(unsigned int lvt);
void intc_apic_timer_expire(uint64_t now_ns);

/* The next vector, acknowledged (IRR -> ISR), or -1. */
int intc_ack(void);

/* Set evtchn_upcall_pending when a vector is waiting. */
void intc_update(void);

/* Counters: vectors acknowledged, edges and LVT firings raised. */
extern uint32_t intc_acked, intc_raised;

#endif /* VMIX_EVENTS_INTC_H */
