// SPDX-License-Identifier: GPL-2.0
/*
 * ports.c - the IN/OUT/INS/OUTS front end (entries: shim/ports_entry.S).
 *
 * The small PC a VMI kernel drives is modelled: COM1 (0x3F8-0x3FF, a 16550
 * on Xen's console, shim/dev/com1.h), the 8259 pair (0x20/0x21, 0xA0/0xA1,
 * events/intc.h), the 8254 PIT (0x40-0x43, 0x61) and the CMOS RTC (0x70,
 * 0x71, time/pc_timers.h).  Every other port is accessed with the real
 * instruction: the guest kernel runs in ring 1 with the virtual IOPL that
 * VMI_Init asked for, so Xen traps and emulates the access against the
 * domain's I/O permissions (a port the domain may not use reads as all ones
 * and ignores writes).  Wider accesses to modelled ports are split into byte
 * accesses, as the ISA bus does.  A byte a model refuses (an 8259 ICW out
 * of order, say) gets a diagnostic and #GP at the OUT call, with nothing
 * written: a wide OUT's bytes are tried on a copy of the model first; a
 * refused OUTS element leaves ECX and ESI at it, as a faulting REP OUTS.
 *
 * Never: let a guest access reach a device model with another access size
 * than the model's registers have.
 */
#include "shim/shim.h"
#include "events/events.h"
#include "events/intc.h"
#include "events/pic8259.h"
#include "shim/dev/com1.h"
#include "time/pc_timers.h"
#include "xenif/console.h"
#include "xenif/pio.h"
#include "xenif/stats.h"

/* Which model a byte port belongs to, if any. */
enum port_owner { PORT_PASS, PORT_COM1, PORT_PIC, PORT_PIT, PORT_RTC };

static enum port_owner owner_of(uint32_t port)
{
	if (com1_is_port(port))
		return PORT_COM1;
	if (intc_pic_is_port(port))
		return PORT_PIC;
	if (time_pit_is_port(port))
		return PORT_PIT;
	if (time_rtc_is_port(port))
		return PORT_RTC;
	return PORT_PASS;
}

static uint8_t model_in(enum port_owner o, uint32_t port)
{
	if (o != PORT_PASS)
		events_poll();
	switch (o) {
	case PORT_COM1:
		return com1_read(port);
	case PORT_PIC:
		return intc_pic_read(port);
	case PORT_PIT:
		return time_pit_read(port);
	case PORT_RTC:
		return time_rtc_read(port);
	default:
		return (uint8_t)pio_in(port, 1);
	}
}

/*
 * 0, or 1 when the model refused the byte (the diagnostic is printed; the
 * OUT call then injects #GP).  An EOI with nothing in service is the one
 * refusal the 8259 itself ignores, and so does the shim, after saying so.
 */
static int model_out(enum port_owner o, uint32_t port, uint8_t val,
		     uint32_t nr)
{
	const char *why;
	int rc;

	if (o != PORT_PASS)
		events_poll();
	switch (o) {
	case PORT_COM1:
		com1_write(port, val);
		return 0;
	case PORT_PIC:
		rc = intc_pic_write(port, val);
		why = rc ? intc_pic_strerror(rc) : 0;
		if (rc == PIC_ERR_EOI_IDLE) {
			console_printf("vmi: %s(port=%04x, value=%02x): %s; ignored, as the 8259 does\n",
				       vmi_call_name(nr), port, val, why);
			return 0;
		}
		break;
	case PORT_PIT:
		rc = time_pit_write(port, val);
		why = rc ? time_pit_strerror(rc) : 0;
		break;
	case PORT_RTC:
		rc = time_rtc_write(port, val);
		why = rc ? time_rtc_strerror(rc) : 0;
		break;
	default:
		pio_out(port, 1, val);
		return 0;
	}
	if (!rc)
		return 0;
	console_printf("vmi: %s(port=%04x, value=%02x): %s; injecting #GP\n",
		       vmi_call_name(nr), port, val, why);
	return 1;
}

static uint32_t do_in(uint32_t port, uint32_t size)
{
	uint32_t v = 0, i;

	port &= 0xffff;
	if (owner_of(port) == PORT_PASS &&
	    owner_of((port + size - 1) & 0xffff) == PORT_PASS)
		return pio_in(port, size);
	for (i = 0; i < size; i++) {
		uint32_t p = (port + i) & 0xffff;

		v |= (uint32_t)model_in(owner_of(p), p) << (8 * i);
	}
	return v;
}

/*
 * A wide OUT reaching a model that may refuse a byte: all its bytes for
 * that model tried first on a copy, so that a refusal writes none of them
 * (the call changes nothing).  0, or 1 after the diagnostic.
 */
static int out_refused(uint32_t port, uint32_t size, uint32_t value,
		       uint32_t nr)
{
	static const enum port_owner refusing[] = {
		PORT_PIC, PORT_PIT, PORT_RTC,
	};
	uint16_t ports[4];
	uint8_t vals[4];
	unsigned int k, i, n;
	int rc;

	for (k = 0; k < sizeof(refusing) / sizeof(refusing[0]); k++) {
		for (i = n = 0; i < size; i++) {
			uint16_t p = (port + i) & 0xffff;

			if (owner_of(p) == refusing[k]) {
				ports[n] = p;
				vals[n++] = (uint8_t)(value >> (8 * i));
			}
		}
		if (!n)
			continue;
		rc = refusing[k] == PORT_PIC ? intc_pic_try(ports, vals, n) :
		     refusing[k] == PORT_PIT ? time_pit_try(ports, vals, n) :
					       time_rtc_try(ports, vals, n);
		if (rc) {
			console_printf("vmi: %s(port=%04x, value=%x): %s; nothing written; injecting #GP\n",
				       vmi_call_name(nr), port, value,
				       refusing[k] == PORT_PIC ?
				       intc_pic_strerror(rc) :
				       refusing[k] == PORT_PIT ?
				       time_pit_strerror(rc) :
				       time_rtc_strerror(rc));
			return 1;
		}
	}
	return 0;
}

/*
 * 0, or 1 when a model refused the value (then nothing was written); nr is
 * the call, named only in a diagnostic.
 */
static int do_out(uint32_t port, uint32_t size, uint32_t value, uint32_t nr)
{
	enum port_owner o;
	uint32_t i;

	port &= 0xffff;
	o = owner_of(port);
	if (size == 1 && o != PORT_PASS)	/* the common OUTB to a model */
		return model_out(o, port, (uint8_t)value, nr);
	if (o == PORT_PASS &&
	    owner_of((port + size - 1) & 0xffff) == PORT_PASS) {
		pio_out(port, size, value);
		return 0;
	}
	if (size > 1) {
		events_poll();
		if (out_refused(port, size, value, nr))
			return 1;
	}
	for (i = 0; i < size; i++) {
		uint32_t p = (port + i) & 0xffff;

		if (model_out(owner_of(p), p, (uint8_t)(value >> (8 * i)),
			      nr))
			return 1;
	}
	return 0;
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

/*
 * The models are shared with the upcall (a timer edge, console input), so
 * events stay masked while one is used; what arrived meanwhile is
 * delivered when the call ends (events_release).
 */
uint32_t VMI_ENTRY port_in(uint32_t port, uint32_t size)
{
	uint8_t held;
	uint32_t v;

	count_call(by_size(size, VMI_NR_INB, VMI_NR_INW, VMI_NR_IN));
	held = events_hold();
	v = do_in(port, size);
	events_release(held);
	return v;
}

/* 0, or 1: a model refused the value; the OUT call injects #GP. */
int VMI_ENTRY port_out(uint32_t port, uint32_t size, uint32_t value)
{
	uint32_t nr = by_size(size, VMI_NR_OUTB, VMI_NR_OUTW, VMI_NR_OUT);
	uint8_t held;
	int refused;

	count_call(nr);
	held = events_hold();
	refused = do_out(port, size, value, nr);
	events_release(held);
	return refused;
}

/* Saved by port_string_common (shim/ports_entry.S). */
struct string_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t eflags;
	uint32_t kind;			/* size | out << 8 */
};

#define EFLAGS_DF	0x400	/* string direction */

/*
 * 0, or 1 when a model refused an OUTS element: ECX and ESI then stand at
 * it, as a faulting REP OUTS leaves them, and the call injects #GP.
 */
int VMI_ENTRY port_string(struct string_frame *f)
{
	uint32_t size = f->kind & 0xff;
	int out = (f->kind >> 8) & 1;
	int32_t step = (f->eflags & EFLAGS_DF) ? -(int32_t)size : (int32_t)size;
	uint32_t port = f->edx & 0xffff;

	uint32_t nr = out ? by_size(size, VMI_NR_OUTSB, VMI_NR_OUTSW,
				    VMI_NR_OUTS) :
			    by_size(size, VMI_NR_INSB, VMI_NR_INSW, VMI_NR_INS);
	uint8_t held;

	count_call(nr);
	held = events_hold();
	for (; f->ecx; f->ecx--) {
		if (out) {
			const uint8_t *src = (const uint8_t *)(uintptr_t)f->esi;
			uint32_t v = src[0];

			if (size > 1)
				v |= (uint32_t)src[1] << 8;
			if (size > 2)
				v |= (uint32_t)src[2] << 16 |
				     (uint32_t)src[3] << 24;
			if (do_out(port, size, v, nr)) {
				events_release(held);
				return 1;
			}
			f->esi += step;
		} else {
			uint8_t *dst = (uint8_t *)(uintptr_t)f->edi;
			uint32_t v = do_in(port, size), i;

			for (i = 0; i < size; i++)
				dst[i] = v >> (8 * i);
			f->edi += step;
		}
	}
	events_release(held);
	return 0;
}
