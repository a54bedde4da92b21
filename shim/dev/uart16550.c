// SPDX-License-Identifier: GPL-2.0
/*
 * uart16550.c - register model of the 16550A UART the shim shows at COM1.
 *
 * See uart16550.h for what is and is not modelled.  No library calls and
 * no pointers in static data: this file is linked into the shim.
 *
 * Never: call out or keep a pointer in its state.
 */
#include "shim/dev/uart16550.h"

static uint8_t rx_capacity(const struct uart16550 *u)
{
	return (u->fcr & UART_FCR_ENABLE) ? UART16550_FIFO_SIZE : 1;
}

static void rx_clear(struct uart16550 *u)
{
	u->rx_head = 0;
	u->rx_count = 0;
}

/* Returns 1 when val is in the receiver, 0 when it was lost. */
static int rx_push(struct uart16550 *u, uint8_t val)
{
	unsigned int tail;

	if (u->rx_count >= rx_capacity(u)) {
		u->overrun = 1;
		if (u->fcr & UART_FCR_ENABLE)
			return 0;	/* FIFO mode: the new byte is lost */
		u->rx_fifo[u->rx_head] = val;	/* 16450: overwrite */
		return 1;
	}
	tail = (u->rx_head + u->rx_count) % UART16550_FIFO_SIZE;
	u->rx_fifo[tail] = val;
	u->rx_count++;
	return 1;
}

static uint8_t rx_pop(struct uart16550 *u)
{
	uint8_t val;

	if (!u->rx_count)
		return 0;
	val = u->rx_fifo[u->rx_head];
	u->rx_head = (uint8_t)((u->rx_head + 1) % UART16550_FIFO_SIZE);
	u->rx_count--;
	return val;
}

/* Bytes waiting before the received data interrupt: FCR bits 6-7. */
static unsigned int rx_trigger(const struct uart16550 *u)
{
	if (!(u->fcr & UART_FCR_ENABLE))
		return 1;
	switch (u->fcr & UART_FCR_TRIGGER_MASK) {
	case UART_FCR_TRIGGER_4:
		return 4;
	case UART_FCR_TRIGGER_8:
		return 8;
	case UART_FCR_TRIGGER_14:
		return 14;
	default:
		return 1;
	}
}

/* IIR bits 0-3: the highest-priority pending enabled source. */
static uint8_t pending_source(const struct uart16550 *u)
{
	if ((u->ier & UART_IER_RLSI) && u->overrun)
		return UART_IIR_RLSI;
	if ((u->ier & UART_IER_RDI) && u->rx_count) {
		/* Below the trigger level: the timeout, taken as immediate. */
		if (u->rx_count >= rx_trigger(u))
			return UART_IIR_RDI;
		return UART_IIR_CTI;
	}
	if ((u->ier & UART_IER_THRI) && u->thr_pending)
		return UART_IIR_THRI;
	if ((u->ier & UART_IER_MSI) && u->msr_delta)
		return UART_IIR_MSI;
	return UART_IIR_NO_INT;
}

static uint8_t read_iir(struct uart16550 *u)
{
	uint8_t src = pending_source(u);

	if (src == UART_IIR_THRI)
		u->thr_pending = 0;	/* reading IIR acknowledges THRE */
	return src | ((u->fcr & UART_FCR_ENABLE) ? UART_IIR_FIFO : 0);
}

/* MSR bits 4-7: the modem lines as the guest sees them. */
static uint8_t msr_lines(const struct uart16550 *u)
{
	uint8_t m = u->mcr;
	uint8_t s = 0;

	if (!(m & UART_MCR_LOOP))
		return UART_MSR_CTS | UART_MSR_DSR | UART_MSR_DCD;
	if (m & UART_MCR_DTR)
		s |= UART_MSR_DSR;
	if (m & UART_MCR_RTS)
		s |= UART_MSR_CTS;
	if (m & UART_MCR_OUT1)
		s |= UART_MSR_RI;
	if (m & UART_MCR_OUT2)
		s |= UART_MSR_DCD;
	return s;
}

static void write_mcr(struct uart16550 *u, uint8_t val)
{
	uint8_t before = msr_lines(u);
	uint8_t after, changed;

	u->mcr = val & UART_MCR_MASK;
	after = msr_lines(u);
	changed = before ^ after;
	if (changed & UART_MSR_CTS)
		u->msr_delta |= UART_MSR_DCTS;
	if (changed & UART_MSR_DSR)
		u->msr_delta |= UART_MSR_DDSR;
	if ((before & UART_MSR_RI) && !(after & UART_MSR_RI))
		u->msr_delta |= UART_MSR_TERI;
	if (changed & UART_MSR_DCD)
		u->msr_delta |= UART_MSR_DDCD;
}

static void write_fcr(struct uart16550 *u, uint8_t val)
{
	uint8_t enable = val & UART_FCR_ENABLE;

	/* Switching FIFO mode on or off empties the FIFOs, like the chip. */
	if (enable != (u->fcr & UART_FCR_ENABLE) || (val & UART_FCR_CLEAR_RX))
		rx_clear(u);
	/* The other bits are only programmed together with bit 0. */
	u->fcr = enable ? (val & (UART_FCR_ENABLE | UART_FCR_TRIGGER_MASK)) : 0;
}

static void write_ier(struct uart16550 *u, uint8_t val)
{
	/* Enabling the THRE interrupt while THR is empty (always) raises it. */
	if ((val & UART_IER_THRI) && !(u->ier & UART_IER_THRI))
		u->thr_pending = 1;
	u->ier = val & UART_IER_MASK;
}

void uart16550_reset(struct uart16550 *u)
{
	u->ier = 0;
	u->lcr = 0;
	u->mcr = 0;
	u->fcr = 0;
	u->scr = 0;
	u->dll = UART16550_RESET_DIVISOR & 0xff;
	u->dlm = UART16550_RESET_DIVISOR >> 8;
	u->overrun = 0;
	u->msr_delta = 0;
	u->thr_pending = 0;
	rx_clear(u);
}

uint8_t uart16550_read(struct uart16550 *u, unsigned int reg)
{
	int dlab = u->lcr & UART_LCR_DLAB;
	uint8_t val;

	switch (reg) {
	case UART_RBR:
		return dlab ? u->dll : rx_pop(u);
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR:
		return read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		val = UART_LSR_THRE | UART_LSR_TEMT;
		if (u->rx_count)
			val |= UART_LSR_DR;
		if (u->overrun)
			val |= UART_LSR_OE;
		u->overrun = 0;
		return val;
	case UART_MSR:
		val = msr_lines(u) | u->msr_delta;
		u->msr_delta = 0;
		return val;
	case UART_SCR:
		return u->scr;
	default:
		return 0xff;		/* not a register: floating bus */
	}
}

int uart16550_write(struct uart16550 *u, unsigned int reg, uint8_t val,
		    uint8_t *tx)
{
	int dlab = u->lcr & UART_LCR_DLAB;

	switch (reg) {
	case UART_THR:
		if (dlab) {
			u->dll = val;
			return 0;
		}
		/* Sent at once: THR is empty again, and says so. */
		u->thr_pending = 1;
		if (u->mcr & UART_MCR_LOOP) {
			rx_push(u, val);
			return 0;
		}
		if (tx)
			*tx = val;
		return 1;
	case UART_IER:
		if (dlab)
			u->dlm = val;
		else
			write_ier(u, val);
		return 0;
	case UART_FCR:
		write_fcr(u, val);
		return 0;
	case UART_LCR:
		u->lcr = val;
		return 0;
	case UART_MCR:
		write_mcr(u, val);
		return 0;
	case UART_SCR:
		u->scr = val;
		return 0;
	default:
		return 0;	/* LSR, MSR (factory test) and beyond: ignored */
	}
}

int uart16550_receive(struct uart16550 *u, uint8_t byte)
{
	if (u->mcr & UART_MCR_LOOP)
		return 0;	/* loopback disconnects the serial input */
	return rx_push(u, byte);
}

unsigned int uart16550_rx_space(const struct uart16550 *u)
{
	if (u->mcr & UART_MCR_LOOP)
		return 0;
	return rx_capacity(u) - u->rx_count;
}

int uart16550_irq_line(const struct uart16550 *u)
{
	if (!(u->mcr & UART_MCR_OUT2))
		return 0;
	return pending_source(u) != UART_IIR_NO_INT;
}
