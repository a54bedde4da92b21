/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sources.h - device interrupt sources the cases raise themselves, all
 * through VMI port calls: COM1's receive interrupt with the UART in
 * loopback (IRQ4), and the CMOS clock's periodic interrupt (IRQ8, on the
 * slave PIC).  Their handlers acknowledge the device and the PIC
 * (non-specific EOI, whatever the PICs' bases).
 *
 * Never: print while COM1 is in loopback (the console is COM1).
 */
#ifndef VMITEST_SOURCES_H
#define VMITEST_SOURCES_H

#include <stdint.h>

struct trap_frame;

/*
 * COM1 in loopback with its receive interrupt: the console drained and
 * idle, FIFOs off (a single byte interrupts at once), stale input
 * dropped, MCR LOOP | OUT2 (OUT2 gates the interrupt line), IER
 * received-data.  _off puts the console back.
 */
void com1_loopback_irq_on(void);
void com1_loopback_irq_off(void);

/* Send a byte to itself (THR). */
void com1_send(uint8_t byte);

/* What COM1's receive handler saw. */
extern volatile uint32_t com1_irqs;
extern volatile uint8_t com1_byte, com1_iir;

/* The receive handler: IIR, the byte from RBR, EOI for IRQ4. */
void com1_rx_irq(struct trap_frame *f);

/* The CMOS clock's periodic interrupt at 1024 Hz (register B's PIE). */
void rtc_periodic_on(void);
void rtc_periodic_off(void);

extern volatile uint32_t rtc_irqs;

/* Its handler: register C read (re-arms the clock), EOI for IRQ8. */
void rtc_irq(struct trap_frame *f);

#endif /* VMITEST_SOURCES_H */
