/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uart16550.h - register model of the 16550A UART the shim shows at COM1.
 *
 * Pure C, no pointers in the state and no callbacks, so it works in the
 * position-independent shim: a write that sends a byte to the outside
 * returns it, and the caller forwards it (console_io / console ring); the
 * caller feeds bytes from the outside in (uart16550_receive) and samples
 * the interrupt line (uart16550_irq_line) after each access.
 *
 * Modelled:
 *   - DLAB (LCR bit 7) maps registers 0/1 to the divisor latch DLL/DLM.
 *     Hardware leaves the divisor undefined at reset; the model starts at
 *     12 (9600 baud), which is only ever read back.
 *   - IER (low 4 bits; bits 4-7 read 0), LCR, MCR (low 5 bits), SCR:
 *     read/write storage.
 *   - FCR (write-only, register 2): bit 0 enables the FIFOs (IIR bits 6-7
 *     then read 0xC0); changing bit 0, or writing bit 1, clears the
 *     receive FIFO.  Bits 6-7 set the receive trigger level (1, 4, 8, 14
 *     bytes); as on the chip they are only programmed by a write with
 *     bit 0 set, and are write-only.
 *   - Transmit is instantaneous: LSR always has THRE|TEMT (0x60).
 *   - The receiver holds 16 bytes with FIFOs enabled, 1 byte (the 16450
 *     holding register) without.  Bytes come from the outside world
 *     (uart16550_receive) or, in loopback (MCR bit 4), from THR writes,
 *     which then do not go out; in loopback the serial input is
 *     disconnected and outside bytes are refused.  A byte arriving when
 *     the receiver is full sets LSR.OE (cleared by reading LSR) and is
 *     dropped in FIFO mode or replaces the held byte in 16450 mode, as on
 *     the chip.  RBR reads pop a byte (0 when empty); LSR.DR says whether
 *     one is waiting.
 *   - MSR: in loopback the status bits follow MCR (DTR->DSR, RTS->CTS,
 *     OUT1->RI, OUT2->DCD), otherwise a connected line (CTS|DSR|DCD,
 *     0xB0).  The delta bits 0-3 (DCTS, DDSR, TERI, DDCD) record changes
 *     and clear when MSR is read.
 *   - Interrupts, enabled by IER bits 0-3; IIR reports the highest
 *     pending enabled source:
 *       0x06 line status: LSR.OE set; cleared by reading LSR;
 *       0x04 received data: at least the trigger level waiting (1 byte
 *            without FIFOs); cleared when the receiver drops below it;
 *       0x0C character timeout: FIFOs on and data waiting below the
 *            trigger level.  There is no time here, so the timeout is
 *            immediate: it is pending whenever such data is waiting, and
 *            clears when the FIFO is empty (or reaches the trigger level,
 *            which makes it 0x04);
 *       0x02 THR empty: set when a THR write has been transmitted (at
 *            once) and when IER bit 1 goes from 0 to 1 (THR is always
 *            empty); cleared by an IIR read that reports it;
 *       0x00 modem status: a delta bit in MSR; cleared by reading MSR;
 *       0x01 nothing pending.
 *     The INTR output is gated by MCR OUT2, as PC boards wire it to IRQ4
 *     (uart16550_irq_line).  In loopback the chip's interrupts keep
 *     working, but its external OUT2 pin is forced inactive, so a real PC
 *     board would see no IRQ4; the model gates with the MCR OUT2 bit in
 *     loopback too, as QEMU's model raises the IRQ there, so a guest test
 *     using loopback + IER + OUT2 gets IRQ4 both on bare QEMU and through
 *     the shim.
 *
 * Not modelled: line errors other than overrun (parity, framing, break,
 * LSR bit 7), the transmit FIFO and its clearing, DMA mode (FCR bit 3),
 * baud-rate timing, the modem input lines outside loopback (always
 * connected, so no modem status change happens there).
 *
 * Never: know where its bytes go (the caller forwards them).
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

#define UART_IER_RDI		0x01	/* received data available, timeout */
#define UART_IER_THRI		0x02	/* THR empty */
#define UART_IER_RLSI		0x04	/* receiver line status */
#define UART_IER_MSI		0x08	/* modem status */
#define UART_IER_MASK		0x0f	/* bits 4-7 are always 0 */

#define UART_FCR_ENABLE		0x01
#define UART_FCR_CLEAR_RX	0x02
#define UART_FCR_CLEAR_TX	0x04
#define UART_FCR_TRIGGER_MASK	0xc0
#define UART_FCR_TRIGGER_1	0x00
#define UART_FCR_TRIGGER_4	0x40
#define UART_FCR_TRIGGER_8	0x80
#define UART_FCR_TRIGGER_14	0xc0

#define UART_IIR_MSI		0x00	/* modem status */
#define UART_IIR_NO_INT		0x01
#define UART_IIR_THRI		0x02	/* THR empty */
#define UART_IIR_RDI		0x04	/* received data available */
#define UART_IIR_RLSI		0x06	/* receiver line status */
#define UART_IIR_CTI		0x0c	/* character timeout */
#define UART_IIR_FIFO		0xc0

#define UART_LCR_DLAB		0x80

#define UART_MCR_DTR		0x01
#define UART_MCR_RTS		0x02
#define UART_MCR_OUT1		0x04
#define UART_MCR_OUT2		0x08
#define UART_MCR_LOOP		0x10
#define UART_MCR_MASK		0x1f	/* bits 5-7 are always 0 */

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
	uint8_t fcr;		/* UART_FCR_ENABLE and the trigger bits */
	uint8_t scr;
	uint8_t dll;
	uint8_t dlm;
	uint8_t overrun;	/* LSR.OE pending */
	uint8_t msr_delta;	/* MSR bits 0-3 */
	uint8_t thr_pending;	/* THR empty interrupt latched */
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
/* a byte arrives from the outside world (console input): returns 1 when it is in the receiver, 0 when it is dropped (FIFO overrun, or loopback, where the serial input is disconnected); a 16450-mode overrun stores it in place of the held byte and returns 1 */
int uart16550_receive(struct uart16550 *u, uint8_t byte);
/* how many outside bytes the receiver can take now without overrun (0 in loopback) */
unsigned int uart16550_rx_space(const struct uart16550 *u);
/* the INTR output gated by MCR OUT2, as PC boards wire it to IRQ4: 1 while an enabled interrupt is pending and OUT2 is set (in loopback too, see above) */
int uart16550_irq_line(const struct uart16550 *u);

#endif /* VMIX_UART16550_H */
