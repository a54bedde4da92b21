/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uart.h - COM1 16550 registers and the console driver, all port access
 * through VMI calls.
 */
#ifndef VMITEST_UART_H
#define VMITEST_UART_H

#include <stdint.h>

#define COM1_BASE	0x3f8
#define UART_RBR	(COM1_BASE + 0)	/* receive buffer (read, DLAB 0) */
#define UART_THR	(COM1_BASE + 0)	/* transmit holding (write, DLAB 0) */
#define UART_DLL	(COM1_BASE + 0)	/* divisor low (DLAB 1) */
#define UART_IER	(COM1_BASE + 1)	/* interrupt enable (DLAB 0) */
#define UART_DLM	(COM1_BASE + 1)	/* divisor high (DLAB 1) */
#define UART_IIR	(COM1_BASE + 2)	/* interrupt identification (read) */
#define UART_FCR	(COM1_BASE + 2)	/* FIFO control (write) */
#define UART_LCR	(COM1_BASE + 3)
#define UART_MCR	(COM1_BASE + 4)
#define UART_LSR	(COM1_BASE + 5)
#define UART_MSR	(COM1_BASE + 6)
#define UART_SCR	(COM1_BASE + 7)

#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR_14	0xc7	/* enable, clear both, trigger 14 */
#define MCR_DTR_RTS_OUT2	0x0b
#define MCR_OUT2	0x08	/* gates the interrupt line */
#define MCR_LOOP	0x10
#define IER_RDA		0x01	/* received data available */
#define UART_DRAIN_MAX	64	/* stale input bytes to drop */
#define LSR_DR		0x01
#define LSR_THRE	0x20
#define LSR_TEMT	0x40

void uart_init(void);
void uart_putc(char c);
/* Wait (bounded) until the transmitter is empty; 1 if it is. */
int uart_wait_idle(void);

#endif /* VMITEST_UART_H */
