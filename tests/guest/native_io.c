// SPDX-License-Identifier: GPL-2.0
/*
 * native_io.c - the native ROM's checked writes: APICWrite, refused
 * (#GP at the call, as the vmi-xen shim answers) for a read-only
 * register, an offset that is no register, or an EOI with nothing in
 * service; and the OUT family on the low ports, which shadows each
 * 8259's initialisation sequence (ICW1, ICW2, ICW3 unless single, ICW4
 * if ICW1 asked for it) so that an OCW to a command port while that PIC
 * waits for ICW2-4, or an ICW4 without 8086 mode, is refused before it
 * reaches the PIC.  Writes that take PIT channel 0 or the APIC timer
 * away from an alarm tell native_time.c.
 *
 * Never: write anything when refusing; print; make a VMI call.
 */
#include "apic.h"
#include "native_rom.h"
#include "pic.h"
#include "pit.h"

enum pic_state {
	PIC_READY,		/* initialised: OCWs */
	PIC_WANT_ICW2,
	PIC_WANT_ICW3,
	PIC_WANT_ICW4,
};

struct native_pic {
	uint8_t state;
	uint8_t icw1;
};

static struct native_pic pics[2];

void native_pic_reset(void)
{
	pics[0].state = PIC_READY;
	pics[1].state = PIC_READY;
}

/* The state after writing v to the PIC's command or data port; -1: refused. */
static int pic_step(struct native_pic *p, int cmd, uint8_t v)
{
	if (cmd) {
		if (v & PIC_CMD_IS_ICW1) {
			p->icw1 = v;
			p->state = PIC_WANT_ICW2;
			return 0;
		}
		return p->state == PIC_READY ? 0 : -1;	/* OCW2/3 mid-init */
	}
	switch (p->state) {
	case PIC_WANT_ICW2:
		if (!(p->icw1 & ICW1_SNGL))
			p->state = PIC_WANT_ICW3;
		else
			p->state = p->icw1 & ICW1_IC4 ? PIC_WANT_ICW4 :
				   PIC_READY;
		return 0;
	case PIC_WANT_ICW3:
		p->state = p->icw1 & ICW1_IC4 ? PIC_WANT_ICW4 : PIC_READY;
		return 0;
	case PIC_WANT_ICW4:
		if (!(v & ICW4_8086))
			return -1;		/* MCS-80/85 mode */
		p->state = PIC_READY;
		return 0;
	default:
		return 0;			/* OCW1 */
	}
}

static int pit_ch0_write(uint16_t port, uint8_t v)
{
	if (port == PIT_CH0)
		return 1;
	return port == PIT_MODE && (v & PIT_SEL_MASK) == PIT_SEL_CH0 &&
	       (v & PIT_ACCESS_MASK) != PIT_ACCESS_LATCH;
}

NATIVE_CALL int native_port_out(uint32_t value, uint32_t port, uint32_t size)
{
	struct native_pic next[2] = { pics[0], pics[1] };
	int claim_pit = 0;
	uint32_t i;

	for (i = 0; i < size; i++) {
		uint16_t p = (uint16_t)(port + i);
		uint8_t b = (uint8_t)(value >> (8 * i));

		if ((p == PIC1_CMD || p == PIC1_DATA) &&
		    pic_step(&next[0], p == PIC1_CMD, b))
			return 1;
		if ((p == PIC2_CMD || p == PIC2_DATA) &&
		    pic_step(&next[1], p == PIC2_CMD, b))
			return 1;
		claim_pit |= pit_ch0_write(p, b);
	}
	pics[0] = next[0];
	pics[1] = next[1];
	if (claim_pit)
		native_pit_claimed();
	if (size == 1)
		native_outb((uint8_t)value, (uint16_t)port);
	else if (size == 2)
		asm volatile("outw %w0, %w1"
			     : : "a" (value), "d" (port) : "memory");
	else
		asm volatile("outl %0, %w1"
			     : : "a" (value), "d" (port) : "memory");
	return 0;
}

static int apic_writable(uint32_t off)
{
	switch (off) {
	case APIC_ID:
	case APIC_TPR:
	case APIC_EOI:
	case APIC_LDR:
	case APIC_DFR:
	case APIC_SVR:
	case APIC_ESR:
	case APIC_ICR_LOW:
	case APIC_ICR_HIGH:
	case APIC_LVTT:
	case APIC_LVT_THERMAL:
	case APIC_LVT_PERF:
	case APIC_LVT_LINT0:
	case APIC_LVT_LINT1:
	case APIC_LVT_ERROR:
	case APIC_TMICT:
	case APIC_TDCR:
		return 1;
	default:
		return 0;		/* read-only, or no register */
	}
}

/* From the top: the vector an EOI ends is the highest in service. */
static int apic_any_in_service(uintptr_t page)
{
	unsigned int i = APIC_VECTOR_REGS;

	while (i--)
		if (*(volatile uint32_t *)(page + APIC_ISR +
					   i * APIC_REG_STEP))
			return 1;
	return 0;
}

NATIVE_CALL int native_apic_write(uint32_t reg, uint32_t value)
{
	uint32_t off = reg & APIC_PAGE_MASK;
	uintptr_t page = reg & ~(uintptr_t)APIC_PAGE_MASK;

	if (!apic_writable(off))
		return 1;
	if (off == APIC_EOI && !apic_any_in_service(page))
		return 1;
	native_apic_seen(reg);
	if (off == APIC_LVTT)
		value = native_lvtt_merge(value);
	else if (off == APIC_TMICT || off == APIC_TDCR)
		native_lvtt_claimed();
	*(volatile uint32_t *)(uintptr_t)reg = value;
	return 0;
}
