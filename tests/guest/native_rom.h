/* SPDX-License-Identifier: GPL-2.0 */
/*
 * native_rom.h - the C half of the native ROM (native_rom.S): the time,
 * alarm, APIC and port calls too long for assembly, and the state they
 * share.  native_rom.S enters them with the call's own registers, so each
 * is regparm(3) with exactly the call's Appendix B prototype; the ones
 * that can refuse their input return nonzero for "inject #GP(0) at the
 * call" and native_rom.S does the injecting.
 *
 * These run on bare hardware in ring 0 with the guest's IDT (or none),
 * with interrupts as the caller left them: they must not print, must not
 * make VMI calls (they are the VMI calls) and must not enable interrupts.
 *
 * Never: be called through a platform ROM route (they drive the hardware).
 */
#ifndef VMITEST_NATIVE_ROM_H
#define VMITEST_NATIVE_ROM_H

/* OUTB/OUTW/OUT to a port up to this go through native_port_out. */
#define NATIVE_SHADOWED_PORT_MAX	0xa1

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "vmi.h"			/* the counters and alarm flags */

#define NATIVE_CALL	__attribute__((regparm(3), used))

/* The TSC rate found at Init (GetCycleFrequency reads it). */
extern uint64_t native_cycle_hz;

/* Init: calibration, the RTC, the PIC shadow reset (native_time.c). */
void native_time_init(void) NATIVE_CALL;

uint64_t native_get_cycle_counter(uint32_t counter) NATIVE_CALL;
uint64_t native_get_wallclock_time(void) NATIVE_CALL;
void native_set_alarm(uint32_t flags, uint64_t expiry, uint64_t period)
	NATIVE_CALL;
uint32_t native_cancel_alarm(uint32_t flags) NATIVE_CALL;

/* APICWrite; nonzero: refused (native_io.c). */
int native_apic_write(uint32_t reg, uint32_t value) NATIVE_CALL;

/*
 * OUTB/OUTW/OUT to a port up to NATIVE_SHADOWED_PORT_MAX (size 1, 2, 4):
 * the 8259 initialisation shadow and the alarms' claim on PIT channel 0;
 * does the write; nonzero: refused, nothing written (native_io.c).
 */
int native_port_out(uint32_t value, uint32_t port, uint32_t size)
	NATIVE_CALL;

/* Between native_time.c and native_io.c. */
void native_pic_reset(void);
void native_apic_seen(uintptr_t reg);
void native_pit_claimed(void);		/* the guest programmed channel 0 */
void native_lvtt_claimed(void);		/* ... or the APIC timer */
/* LVTT value to write: the running LVTT alarm's timer mode kept. */
uint32_t native_lvtt_merge(uint32_t value);

/* Port I/O for the native ROM's C. */
static inline void native_outb(uint8_t v, uint16_t port)
{
	asm volatile("outb %0, %1" : : "a" (v), "Nd" (port) : "memory");
}

static inline uint8_t native_inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a" (v) : "Nd" (port) : "memory");
	return v;
}

#endif /* __ASSEMBLER__ */
#endif /* VMITEST_NATIVE_ROM_H */
