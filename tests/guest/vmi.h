/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmi.h - VMI call numbers and the C wrappers the test guest uses to make
 * VMI calls through the ROM in use (platform or native).
 *
 * Call N lives at vmi_rom_base + N * 32.  The wrappers are deliberately
 * conservative: they assume the C (regparm(3)) clobbers for every call so
 * that a ROM with a wrong clobber list cannot break the guest itself; the
 * exact register conventions are checked by the abi.* test cases through
 * abi_probe().
 */
#ifndef VMITEST_VMI_H
#define VMITEST_VMI_H

#include <stdint.h>
#include "rom-layout/rom_private.h"

enum vmi_call_nr {
#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) VMI_CALL_##name = nr,
#include "shim/calls.def"
#undef VMI_CALL
};

#define VMI_REBOOT_SOFT		0x0
#define VMI_REBOOT_HARD		0x1
#define VMI_IF_MASK		0x200

/* The time interface (vmi_interface_rev13.h): counters and alarm flags. */
#define VMI_CYCLES_REAL		0
#define VMI_CYCLES_AVAILABLE	1
#define VMI_CYCLES_STOLEN	2
#define VMI_ALARM_COUNTER_MASK	0x000000ff
#define VMI_ALARM_WIRED_IRQ0	0x00000000
#define VMI_ALARM_WIRED_LVTT	0x00010000
#define VMI_ALARM_IS_ONESHOT	0x00000000
#define VMI_ALARM_IS_PERIODIC	0x00000100

/* Base (linear = physical) of the ROM all calls go through. */
extern uintptr_t vmi_rom_base;

static inline uintptr_t vmi_slot_at(uintptr_t rom, unsigned int nr)
{
	return rom + nr * VMI_SLOT_SIZE;
}

static inline uintptr_t vmi_slot(unsigned int nr)
{
	return vmi_slot_at(vmi_rom_base, nr);
}

/* Call slot nr of the ROM at rom with EAX, EDX, ECX loaded; returns EAX. */
static inline uint32_t vmi_call_at(uintptr_t rom, unsigned int nr,
				   uint32_t eax, uint32_t edx, uint32_t ecx)
{
	uintptr_t fn = vmi_slot_at(rom, nr);

	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (fn)
		     : "cc", "memory");
	return eax;
}

static inline uint32_t vmi_call(unsigned int nr, uint32_t eax, uint32_t edx,
				uint32_t ecx)
{
	return vmi_call_at(vmi_rom_base, nr, eax, edx, ecx);
}

/* A call returning EDX:EAX. */
static inline uint64_t vmi_call64(unsigned int nr, uint32_t eax, uint32_t edx,
				  uint32_t ecx)
{
	uintptr_t fn = vmi_slot(nr);

	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (fn)
		     : "cc", "memory");
	return ((uint64_t)edx << 32) | eax;
}

static inline void vmi_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
	uint32_t a = leaf, b, c = subleaf, d;

	asm volatile("call *%[fn]"
		     : "+a" (a), "=b" (b), "+c" (c), "=d" (d)
		     : [fn] "r" (vmi_slot(VMI_CALL_CPUID))
		     : "cc", "memory");
	out[0] = a;
	out[1] = b;
	out[2] = c;
	out[3] = d;
}

static inline void vmi_enable_interrupts(void)
{
	vmi_call(VMI_CALL_EnableInterrupts, 0, 0, 0);
}

static inline void vmi_disable_interrupts(void)
{
	vmi_call(VMI_CALL_DisableInterrupts, 0, 0, 0);
}

static inline uint32_t vmi_get_interrupt_mask(void)
{
	return vmi_call(VMI_CALL_GetInterruptMask, 0, 0, 0);
}

static inline void vmi_set_interrupt_mask(uint32_t mask)
{
	vmi_call(VMI_CALL_SetInterruptMask, mask, 0, 0);
}

static inline void vmi_pause(void)
{
	vmi_call(VMI_CALL_Pause, 0, 0, 0);
}

static inline void vmi_reboot(uint32_t how)
{
	vmi_call(VMI_CALL_Reboot, how, 0, 0);
}

static inline void vmi_shutdown(void)
{
	vmi_call(VMI_CALL_Shutdown, 0, 0, 0);
}

static inline void vmi_iodelay(void)
{
	vmi_call(VMI_CALL_IODelay, 0, 0, 0);
}

static inline uint8_t vmi_inb(uint16_t port)
{
	return (uint8_t)vmi_call(VMI_CALL_INB, 0, port, 0);
}

static inline uint16_t vmi_inw(uint16_t port)
{
	return (uint16_t)vmi_call(VMI_CALL_INW, 0, port, 0);
}

static inline uint32_t vmi_inl(uint16_t port)
{
	return vmi_call(VMI_CALL_IN, 0, port, 0);
}

static inline void vmi_outb(uint8_t value, uint16_t port)
{
	vmi_call(VMI_CALL_OUTB, value, port, 0);
}

static inline void vmi_outw(uint16_t value, uint16_t port)
{
	vmi_call(VMI_CALL_OUTW, value, port, 0);
}

static inline void vmi_outl(uint32_t value, uint16_t port)
{
	vmi_call(VMI_CALL_OUT, value, port, 0);
}

/* Halt: "sti; hlt" -- returns after the waking interrupt, IF set. */
static inline void vmi_halt(void)
{
	vmi_call(VMI_CALL_Halt, 0, 0, 0);
}

/* APIC calls: the register's linear address (apic.h: APIC_VBASE + off). */
static inline void vmi_apic_write(uint32_t reg, uint32_t value)
{
	vmi_call(VMI_CALL_APICWrite, reg, value, 0);
}

static inline uint32_t vmi_apic_read(uint32_t reg)
{
	return vmi_call(VMI_CALL_APICRead, reg, 0, 0);
}

/* Timer calls (Appendix B, regparm(3)). */
static inline uint64_t vmi_get_wallclock_time(void)
{
	return vmi_call64(VMI_CALL_GetWallclockTime, 0, 0, 0);
}

static inline uint32_t vmi_wallclock_updated(void)
{
	return vmi_call(VMI_CALL_WallclockUpdated, 0, 0, 0);
}

static inline uint64_t vmi_get_cycle_frequency(void)
{
	return vmi_call64(VMI_CALL_GetCycleFrequency, 0, 0, 0);
}

static inline uint64_t vmi_get_cycle_counter(uint32_t counter)
{
	return vmi_call64(VMI_CALL_GetCycleCounter, counter, 0, 0);
}

/*
 * SetAlarm(flags, expiry, period): EAX flags, then the 64-bit expiry in
 * EDX (low) and ECX (high), the registers regparm(3) has left; the
 * 64-bit period goes on the stack, low word at 4(%esp).
 */
static inline void vmi_set_alarm(uint32_t flags, uint64_t expiry,
				 uint64_t period)
{
	uintptr_t fn = vmi_slot(VMI_CALL_SetAlarm);
	uint32_t a = flags, d = (uint32_t)expiry, c = (uint32_t)(expiry >> 32);

	asm volatile("pushl %[hi]\n\t"
		     "pushl %[lo]\n\t"
		     "call *%[fn]\n\t"
		     "addl $8, %%esp"
		     : "+a" (a), "+d" (d), "+c" (c)
		     : [fn] "r" (fn), [lo] "r" ((uint32_t)period),
		       [hi] "r" ((uint32_t)(period >> 32))
		     : "cc", "memory");
}

static inline uint32_t vmi_cancel_alarm(uint32_t flags)
{
	return vmi_call(VMI_CALL_CancelAlarm, flags, 0, 0);
}

#endif /* VMITEST_VMI_H */
