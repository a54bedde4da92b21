// SPDX-License-Identifier: GPL-2.0
/*
 * ports.c - the IN/OUT/INS/OUTS front end (entries: shim/ports_entry.S).
 *
 * COM1 (0x3F8-0x3FF) is a 16550 model whose transmitted bytes go to the Xen
 * console.  Every other port is accessed with the real instruction: the
 * guest kernel runs in ring 1 with the virtual IOPL that VMI_Init asked for,
 * so Xen traps and emulates the access against the domain's I/O permissions
 * (a port the domain may not use reads as all ones and ignores writes).
 * Wider accesses to COM1 are split into byte accesses, as the ISA bus does.
 *
 * Never: let a guest access reach a device model with another access size
 * than the model's registers have.
 */
#include "shim/shim.h"
#include "xenif/stats.h"
#include "shim/dev/uart16550.h"
#include "xenif/console.h"
#include "xenif/pio.h"

#define COM1_BASE	UART16550_COM1_BASE
#define COM1_LAST	(UART16550_COM1_BASE + UART16550_NR_REGS - 1)

static struct uart16550 com1;
static uint8_t com1_ready;

static struct uart16550 *com1_uart(void)
{
	if (!com1_ready) {
		uart16550_reset(&com1);
		com1_ready = 1;
	}
	return &com1;
}

static uint8_t com1_read(uint32_t port)
{
	return uart16550_read(com1_uart(), port - COM1_BASE);
}

static void com1_write(uint32_t port, uint8_t val)
{
	uint8_t tx;

	if (uart16550_write(com1_uart(), port - COM1_BASE, val, &tx))
		console_putc((char)tx);
}

static int is_com1(uint32_t port)
{
	return port >= COM1_BASE && port <= COM1_LAST;
}

static uint32_t do_in(uint32_t port, uint32_t size)
{
	uint32_t v = 0, i;

	port &= 0xffff;
	if (!is_com1(port) && !is_com1(port + size - 1))
		return pio_in(port, size);
	for (i = 0; i < size; i++) {
		uint32_t p = (port + i) & 0xffff;
		uint32_t b = is_com1(p) ? com1_read(p) : pio_in(p, 1);

		v |= b << (8 * i);
	}
	return v;
}

static void do_out(uint32_t port, uint32_t size, uint32_t value)
{
	uint32_t i;

	port &= 0xffff;
	if (!is_com1(port) && !is_com1(port + size - 1)) {
		pio_out(port, size, value);
		return;
	}
	for (i = 0; i < size; i++) {
		uint32_t p = (port + i) & 0xffff;
		uint8_t b = value >> (8 * i);

		if (is_com1(p))
			com1_write(p, b);
		else
			pio_out(p, 1, b);
	}
}

/*
 * The port calls are CUSTOM (shim/ports_entry.S), so their slots do not
 * count them (shim/call_count.S): each is counted here, by size and kind,
 * and made the owner its hypercalls are charged to (xenif/stats.h).
 */
static void count_call(uint32_t nr)
{
	xen_owner_stats[nr].calls++;
	xen_stats_owner = nr;
}

static uint32_t by_size(uint32_t size, uint32_t nr1, uint32_t nr2,
			uint32_t nr4)
{
	return size == 1 ? nr1 : size == 2 ? nr2 : nr4;
}

uint32_t VMI_ENTRY port_in(uint32_t port, uint32_t size)
{
	count_call(by_size(size, VMI_NR_INB, VMI_NR_INW, VMI_NR_IN));
	return do_in(port, size);
}

void VMI_ENTRY port_out(uint32_t port, uint32_t size, uint32_t value)
{
	count_call(by_size(size, VMI_NR_OUTB, VMI_NR_OUTW, VMI_NR_OUT));
	do_out(port, size, value);
}

/* Saved by port_string_common (shim/ports_entry.S). */
struct string_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t eflags;
	uint32_t kind;			/* size | out << 8 */
};

#define EFLAGS_DF	0x400	/* string direction */

void VMI_ENTRY port_string(struct string_frame *f)
{
	uint32_t size = f->kind & 0xff;
	int out = (f->kind >> 8) & 1;
	int32_t step = (f->eflags & EFLAGS_DF) ? -(int32_t)size : (int32_t)size;
	uint32_t port = f->edx & 0xffff;

	count_call(out ? by_size(size, VMI_NR_OUTSB, VMI_NR_OUTSW, VMI_NR_OUTS) :
		   by_size(size, VMI_NR_INSB, VMI_NR_INSW, VMI_NR_INS));
	for (; f->ecx; f->ecx--) {
		if (out) {
			const uint8_t *src = (const uint8_t *)(uintptr_t)f->esi;
			uint32_t v = src[0];

			if (size > 1)
				v |= (uint32_t)src[1] << 8;
			if (size > 2)
				v |= (uint32_t)src[2] << 16 |
				     (uint32_t)src[3] << 24;
			do_out(port, size, v);
			f->esi += step;
		} else {
			uint8_t *dst = (uint8_t *)(uintptr_t)f->edi;
			uint32_t v = do_in(port, size), i;

			for (i = 0; i < size; i++)
				dst[i] = v >> (8 * i);
			f->edi += step;
		}
	}
}
