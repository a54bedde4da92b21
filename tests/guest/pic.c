// SPDX-License-Identifier: GPL-2.0
/*
 * pic.c - programming the two 8259As through VMI OUTB/INB (see pic.h),
 * the way the VMI Linux kernel's init_8259A does.
 *
 * Never: write a PIC's data port while its initialisation sequence is
 * incomplete except with the next ICW.
 */
#include "pic.h"
#include "vmi.h"

/* ICW1 first: a PIC left waiting for an ICW takes nothing else. */
void pic_init(uint8_t master_base, uint8_t slave_base)
{
	vmi_outb(ICW1_INIT | ICW1_IC4, PIC1_CMD);
	vmi_outb(master_base, PIC1_DATA);
	vmi_outb(ICW3_MASTER_SLAVE_ON_IRQ2, PIC1_DATA);
	vmi_outb(ICW4_8086, PIC1_DATA);
	vmi_outb(ICW1_INIT | ICW1_IC4, PIC2_CMD);
	vmi_outb(slave_base, PIC2_DATA);
	vmi_outb(ICW3_SLAVE_ID_2, PIC2_DATA);
	vmi_outb(ICW4_8086, PIC2_DATA);
	vmi_outb(PIC_MASK_ALL, PIC1_DATA);
	vmi_outb(PIC_MASK_ALL, PIC2_DATA);
}

void pic_set_mask(uint16_t mask)
{
	vmi_outb((uint8_t)mask, PIC1_DATA);
	vmi_outb((uint8_t)(mask >> 8), PIC2_DATA);
}

uint16_t pic_get_mask(void)
{
	return (uint16_t)(vmi_inb(PIC1_DATA) | (vmi_inb(PIC2_DATA) << 8));
}

void pic_unmask(unsigned int irq)
{
	uint16_t m = pic_get_mask() & ~(1u << irq);

	if (irq >= 8)
		m &= ~(1u << PIC_CASCADE_IRQ);
	pic_set_mask(m);
}

void pic_mask(unsigned int irq)
{
	pic_set_mask(pic_get_mask() | (1u << irq));
}

void pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		vmi_outb(OCW2_EOI, PIC2_CMD);
	vmi_outb(OCW2_EOI, PIC1_CMD);
}

void pic_specific_eoi(unsigned int irq)
{
	if (irq >= 8) {
		vmi_outb(OCW2_SPECIFIC_EOI | (irq - 8), PIC2_CMD);
		vmi_outb(OCW2_SPECIFIC_EOI | PIC_CASCADE_IRQ, PIC1_CMD);
	} else {
		vmi_outb(OCW2_SPECIFIC_EOI | irq, PIC1_CMD);
	}
}

static uint16_t read_ocw3(uint8_t ocw3)
{
	uint16_t v;

	vmi_outb(ocw3, PIC1_CMD);
	vmi_outb(ocw3, PIC2_CMD);
	v = (uint16_t)(vmi_inb(PIC1_CMD) | (vmi_inb(PIC2_CMD) << 8));
	/* Leave both reading IRR, the power-on default. */
	vmi_outb(OCW3_READ_IRR, PIC1_CMD);
	vmi_outb(OCW3_READ_IRR, PIC2_CMD);
	return v;
}

uint16_t pic_read_irr(void)
{
	return read_ocw3(OCW3_READ_IRR);
}

uint16_t pic_read_isr(void)
{
	return read_ocw3(OCW3_READ_ISR);
}
