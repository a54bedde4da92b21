// SPDX-License-Identifier: GPL-2.0
/*
 * uart.c - the guest's COM1 console: a polled 16550 driver that reaches
 * the ports only through VMI IN/OUT calls.
 */
#include "uart.h"
#include "vmi.h"

#define UART_POLL_LIMIT	1000000

void uart_init(void)
{
	vmi_outb(LCR_DLAB, UART_LCR);
	vmi_outb(0x01, UART_DLL);		/* divisor 1: 115200 baud */
	vmi_outb(0x00, UART_DLM);
	vmi_outb(LCR_8N1, UART_LCR);
	vmi_outb(0x00, UART_IER);		/* polled: no interrupts */
	vmi_outb(FCR_ENABLE_CLEAR_14, UART_FCR);
	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);
}

static void uart_put_raw(uint8_t c)
{
	unsigned int i;

	for (i = 0; i < UART_POLL_LIMIT; i++)
		if (vmi_inb(UART_LSR) & LSR_THRE)
			break;
	vmi_outb(c, UART_THR);
}

void uart_putc(char c)
{
	if (c == '\n')
		uart_put_raw('\r');
	uart_put_raw((uint8_t)c);
}

int uart_wait_idle(void)
{
	unsigned int i;

	for (i = 0; i < UART_POLL_LIMIT; i++)
		if ((vmi_inb(UART_LSR) & (LSR_THRE | LSR_TEMT)) ==
		    (LSR_THRE | LSR_TEMT))
			return 1;
	return 0;
}
