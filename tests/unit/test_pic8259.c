// SPDX-License-Identifier: GPL-2.0
/*
 * test_pic8259.c - host unit tests for the 8259A pair model
 * (events/pic8259.c): initialisation, masking, priority and nesting, EOI
 * forms, AEOI, edge and level inputs, OCW3 reads and poll, rotation,
 * special mask mode, the cascade and every refusal; the fast EOI, the
 * priority search and the pulse against a reference over random states.
 *
 * Never: depend on another test's state (each starts from reset()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "events/pic8259.h"

static struct pic8259_pair p;

static void reset(void)
{
	memset(&p, 0xa5, sizeof(p));	/* reset must not rely on zeroed memory */
	pic_reset(&p);
}

static void wr(uint16_t port, uint8_t val)
{
	assert_int_equal(pic_write(&p, port, val), 0);
}

static uint8_t rd(uint16_t port)
{
	return pic_read(&p, port);
}

/* The PC kernel's init: master base 0x20, slave base 0x28, all unmasked. */
static void init_pc(uint8_t icw4)
{
	reset();
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	wr(PIC_MASTER_DATA, 0x20);
	wr(PIC_MASTER_DATA, 1u << PIC_CASCADE_IRQ);
	wr(PIC_MASTER_DATA, icw4);
	wr(PIC_SLAVE_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	wr(PIC_SLAVE_DATA, 0x28);
	wr(PIC_SLAVE_DATA, PIC_CASCADE_IRQ);
	wr(PIC_SLAVE_DATA, icw4);
	wr(PIC_MASTER_DATA, 0x00);
	wr(PIC_SLAVE_DATA, 0x00);
}

static void eoi_master(void)
{
	wr(PIC_MASTER_CMD, PIC_OCW2_EOI);
}

static void eoi_slave(void)
{
	wr(PIC_SLAVE_CMD, PIC_OCW2_EOI);
}

/* Expect vector v to be pending and acknowledge it. */
static void expect_ack(int v)
{
	assert_int_equal(pic_pending_vector(&p), v);
	assert_int_equal(pic_ack(&p), v);
}

static void expect_none(void)
{
	assert_int_equal(pic_pending_vector(&p), -1);
}

static void test_is_port(void **state)
{
	(void)state;
	assert_true(pic_is_port(0x20));
	assert_true(pic_is_port(0x21));
	assert_true(pic_is_port(0xa0));
	assert_true(pic_is_port(0xa1));
	assert_false(pic_is_port(0x22));
	assert_false(pic_is_port(0x1f));
	assert_false(pic_is_port(0xa2));
	assert_false(pic_is_port(0x4d0));
	assert_false(pic_is_port(0x120));
}

static void test_reset_state(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	assert_int_equal(p.lines, 0);
	assert_int_equal(rd(PIC_MASTER_DATA), 0xff);
	assert_int_equal(rd(PIC_SLAVE_DATA), 0xff);
	assert_int_equal(rd(PIC_MASTER_CMD), 0);	/* IRR */
	assert_int_equal(rd(PIC_SLAVE_CMD), 0);
	for (i = 0; i < PIC_NR_IRQS; i++)
		assert_false(pic_in_service(&p, i));
	/* all masked: a raised line requests but is not delivered */
	pic_set_irq(&p, 0, 1);
	pic_set_irq(&p, 8, 1);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x01);
	assert_int_equal(rd(PIC_SLAVE_CMD), 0x01);
	expect_none();
	assert_int_equal(pic_ack(&p), -1);
	/* initialised as the BIOS left it: bases 0x08 and 0x70, cascade IR2 */
	wr(PIC_MASTER_DATA, 0xfe);
	expect_ack(0x08);
	eoi_master();
	wr(PIC_MASTER_DATA, 0xfb);
	wr(PIC_SLAVE_DATA, 0xfe);
	expect_ack(0x70);
	assert_true(pic_in_service(&p, 8));
	assert_true(pic_in_service(&p, PIC_CASCADE_IRQ));
	/* normal EOI (not AEOI) on both */
	eoi_slave();
	eoi_master();
	assert_false(pic_in_service(&p, 8));
	assert_false(pic_in_service(&p, PIC_CASCADE_IRQ));
}

static void test_data_port_before_icw1_is_ocw1(void **state)
{
	(void)state;
	reset();
	wr(PIC_MASTER_DATA, 0x5a);
	assert_int_equal(rd(PIC_MASTER_DATA), 0x5a);
	wr(PIC_SLAVE_DATA, 0xa5);
	assert_int_equal(rd(PIC_SLAVE_DATA), 0xa5);
	/* no vector base changed: IRQ0 is unmasked (bit 0 of 0x5a clear) */
	pic_set_irq(&p, 0, 1);
	expect_ack(0x08);
}

static void test_full_init(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	assert_int_equal(rd(PIC_MASTER_DATA), 0);	/* ICW1 clears IMR */
	wr(PIC_MASTER_DATA, 0x27);	/* low 3 bits ignored */
	wr(PIC_MASTER_DATA, 0x04);
	wr(PIC_MASTER_DATA, PIC_ICW4_8086);
	wr(PIC_SLAVE_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	assert_int_equal(rd(PIC_SLAVE_DATA), 0);
	wr(PIC_SLAVE_DATA, 0x28);
	wr(PIC_SLAVE_DATA, 0x02);
	wr(PIC_SLAVE_DATA, PIC_ICW4_8086);
	assert_int_equal(p.chip[0].init_state, PIC_INIT_READY);
	assert_int_equal(p.chip[1].init_state, PIC_INIT_READY);
	/* OCW1 now */
	wr(PIC_MASTER_DATA, 0x00);
	wr(PIC_SLAVE_DATA, 0x00);
	assert_int_equal(rd(PIC_MASTER_DATA), 0);
	for (i = 0; i < PIC_NR_IRQS; i++) {
		if (i == PIC_CASCADE_IRQ)
			continue;
		pic_pulse_irq(&p, i);
		expect_ack(i < 8 ? 0x20 + (int)i : 0x28 + (int)i - 8);
		assert_true(pic_in_service(&p, i));
		if (i >= 8) {
			assert_true(pic_in_service(&p, PIC_CASCADE_IRQ));
			eoi_slave();
		}
		eoi_master();
		assert_false(pic_in_service(&p, i));
		expect_none();
	}
	/* IRQ 2 is the cascade: an input on it is ignored */
	pic_set_irq(&p, PIC_CASCADE_IRQ, 1);
	expect_none();
	assert_int_equal(rd(PIC_MASTER_CMD), 0);
}

static void test_mask_master(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_MASTER_DATA, 0x02);	/* mask IRQ1 */
	pic_set_irq(&p, 1, 1);
	expect_none();
	assert_int_equal(rd(PIC_MASTER_CMD), 0x02);	/* still requested */
	pic_set_irq(&p, 4, 1);
	expect_ack(0x24);		/* lower priority, but unmasked */
	eoi_master();
	wr(PIC_MASTER_DATA, 0x00);	/* unmask: the latched request arrives */
	expect_ack(0x21);
}

static void test_mask_slave(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_SLAVE_DATA, 0x08);	/* mask IRQ11 */
	pic_set_irq(&p, 11, 1);
	expect_none();
	assert_int_equal(rd(PIC_MASTER_CMD), 0);	/* slave INT low */
	pic_set_irq(&p, 12, 1);
	expect_ack(0x2c);
	eoi_slave();
	eoi_master();
	wr(PIC_SLAVE_DATA, 0x00);
	expect_ack(0x2b);
}

static void test_mask_cascade_masks_slave(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_MASTER_DATA, 1u << PIC_CASCADE_IRQ);
	pic_set_irq(&p, 8, 1);
	pic_set_irq(&p, 15, 1);
	expect_none();
	assert_int_equal(pic_ack(&p), -1);
	/* the slave's INT is high: the master sees IR2 requested */
	assert_int_equal(rd(PIC_MASTER_CMD), 1u << PIC_CASCADE_IRQ);
	pic_set_irq(&p, 3, 1);
	expect_ack(0x23);
	eoi_master();
	wr(PIC_MASTER_DATA, 0x00);
	expect_ack(0x28);
}

static void test_priority_and_isr_blocking(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 5, 1);
	pic_set_irq(&p, 3, 1);
	pic_set_irq(&p, 9, 1);		/* through IR2: above 3 */
	pic_set_irq(&p, 1, 1);
	expect_ack(0x21);
	/* IRQ1 in service blocks everything below it */
	expect_none();
	assert_int_equal(pic_ack(&p), -1);
	eoi_master();
	expect_ack(0x29);
	expect_none();			/* IR2 in service blocks 3 and 5 */
	eoi_slave();
	expect_none();			/* still: the master's ISR bit 2 */
	eoi_master();
	expect_ack(0x23);
	expect_none();
	eoi_master();
	expect_ack(0x25);
	eoi_master();
	expect_none();
}

static void test_nested_higher_priority(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 4, 1);
	expect_ack(0x24);
	pic_set_irq(&p, 6, 1);
	expect_none();			/* lower: waits */
	pic_set_irq(&p, 1, 1);
	expect_ack(0x21);		/* higher: nests */
	assert_true(pic_in_service(&p, 1));
	assert_true(pic_in_service(&p, 4));
	eoi_master();			/* ends IRQ1, the highest */
	assert_false(pic_in_service(&p, 1));
	assert_true(pic_in_service(&p, 4));
	expect_none();
	eoi_master();
	expect_ack(0x26);
	/* nesting inside the slave, with the master's IR2 EOI'd early */
	eoi_master();
	pic_set_irq(&p, 10, 1);
	expect_ack(0x2a);
	pic_set_irq(&p, 8, 1);
	expect_none();			/* master ISR bit 2 blocks the cascade */
	eoi_master();
	expect_ack(0x28);		/* slave: 8 is above 10 in service */
	assert_true(pic_in_service(&p, 8));
	assert_true(pic_in_service(&p, 10));
}

static void test_eoi_specific_and_nonspecific(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 5, 1);
	expect_ack(0x25);
	pic_set_irq(&p, 3, 1);
	expect_ack(0x23);
	pic_set_irq(&p, 0, 1);
	expect_ack(0x20);
	assert_int_equal(p.chip[0].isr, 0x29);
	/* specific EOI ends the named one, not the highest */
	wr(PIC_MASTER_CMD, PIC_OCW2_SPECIFIC_EOI | 3);
	assert_int_equal(p.chip[0].isr, 0x21);
	/* non-specific EOI ends the highest in service */
	eoi_master();
	assert_int_equal(p.chip[0].isr, 0x20);
	eoi_master();
	assert_int_equal(p.chip[0].isr, 0);
	/* the OCW2 no-op changes nothing */
	pic_set_irq(&p, 7, 1);
	expect_ack(0x27);
	wr(PIC_MASTER_CMD, PIC_OCW2_NOP | 7);
	assert_true(pic_in_service(&p, 7));
}

static void test_aeoi(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086 | PIC_ICW4_AEOI);
	pic_set_irq(&p, 1, 1);
	pic_set_irq(&p, 6, 1);
	expect_ack(0x21);
	assert_false(pic_in_service(&p, 1));
	expect_ack(0x26);		/* no EOI needed in between */
	assert_int_equal(p.chip[0].isr, 0);
	/* cascade through two AEOI chips */
	pic_set_irq(&p, 13, 1);
	pic_set_irq(&p, 14, 1);
	expect_ack(0x2d);
	assert_false(pic_in_service(&p, 13));
	assert_false(pic_in_service(&p, PIC_CASCADE_IRQ));
	expect_ack(0x2e);
	expect_none();
	/* no rotation without rotate-in-AEOI: IR7 is still lowest */
	assert_int_equal(p.chip[0].lowest, 7);
	assert_int_equal(p.chip[1].lowest, 7);
}

static void test_edge_triggered(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 3, 1);
	expect_ack(0x23);
	eoi_master();
	pic_set_irq(&p, 3, 1);		/* held high: no new edge */
	expect_none();
	assert_int_equal(rd(PIC_MASTER_CMD), 0);
	pic_set_irq(&p, 3, 0);
	expect_none();
	pic_set_irq(&p, 3, 1);		/* a new edge */
	expect_ack(0x23);
	eoi_master();
	/* a pulse while masked is latched and delivered on unmask */
	wr(PIC_MASTER_DATA, 0x01);
	pic_pulse_irq(&p, 0);
	assert_int_equal(p.lines & 1, 0);
	expect_none();
	wr(PIC_MASTER_DATA, 0x00);
	expect_ack(0x20);
	eoi_master();
	expect_none();
	/* the slave's inputs are edge triggered too */
	pic_set_irq(&p, 12, 1);
	expect_ack(0x2c);
	eoi_slave();
	eoi_master();
	expect_none();
	pic_set_irq(&p, 12, 0);
	pic_pulse_irq(&p, 12);
	expect_ack(0x2c);
}

static void test_level_triggered(void **state)
{
	(void)state;
	reset();
	pic_set_irq(&p, 5, 1);		/* already high at ICW1 */
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_LTIM | PIC_ICW1_SNGL |
	   PIC_ICW1_IC4);
	wr(PIC_MASTER_DATA, 0x20);
	wr(PIC_MASTER_DATA, PIC_ICW4_8086);
	wr(PIC_MASTER_DATA, 0xff ^ 0x22);	/* only IRQ1 and IRQ5 */
	expect_ack(0x25);		/* a level input needs no edge */
	pic_set_irq(&p, 5, 0);
	eoi_master();
	expect_none();
	/* a request that drops before INTA is gone */
	pic_set_irq(&p, 1, 1);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x02);
	pic_set_irq(&p, 1, 0);
	assert_int_equal(rd(PIC_MASTER_CMD), 0);
	expect_none();
	/* a line still high after EOI requests again */
	pic_set_irq(&p, 1, 1);
	expect_ack(0x21);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x02);	/* IRR follows the line */
	expect_none();
	eoi_master();
	expect_ack(0x21);
	pic_set_irq(&p, 1, 0);
	eoi_master();
	expect_none();
	pic_pulse_irq(&p, 5);		/* a pulse is lost in level mode */
	expect_none();
}

static void test_ocw3_reads(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 4, 1);
	pic_set_irq(&p, 6, 1);
	expect_ack(0x24);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x40);	/* IRR by default */
	wr(PIC_MASTER_CMD, PIC_OCW3_READ_ISR);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x10);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x10);	/* the choice stays */
	assert_int_equal(rd(PIC_MASTER_DATA), 0);	/* data port: IMR */
	wr(PIC_MASTER_CMD, PIC_OCW3_SELECT);		/* RR clear: no change */
	assert_int_equal(rd(PIC_MASTER_CMD), 0x10);
	wr(PIC_MASTER_CMD, PIC_OCW3_READ_IRR);
	assert_int_equal(rd(PIC_MASTER_CMD), 0x40);
	/* the slave keeps its own choice */
	pic_set_irq(&p, 9, 1);
	wr(PIC_SLAVE_CMD, PIC_OCW3_READ_ISR);
	assert_int_equal(rd(PIC_SLAVE_CMD), 0);
	wr(PIC_SLAVE_CMD, PIC_OCW3_READ_IRR);
	assert_int_equal(rd(PIC_SLAVE_CMD), 0x02);
	/* the master's IRR bit 2 is the slave's INT */
	assert_int_equal(rd(PIC_MASTER_CMD), 0x44);
	/* ICW1 selects IRR again */
	wr(PIC_MASTER_CMD, PIC_OCW3_READ_ISR);
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	assert_int_equal(p.chip[0].read_isr, 0);
}

static void test_poll(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_MASTER_DATA, 0x01);	/* IRQ0 masked: poll skips it */
	pic_set_irq(&p, 0, 1);
	pic_set_irq(&p, 6, 1);
	pic_set_irq(&p, 3, 1);
	wr(PIC_MASTER_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL);
	assert_int_equal(rd(PIC_MASTER_DATA), 0x01);	/* IMR, still polling */
	assert_int_equal(rd(PIC_MASTER_CMD), PIC_POLL_INT | 3);
	assert_true(pic_in_service(&p, 3));		/* it acknowledged */
	assert_int_equal(rd(PIC_MASTER_CMD), 0x41);	/* poll over: IRR */
	/* with IRQ3 in service nothing lower polls */
	wr(PIC_MASTER_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL);
	assert_int_equal(rd(PIC_MASTER_CMD), 0);
	assert_int_equal(p.chip[0].isr, 0x08);
	eoi_master();
	wr(PIC_MASTER_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL);
	assert_int_equal(rd(PIC_MASTER_CMD), PIC_POLL_INT | 6);
	eoi_master();
	/* the slave polled directly; the master's IR2 drops with it */
	pic_set_irq(&p, 13, 1);
	assert_int_equal(rd(PIC_MASTER_CMD) & 0x04, 0x04);
	wr(PIC_SLAVE_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL);
	assert_int_equal(rd(PIC_SLAVE_CMD), PIC_POLL_INT | 5);
	assert_true(pic_in_service(&p, 13));
	assert_false(pic_in_service(&p, PIC_CASCADE_IRQ));
	assert_int_equal(rd(PIC_MASTER_CMD) & 0x04, 0);
	expect_none();
}

static void test_rotation(void **state)
{
	unsigned int i;

	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_MASTER_DATA, 1u << PIC_CASCADE_IRQ);
	/* set priority: IR4 lowest, so IR5 highest */
	wr(PIC_MASTER_CMD, PIC_OCW2_SET_PRIORITY | 4);
	pic_set_irq(&p, 4, 1);
	pic_set_irq(&p, 0, 1);
	pic_set_irq(&p, 6, 1);
	expect_ack(0x26);
	expect_none();			/* 0 and 4 are below 6 now */
	eoi_master();			/* non-specific: ends 6 */
	expect_ack(0x20);
	eoi_master();
	expect_ack(0x24);
	eoi_master();
	/* rotate on non-specific EOI: the serviced IR becomes lowest */
	wr(PIC_MASTER_CMD, PIC_OCW2_SET_PRIORITY | 7);
	pic_set_irq(&p, 1, 1);
	expect_ack(0x21);
	wr(PIC_MASTER_CMD, PIC_OCW2_ROTATE_EOI);
	assert_false(pic_in_service(&p, 1));
	assert_int_equal(p.chip[0].lowest, 1);
	pic_set_irq(&p, 1, 0);
	pic_set_irq(&p, 1, 1);
	pic_set_irq(&p, 7, 1);
	expect_ack(0x27);		/* 7 is above 1 now */
	/* rotate on specific EOI */
	wr(PIC_MASTER_CMD, PIC_OCW2_ROTATE_SPECIFIC_EOI | 7);
	assert_false(pic_in_service(&p, 7));
	assert_int_equal(p.chip[0].lowest, 7);
	expect_ack(0x21);
	eoi_master();
	/* rotate in AEOI mode: each acknowledged IR becomes lowest */
	init_pc(PIC_ICW4_8086 | PIC_ICW4_AEOI);
	wr(PIC_MASTER_DATA, 1u << PIC_CASCADE_IRQ);
	wr(PIC_MASTER_CMD, PIC_OCW2_ROTATE_AEOI_SET);
	for (i = 0; i < 8; i++)
		if (i != PIC_CASCADE_IRQ)
			pic_set_irq(&p, i, 1);
	expect_ack(0x20);
	assert_int_equal(p.chip[0].lowest, 0);
	pic_set_irq(&p, 0, 0);
	pic_set_irq(&p, 0, 1);		/* back, but now lowest */
	expect_ack(0x21);
	expect_ack(0x23);
	expect_ack(0x24);
	expect_ack(0x25);
	expect_ack(0x26);
	expect_ack(0x27);
	expect_ack(0x20);
	/* cleared: no more rotation */
	wr(PIC_MASTER_CMD, PIC_OCW2_ROTATE_AEOI_CLEAR);
	wr(PIC_MASTER_CMD, PIC_OCW2_SET_PRIORITY | 7);
	pic_set_irq(&p, 5, 0);		/* still high from above */
	pic_pulse_irq(&p, 5);
	expect_ack(0x25);
	assert_int_equal(p.chip[0].lowest, 7);
}

static void test_special_mask_mode(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	pic_set_irq(&p, 3, 1);
	expect_ack(0x23);
	pic_set_irq(&p, 5, 1);
	expect_none();			/* blocked by 3 in service */
	wr(PIC_MASTER_DATA, 0x08);	/* mask the level in service */
	expect_none();			/* masking alone does not unblock */
	wr(PIC_MASTER_CMD, 0x68);	/* special mask mode set */
	assert_int_equal(p.chip[0].special_mask, 1);
	expect_ack(0x25);		/* lower priority gets through */
	wr(PIC_MASTER_CMD, PIC_OCW2_SPECIFIC_EOI | 5);
	wr(PIC_MASTER_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL);	/* no ESMM: SMM kept */
	assert_int_equal(p.chip[0].special_mask, 1);
	assert_int_equal(rd(PIC_MASTER_CMD), 0);
	wr(PIC_MASTER_CMD, 0x48);	/* special mask mode reset */
	assert_int_equal(p.chip[0].special_mask, 0);
	pic_pulse_irq(&p, 6);
	expect_none();			/* 3 in service blocks again */
	wr(PIC_MASTER_CMD, PIC_OCW2_SPECIFIC_EOI | 3);
	expect_ack(0x26);
}

/* A refused write returns err and leaves the pair byte-for-byte unchanged. */
static void expect_refused(uint16_t port, uint8_t val, int err)
{
	struct pic8259_pair before;

	memcpy(&before, &p, sizeof(p));
	assert_int_equal(pic_write(&p, port, val), err);
	assert_memory_equal(&before, &p, sizeof(p));
	assert_non_null(pic_strerror(err));
	assert_true(strlen(pic_strerror(err)) > 0);
}

static void test_errors_change_nothing(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086);
	wr(PIC_SLAVE_DATA, 0x08);	/* IRQ11 requests, masked */
	pic_set_irq(&p, 11, 1);
	pic_set_irq(&p, 4, 1);

	/* not a PIC port */
	expect_refused(0x22, 0x11, PIC_ERR_PORT);
	assert_int_equal(rd(0x22), 0xff);

	/* EOIs with nothing in service, on both chips */
	expect_refused(PIC_MASTER_CMD, PIC_OCW2_EOI, PIC_ERR_EOI_IDLE);
	expect_refused(PIC_MASTER_CMD, PIC_OCW2_ROTATE_EOI, PIC_ERR_EOI_IDLE);
	expect_refused(PIC_SLAVE_CMD, PIC_OCW2_EOI, PIC_ERR_EOI_IDLE);
	/* specific EOI of an IRQ not in service while another is */
	expect_ack(0x24);
	expect_refused(PIC_MASTER_CMD, PIC_OCW2_SPECIFIC_EOI | 5,
		       PIC_ERR_EOI_IDLE);
	expect_refused(PIC_MASTER_CMD, PIC_OCW2_ROTATE_SPECIFIC_EOI | 3,
		       PIC_ERR_EOI_IDLE);
	expect_refused(PIC_SLAVE_CMD, PIC_OCW2_SPECIFIC_EOI | 3,
		       PIC_ERR_EOI_IDLE);
	assert_true(pic_in_service(&p, 4));

	/* OCWs on the command port in the middle of the ICW sequence */
	wr(PIC_SLAVE_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);	/* waits for ICW2 */
	expect_refused(PIC_SLAVE_CMD, PIC_OCW2_EOI, PIC_ERR_ICW_ORDER);
	expect_refused(PIC_SLAVE_CMD, PIC_OCW3_READ_ISR, PIC_ERR_ICW_ORDER);
	wr(PIC_SLAVE_DATA, 0x28);				/* waits for ICW3 */
	expect_refused(PIC_SLAVE_CMD, PIC_OCW2_SET_PRIORITY | 3,
		       PIC_ERR_ICW_ORDER);
	wr(PIC_SLAVE_DATA, 0x02);				/* waits for ICW4 */
	expect_refused(PIC_SLAVE_CMD, PIC_OCW3_SELECT | PIC_OCW3_POLL,
		       PIC_ERR_ICW_ORDER);
	/* ICW4 without 8086 mode: still waiting for ICW4 afterwards */
	expect_refused(PIC_SLAVE_DATA, 0x00, PIC_ERR_ICW4_8080);
	expect_refused(PIC_SLAVE_DATA, PIC_ICW4_AEOI, PIC_ERR_ICW4_8080);
	assert_int_equal(p.chip[1].init_state, PIC_INIT_ICW4);
	wr(PIC_SLAVE_DATA, PIC_ICW4_8086);
	assert_int_equal(p.chip[1].init_state, PIC_INIT_READY);

	/* ICW1 restarts a sequence in progress: that is not refused */
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_SNGL);
	assert_int_equal(p.chip[0].init_state, PIC_INIT_ICW2);

	/* the codes are distinct and named */
	assert_string_not_equal(pic_strerror(PIC_ERR_ICW_ORDER),
				pic_strerror(PIC_ERR_ICW4_8080));
	assert_string_not_equal(pic_strerror(PIC_ERR_EOI_IDLE),
				pic_strerror(PIC_ERR_PORT));
	assert_non_null(strstr(pic_strerror(PIC_ERR_ICW_ORDER), "ICW2"));
	assert_int_equal(pic_ack(&p), -1);	/* master mid-init: nothing */
}

static void test_ack_nothing_pending(void **state)
{
	struct pic8259_pair before;

	(void)state;
	init_pc(PIC_ICW4_8086);
	memcpy(&before, &p, sizeof(p));
	assert_int_equal(pic_ack(&p), -1);
	assert_memory_equal(&before, &p, sizeof(p));
	pic_set_irq(&p, 1, 1);
	expect_ack(0x21);
	memcpy(&before, &p, sizeof(p));
	assert_int_equal(pic_ack(&p), -1);	/* no spurious IRQ7 */
	assert_memory_equal(&before, &p, sizeof(p));
}

static void test_icw1_resets_chip(void **state)
{
	(void)state;
	init_pc(PIC_ICW4_8086 | PIC_ICW4_AEOI);
	wr(PIC_MASTER_CMD, PIC_OCW2_ROTATE_AEOI_SET);
	wr(PIC_MASTER_CMD, PIC_OCW2_SET_PRIORITY | 3);
	wr(PIC_MASTER_CMD, 0x68);
	wr(PIC_MASTER_CMD, PIC_OCW3_READ_ISR);
	wr(PIC_MASTER_DATA, 0x80);
	pic_set_irq(&p, 7, 1);		/* latched, masked */
	pic_set_irq(&p, 1, 1);		/* held high */
	expect_ack(0x21);
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_IC4);
	assert_int_equal(p.chip[0].imr, 0);
	assert_int_equal(p.chip[0].isr, 0);
	assert_int_equal(p.chip[0].irr, 0);
	assert_int_equal(p.chip[0].lowest, 7);
	assert_int_equal(p.chip[0].special_mask, 0);
	assert_int_equal(p.chip[0].read_isr, 0);
	assert_int_equal(p.chip[0].rotate_aeoi, 0);
	assert_int_equal(p.chip[0].auto_eoi, 0);
	/* mid-sequence the chip delivers nothing */
	pic_set_irq(&p, 5, 1);
	expect_none();
	wr(PIC_MASTER_DATA, 0x30);
	wr(PIC_MASTER_DATA, 0x04);
	wr(PIC_MASTER_DATA, PIC_ICW4_8086);
	expect_ack(0x35);		/* the edge seen during init counts */
	eoi_master();
	expect_none();			/* IRQ1, held high, needs a new edge */
	pic_set_irq(&p, 1, 0);
	pic_set_irq(&p, 1, 1);
	expect_ack(0x31);
	assert_true(pic_in_service(&p, 1));	/* AEOI gone with ICW1 */
}

static void test_icw_sngl_skips_icw3(void **state)
{
	(void)state;
	reset();
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT | PIC_ICW1_SNGL | PIC_ICW1_IC4);
	wr(PIC_MASTER_DATA, 0x40);
	assert_int_equal(p.chip[0].init_state, PIC_INIT_ICW4);
	wr(PIC_MASTER_DATA, PIC_ICW4_8086 | PIC_ICW4_AEOI);	/* ICW4, not ICW3 */
	assert_int_equal(p.chip[0].init_state, PIC_INIT_READY);
	assert_int_equal(p.chip[0].auto_eoi, 1);
	wr(PIC_MASTER_DATA, 0x80);				/* OCW1 */
	assert_int_equal(rd(PIC_MASTER_DATA), 0x80);
	pic_set_irq(&p, 6, 1);
	expect_ack(0x46);
	/* single: IR2 is no cascade, the master gives base + 2 itself */
	wr(PIC_SLAVE_DATA, 0xfe);
	pic_set_irq(&p, 8, 1);
	expect_ack(0x42);
	assert_int_equal(p.chip[1].isr, 0);	/* the slave saw no INTA */
}

static void test_icw_no_ic4_skips_icw4(void **state)
{
	(void)state;
	reset();
	wr(PIC_MASTER_CMD, PIC_ICW1_INIT);
	wr(PIC_MASTER_DATA, 0x50);
	wr(PIC_MASTER_DATA, 0x04);		/* ICW3 */
	assert_int_equal(p.chip[0].init_state, PIC_INIT_READY);
	assert_int_equal(p.chip[0].icw4, 0);
	assert_int_equal(p.chip[0].auto_eoi, 0);
	wr(PIC_MASTER_DATA, 0xf7);		/* OCW1, not ICW4 */
	assert_int_equal(rd(PIC_MASTER_DATA), 0xf7);
	pic_set_irq(&p, 3, 1);
	expect_ack(0x53);
	assert_true(pic_in_service(&p, 3));	/* normal EOI */
	/* SNGL and no IC4: ICW2 is the whole sequence */
	wr(PIC_SLAVE_CMD, PIC_ICW1_INIT | PIC_ICW1_SNGL);
	assert_int_equal(p.chip[1].init_state, PIC_INIT_ICW2);
	wr(PIC_SLAVE_DATA, 0x60);
	assert_int_equal(p.chip[1].init_state, PIC_INIT_READY);
	wr(PIC_SLAVE_DATA, 0xfd);		/* OCW1 */
	assert_int_equal(rd(PIC_SLAVE_DATA), 0xfd);
	assert_int_equal(p.chip[1].vector_base, 0x60);
}

/*
 * ---- the short paths against the long ones ----
 *
 * A reference model of the priority logic as the model first had it (a
 * loop over the IRs in priority order), random states of the pair, and
 * the model's fast EOI, its rotate-and-count priority search and its
 * one-step pulse compared with what the reference (or the long path in
 * the model itself) leaves.
 */

static uint32_t rng = 0x2545f491u;

static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static int ref_highest(const struct pic8259 *c, uint8_t bits)
{
	unsigned int i, n;

	for (i = 1; i <= PIC_IRQS_PER_CHIP; i++) {
		n = (c->lowest + i) & 7;
		if (bits & (1u << n))
			return (int)n;
	}
	return -1;
}

static unsigned int ref_priority(const struct pic8259 *c, unsigned int n)
{
	return (n - c->lowest - 1) & 7;
}

static int ref_winner(const struct pic8259 *c)
{
	uint8_t blocking = c->special_mask ? c->isr & ~c->imr : c->isr;
	int req, in_service;

	if (c->init_state != PIC_INIT_READY)
		return -1;
	req = ref_highest(c, c->irr & ~c->imr);
	if (req < 0)
		return -1;
	in_service = ref_highest(c, blocking);
	if (in_service >= 0 && ref_priority(c, (unsigned int)in_service) <=
			       ref_priority(c, (unsigned int)req))
		return -1;
	return req;
}

static void ref_cascade(struct pic8259_pair *q)
{
	if (ref_winner(&q->chip[1]) >= 0) {
		q->lines |= 1u << PIC_CASCADE_IRQ;
		q->chip[0].irr |= 1u << PIC_CASCADE_IRQ;
	} else {
		q->lines &= (uint16_t)~(1u << PIC_CASCADE_IRQ);
		q->chip[0].irr &= (uint8_t)~(1u << PIC_CASCADE_IRQ);
	}
}

static int ref_cascades(const struct pic8259 *m)
{
	return !m->single && (m->icw3 & (1u << PIC_CASCADE_IRQ));
}

static int ref_pending(const struct pic8259_pair *q, int *irq, int *sirq)
{
	*irq = ref_winner(&q->chip[0]);
	*sirq = -1;
	if (*irq < 0)
		return -1;
	if (*irq == PIC_CASCADE_IRQ && ref_cascades(&q->chip[0])) {
		*sirq = ref_winner(&q->chip[1]);
		return *sirq < 0 ? -1 : q->chip[1].vector_base + *sirq;
	}
	return q->chip[0].vector_base + *irq;
}

static void ref_chip_ack(struct pic8259 *c, unsigned int n)
{
	if (!c->level)
		c->irr &= (uint8_t)~(1u << n);
	if (!c->auto_eoi)
		c->isr |= (uint8_t)(1u << n);
	else if (c->rotate_aeoi)
		c->lowest = (uint8_t)n;
}

static void random_chip(struct pic8259 *c, int master)
{
	c->irr = (uint8_t)rnd();
	c->isr = (uint8_t)rnd();
	if (rnd() & 1)
		c->isr &= (uint8_t)-c->isr;	/* one IR in service, often */
	if (rnd() % 8 == 0)
		c->isr = 0;
	c->imr = (uint8_t)(rnd() & rnd());
	c->vector_base = (uint8_t)rnd() & PIC_ICW2_BASE_MASK;
	c->icw3 = master ? (uint8_t)(rnd() | (rnd() % 8 ? 4 : 0)) :
			   PIC_CASCADE_IRQ;
	c->icw4 = PIC_ICW4_8086;
	c->init_state = rnd() % 8 ? PIC_INIT_READY :
				    (uint8_t)(1 + rnd() % 3);
	c->icw4_needed = 1;
	c->single = rnd() % 8 == 0;
	c->level = rnd() % 4 == 0;
	c->auto_eoi = rnd() % 4 == 0;
	c->rotate_aeoi = rnd() & 1;
	c->read_isr = rnd() & 1;
	c->poll = 0;
	c->special_mask = rnd() % 4 == 0;
	c->lowest = rnd() & 7;
}

/* A state the pair can be in: the master's IR2 is the slave's INT. */
static void random_pair(struct pic8259_pair *q)
{
	memset(q, 0, sizeof(*q));
	random_chip(&q->chip[0], 1);
	random_chip(&q->chip[1], 0);
	q->lines = (uint16_t)rnd();
	ref_cascade(q);
}

#define RANDOM_STATES	20000

/* OCW2 0x20 on either chip: what the reference's non-specific EOI does. */
static void test_eoi_matches_reference(void **state)
{
	static const uint16_t cmd[2] = { PIC_MASTER_CMD, PIC_SLAVE_CMD };
	struct pic8259_pair a, want;
	unsigned int i, k;
	int rc, want_rc, n;

	(void)state;
	for (i = 0; i < RANDOM_STATES; i++) {
		for (k = 0; k < 2; k++) {
			struct pic8259 *c;

			random_pair(&a);
			want = a;
			c = &want.chip[k];
			n = ref_highest(c, c->isr);
			if (c->init_state != PIC_INIT_READY) {
				want_rc = PIC_ERR_ICW_ORDER;
			} else if (n < 0) {
				want_rc = PIC_ERR_EOI_IDLE;
			} else {
				want_rc = 0;
				c->isr &= (uint8_t)~(1u << n);
				ref_cascade(&want);
			}
			rc = pic_write(&a, cmd[k], PIC_OCW2_EOI);
			assert_int_equal(rc, want_rc);
			assert_memory_equal(&a, &want, sizeof(a));
		}
	}
}

/* The fast EOI (one IR in service) leaves what the specific EOI does. */
static void test_fast_eoi_matches_specific_eoi(void **state)
{
	static const uint16_t cmd[2] = { PIC_MASTER_CMD, PIC_SLAVE_CMD };
	struct pic8259_pair a, b;
	unsigned int i, k, tried = 0;

	(void)state;
	for (i = 0; i < RANDOM_STATES; i++) {
		for (k = 0; k < 2; k++) {
			const struct pic8259 *c;

			random_pair(&a);
			c = &a.chip[k];
			if (c->init_state != PIC_INIT_READY || !c->isr ||
			    (c->isr & (c->isr - 1)))
				continue;
			b = a;
			assert_int_equal(pic_write(&a, cmd[k], PIC_OCW2_EOI),
					 0);
			assert_int_equal(pic_write(&b, cmd[k],
				PIC_OCW2_SPECIFIC_EOI |
				(uint8_t)__builtin_ctz(b.chip[k].isr)), 0);
			assert_memory_equal(&a, &b, sizeof(a));
			tried++;
		}
	}
	assert_true(tried > RANDOM_STATES / 4);
}

/* The pending vector and INTA against the reference's. */
static void test_pending_and_ack_match_reference(void **state)
{
	struct pic8259_pair a, want;
	unsigned int i;
	int v, irq, sirq;

	(void)state;
	for (i = 0; i < RANDOM_STATES; i++) {
		random_pair(&a);
		want = a;
		v = ref_pending(&want, &irq, &sirq);
		assert_int_equal(pic_pending_vector(&a), v);
		if (v >= 0) {
			ref_chip_ack(&want.chip[0], (unsigned int)irq);
			if (sirq >= 0)
				ref_chip_ack(&want.chip[1], (unsigned int)sirq);
			ref_cascade(&want);
		}
		assert_int_equal(pic_ack(&a), v);
		assert_memory_equal(&a, &want, sizeof(a));
	}
}

/* A pulse leaves what raising and lowering the line does. */
static void test_pulse_matches_set_and_clear(void **state)
{
	struct pic8259_pair a, b;
	unsigned int i, irq;

	(void)state;
	for (i = 0; i < RANDOM_STATES / 4; i++) {
		for (irq = 0; irq <= PIC_NR_IRQS; irq++) {
			random_pair(&a);
			b = a;
			pic_pulse_irq(&a, irq);
			pic_set_irq(&b, irq, 1);
			pic_set_irq(&b, irq, 0);
			assert_memory_equal(&a, &b, sizeof(a));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_port),
		cmocka_unit_test(test_reset_state),
		cmocka_unit_test(test_data_port_before_icw1_is_ocw1),
		cmocka_unit_test(test_full_init),
		cmocka_unit_test(test_mask_master),
		cmocka_unit_test(test_mask_slave),
		cmocka_unit_test(test_mask_cascade_masks_slave),
		cmocka_unit_test(test_priority_and_isr_blocking),
		cmocka_unit_test(test_nested_higher_priority),
		cmocka_unit_test(test_eoi_specific_and_nonspecific),
		cmocka_unit_test(test_aeoi),
		cmocka_unit_test(test_edge_triggered),
		cmocka_unit_test(test_level_triggered),
		cmocka_unit_test(test_ocw3_reads),
		cmocka_unit_test(test_poll),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_special_mask_mode),
		cmocka_unit_test(test_errors_change_nothing),
		cmocka_unit_test(test_ack_nothing_pending),
		cmocka_unit_test(test_icw1_resets_chip),
		cmocka_unit_test(test_icw_sngl_skips_icw3),
		cmocka_unit_test(test_icw_no_ic4_skips_icw4),
		cmocka_unit_test(test_eoi_matches_reference),
		cmocka_unit_test(test_fast_eoi_matches_specific_eoi),
		cmocka_unit_test(test_pending_and_ack_match_reference),
		cmocka_unit_test(test_pulse_matches_set_and_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
