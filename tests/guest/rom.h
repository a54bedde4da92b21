/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom.h - finding the platform VMI ROM and choosing the ROM the guest uses.
 */
#ifndef VMITEST_ROM_H
#define VMITEST_ROM_H

#include <stdint.h>

/* Outcome of rom_select(), kept for the boot lines and the rom.* tests. */
struct rom_state {
	uintptr_t platform;		/* platform ROM found, 0 if none */
	int platform_init;		/* its Init result (when found) */
	int native;			/* 1: the native ROM is in use */
	int init;			/* Init result of the ROM in use */
};

extern struct rom_state rom_state;

/* The compiled-in native ROM (native_rom.S). */
extern const uint8_t native_rom[];

/* Physical address as a pointer the compiler cannot reason about. */
static inline const volatile uint8_t *phys_ptr(uintptr_t pa)
{
	asm("" : "+r" (pa));
	return (const volatile uint8_t *)pa;
}

static inline uint32_t rom_read32(uintptr_t rom, unsigned int off)
{
	const volatile uint8_t *p = phys_ptr(rom + off);

	return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* 8-bit sum of len bytes at rom (0 for a valid option ROM). */
uint8_t rom_checksum(uintptr_t rom, uint32_t len);

/* 1 if a valid VMI ROM (API 13) starts at rom, else 0. */
int rom_is_vmi(uintptr_t rom);

/* First VMI ROM in the option-ROM window, or 0. */
uintptr_t rom_find(void);

/* Scan, Init the platform ROM, fall back to the native ROM; sets vmi_rom_base. */
void rom_select(void);

/*
 * 1 if the ROM in use implements call nr.  A vmi-xen platform ROM lists
 * its calls in its private block (rom_private.h); any other ROM is taken
 * to implement everything.  Lets a case report a missing call instead of
 * ending the run in the ROM's not-implemented handler.
 */
int rom_call_implemented(unsigned int nr);

#endif /* VMITEST_ROM_H */
