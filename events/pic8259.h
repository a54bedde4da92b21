/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pic8259.h - register model of the PC's pair of 8259A interrupt
 * controllers (master at ports 0x20/0x21, slave at 0xA0/0xA1 cascaded on
 * master IR2), behind the shim's port calls and its interrupt delivery.
 *
 * Pure C on a plain struct the caller owns: no I/O, no hypercalls, no
 * printing.  A write the model refuses returns a negative PIC_ERR_* code
 * (pic_strerror() names it for the shim's diagnostic) and changes nothing.
 *
 * Reset state (pic_reset): as a PC BIOS leaves the pair, not as the chips
 * power on.  Both chips are initialised (edge triggered, cascade mode,
 * 8086 mode, normal EOI), master vector base 0x08 with the slave on IR2,
 * slave vector base 0x70 with ID 2, every IRQ masked (IMR 0xFF on both),
 * IRR and ISR clear, IR7 lowest priority, reads of the command port give
 * IRR.  The guest must reprogram the pair before it unmasks anything.
 *
 * Modelled:
 *   - ICW1 (command port, bit 4 set), from any state: clears IMR, ISR and
 *     IRR (the edge latch: a line already high must go low and high again
 *     to request), gives IR7 the lowest priority, turns special mask
 *     mode, poll, AEOI and rotate-in-AEOI off and selects IRR for reads;
 *     keeps IC4, SNGL and LTIM.  Then ICW2 (vector base, low 3 bits
 *     ignored), ICW3 (only without SNGL), ICW4 (only with IC4) on the
 *     data port.  A chip between ICW1 and its last ICW delivers nothing.
 *     ICW1 without IC4 is accepted and leaves the chip in 8086 mode with
 *     normal EOI (the only mode the model has).
 *   - ICW4: bit 0 (8086 mode) is required, bit 1 AEOI; buffered mode and
 *     special fully nested mode are stored and have no effect.
 *   - OCW1: the data port outside the ICW sequence is the IMR.
 *   - OCW2: non-specific EOI, specific EOI, rotate on either, set
 *     priority, rotate in AEOI set/clear, no-op (0x40).
 *   - OCW3: read IRR/ISR, poll (the next command-port read returns the
 *     poll byte and acknowledges what it names; data-port reads still give
 *     the IMR), special mask mode set/reset.  Bit 7 is ignored.
 *   - Priority with rotation: IR(lowest + 1) highest, IR(lowest) lowest.
 *     An IRR bit is deliverable when unmasked and no ISR bit of equal or
 *     higher priority is set (in special mask mode only unmasked ISR bits
 *     count).
 *   - Edge mode: a 0->1 transition of an input sets its IRR bit, which
 *     stays set until acknowledged (so a pulse is latched).  Level mode
 *     (ICW1.LTIM): the IRR bit follows the input level; acknowledging does
 *     not clear it, so a line still high after EOI requests again.
 *   - Cascade: master IR2 is the slave's INT output (high while the slave
 *     has a deliverable interrupt); the master's IRR bit 2 follows it
 *     whatever the master's LTIM.  When the master is in cascade mode with
 *     ICW3 bit 2 set, acknowledging IR2 acknowledges the slave, which
 *     supplies the vector; otherwise the master supplies base + 2 itself.
 *     The slave's ICW3 ID is stored and not checked.  EOI to both chips is
 *     the guest's job, as on hardware.
 *
 * Refused (PIC_ERR_*): a command-port write other than ICW1 while the chip
 * waits for ICW2, ICW3 or ICW4; ICW4 without 8086 mode; a specific EOI
 * (plain or rotating) for an IRQ not in service and a non-specific EOI
 * (plain or rotating) with nothing in service (hardware ignores these
 * two; the model reports them so the shim can say so); a port that is not
 * a PIC port.
 *
 * Not modelled: 8080/8085 mode, the spurious IRQ7/IRQ15 of a request that
 * vanishes before INTA (pic_ack returns -1 instead), buffered mode and
 * special fully nested mode, the ELCR.
 *
 * Never: do I/O, call out, print, or keep a pointer in its state.
 */
#ifndef VMIX_EVENTS_PIC8259_H
#define VMIX_EVENTS_PIC8259_H

#include <stdint.h>

#define PIC_MASTER_CMD		0x20
#define PIC_MASTER_DATA		0x21
#define PIC_SLAVE_CMD		0xa0
#define PIC_SLAVE_DATA		0xa1
#define PIC_CASCADE_IRQ		2
#define PIC_NR_IRQS		16
#define PIC_IRQS_PER_CHIP	8

#define PIC_RESET_MASTER_BASE	0x08
#define PIC_RESET_SLAVE_BASE	0x70

/* ICW1: command port with PIC_ICW1_INIT set. */
#define PIC_ICW1_IC4		0x01	/* ICW4 follows */
#define PIC_ICW1_SNGL		0x02	/* single chip: no ICW3 */
#define PIC_ICW1_ADI		0x04	/* 8080 call interval: ignored */
#define PIC_ICW1_LTIM		0x08	/* level triggered */
#define PIC_ICW1_INIT		0x10

#define PIC_ICW2_BASE_MASK	0xf8

/* ICW4 */
#define PIC_ICW4_8086		0x01	/* uPM: 8086/8088 mode */
#define PIC_ICW4_AEOI		0x02
#define PIC_ICW4_MS		0x04	/* buffered master/slave: ignored */
#define PIC_ICW4_BUF		0x08	/* buffered mode: ignored */
#define PIC_ICW4_SFNM		0x10	/* special fully nested: ignored */

/* Command port, PIC_ICW1_INIT clear: OCW3 with PIC_OCW3_SELECT, else OCW2. */
#define PIC_OCW3_SELECT		0x08

/* OCW2: bits 7-5 the command, bits 2-0 the level. */
#define PIC_OCW2_CMD_MASK		0xe0
#define PIC_OCW2_LEVEL_MASK		0x07
#define PIC_OCW2_ROTATE_AEOI_CLEAR	0x00
#define PIC_OCW2_EOI			0x20	/* non-specific */
#define PIC_OCW2_NOP			0x40
#define PIC_OCW2_SPECIFIC_EOI		0x60
#define PIC_OCW2_ROTATE_AEOI_SET	0x80
#define PIC_OCW2_ROTATE_EOI		0xa0	/* rotate on non-specific EOI */
#define PIC_OCW2_SET_PRIORITY		0xc0
#define PIC_OCW2_ROTATE_SPECIFIC_EOI	0xe0

/* OCW3 */
#define PIC_OCW3_RIS		0x01	/* with RR: 1 reads ISR, 0 IRR */
#define PIC_OCW3_RR		0x02
#define PIC_OCW3_POLL		0x04
#define PIC_OCW3_SMM		0x20	/* with ESMM: 1 sets, 0 resets */
#define PIC_OCW3_ESMM		0x40
/* 0x0a and 0x0b */
#define PIC_OCW3_READ_IRR	(PIC_OCW3_SELECT | PIC_OCW3_RR)
#define PIC_OCW3_READ_ISR	(PIC_OCW3_SELECT | PIC_OCW3_RR | PIC_OCW3_RIS)

/* The poll byte: bit 7 an interrupt was pending, bits 2-0 its level. */
#define PIC_POLL_INT		0x80
#define PIC_POLL_LEVEL_MASK	0x07

/* Where a chip is in its initialisation sequence. */
#define PIC_INIT_READY		0	/* initialised: data port is OCW1 */
#define PIC_INIT_ICW2		1
#define PIC_INIT_ICW3		2
#define PIC_INIT_ICW4		3

/* pic_write's refusals. */
#define PIC_ERR_PORT		(-1)
#define PIC_ERR_ICW_ORDER	(-2)
#define PIC_ERR_ICW4_8080	(-3)
#define PIC_ERR_EOI_IDLE	(-4)

struct pic8259 {
	uint8_t irr;
	uint8_t isr;
	uint8_t imr;
	uint8_t vector_base;	/* ICW2 & PIC_ICW2_BASE_MASK */
	uint8_t icw3;		/* master: slave bitmap; slave: its ID */
	uint8_t icw4;		/* as written (0 when ICW1 had no IC4) */
	uint8_t init_state;	/* PIC_INIT_* */
	uint8_t icw4_needed;	/* ICW1.IC4 */
	uint8_t single;		/* ICW1.SNGL */
	uint8_t level;		/* ICW1.LTIM */
	uint8_t auto_eoi;	/* ICW4.AEOI */
	uint8_t rotate_aeoi;	/* OCW2 rotate in AEOI mode */
	uint8_t read_isr;	/* OCW3: command-port reads give ISR, not IRR */
	uint8_t poll;		/* OCW3 poll: the next command-port read polls */
	uint8_t special_mask;	/* OCW3 special mask mode */
	uint8_t lowest;		/* the IR with the lowest priority (0-7) */
};

struct pic8259_pair {
	struct pic8259 chip[2];		/* [0] master, [1] slave */
	/* current input line levels for edge detection, bit n for IRQ n;
	 * bit 2 is the slave's INT output */
	uint16_t lines;
};

/* The BIOS-left state (see above), all input lines low. */
void pic_reset(struct pic8259_pair *p);

/* 1 for 0x20, 0x21, 0xa0, 0xa1; 0 otherwise. */
int pic_is_port(uint16_t port);

/*
 * Data port: the IMR.  Command port: IRR or ISR as OCW3 chose, or in poll
 * mode the poll byte (which acknowledges what it names).  Other ports: 0xff.
 */
uint8_t pic_read(struct pic8259_pair *p, uint16_t port);

/* 0, or a negative PIC_ERR_* code when refused (then nothing changed). */
int pic_write(struct pic8259_pair *p, uint16_t port, uint8_t val);

/* Short reason text for a PIC_ERR_* code. */
const char *pic_strerror(int err);

/*
 * Input irq (0-15) to level (0 or nonzero): a 0->1 edge sets IRR (level
 * mode: IRR follows the level).  Irq 2, which the slave drives, and irqs
 * above 15 are ignored.
 */
void pic_set_irq(struct pic8259_pair *p, unsigned int irq, int level);

/* Raise and lower irq: one edge (latched in edge mode, lost in level mode). */
void pic_pulse_irq(struct pic8259_pair *p, unsigned int irq);

/*
 * The vector an INTA would deliver now (highest-priority IRR bit, not
 * masked, not blocked by an equal-or-higher ISR bit, the slave's through
 * IR2), or -1 when the master's INT output is low.
 */
int pic_pending_vector(const struct pic8259_pair *p);

/*
 * The INTA cycle: returns the vector and moves IRR to ISR (no ISR bit in
 * AEOI), on the slave and master IR2 for a cascaded IRQ; -1, with nothing
 * changed, when nothing is pending (no spurious vector is invented).
 */
int pic_ack(struct pic8259_pair *p);

/* 1 when irq (0-15) has its ISR bit set. */
int pic_in_service(const struct pic8259_pair *p, unsigned int irq);

#endif /* VMIX_EVENTS_PIC8259_H */
