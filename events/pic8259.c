// SPDX-License-Identifier: GPL-2.0
/*
 * pic8259.c - register model of the PC's 8259A pair (see
 * events/pic8259.h for what is and is not modelled, the reset state and
 * the refusals).
 *
 * Every public function that changes a chip ends with cascade_update(),
 * so the master's IR2 (its IRR bit 2 and lines bit 2) always equals the
 * slave's INT output (the fast EOI to the master, eoi_fast, skips it: the
 * slave did not change).  No switch statements: the ROM keeps no code
 * addresses in data.
 *
 * Never: do I/O, call out, print, or change anything in a write it
 * refuses (every check comes before the first store).
 */
#include "events/pic8259.h"

#define PIC_MASTER	0
#define PIC_SLAVE	1
#define PIC_NO_IRQ	(-1)

static uint8_t bit(unsigned int n)
{
	return (uint8_t)(1u << n);
}

/* 0 is the highest priority, 7 the lowest (IR lowest itself). */
static unsigned int priority(const struct pic8259 *c, unsigned int n)
{
	return (n - c->lowest - 1) & 7;
}

/*
 * The highest-priority IR whose bit is set in bits, or PIC_NO_IRQ: the
 * bits rotated so that bit 0 is IR(lowest + 1), the lowest set bit wins.
 */
static int highest(const struct pic8259 *c, uint8_t bits)
{
	unsigned int first = (c->lowest + 1u) & 7;
	unsigned int rot = ((unsigned int)bits | (unsigned int)bits << 8) >>
			   first;

	if (!bits)
		return PIC_NO_IRQ;
	return (int)((__builtin_ctz(rot) + first) & 7);
}

/* The IR the chip would have acknowledged now (its INT output), or none. */
static int chip_winner(const struct pic8259 *c)
{
	uint8_t blocking = c->special_mask ? c->isr & ~c->imr : c->isr;
	int req, in_service;

	if (c->init_state != PIC_INIT_READY)
		return PIC_NO_IRQ;
	req = highest(c, c->irr & ~c->imr);
	if (req < 0)
		return PIC_NO_IRQ;
	in_service = highest(c, blocking);
	if (in_service >= 0 && priority(c, (unsigned int)in_service) <=
			       priority(c, (unsigned int)req))
		return PIC_NO_IRQ;
	return req;
}

/* The master passes IR2 to the slave (which supplies the vector). */
static int master_cascades(const struct pic8259 *m)
{
	return !m->single && (m->icw3 & bit(PIC_CASCADE_IRQ));
}

/* The acknowledge of IR n on one chip: INTA or a poll read. */
static void chip_ack(struct pic8259 *c, unsigned int n)
{
	if (!c->level)
		c->irr &= ~bit(n);	/* the edge latch is consumed */
	if (!c->auto_eoi)
		c->isr |= bit(n);
	else if (c->rotate_aeoi)
		c->lowest = (uint8_t)n;
}

/* The slave's INT output onto master IR2 (level). */
static void cascade_update(struct pic8259_pair *p)
{
	struct pic8259 *m = &p->chip[PIC_MASTER];

	if (chip_winner(&p->chip[PIC_SLAVE]) >= 0) {
		p->lines |= bit(PIC_CASCADE_IRQ);
		m->irr |= bit(PIC_CASCADE_IRQ);
	} else {
		p->lines &= (uint16_t)~bit(PIC_CASCADE_IRQ);
		m->irr &= ~bit(PIC_CASCADE_IRQ);
	}
}

static void chip_bios_state(struct pic8259 *c, uint8_t base, uint8_t icw3)
{
	c->irr = 0;
	c->isr = 0;
	c->imr = 0xff;
	c->vector_base = base;
	c->icw3 = icw3;
	c->icw4 = PIC_ICW4_8086;
	c->init_state = PIC_INIT_READY;
	c->icw4_needed = 1;
	c->single = 0;
	c->level = 0;
	c->auto_eoi = 0;
	c->rotate_aeoi = 0;
	c->read_isr = 0;
	c->poll = 0;
	c->special_mask = 0;
	c->lowest = 7;
}

void pic_reset(struct pic8259_pair *p)
{
	chip_bios_state(&p->chip[PIC_MASTER], PIC_RESET_MASTER_BASE,
			bit(PIC_CASCADE_IRQ));
	chip_bios_state(&p->chip[PIC_SLAVE], PIC_RESET_SLAVE_BASE,
			PIC_CASCADE_IRQ);
	p->lines = 0;
}

int pic_is_port(uint16_t port)
{
	return port == PIC_MASTER_CMD || port == PIC_MASTER_DATA ||
	       port == PIC_SLAVE_CMD || port == PIC_SLAVE_DATA;
}

/* Chip index of a PIC port (callers checked pic_is_port). */
static unsigned int port_chip(uint16_t port)
{
	return (port == PIC_SLAVE_CMD || port == PIC_SLAVE_DATA) ?
	       PIC_SLAVE : PIC_MASTER;
}

static int is_cmd_port(uint16_t port)
{
	return port == PIC_MASTER_CMD || port == PIC_SLAVE_CMD;
}

static uint8_t poll_read(struct pic8259 *c)
{
	int n = chip_winner(c);

	c->poll = 0;
	if (n < 0)
		return 0;
	chip_ack(c, (unsigned int)n);
	return PIC_POLL_INT | (uint8_t)n;
}

uint8_t pic_read(struct pic8259_pair *p, uint16_t port)
{
	struct pic8259 *c;
	uint8_t val;

	if (!pic_is_port(port))
		return 0xff;
	c = &p->chip[port_chip(port)];
	if (!is_cmd_port(port))
		return c->imr;
	if (!c->poll)
		return c->read_isr ? c->isr : c->irr;
	val = poll_read(c);
	cascade_update(p);
	return val;
}

/* The chip's own input lines, bit n for IR n. */
static uint8_t chip_lines(const struct pic8259_pair *p, unsigned int chip)
{
	return (uint8_t)(p->lines >> (chip * PIC_IRQS_PER_CHIP));
}

static void write_icw1(struct pic8259_pair *p, unsigned int chip, uint8_t val)
{
	struct pic8259 *c = &p->chip[chip];

	c->icw4_needed = !!(val & PIC_ICW1_IC4);
	c->single = !!(val & PIC_ICW1_SNGL);
	c->level = !!(val & PIC_ICW1_LTIM);
	c->imr = 0;
	c->isr = 0;
	/* Edge latch reset; a level input that is high requests at once. */
	c->irr = c->level ? chip_lines(p, chip) : 0;
	c->icw4 = 0;
	c->auto_eoi = 0;
	c->rotate_aeoi = 0;
	c->read_isr = 0;
	c->poll = 0;
	c->special_mask = 0;
	c->lowest = 7;
	c->init_state = PIC_INIT_ICW2;
}

/* ICW2, ICW3 or ICW4 on the data port. */
static int write_icw(struct pic8259 *c, uint8_t val)
{
	if (c->init_state == PIC_INIT_ICW4) {
		if (!(val & PIC_ICW4_8086))
			return PIC_ERR_ICW4_8080;
		c->icw4 = val;
		c->auto_eoi = !!(val & PIC_ICW4_AEOI);
		c->init_state = PIC_INIT_READY;
		return 0;
	}
	if (c->init_state == PIC_INIT_ICW2) {
		c->vector_base = val & PIC_ICW2_BASE_MASK;
		if (!c->single)
			c->init_state = PIC_INIT_ICW3;
		else if (c->icw4_needed)
			c->init_state = PIC_INIT_ICW4;
		else
			c->init_state = PIC_INIT_READY;
		return 0;
	}
	c->icw3 = val;		/* PIC_INIT_ICW3 */
	c->init_state = c->icw4_needed ? PIC_INIT_ICW4 : PIC_INIT_READY;
	return 0;
}

/* Clear ISR bit n (an EOI), rotating if asked: n becomes the lowest. */
static void end_of_interrupt(struct pic8259 *c, unsigned int n, int rotate)
{
	c->isr &= ~bit(n);
	if (rotate)
		c->lowest = (uint8_t)n;
}

static int write_ocw2(struct pic8259 *c, uint8_t val)
{
	uint8_t cmd = val & PIC_OCW2_CMD_MASK;
	unsigned int level = val & PIC_OCW2_LEVEL_MASK;
	int n;

	if (cmd == PIC_OCW2_EOI || cmd == PIC_OCW2_ROTATE_EOI) {
		n = highest(c, c->isr);
		if (n < 0)
			return PIC_ERR_EOI_IDLE;
		end_of_interrupt(c, (unsigned int)n,
				 cmd == PIC_OCW2_ROTATE_EOI);
	} else if (cmd == PIC_OCW2_SPECIFIC_EOI ||
		   cmd == PIC_OCW2_ROTATE_SPECIFIC_EOI) {
		if (!(c->isr & bit(level)))
			return PIC_ERR_EOI_IDLE;
		end_of_interrupt(c, level,
				 cmd == PIC_OCW2_ROTATE_SPECIFIC_EOI);
	} else if (cmd == PIC_OCW2_SET_PRIORITY) {
		c->lowest = (uint8_t)level;
	} else if (cmd == PIC_OCW2_ROTATE_AEOI_SET) {
		c->rotate_aeoi = 1;
	} else if (cmd == PIC_OCW2_ROTATE_AEOI_CLEAR) {
		c->rotate_aeoi = 0;
	}
	/* PIC_OCW2_NOP: nothing */
	return 0;
}

static void write_ocw3(struct pic8259 *c, uint8_t val)
{
	if (val & PIC_OCW3_ESMM)
		c->special_mask = !!(val & PIC_OCW3_SMM);
	if (val & PIC_OCW3_POLL)
		c->poll = 1;
	if (val & PIC_OCW3_RR)
		c->read_isr = !!(val & PIC_OCW3_RIS);
}

static int write_cmd(struct pic8259_pair *p, unsigned int chip, uint8_t val)
{
	struct pic8259 *c = &p->chip[chip];

	if (val & PIC_ICW1_INIT) {
		write_icw1(p, chip, val);
		return 0;
	}
	if (c->init_state != PIC_INIT_READY)
		return PIC_ERR_ICW_ORDER;
	if (val & PIC_OCW3_SELECT) {
		write_ocw3(c, val);
		return 0;
	}
	return write_ocw2(c, val);
}

/*
 * The common EOI, short: a non-specific EOI (OCW2 0x20 exactly) to a
 * ready chip outside special mask mode with one IR in service clears it,
 * as write_ocw2 would.  An EOI to the master leaves the slave's INT, so
 * its cascade stays; the slave's may raise or drop it.  1 when done.
 */
static int eoi_fast(struct pic8259_pair *p, uint16_t port, uint8_t val)
{
	struct pic8259 *c = &p->chip[port_chip(port)];

	if (val != PIC_OCW2_EOI || !is_cmd_port(port) ||
	    c->init_state != PIC_INIT_READY || c->special_mask ||
	    !c->isr || (c->isr & (c->isr - 1)))
		return 0;
	c->isr = 0;
	if (port == PIC_SLAVE_CMD)
		cascade_update(p);
	return 1;
}

int pic_write(struct pic8259_pair *p, uint16_t port, uint8_t val)
{
	unsigned int chip;
	struct pic8259 *c;
	int rc;

	if (!pic_is_port(port))
		return PIC_ERR_PORT;
	if (eoi_fast(p, port, val))
		return 0;
	chip = port_chip(port);
	c = &p->chip[chip];
	if (is_cmd_port(port)) {
		rc = write_cmd(p, chip, val);
	} else if (c->init_state != PIC_INIT_READY) {
		rc = write_icw(c, val);
	} else {
		c->imr = val;	/* OCW1 */
		rc = 0;
	}
	if (rc == 0)
		cascade_update(p);
	return rc;
}

const char *pic_strerror(int err)
{
	if (err == 0)
		return "no error";
	if (err == PIC_ERR_PORT)
		return "not a PIC port";
	if (err == PIC_ERR_ICW_ORDER)
		return "ICW sequence out of order: OCW written to the command port while the chip waits for ICW2, ICW3 or ICW4";
	if (err == PIC_ERR_ICW4_8080)
		return "ICW4 without 8086 mode (bit 0): 8080/8085 mode is not modelled";
	if (err == PIC_ERR_EOI_IDLE)
		return "EOI with no interrupt in service (a specific EOI's IRQ, or any IRQ for a non-specific EOI)";
	return "unknown PIC error";
}

/*
 * The chip an outside input IRQ reaches, its bit there and its line in
 * p->lines; 0 for no such input (out of range, or the cascade, which only
 * the slave drives).
 */
static struct pic8259 *irq_input(struct pic8259_pair *p, unsigned int irq,
				 uint8_t *b, uint16_t *line)
{
	if (irq >= PIC_NR_IRQS || irq == PIC_CASCADE_IRQ)
		return 0;
	*b = bit(irq % PIC_IRQS_PER_CHIP);
	*line = (uint16_t)(1u << irq);
	return &p->chip[irq / PIC_IRQS_PER_CHIP];
}

void pic_set_irq(struct pic8259_pair *p, unsigned int irq, int level)
{
	struct pic8259 *c;
	uint16_t line;
	uint8_t b;

	c = irq_input(p, irq, &b, &line);
	if (!c)
		return;
	if (level) {
		if (c->level || !(p->lines & line))
			c->irr |= b;	/* level high, or a 0->1 edge */
		p->lines |= line;
	} else {
		if (c->level)
			c->irr &= ~b;
		p->lines &= (uint16_t)~line;
	}
	cascade_update(p);
}

/*
 * pic_set_irq(1) then (0) in one step: an edge latches unless the line
 * was high already, level mode drops the request again, the line ends low.
 */
void pic_pulse_irq(struct pic8259_pair *p, unsigned int irq)
{
	struct pic8259 *c;
	uint16_t line;
	uint8_t b;

	c = irq_input(p, irq, &b, &line);
	if (!c)
		return;
	if (c->level)
		c->irr &= ~b;
	else if (!(p->lines & line))
		c->irr |= b;
	p->lines &= (uint16_t)~line;
	cascade_update(p);
}

/*
 * The vector an INTA would deliver now, or -1 when the master's INT output
 * is low; *irq is the master's IR, *slave_irq the slave's when the slave
 * supplies the vector, else -1.
 */
static int pending(const struct pic8259_pair *p, int *irq, int *slave_irq)
{
	const struct pic8259 *m = &p->chip[PIC_MASTER];
	const struct pic8259 *s = &p->chip[PIC_SLAVE];
	int n = chip_winner(m);

	*irq = n;
	*slave_irq = PIC_NO_IRQ;
	if (n < 0)
		return -1;
	if (n == PIC_CASCADE_IRQ && master_cascades(m)) {
		*slave_irq = chip_winner(s);
		/* Cannot happen: the master's IRR bit 2 is the slave's INT. */
		if (*slave_irq < 0)
			return -1;
		return s->vector_base + *slave_irq;
	}
	return m->vector_base + n;
}

int pic_pending_vector(const struct pic8259_pair *p)
{
	int irq, slave_irq;

	return pending(p, &irq, &slave_irq);
}

int pic_ack(struct pic8259_pair *p)
{
	int irq, slave_irq;
	int vector = pending(p, &irq, &slave_irq);

	if (vector < 0)
		return -1;
	chip_ack(&p->chip[PIC_MASTER], (unsigned int)irq);
	if (slave_irq >= 0)
		chip_ack(&p->chip[PIC_SLAVE], (unsigned int)slave_irq);
	cascade_update(p);
	return vector;
}

int pic_in_service(const struct pic8259_pair *p, unsigned int irq)
{
	if (irq >= PIC_NR_IRQS)
		return 0;
	return !!(p->chip[irq / PIC_IRQS_PER_CHIP].isr &
		  bit(irq % PIC_IRQS_PER_CHIP));
}
