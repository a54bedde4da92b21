// SPDX-License-Identifier: GPL-2.0
/*
 * rom.c - VMI ROM detection (spec section 4) and the choice between the
 * platform ROM and the compiled-in native ROM (transparent
 * paravirtualization), and whether the ROM in use implements a call.
 */
#include <stddef.h>
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
	len = (uint32_t)p[VMI_HDR_ROM_LENGTH] * 512;
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

void rom_select(void)
{
	rom_state.platform = rom_find();
	if (rom_state.platform) {
		rom_state.platform_init = (int)vmi_call_at(rom_state.platform,
							   VMI_CALL_Init, 0, 0, 0);
		if (rom_state.platform_init != -1) {
			vmi_rom_base = rom_state.platform;
			rom_state.native = 0;
			rom_state.init = rom_state.platform_init;
			return;
		}
	}
	vmi_rom_base = (uintptr_t)native_rom;
	rom_state.native = 1;
	rom_state.init = (int)vmi_call(VMI_CALL_Init, 0, 0, 0);
}

int rom_call_implemented(unsigned int nr)
{
	uintptr_t rom = vmi_rom_base;
	uint32_t len, priv, status;
	const volatile uint8_t *p;

	if (nr >= VMI_NR_SLOTS)
		return 0;
	if (rom_state.native)
		return 1;
	/* A vmi-xen ROM says so in its private block; others: assume yes. */
	len = (uint32_t)phys_ptr(rom)[VMI_HDR_ROM_LENGTH] * 512;
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
