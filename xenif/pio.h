/* SPDX-License-Identifier: GPL-2.0 *
 * Never: be used for a port the shim models itself (COM1).
 */
/*
 * pio.h - real port I/O instructions, executed in ring 1 where Xen traps and
 * emulates them against the domain's I/O permissions (the virtual IOPL that
 * VMI_Init sets makes them emulated rather than faulted).
 */
#ifndef VMIX_PIO_H
#define VMIX_PIO_H

#include <stdint.h>

#ifdef VMIX_HOST_TEST
uint32_t pio_in(uint16_t port, uint32_t size);	/* tests/unit/fake_xen.c */
void pio_out(uint16_t port, uint32_t size, uint32_t v);
#else
static inline uint32_t pio_in(uint16_t port, uint32_t size)
{
	uint32_t v = 0;

	if (size == 1)
		asm volatile("inb %w1, %b0" : "+a"(v) : "Nd"(port));
	else if (size == 2)
		asm volatile("inw %w1, %w0" : "+a"(v) : "Nd"(port));
	else
		asm volatile("inl %w1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void pio_out(uint16_t port, uint32_t size, uint32_t v)
{
	if (size == 1)
		asm volatile("outb %b0, %w1" : : "a"(v), "Nd"(port));
	else if (size == 2)
		asm volatile("outw %w0, %w1" : : "a"(v), "Nd"(port));
	else
		asm volatile("outl %0, %w1" : : "a"(v), "Nd"(port));
}
#endif

#endif /* VMIX_PIO_H */
