// SPDX-License-Identifier: GPL-2.0
/*
 * rom.c - VMI ROM detection (spec section 4) and the choice between the
 * platform ROM and the compiled-in native ROM (transparent
 * paravirtualization), and whether the ROM in use implements a call.
 *
 * The platform ROM is found and entered the way the VMI Linux kernel does
 * it: the window is probed in 2 KiB steps, VMI_Init is called in place
 * through the kernel's high mapping of low memory (VMI_PAGE_OFFSET + the
 * ROM's physical address, not the identity address), then romLength * 512
 * bytes are copied into an area reserved inside the guest's own image and
 * every later call goes through that copy.  rom=inplace keeps calling the
 * ROM in the window (identity address) after Init instead.
 */
#include <stddef.h>
#include "kstring.h"
#include "rom.h"
#include "vmi.h"

uintptr_t vmi_rom_base;
struct rom_state rom_state;

uint8_t rom_checksum(uintptr_t rom, uint32_t len)
{
	const volatile uint8_t *p = phys_ptr(rom);
	uint8_t sum = 0;
	uint32_t i;

	for (i = 0; i < len; i++)
		sum += p[i];
	return sum;
}

int rom_is_vmi(uintptr_t rom)
{
	const volatile uint8_t *p = phys_ptr(rom);
	uint32_t len;

	if (p[0] != 0x55 || p[1] != 0xAA)
		return 0;
	len = rom_length(rom);
	if (len == 0 || rom + len > VMI_ROM_WINDOW_END)
		return 0;
	if (rom_checksum(rom, len) != 0)
		return 0;
	if (rom_read32(rom, VMI_HDR_VMI_SIG) != VMI_SIGNATURE)
		return 0;
	return p[VMI_HDR_API_MAJOR] == VMI_API_REV_MAJOR;
}

uintptr_t rom_find(void)
{
	uintptr_t rom;

	for (rom = VMI_ROM_WINDOW_START; rom < VMI_ROM_WINDOW_END;
	     rom += VMI_ROM_SCAN_STEP)
		if (rom_is_vmi(rom))
			return rom;
	return 0;
}

/*
 * The platform ROM: Init in place through the high mapping, then the
 * route asked for.  Returns 0 if the guest must fall back to the native
 * ROM (the ROM does not fit the area, or Init returned -1).
 *
 * The guest relies on low memory being mapped at VMI_PAGE_OFFSET at start
 * of day, as the VMI Linux kernel relies on its own PAGE_OFFSET mapping
 * (which it has built by then): the platform's start-of-day paging
 * provides it (vmi-xen: the initial mapping of guest-physical low memory
 * at 0xC0000000, docs/boot.md's entry state), and on bare hardware the
 * native ROM's Init builds it too, so the same binary sees the same
 * mapping.  The copy is read through the same mapping.
 */
static int platform_select(uintptr_t rom, int inplace)
{
	uintptr_t high = phys_to_high(rom);
	uint32_t len = rom_length(rom);

	rom_state.platform_len = len;
	if (!inplace && len > rom_area_size()) {
		rom_state.too_large = 1;	/* refused before Init */
		return 0;
	}
	rom_state.platform_init_at = high;
	rom_state.platform_init = (int)vmi_call_at(high, VMI_CALL_Init,
						   0, 0, 0);
	if (rom_state.platform_init == -1)
		return 0;
	if (inplace) {
		vmi_rom_base = rom;
		rom_state.route = ROM_ROUTE_INPLACE;
	} else {
		/* Code written now and run later: the area is not NX. */
		memcpy(vmi_rom_area, (const void *)phys_ptr(high), len);
		vmi_rom_base = (uintptr_t)vmi_rom_area;
		rom_state.route = ROM_ROUTE_COPY;
	}
	rom_state.native = 0;
	rom_state.init_at = high;
	rom_state.init = rom_state.platform_init;
	return 1;
}

void rom_select(int inplace)
{
	rom_state.platform = rom_find();
	if (rom_state.platform && platform_select(rom_state.platform, inplace))
		return;
	/* Paging is off on bare hardware until this Init: identity address. */
	vmi_rom_base = (uintptr_t)native_rom;
	rom_state.native = 1;
	rom_state.route = ROM_ROUTE_NATIVE;
	rom_state.init_at = vmi_rom_base;
	rom_state.init = (int)vmi_call(VMI_CALL_Init, 0, 0, 0);
}

int rom_call_implemented(unsigned int nr)
{
	uintptr_t rom = vmi_rom_base;
	uint32_t len, priv, status;
	const volatile uint8_t *p;

	if (nr >= VMI_NR_SLOTS)
		return 0;
	if (rom_state.native) {
		const uint8_t *m;

		for (m = native_rom_missing; *m != 0xff; m++)
			if (*m == nr)
				return 0;
		return 1;
	}
	/*
	 * A vmi-xen ROM says so in its private block; others: assume yes.
	 * Read from the ROM the calls go through (the copy, by default).
	 */
	len = rom_length(rom);
	priv = rom_read32(rom, VMI_HDR_PRIVATE);
	if (priv == 0 || priv + sizeof(struct vmix_rom_private) > len ||
	    rom_read32(rom, priv) != VMIX_PRIV_MAGIC)
		return 1;
	status = rom_read32(rom, priv + offsetof(struct vmix_rom_private,
						 status_off));
	if (status == 0 || status + VMI_NR_SLOTS > len)
		return 1;
	p = phys_ptr(rom + status);
	return p[nr] == VMIX_CALL_IMPL;
}
