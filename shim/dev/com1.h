/* SPDX-License-Identifier: GPL-2.0 */
/*
 * com1.h - the guest's COM1: the 16550 model (shim/dev/uart16550.h) at
 * 0x3F8-0x3FF, its transmitted bytes on Xen's console, Xen's console input
 * (dom0: CONSOLEIO_read when VIRQ_CONSOLE says there is some) in its
 * receiver, and its interrupt output on IRQ4 of the guest's PIC.
 *
 * Never: take more console input than the receiver can hold (the rest
 * waits in Xen until the guest drains it).
 */
#ifndef VMIX_SHIM_DEV_COM1_H
#define VMIX_SHIM_DEV_COM1_H

#include <stdint.h>
#include "shim/dev/uart16550.h"

#define COM1_IRQ	4

int com1_is_port(uint32_t port);
uint8_t com1_read(uint32_t port);
void com1_write(uint32_t port, uint8_t val);

/* Xen says console input is waiting (events/evtchn.c, events masked). */
void com1_console_input(void);

#endif /* VMIX_SHIM_DEV_COM1_H */
