/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom.h - finding the platform VMI ROM and choosing the ROM the guest uses.
 */
#ifndef VMITEST_ROM_H
#define VMITEST_ROM_H

#include <stdint.h>
#include "rom-layout/rom_private.h"

/*
 * The kernel's high mapping of low memory: physical address pa is also at
 * linear VMI_PAGE_OFFSET + pa (VMI Linux's PAGE_OFFSET, phys_to_virt()).
 * The platform ROM's Init is called through it; see rom_select().
 */
#define VMI_PAGE_OFFSET	0xC0000000u

static inline uintptr_t phys_to_high(uintptr_t pa)
{
	return VMI_PAGE_OFFSET + pa;
}

/* How VMI calls reach a ROM after Init. */
enum rom_route {
	ROM_ROUTE_NATIVE,	/* the compiled-in native ROM */
	ROM_ROUTE_COPY,		/* the platform ROM's copy in vmi_rom_area */
	ROM_ROUTE_INPLACE,	/* the platform ROM in the window (rom=inplace) */
};

/* Outcome of rom_select(), kept for the boot lines and the rom.* tests. */
struct rom_state {
	uintptr_t platform;		/* platform ROM found, 0 if none */
	uint32_t platform_len;		/* its romLength * 512 (when found) */
	int too_large;			/* refused: does not fit vmi_rom_area */
	uintptr_t platform_init_at;	/* where its Init was called, 0: not */
	int platform_init;		/* its Init result (when called) */
	int native;			/* 1: the native ROM is in use */
	uintptr_t init_at;		/* where the ROM in use's Init was called */
	int init;			/* Init result of the ROM in use */
	enum rom_route route;		/* how later calls reach the ROM */
};

extern struct rom_state rom_state;

/* The compiled-in native ROM (native_rom.S). */
extern const uint8_t native_rom[];

/* The calls the native ROM does not implement, 0xff-terminated. */
extern const uint8_t native_rom_missing[];

/*
 * The area reserved inside the guest's image for the copy of the platform
 * ROM (guest.ld, like VMI Linux's __VMI_START..__VMI_END).
 */
extern uint8_t vmi_rom_area[], vmi_rom_area_end[];

static inline uint32_t rom_area_size(void)
{
	return (uint32_t)(vmi_rom_area_end - vmi_rom_area);
}

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

/* romLength * 512 of the ROM image at rom. */
static inline uint32_t rom_length(uintptr_t rom)
{
	return (uint32_t)phys_ptr(rom)[VMI_HDR_ROM_LENGTH] * 512;
}

/* 8-bit sum of len bytes at rom (0 for a valid option ROM). */
uint8_t rom_checksum(uintptr_t rom, uint32_t len);

/* 1 if a valid VMI ROM (API 13) starts at rom, else 0. */
int rom_is_vmi(uintptr_t rom);

/* First VMI ROM in the option-ROM window, or 0. */
uintptr_t rom_find(void);

/*
 * Scan, Init the platform ROM through the high mapping, then route every
 * later call through its copy in vmi_rom_area (or, with inplace, through
 * the window); fall back to the native ROM.  Sets vmi_rom_base.
 */
void rom_select(int inplace);

/*
 * 1 if the ROM in use implements call nr.  A vmi-xen platform ROM lists
 * its calls in its private block (rom_private.h), the native ROM in
 * native_rom_missing; any other ROM is taken to implement everything.  Lets a case report a missing call instead of
 * ending the run in the ROM's not-implemented handler.
 */
int rom_call_implemented(unsigned int nr);

#endif /* VMITEST_ROM_H */
