// SPDX-License-Identifier: GPL-2.0
/*
 * sources.c - COM1's loopback receive interrupt and the CMOS clock's
 * periodic interrupt (see sources.h).
 *
 * Never: leave COM1 in loopback or the clock interrupting after _off.
 */
#include "pic.h"
#include "rtc.h"
#include "sources.h"
#include "uart.h"
#include "vmi.h"

#define RTC_RATE_1024HZ		0x06

volatile uint32_t com1_irqs;
volatile uint8_t com1_byte, com1_iir;
volatile uint32_t rtc_irqs;

void com1_loopback_irq_on(void)
{
	unsigned int i;

	com1_irqs = 0;
	com1_byte = 0;
	com1_iir = 0;
	uart_wait_idle();
	vmi_outb(0, UART_FCR);
	for (i = 0; i < UART_DRAIN_MAX && (vmi_inb(UART_LSR) & LSR_DR); i++)
		vmi_inb(UART_RBR);
	vmi_outb(MCR_LOOP | MCR_OUT2, UART_MCR);
	vmi_outb(IER_RDA, UART_IER);
}

void com1_loopback_irq_off(void)
{
	unsigned int i;

	vmi_outb(0, UART_IER);
	for (i = 0; i < UART_DRAIN_MAX && (vmi_inb(UART_LSR) & LSR_DR); i++)
		vmi_inb(UART_RBR);
	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);
	vmi_outb(FCR_ENABLE_CLEAR_14, UART_FCR);
}

void com1_send(uint8_t byte)
{
	vmi_outb(byte, UART_THR);
}

void com1_rx_irq(struct trap_frame *f)
{
	(void)f;
	com1_iir = vmi_inb(UART_IIR);
	if (vmi_inb(UART_LSR) & LSR_DR)
		com1_byte = vmi_inb(UART_RBR);
	com1_irqs++;
	pic_eoi(IRQ_COM1);
}

static uint8_t cmos_in(uint8_t reg)
{
	vmi_outb(reg, CMOS_INDEX);
	return vmi_inb(CMOS_DATA);
}

static void cmos_out(uint8_t reg, uint8_t v)
{
	vmi_outb(reg, CMOS_INDEX);
	vmi_outb(v, CMOS_DATA);
}

void rtc_periodic_on(void)
{
	rtc_irqs = 0;
	cmos_out(RTC_REG_A, (cmos_in(RTC_REG_A) & ~RTC_A_RATE_MASK) |
			    RTC_RATE_1024HZ);
	cmos_in(RTC_REG_C);
	cmos_out(RTC_REG_B, cmos_in(RTC_REG_B) | RTC_B_PIE);
}

void rtc_periodic_off(void)
{
	cmos_out(RTC_REG_B, cmos_in(RTC_REG_B) & ~RTC_B_PIE);
	cmos_in(RTC_REG_C);
}

void rtc_irq(struct trap_frame *f)
{
	(void)f;
	cmos_in(RTC_REG_C);
	rtc_irqs++;
	pic_eoi(IRQ_RTC);
}
