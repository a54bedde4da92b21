// SPDX-License-Identifier: GPL-2.0
/*
 * irq.c - the interrupt dispatcher (counters and hooks, see irq.h) and
 * the clean-up that leaves the guest without interrupt sources after a
 * case.
 *
 * Never: print, or touch anything but the counters, in irq_dispatch;
 * never leave a source armed after irq_teardown().
 */
#include "apic.h"
#include "irq.h"
#include "need.h"
#include "pic.h"
#include "rom.h"
#include "test.h"
#include "timer.h"
#include "trap.h"
#include "uart.h"
#include "vmi.h"

volatile uint32_t irq_count[IRQ_NR_VECTORS];
static irq_hook_fn hooks[IRQ_NR_VECTORS];
static int dirty;

#define DRAIN_US	2000

int irq_is_vector(uint32_t vector)
{
	unsigned int i;

	for (i = 0; i < IRQ_NR_STUBS; i++)
		if (irq_stub_vectors[i] == vector)
			return 1;
	return 0;
}

void irq_set_hook(unsigned int vector, irq_hook_fn fn)
{
	if (vector < IRQ_NR_VECTORS)
		hooks[vector] = fn;
}

void irq_dispatch(struct trap_frame *f)
{
	uint32_t v = f->vector & (IRQ_NR_VECTORS - 1);

	irq_count[v]++;
	if (hooks[v])
		hooks[v](f);
}

uint32_t irq_count_others(const int *except, int *first)
{
	uint32_t n = 0, v;
	const int *e;

	if (first)
		*first = -1;
	for (v = 0; v < IRQ_NR_VECTORS; v++) {
		for (e = except; *e >= 0 && (uint32_t)*e != v; e++)
			;
		if (*e >= 0 || !irq_count[v])
			continue;
		if (first && *first < 0)
			*first = (int)v;
		n += irq_count[v];
	}
	return n;
}

int check_no_other_irqs(struct test *t, const char *what, const int *except)
{
	int first;
	uint32_t n = irq_count_others(except, &first);

	return check(t, n == 0, "%s: %u interrupts on other vectors (the first 0x%x, %u times)",
		     what, n, (uint32_t)first,
		     first >= 0 ? irq_count[first] : 0);
}

static void clear(void)
{
	unsigned int v;

	for (v = 0; v < IRQ_NR_VECTORS; v++) {
		hooks[v] = 0;
		irq_count[v] = 0;
	}
}

int irq_begin(struct test *t)
{
	if (!NEED(t, VMI_CALL_EnableInterrupts, VMI_CALL_DisableInterrupts,
		  VMI_CALL_GetInterruptMask, VMI_CALL_SetInterruptMask,
		  VMI_CALL_OUTB, VMI_CALL_INB))
		return 0;
	vmi_disable_interrupts();
	dirty = 1;
	clear();
	return 1;
}

static void absorb_apic(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
}

/*
 * Let interrupts raised before their sources were stopped arrive now
 * (an APIC vector left pending in IRR would otherwise be delivered to
 * the next case), acknowledged and forgotten.
 */
static void drain(void)
{
	unsigned int v;

	for (v = 0; v < IRQ_NR_VECTORS; v++)
		hooks[v] = 0;
	if (apic_used()) {
		hooks[VEC_LOCAL_TIMER] = absorb_apic;
		hooks[VEC_SELF_IPI] = absorb_apic;
		hooks[VEC_APIC_ERROR] = absorb_apic;
	}
	vmi_enable_interrupts();
	if (rom_call_implemented(VMI_CALL_GetCycleCounter) &&
	    rom_call_implemented(VMI_CALL_GetCycleFrequency) &&
	    (cycle_hz = vmi_get_cycle_frequency()) != 0)
		spin_us(DRAIN_US);
	vmi_disable_interrupts();
}

void irq_teardown(void)
{
	vmi_disable_interrupts();
	if (rom_call_implemented(VMI_CALL_CancelAlarm)) {
		vmi_cancel_alarm(VMI_CYCLES_REAL);
		vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	}
	/* From ICW1: a case may have left a PIC half initialised. */
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	if (apic_used())
		apic_quiesce();
	vmi_outb(0, UART_IER);
	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);
	drain();
	clear();
	dirty = 0;
}

void irq_recover(void)
{
	if (dirty)
		irq_teardown();
}
