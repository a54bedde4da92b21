/* SPDX-License-Identifier: GPL-2.0 *
 * Never: know where its bytes go (the caller forwards them).
 */
/*
 * uart16550.h - register model of the 16550A UART the shim shows at COM1.
 *
 * Pure C, no pointers in the state and no callbacks, so it works in the
 * position-independent shim: a write that sends a byte to the outside
 * returns it, and the caller forwards it (console_io / console ring).
 *
 * Modelled:
 *   - DLAB (LCR bit 7) maps registers 0/1 to the divisor latch DLL/DLM.
 *     Hardware leaves the divisor undefined at reset; the model starts at
 *     12 (9600 baud), which is only ever read back.
 *   - IER (low 4 bits), LCR, MCR (low 5 bits), SCR: read/write storage.
 *   - FCR (write-only, register 2): bit 0 enables the FIFOs (IIR then reads
 *     0xC1 instead of 0x01); changing bit 0, or writing bit 1, clears the
 *     receive FIFO.
 *   - Transmit is instantaneous: LSR always has THRE|TEMT (0x60).
 *   - Loopback (MCR bit 4): THR writes go to the receive side instead of
 *     out; the receiver holds 16 bytes with FIFOs enabled, 1 byte (the
 *     16450 holding register) without.  A byte arriving when it is full
 *     sets LSR.OE (cleared by reading LSR) and is dropped in FIFO mode or
 *     replaces the held byte in 16450 mode, as on the chip.  RBR reads pop
 *     a byte (0 when empty); LSR.DR says whether one is waiting.
 *   - MSR: in loopback the status bits follow MCR (DTR->DSR, RTS->CTS,
 *     OUT1->RI, OUT2->DCD), otherwise a connected line (CTS|DSR|DCD,
 *     0xB0).  The delta bits 0-3 (DCTS, DDSR, TERI, DDCD) record changes
 *     and clear when MSR is read.
 *
 * Not modelled: interrupt generation (IER is stored only; IIR always says
 * "no interrupt pending"), line errors other than overrun, the receive
 * from the outside world, FIFO trigger levels, baud-rate timing.
 */
#ifndef VMIX_UART16550_H
#define VMIX_UART16550_H

#include <stdint.h>

#define UART16550_COM1_BASE	0x3f8
#define UART16550_NR_REGS	8
#define UART16550_FIFO_SIZE	16

/* Register offsets from the base port. */
#define UART_RBR	0	/* read, DLAB=0 */
#define UART_THR	0	/* write, DLAB=0 */
#define UART_DLL	0	/* DLAB=1 */
#define UART_IER	1	/* DLAB=0 */
#define UART_DLM	1	/* DLAB=1 */
#define UART_IIR	2	/* read */
#define UART_FCR	2	/* write */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_SCR	7

#define UART_FCR_ENABLE		0x01
#define UART_FCR_CLEAR_RX	0x02
#define UART_FCR_CLEAR_TX	0x04

#define UART_IIR_NO_INT		0x01
#define UART_IIR_FIFO		0xc0

#define UART_LCR_DLAB		0x80

#define UART_MCR_DTR		0x01
#define UART_MCR_RTS		0x02
#define UART_MCR_OUT1		0x04
#define UART_MCR_OUT2		0x08
#define UART_MCR_LOOP		0x10

#define UART_LSR_DR		0x01
#define UART_LSR_OE		0x02
#define UART_LSR_THRE		0x20
#define UART_LSR_TEMT		0x40

#define UART_MSR_DCTS		0x01
#define UART_MSR_DDSR		0x02
#define UART_MSR_TERI		0x04
#define UART_MSR_DDCD		0x08
#define UART_MSR_CTS		0x10
#define UART_MSR_DSR		0x20
#define UART_MSR_RI		0x40
#define UART_MSR_DCD		0x80

#define UART16550_RESET_DIVISOR	12	/* 9600 baud */

struct uart16550 {
	uint8_t ier;
	uint8_t lcr;
	uint8_t mcr;
	uint8_t fcr;		/* only UART_FCR_ENABLE is kept */
	uint8_t scr;
	uint8_t dll;
	uint8_t dlm;
	uint8_t overrun;	/* LSR.OE pending */
	uint8_t msr_delta;	/* MSR bits 0-3 */
	uint8_t rx_head;	/* index of the oldest byte */
	uint8_t rx_count;
	uint8_t rx_fifo[UART16550_FIFO_SIZE];
};

void uart16550_reset(struct uart16550 *u);
/* reg is the offset 0..7 from the base port */
uint8_t uart16550_read(struct uart16550 *u, unsigned int reg);
/* returns 1 and stores the byte in *tx when the write transmits a byte to the outside (THR write with loopback off); 0 otherwise */
int uart16550_write(struct uart16550 *u, unsigned int reg, uint8_t val,
		    uint8_t *tx);

#endif /* VMIX_UART16550_H */
