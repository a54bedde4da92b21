// SPDX-License-Identifier: GPL-2.0
/*
 * test_io_uart.c - io.* cases on the COM1 16550 through the single-port
 * VMI calls (INB/INW/IN, OUTB/OUTW/OUT) and IODelay.
 */
#include "test.h"
#include "uart.h"
#include "vmi.h"

#define DR_POLL_LIMIT	100000

TEST_CASE(io, uart_scratch)
{
	uint8_t v;

	vmi_outb(0x5a, UART_SCR);
	v = vmi_inb(UART_SCR);
	check(t, v == 0x5a, "SCR read 0x%02x after writing 0x5a", v);
	vmi_outb(0xa5, UART_SCR);
	v = vmi_inb(UART_SCR);
	check(t, v == 0xa5, "SCR read 0x%02x after writing 0xa5", v);
}

TEST_CASE(io, uart_lsr)
{
	uint8_t lsr;

	uart_wait_idle();
	lsr = vmi_inb(UART_LSR);
	check(t, (lsr & (LSR_THRE | LSR_TEMT)) == (LSR_THRE | LSR_TEMT),
	      "idle LSR 0x%02x, expected THRE|TEMT (0x60) set", lsr);
}

/* Loopback: nothing may be printed until MCR is restored. */
TEST_CASE(io, uart_loopback)
{
	uint8_t lsr = 0, rbr, msr;
	unsigned int i;

	uart_wait_idle();
	for (i = 0; i < 64 && (vmi_inb(UART_LSR) & LSR_DR); i++)
		vmi_inb(UART_RBR);		/* drain stale input */

	vmi_outb(MCR_DTR_RTS_OUT2 | MCR_LOOP, UART_MCR);
	vmi_outb('V', UART_THR);
	for (i = 0; i < DR_POLL_LIMIT; i++) {
		lsr = vmi_inb(UART_LSR);
		if (lsr & LSR_DR)
			break;
	}
	check(t, lsr & LSR_DR, "loopback: LSR 0x%02x, DR never set", lsr);
	rbr = vmi_inb(UART_RBR);
	check(t, rbr == 'V', "loopback: RBR 0x%02x, expected 0x%02x ('V')",
	      rbr, 'V');
	lsr = vmi_inb(UART_LSR);
	check(t, !(lsr & LSR_DR), "loopback: LSR 0x%02x, DR still set", lsr);

	vmi_outb(0x1f, UART_MCR);
	msr = vmi_inb(UART_MSR);
	check(t, (msr & 0xf0) == 0xf0,
	      "loopback with MCR 0x1f: MSR 0x%02x, expected high nibble 0xf0",
	      msr);

	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);
}

TEST_CASE(io, uart_divisor_word)
{
	uint16_t w;
	uint32_t l;

	uart_wait_idle();
	vmi_outb(LCR_DLAB | LCR_8N1, UART_LCR);
	vmi_outw(0x0c01, UART_DLL);
	w = vmi_inw(UART_DLL);
	l = vmi_inl(UART_DLL);

	vmi_outb(0x01, UART_DLL);
	vmi_outb(0x00, UART_DLM);
	vmi_outb(LCR_8N1, UART_LCR);

	check(t, w == 0x0c01, "INW(DLL) 0x%04x after OUTW 0x0c01", w);
	check(t, (l & 0xffff) == 0x0c01,
	      "IN(DLL) 0x%08x: divisor 0x%04x, expected 0x0c01", l,
	      l & 0xffff);
	check(t, (l >> 24) == 0x83, "IN(DLL) 0x%08x: LCR 0x%02x, expected 0x83",
	      l, l >> 24);
}

TEST_CASE(io, iodelay)
{
	vmi_iodelay();
	vmi_iodelay();
	vmi_iodelay();
}
