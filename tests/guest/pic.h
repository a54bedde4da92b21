/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pic.h - the two cascaded 8259A interrupt controllers: ports, command
 * words, and the guest's helpers that program them through VMI OUTB/INB
 * (pic.c).  The native ROM (native_io.c) uses the constants too, for the
 * shadow of the initialisation sequence.
 *
 * Never: program a PIC with a bare number where a named command word
 * exists.
 */
#ifndef VMITEST_PIC_H
#define VMITEST_PIC_H

#include <stdint.h>

#define PIC1_CMD		0x20
#define PIC1_DATA		0x21
#define PIC2_CMD		0xa0
#define PIC2_DATA		0xa1

/* ICW1 (command port, bit 4 set). */
#define ICW1_IC4		0x01	/* ICW4 follows */
#define ICW1_SNGL		0x02	/* single PIC: no ICW3 */
#define ICW1_LTIM		0x08	/* level triggered */
#define ICW1_INIT		0x10	/* this is ICW1 */
/* ICW2: the vector base (bits 7-3). */
#define ICW2_BASE_MASK		0xf8
/* ICW3: the master's slave inputs, the slave's cascade identity. */
#define ICW3_MASTER_SLAVE_ON_IRQ2	0x04
#define ICW3_SLAVE_ID_2		0x02
/* ICW4. */
#define ICW4_8086		0x01	/* 8086/88 mode (clear: MCS-80/85) */
#define ICW4_AEOI		0x02
/* OCW2 (command port, bits 4-3 clear). */
#define OCW2_EOI		0x20	/* non-specific EOI */
#define OCW2_SPECIFIC_EOI	0x60	/* | the IRQ level */
/* OCW3 (command port, bit 3 set, bit 4 clear). */
#define OCW3			0x08
#define OCW3_READ_IRR		0x0a
#define OCW3_READ_ISR		0x0b
/* A write to a command port with this bit is ICW1; without it an OCW. */
#define PIC_CMD_IS_ICW1		ICW1_INIT

#define PIC_IRQS		16
#define PIC_CASCADE_IRQ		2
#define PIC_MASK_ALL		0xff
#define PIC_MASK_BOTH		0xffff	/* pic_set_mask(): every IRQ */

/* What the VMI Linux kernel and the guest's interrupt set-up use. */
#define PIC_MASTER_BASE		0x20
#define PIC_SLAVE_BASE		0x28
/* The other bases pic.init_vectors moves to (irq_entry.S has stubs). */
#define PIC_ALT_MASTER_BASE	0x30
#define PIC_ALT_SLAVE_BASE	0x38

#define IRQ_TIMER		0
#define IRQ_COM1		4
#define IRQ_RTC			8

/*
 * ICW1 0x11 (IC4, cascade, edge), ICW2 the bases, ICW3 4/2, ICW4 0x01
 * (8086, normal EOI) to both, then every IRQ masked.
 */
void pic_init(uint8_t master_base, uint8_t slave_base);

/* OCW1 on both: bit n of mask masks IRQ n (bit 2 is the cascade). */
void pic_set_mask(uint16_t mask);
uint16_t pic_get_mask(void);

/* Unmask (mask) one IRQ; a slave IRQ unmasks the cascade as well. */
void pic_unmask(unsigned int irq);
void pic_mask(unsigned int irq);

/* Non-specific EOI: the slave and the master for a slave IRQ. */
void pic_eoi(unsigned int irq);

/* Specific EOI (0x60 | level) to the PIC that owns irq (and the cascade). */
void pic_specific_eoi(unsigned int irq);

/* IRR and ISR of both PICs through OCW3 (slave in bits 8-15). */
uint16_t pic_read_irr(void);
uint16_t pic_read_isr(void);

#endif /* VMITEST_PIC_H */
