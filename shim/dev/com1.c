// SPDX-License-Identifier: GPL-2.0
/*
 * com1.c - the guest's COM1 on Xen's console (see shim/dev/com1.h).
 *
 * Never: call the model with events unmasked (the upcall feeds it input).
 */
#include "events/intc.h"
#include "shim/dev/com1.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

#define COM1_BASE	UART16550_COM1_BASE
#define COM1_LAST	(UART16550_COM1_BASE + UART16550_NR_REGS - 1)

static struct uart16550 com1;
static uint8_t com1_ready;
static uint8_t input_waiting;	/* Xen may hold more than we took */

static struct uart16550 *uart(void)
{
	if (!com1_ready) {
		uart16550_reset(&com1);
		com1_ready = 1;
	}
	return &com1;
}

static void update_irq(void)
{
	intc_set_irq(COM1_IRQ, uart16550_irq_line(uart()));
}

/* Move what Xen holds into the receiver, as much as it can take. */
static void pull_input(void)
{
	char buf[UART16550_FIFO_SIZE];
	uint32_t space = uart16550_rx_space(uart());
	long n, i;

	if (!input_waiting || !space)
		return;
	n = console_read(buf, space);
	if (n < (long)space)
		input_waiting = 0;
	for (i = 0; i < n; i++)
		uart16550_receive(uart(), (uint8_t)buf[i]);
}

int com1_is_port(uint32_t port)
{
	return port >= COM1_BASE && port <= COM1_LAST;
}

uint8_t com1_read(uint32_t port)
{
	uint8_t v = uart16550_read(uart(), port - COM1_BASE);

	pull_input();		/* a read may have made room */
	update_irq();
	return v;
}

void com1_write(uint32_t port, uint8_t val)
{
	uint8_t tx;

	if (uart16550_write(uart(), port - COM1_BASE, val, &tx))
		console_putc((char)tx);
	pull_input();
	update_irq();
}

void com1_console_input(void)
{
	input_waiting = 1;
	pull_input();
	update_irq();
}
