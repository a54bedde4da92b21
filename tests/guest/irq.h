/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irq.h - external interrupts in the test guest: the vectors with stubs
 * (irq_entry.S), per-vector counters, a per-vector hook a case sets, and
 * putting everything back (alarms cancelled, PICs masked, LVTT masked,
 * interrupts off) after a case.
 *
 * Handlers run with interrupts disabled (interrupt gates) and return
 * through VMI IRET.  The dispatcher counts the vector, then calls its
 * hook, if any; nothing else: acknowledging the interrupt controller is
 * the hook's business (pic_eoi, apic_eoi), so a case can also leave it
 * unacknowledged on purpose.  Hooks must not print (the console may be
 * in loopback, and a case prints nothing itself).
 *
 * Never: print from interrupt context.
 */
#ifndef VMITEST_IRQ_H
#define VMITEST_IRQ_H

#include <stdint.h>

struct test;
struct trap_frame;

#define IRQ_NR_STUBS		36
#define IRQ_NR_VECTORS		256

extern const uint32_t irq_stubs[IRQ_NR_STUBS];
extern const uint8_t irq_stub_vectors[IRQ_NR_STUBS];

/* Interrupts taken per vector since irq_begin(). */
extern volatile uint32_t irq_count[IRQ_NR_VECTORS];

/* What the hook of a vector gets: the frame (its EFLAGS: the interrupted IF). */
typedef void (*irq_hook_fn)(struct trap_frame *f);

/* 1 if vector has an interrupt stub (is dispatched here). */
int irq_is_vector(uint32_t vector);

/* Install (or with 0 remove) the hook of a vector. */
void irq_set_hook(unsigned int vector, irq_hook_fn fn);

/* trap_dispatch's entry for the interrupt vectors. */
void irq_dispatch(struct trap_frame *f);

/*
 * Interrupts counted on every vector but the ones listed (-1 terminated);
 * the lowest such vector in *first (when not 0), -1 if none.
 */
uint32_t irq_count_others(const int *except, int *first);

/* check() that nothing arrived on vectors but the listed ones. */
int check_no_other_irqs(struct test *t, const char *what, const int *except);

/*
 * Start of an interrupt case: NEED the interrupt-flag calls, interrupts
 * disabled, counters and hooks cleared; marks the guest for
 * irq_teardown() after the case.  1 if the case can go on.
 */
int irq_begin(struct test *t);

/*
 * End of an interrupt case (and cpu_recover after any case that began
 * one): interrupts disabled, both alarms cancelled, the PICs
 * re-initialised at their usual bases and masked, the APIC timer stopped
 * and the LVTT masked, COM1's interrupt and loopback off, hooks removed.
 */
void irq_teardown(void);

/* cpu_recover: irq_teardown() if a case used interrupts. */
void irq_recover(void);

#endif /* VMITEST_IRQ_H */
