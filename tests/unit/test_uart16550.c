// SPDX-License-Identifier: GPL-2.0
/*
 * test_uart16550.c - host unit tests for the COM1 16550A model
 * (shim/dev/uart16550.c): registers, receiver, interrupts and the IRQ line.
 *
 * Never: depend on another test's state (each starts with reset()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "shim/dev/uart16550.h"

static struct uart16550 u;

static void reset(void)
{
	memset(&u, 0xa5, sizeof(u));	/* reset must not rely on zeroed memory */
	uart16550_reset(&u);
}

static uint8_t rd(unsigned int reg)
{
	return uart16550_read(&u, reg);
}

/* Write that must not transmit. */
static void wr(unsigned int reg, uint8_t val)
{
	uint8_t tx = 0x5a;

	assert_int_equal(uart16550_write(&u, reg, val, &tx), 0);
	assert_int_equal(tx, 0x5a);
}

static void test_reset_values(void **state)
{
	(void)state;
	reset();
	assert_int_equal(rd(UART_IER), 0);
	assert_int_equal(rd(UART_IIR), 0x01);
	assert_int_equal(rd(UART_LCR), 0);
	assert_int_equal(rd(UART_MCR), 0);
	assert_int_equal(rd(UART_LSR), 0x60);
	assert_int_equal(rd(UART_MSR), 0xb0);
	assert_int_equal(rd(UART_SCR), 0);
	assert_int_equal(rd(UART_RBR), 0);
	/* the divisor reads back as 12 (9600 baud) */
	wr(UART_LCR, UART_LCR_DLAB);
	assert_int_equal(rd(UART_DLL), 12);
	assert_int_equal(rd(UART_DLM), 0);
}

static void test_scratch(void **state)
{
	(void)state;
	reset();
	wr(UART_SCR, 0x55);
	assert_int_equal(rd(UART_SCR), 0x55);
	wr(UART_SCR, 0xaa);
	assert_int_equal(rd(UART_SCR), 0xaa);
}

static void test_register_masks(void **state)
{
	(void)state;
	reset();
	wr(UART_IER, 0xff);
	assert_int_equal(rd(UART_IER), 0x0f);
	wr(UART_MCR, 0xff);
	assert_int_equal(rd(UART_MCR), 0x1f);
	wr(UART_LCR, 0x1b);		/* 8 bits, even parity, 1 stop */
	assert_int_equal(rd(UART_LCR), 0x1b);
	/* out-of-range registers: float high on read, ignored on write */
	assert_int_equal(rd(8), 0xff);
	wr(8, 0x12);
	/* LSR and MSR writes are ignored */
	wr(UART_LSR, 0xff);
	wr(UART_MCR, 0);
	assert_int_equal(rd(UART_LSR), 0x60);
}

static void test_dlab_divisor(void **state)
{
	(void)state;
	reset();
	wr(UART_IER, 0x05);
	wr(UART_LCR, 0x83);		/* DLAB + 8N1 */
	wr(UART_DLL, 0x01);		/* 115200 */
	wr(UART_DLM, 0x00);
	assert_int_equal(rd(UART_DLL), 0x01);
	assert_int_equal(rd(UART_DLM), 0x00);
	wr(UART_DLL, 0x80);
	wr(UART_DLM, 0x01);
	assert_int_equal(rd(UART_DLL), 0x80);
	assert_int_equal(rd(UART_DLM), 0x01);
	assert_int_equal(rd(UART_LCR), 0x83);
	/* DLAB off: registers 0/1 are RBR/IER again, divisor kept */
	wr(UART_LCR, 0x03);
	assert_int_equal(rd(UART_IER), 0x05);
	assert_int_equal(rd(UART_RBR), 0);
	wr(UART_LCR, 0x83);
	assert_int_equal(rd(UART_DLL), 0x80);
	assert_int_equal(rd(UART_DLM), 0x01);
}

static void test_thr_transmit(void **state)
{
	uint8_t tx = 0;

	(void)state;
	reset();
	assert_int_equal(uart16550_write(&u, UART_THR, 'A', &tx), 1);
	assert_int_equal(tx, 'A');
	assert_int_equal(uart16550_write(&u, UART_THR, 0x00, &tx), 1);
	assert_int_equal(tx, 0x00);
	assert_int_equal(uart16550_write(&u, UART_THR, 0xff, &tx), 1);
	assert_int_equal(tx, 0xff);
	/* transmit is instantaneous: always THRE|TEMT, nothing received */
	assert_int_equal(rd(UART_LSR), 0x60);
	/* with DLAB set, register 0 is DLL: nothing is sent */
	wr(UART_LCR, UART_LCR_DLAB);
	wr(UART_THR, 'B');
	assert_int_equal(rd(UART_DLL), 'B');
}

static void test_loopback_rx(void **state)
{
	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 'x');		/* not transmitted (wr asserts) */
	wr(UART_THR, 'y');
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(rd(UART_RBR), 'x');
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(rd(UART_RBR), 'y');
	assert_int_equal(rd(UART_LSR), 0x60);
	assert_int_equal(rd(UART_RBR), 0);	/* empty */
	/* loopback off: writes go out again, nothing received */
	wr(UART_MCR, 0);
	{
		uint8_t tx = 0;

		assert_int_equal(uart16550_write(&u, UART_THR, 'z', &tx), 1);
		assert_int_equal(tx, 'z');
	}
	assert_int_equal(rd(UART_LSR), 0x60);
}

static void test_fifo_wraps(void **state)
{
	unsigned int i, round;

	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 10; i++)
			wr(UART_THR, (uint8_t)(round * 10 + i));
		for (i = 0; i < 10; i++)
			assert_int_equal(rd(UART_RBR), round * 10 + i);
		assert_int_equal(rd(UART_LSR) & UART_LSR_DR, 0);
	}
}

static void test_fifo_overrun(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	for (i = 0; i < UART16550_FIFO_SIZE; i++)
		wr(UART_THR, (uint8_t)('a' + i));
	assert_int_equal(rd(UART_LSR), 0x61);	/* full, no overrun yet */
	wr(UART_THR, '!');			/* the 17th byte is lost */
	wr(UART_THR, '?');
	assert_int_equal(rd(UART_LSR), 0x63);	/* DR | OE */
	assert_int_equal(rd(UART_LSR), 0x61);	/* reading LSR cleared OE */
	for (i = 0; i < UART16550_FIFO_SIZE; i++)
		assert_int_equal(rd(UART_RBR), 'a' + i);
	assert_int_equal(rd(UART_LSR), 0x60);
}

static void test_no_fifo_holding_register(void **state)
{
	(void)state;
	reset();
	wr(UART_MCR, UART_MCR_LOOP);	/* FIFOs off: 16450 mode */
	wr(UART_THR, '1');
	assert_int_equal(rd(UART_LSR), 0x61);
	wr(UART_THR, '2');		/* overwrites the held byte */
	assert_int_equal(rd(UART_LSR), 0x63);
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(rd(UART_RBR), '2');
	assert_int_equal(rd(UART_LSR), 0x60);
}

static void test_fcr_clears_rx(void **state)
{
	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE);
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 1);
	wr(UART_THR, 2);
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_TX);	/* TX only */
	assert_int_equal(rd(UART_LSR), 0x61);
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_CLEAR_RX);
	assert_int_equal(rd(UART_LSR), 0x60);
	assert_int_equal(rd(UART_RBR), 0);
	assert_int_equal(rd(UART_IIR), 0xc1);	/* FIFOs still on */
	/* turning the FIFOs off empties them too */
	wr(UART_THR, 3);
	wr(UART_FCR, 0);
	assert_int_equal(rd(UART_LSR), 0x60);
	/* the FIFO works again after a clear */
	wr(UART_FCR, UART_FCR_ENABLE);
	wr(UART_THR, 4);
	assert_int_equal(rd(UART_RBR), 4);
}

static void test_iir(void **state)
{
	(void)state;
	reset();
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_TRIGGER_14);
	assert_int_equal(rd(UART_IIR), 0xc1);	/* trigger bits not shown */
	wr(UART_IER, 0x0f);			/* THRE raised, nothing else */
	wr(UART_LCR, UART_LCR_DLAB);		/* IIR ignores DLAB */
	assert_int_equal(rd(UART_IIR), 0xc2);
	assert_int_equal(rd(UART_IIR), 0xc1);	/* the read cleared THRE */
	wr(UART_LCR, 0);
	wr(UART_FCR, 0);
	assert_int_equal(rd(UART_IIR), 0x01);
}

static void test_msr_loopback(void **state)
{
	(void)state;
	reset();
	assert_int_equal(rd(UART_MSR), 0xb0);
	/* loopback with all outputs low: every line drops, deltas set */
	wr(UART_MCR, UART_MCR_LOOP);
	assert_int_equal(rd(UART_MSR), 0x0b);	/* DCTS DDSR DDCD */
	assert_int_equal(rd(UART_MSR), 0x00);	/* deltas cleared by read */
	/* the classic probe: RTS + OUT2 -> CTS + DCD */
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_RTS | UART_MCR_OUT2);
	assert_int_equal(rd(UART_MSR) & 0xf0, 0x90);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR);
	assert_int_equal(rd(UART_MSR), UART_MSR_DSR | UART_MSR_DCTS |
			 UART_MSR_DDSR | UART_MSR_DDCD);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT1);
	assert_int_equal(rd(UART_MSR), UART_MSR_RI | UART_MSR_DDSR);
	/* RI falling edge sets TERI; rising does not */
	wr(UART_MCR, UART_MCR_LOOP);
	assert_int_equal(rd(UART_MSR), UART_MSR_TERI);
	wr(UART_MCR, UART_MCR_LOOP | 0x0f);
	assert_int_equal(rd(UART_MSR), 0xf0 | UART_MSR_DCTS |
			 UART_MSR_DDSR | UART_MSR_DDCD);
	/* leaving loopback: the connected line again */
	wr(UART_MCR, 0x0b);
	assert_int_equal(rd(UART_MSR), 0xb0 | UART_MSR_TERI);
	assert_int_equal(rd(UART_MSR), 0xb0);
}

static void test_write_tx_null(void **state)
{
	(void)state;
	reset();
	assert_int_equal(uart16550_write(&u, UART_THR, 'q', NULL), 1);
}

/* Outside byte that must be stored. */
static void rx(uint8_t byte)
{
	assert_int_equal(uart16550_receive(&u, byte), 1);
}

static void test_iir_priorities(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE);		/* trigger level 1 */
	wr(UART_MCR, UART_MCR_LOOP);		/* MSR deltas: modem status */
	for (i = 0; i < UART16550_FIFO_SIZE + 1; i++)
		wr(UART_THR, (uint8_t)i);	/* full, then overrun */
	/* every source pending, none enabled */
	assert_int_equal(rd(UART_IIR), 0xc1);
	wr(UART_IER, UART_IER_MSI);
	assert_int_equal(rd(UART_IIR), 0xc0);
	wr(UART_IER, UART_IER_MSI | UART_IER_THRI);
	assert_int_equal(rd(UART_IIR), 0xc2);	/* THRE over modem status */
	wr(UART_IER, 0);
	wr(UART_IER, UART_IER_MSI | UART_IER_THRI | UART_IER_RDI);
	assert_int_equal(rd(UART_IIR), 0xc4);	/* data over THRE */
	wr(UART_IER, UART_IER_MASK);
	assert_int_equal(rd(UART_IIR), 0xc6);	/* line status over all */
	assert_int_equal(rd(UART_IIR), 0xc6);	/* IIR read does not clear it */
	assert_int_equal(rd(UART_LSR), 0x63);
	assert_int_equal(rd(UART_IIR), 0xc4);
	for (i = 0; i < UART16550_FIFO_SIZE; i++)
		assert_int_equal(rd(UART_RBR), i);
	assert_int_equal(rd(UART_IIR), 0xc2);	/* THRE still pending */
	assert_int_equal(rd(UART_IIR), 0xc0);	/* then modem status */
	assert_int_equal(rd(UART_MSR) & 0x0f,
			 UART_MSR_DCTS | UART_MSR_DDSR | UART_MSR_DDCD);
	assert_int_equal(rd(UART_IIR), 0xc1);
}

static void test_rx_interrupt_outside(void **state)
{
	(void)state;
	reset();
	wr(UART_IER, UART_IER_RDI);
	assert_int_equal(rd(UART_IIR), 0x01);
	rx('k');
	assert_int_equal(rd(UART_IIR), 0x04);
	assert_int_equal(rd(UART_IIR), 0x04);	/* IIR read leaves it */
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(rd(UART_RBR), 'k');
	assert_int_equal(rd(UART_IIR), 0x01);	/* reading RBR cleared it */
	/* disabled: the byte waits, no interrupt */
	wr(UART_IER, 0);
	rx('l');
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_IER, UART_IER_RDI);
	assert_int_equal(rd(UART_IIR), 0x04);
}

static void test_rx_interrupt_loopback(void **state)
{
	(void)state;
	reset();
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_IER, UART_IER_RDI);
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_THR, 'm');
	assert_int_equal(rd(UART_IIR), 0x04);
	assert_int_equal(rd(UART_RBR), 'm');
	assert_int_equal(rd(UART_IIR), 0x01);
}

static void check_trigger(uint8_t fcr_bits, unsigned int level)
{
	unsigned int i;

	reset();
	wr(UART_FCR, UART_FCR_ENABLE | fcr_bits);
	wr(UART_IER, UART_IER_RDI);
	for (i = 1; i < level; i++) {
		rx((uint8_t)i);
		assert_int_equal(rd(UART_IIR), 0xcc);	/* timeout only */
	}
	rx((uint8_t)level);
	assert_int_equal(rd(UART_IIR), 0xc4);		/* at the level */
	rx(0xee);
	assert_int_equal(rd(UART_IIR), 0xc4);		/* above it */
	assert_int_equal(rd(UART_RBR), 1);
	assert_int_equal(rd(UART_IIR), 0xc4);		/* back at the level */
	assert_int_equal(rd(UART_RBR), level > 1 ? 2 : 0xee);
	/* below the level: data available clears, the timeout remains */
	assert_int_equal(rd(UART_IIR), level > 1 ? 0xcc : 0xc1);
}

static void test_fifo_trigger_levels(void **state)
{
	(void)state;
	check_trigger(UART_FCR_TRIGGER_1, 1);
	check_trigger(UART_FCR_TRIGGER_4, 4);
	check_trigger(UART_FCR_TRIGGER_8, 8);
	check_trigger(UART_FCR_TRIGGER_14, 14);
}

static void test_trigger_needs_fifo_enable(void **state)
{
	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_TRIGGER_8);
	wr(UART_FCR, UART_FCR_TRIGGER_4);	/* FIFOs off: 16450 mode */
	wr(UART_IER, UART_IER_RDI);
	rx('a');
	assert_int_equal(rd(UART_IIR), 0x04);	/* 1 byte, no timeout */
	/* re-enabled without trigger bits: level 1, not 4 or 8 */
	wr(UART_FCR, UART_FCR_ENABLE);
	rx('b');
	assert_int_equal(rd(UART_IIR), 0xc4);
}

static void test_char_timeout(void **state)
{
	(void)state;
	reset();
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_TRIGGER_4);
	wr(UART_IER, UART_IER_RDI | UART_IER_THRI);
	assert_int_equal(rd(UART_IIR), 0xc2);	/* THRE from enabling ETBI */
	rx('a');
	rx('b');
	/* the timeout is immediate and outranks THRE */
	assert_int_equal(rd(UART_IIR), 0xcc);
	assert_int_equal(rd(UART_RBR), 'a');
	assert_int_equal(rd(UART_IIR), 0xcc);	/* data still waiting */
	assert_int_equal(rd(UART_RBR), 'b');
	assert_int_equal(rd(UART_IIR), 0xc1);
	/* no timeout without FIFOs: one byte is data available */
	wr(UART_FCR, 0);
	rx('c');
	assert_int_equal(rd(UART_IIR), 0x04);
}

static void test_thre_interrupt(void **state)
{
	uint8_t tx = 0;

	(void)state;
	reset();
	assert_int_equal(uart16550_write(&u, UART_THR, 'a', &tx), 1);
	assert_int_equal(rd(UART_IIR), 0x01);	/* ETBI off: not reported */
	wr(UART_IER, UART_IER_THRI);
	assert_int_equal(rd(UART_IIR), 0x02);	/* raised on enabling */
	assert_int_equal(rd(UART_IIR), 0x01);	/* cleared by the IIR read */
	wr(UART_IER, UART_IER_THRI);		/* still enabled: no edge */
	assert_int_equal(rd(UART_IIR), 0x01);
	assert_int_equal(uart16550_write(&u, UART_THR, 'b', &tx), 1);
	assert_int_equal(tx, 'b');
	assert_int_equal(rd(UART_IIR), 0x02);	/* re-raised after THR write */
	assert_int_equal(rd(UART_IIR), 0x01);
	/* toggling ETBI re-raises it (THR is always empty) */
	wr(UART_IER, 0);
	wr(UART_IER, UART_IER_THRI);
	assert_int_equal(rd(UART_IIR), 0x02);
	/* a DLL write (DLAB) is not a THR write */
	wr(UART_LCR, UART_LCR_DLAB);
	wr(UART_DLL, 3);
	wr(UART_LCR, 0);
	assert_int_equal(rd(UART_IIR), 0x01);
	/* loopback transmit empties THR too */
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_THR, 'c');
	assert_int_equal(rd(UART_IIR), 0x02);
	assert_int_equal(rd(UART_IIR), 0x01);
}

static void test_line_status_interrupt(void **state)
{
	(void)state;
	reset();
	wr(UART_IER, UART_IER_RLSI);
	rx('a');
	assert_int_equal(rd(UART_IIR), 0x01);	/* data alone: no RLS */
	rx('b');				/* 16450 overrun */
	assert_int_equal(rd(UART_IIR), 0x06);
	assert_int_equal(rd(UART_IIR), 0x06);
	assert_int_equal(rd(UART_LSR), 0x63);
	assert_int_equal(rd(UART_IIR), 0x01);	/* reading LSR cleared it */
	assert_int_equal(rd(UART_RBR), 'b');
}

static void test_modem_status_interrupt(void **state)
{
	(void)state;
	reset();
	wr(UART_IER, UART_IER_MSI);
	assert_int_equal(rd(UART_IIR), 0x01);	/* connected line, no delta */
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_RTS |
	   UART_MCR_OUT2);			/* DSR CTS DCD unchanged */
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_DTR | UART_MCR_OUT2);
	assert_int_equal(rd(UART_IIR), 0x00);	/* CTS dropped */
	assert_int_equal(rd(UART_IIR), 0x00);	/* IIR read leaves it */
	assert_int_equal(rd(UART_MSR), UART_MSR_DSR | UART_MSR_DCD |
			 UART_MSR_DCTS);
	assert_int_equal(rd(UART_IIR), 0x01);	/* reading MSR cleared it */
	/* disabled: the delta stays in MSR, no interrupt */
	wr(UART_IER, 0);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
	assert_int_equal(rd(UART_IIR), 0x01);
	wr(UART_IER, UART_IER_MSI);
	assert_int_equal(rd(UART_IIR), 0x00);
}

static void test_irq_line(void **state)
{
	(void)state;
	reset();
	assert_int_equal(uart16550_irq_line(&u), 0);
	rx('a');
	wr(UART_MCR, UART_MCR_OUT2);
	assert_int_equal(uart16550_irq_line(&u), 0);	/* IER off */
	wr(UART_IER, UART_IER_RDI);
	assert_int_equal(uart16550_irq_line(&u), 1);
	wr(UART_MCR, UART_MCR_DTR | UART_MCR_RTS);	/* OUT2 off */
	assert_int_equal(uart16550_irq_line(&u), 0);
	assert_int_equal(rd(UART_IIR), 0x04);	/* still pending inside */
	wr(UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	assert_int_equal(uart16550_irq_line(&u), 1);
	assert_int_equal(rd(UART_RBR), 'a');
	assert_int_equal(uart16550_irq_line(&u), 0);	/* condition gone */
	/* THRE: drops when the IIR read acknowledges it */
	wr(UART_IER, UART_IER_THRI);
	assert_int_equal(uart16550_irq_line(&u), 1);
	assert_int_equal(rd(UART_IIR), 0x02);
	assert_int_equal(uart16550_irq_line(&u), 0);
	/* loopback: gated by the MCR OUT2 bit as outside it (QEMU-like) */
	wr(UART_IER, 0);
	wr(UART_MCR, UART_MCR_LOOP);
	wr(UART_IER, UART_IER_RDI);
	wr(UART_THR, 'b');
	assert_int_equal(uart16550_irq_line(&u), 0);
	wr(UART_MCR, UART_MCR_LOOP | UART_MCR_OUT2);
	assert_int_equal(uart16550_irq_line(&u), 1);
	assert_int_equal(rd(UART_RBR), 'b');
	assert_int_equal(uart16550_irq_line(&u), 0);
}

static void test_receive_overrun_and_space(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	/* 16450 mode: one byte; an overrun replaces it */
	assert_int_equal(uart16550_rx_space(&u), 1);
	rx('a');
	assert_int_equal(uart16550_rx_space(&u), 0);
	rx('b');
	assert_int_equal(rd(UART_LSR), 0x63);
	assert_int_equal(rd(UART_RBR), 'b');
	assert_int_equal(uart16550_rx_space(&u), 1);
	/* FIFO mode: 16 bytes; the 17th is dropped */
	wr(UART_FCR, UART_FCR_ENABLE | UART_FCR_TRIGGER_8);
	assert_int_equal(uart16550_rx_space(&u), UART16550_FIFO_SIZE);
	for (i = 0; i < UART16550_FIFO_SIZE; i++) {
		rx((uint8_t)('A' + i));
		assert_int_equal(uart16550_rx_space(&u),
				 UART16550_FIFO_SIZE - 1 - i);
	}
	assert_int_equal(rd(UART_LSR), 0x61);
	assert_int_equal(uart16550_receive(&u, '!'), 0);
	assert_int_equal(rd(UART_LSR), 0x63);
	assert_int_equal(rd(UART_RBR), 'A');
	assert_int_equal(uart16550_rx_space(&u), 1);
	for (i = 1; i < UART16550_FIFO_SIZE; i++)
		assert_int_equal(rd(UART_RBR), 'A' + i);
	assert_int_equal(rd(UART_LSR), 0x60);	/* '!' was never stored */
	/* loopback: the serial input is disconnected */
	wr(UART_MCR, UART_MCR_LOOP);
	assert_int_equal(uart16550_rx_space(&u), 0);
	assert_int_equal(uart16550_receive(&u, 'x'), 0);
	assert_int_equal(rd(UART_LSR), 0x60);	/* no data, no overrun */
	wr(UART_MCR, 0);
	assert_int_equal(uart16550_rx_space(&u), UART16550_FIFO_SIZE);
}

static void test_ier_high_bits_read_zero(void **state)
{
	unsigned int bit;

	(void)state;
	reset();
	for (bit = 0x10; bit <= 0x80; bit <<= 1) {
		wr(UART_IER, (uint8_t)bit);
		assert_int_equal(rd(UART_IER), 0);
		assert_int_equal(rd(UART_IIR), 0x01);	/* enables nothing */
	}
	wr(UART_IER, 0xf5);
	assert_int_equal(rd(UART_IER), 0x05);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_values),
		cmocka_unit_test(test_scratch),
		cmocka_unit_test(test_register_masks),
		cmocka_unit_test(test_dlab_divisor),
		cmocka_unit_test(test_thr_transmit),
		cmocka_unit_test(test_loopback_rx),
		cmocka_unit_test(test_fifo_wraps),
		cmocka_unit_test(test_fifo_overrun),
		cmocka_unit_test(test_no_fifo_holding_register),
		cmocka_unit_test(test_fcr_clears_rx),
		cmocka_unit_test(test_iir),
		cmocka_unit_test(test_msr_loopback),
		cmocka_unit_test(test_write_tx_null),
		cmocka_unit_test(test_iir_priorities),
		cmocka_unit_test(test_rx_interrupt_outside),
		cmocka_unit_test(test_rx_interrupt_loopback),
		cmocka_unit_test(test_fifo_trigger_levels),
		cmocka_unit_test(test_trigger_needs_fifo_enable),
		cmocka_unit_test(test_char_timeout),
		cmocka_unit_test(test_thre_interrupt),
		cmocka_unit_test(test_line_status_interrupt),
		cmocka_unit_test(test_modem_status_interrupt),
		cmocka_unit_test(test_irq_line),
		cmocka_unit_test(test_receive_overrun_and_space),
		cmocka_unit_test(test_ier_high_bits_read_zero),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
