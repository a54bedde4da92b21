// SPDX-License-Identifier: GPL-2.0
/*
 * test_rom.c - rom.* cases: the header of the ROM in use, its Init result,
 * where Init was called and where later calls go (the platform ROM's copy
 * in the guest's image, or the ROM in place with rom=inplace), and the
 * virtual top it announces.
 */
#include "kstring.h"
#include "multiboot.h"
#include "rom.h"
#include "test.h"
#include "vmi.h"

TEST_CASE(rom, header)
{
	const volatile uint8_t *rom = phys_ptr(vmi_rom_base);
	uint32_t sig = rom_read32(vmi_rom_base, VMI_HDR_VMI_SIG);
	uint32_t len = (uint32_t)rom[VMI_HDR_ROM_LENGTH] * 512;
	uint8_t sum;

	check(t, rom[0] == 0x55 && rom[1] == 0xaa,
	      "ROM signature %02x %02x, expected 55 aa", rom[0], rom[1]);
	check(t, sig == VMI_SIGNATURE,
	      "hyperSignature 0x%08x, expected 0x%08x (\"cVmi\")",
	      sig, VMI_SIGNATURE);
	check(t, rom[VMI_HDR_API_MAJOR] == VMI_API_REV_MAJOR,
	      "API major %u, expected %u", rom[VMI_HDR_API_MAJOR],
	      VMI_API_REV_MAJOR);
	if (rom_state.native)
		return;
	check(t, len != 0, "ROM length 0");
	sum = rom_checksum(vmi_rom_base, len);
	check(t, sum == 0, "checksum of %u bytes is 0x%02x, expected 0",
	      len, sum);
}

TEST_CASE(rom, init)
{
	if (rom_state.too_large)
		fail(t, "platform ROM at 0x%05x refused: %u bytes, the area for its copy holds %u",
		     (unsigned int)rom_state.platform,
		     rom_state.platform_len, rom_area_size());
	else if (rom_state.platform && rom_state.native)
		fail(t, "platform ROM at 0x%05x refused: Init returned %d",
		     (unsigned int)rom_state.platform,
		     rom_state.platform_init);
	check(t, rom_state.init == 0, "%s ROM Init returned %d, expected 0",
	      rom_state.native ? "native" : "platform", rom_state.init);
}

/*
 * The platform ROM announces where the hypervisor's hole starts: nonzero,
 * page aligned, at most 0xF5800000 (the start of Xen's compat hole), and
 * above all usable memory.  The native ROM has no hole and may say 0.
 */
TEST_CASE(rom, virtual_top)
{
	uint32_t top = rom_read32(vmi_rom_base, VMI_HDR_VIRTUAL_TOP);
	struct mb_region r[MB_MAX_REGIONS];
	int i, n;

	if (rom_state.native && top == 0)
		return;			/* no hypervisor hole announced */
	if (!check(t, top != 0, "the platform ROM announces no virtual top (header offset 0x%x is 0)",
	    VMI_HDR_VIRTUAL_TOP))
		return;
	check(t, (top & 0xfff) == 0, "virtual top 0x%08x not page aligned",
	      top);
	check(t, top <= XEN_COMPAT_HOLE_START, "virtual top 0x%08x above 0x%08x, where Xen's compat hole starts",
	      top,
	      XEN_COMPAT_HOLE_START);
	n = mb_usable_regions(r, MB_MAX_REGIONS);
	if (!check(t, n >= 0, "no memory map to compare virtual top 0x%08x with",
		   top))
		return;
	for (i = 0; i < n; i++)
		check(t, r[i].end <= top,
		      "usable region 0x%llx-0x%llx ends above virtual top 0x%08x",
		      r[i].start, r[i].end, top);
}

/* First offset where len bytes at a and b differ, or len. */
static uint32_t first_difference(uintptr_t a, uintptr_t b, uint32_t len)
{
	const volatile uint8_t *p = phys_ptr(a), *q = phys_ptr(b);
	uint32_t i;

	for (i = 0; i < len; i++)
		if (p[i] != q[i])
			break;
	return i;
}

/*
 * Where VMI calls go after Init: by default the copy of the platform ROM
 * in the area reserved inside the guest's image, byte for byte the
 * window's romLength * 512 bytes; with rom=inplace the window itself;
 * without a platform ROM the native ROM.
 */
TEST_CASE(rom, copy_in_use)
{
	uintptr_t area = (uintptr_t)vmi_rom_area;
	uintptr_t area_end = (uintptr_t)vmi_rom_area_end;
	uint32_t len, diff;

	switch (rom_state.route) {
	case ROM_ROUTE_NATIVE:
		check(t, vmi_rom_base == (uintptr_t)native_rom,
		      "native ROM in use, but calls go to 0x%08x, not the native ROM at 0x%08x",
		      (unsigned int)vmi_rom_base, (unsigned int)native_rom);
		if (rom_state.too_large)
			fail(t, "platform ROM at 0x%05x not copied: %u bytes, the area for its copy holds %u",
			     (unsigned int)rom_state.platform,
			     rom_state.platform_len, rom_area_size());
		return;
	case ROM_ROUTE_INPLACE:
		check(t, vmi_rom_base == rom_state.platform,
		      "rom=inplace: calls go to 0x%08x, not the ROM at 0x%05x",
		      (unsigned int)vmi_rom_base,
		      (unsigned int)rom_state.platform);
		return;
	case ROM_ROUTE_COPY:
		break;
	}

	len = rom_state.platform_len;
	check(t, vmi_rom_base != rom_state.platform,
	      "calls go to the window address 0x%05x, not to a copy",
	      (unsigned int)rom_state.platform);
	if (!check(t, vmi_rom_base >= area && vmi_rom_base < area_end &&
			      len <= area_end - vmi_rom_base,
		   "calls go to 0x%08x (%u bytes), outside the area 0x%08x-0x%08x reserved in the guest image",
		   (unsigned int)vmi_rom_base, len, (unsigned int)area,
		   (unsigned int)area_end))
		return;
	if (!check(t, len != 0 && rom_length(vmi_rom_base) == len,
		   "the copy's romLength * 512 is %u, the window's %u",
		   rom_length(vmi_rom_base), len))
		return;
	diff = first_difference(vmi_rom_base, rom_state.platform, len);
	check(t, diff == len,
	      "the copy at 0x%08x differs from the ROM at 0x%05x at offset 0x%x (0x%02x, window 0x%02x)",
	      (unsigned int)vmi_rom_base, (unsigned int)rom_state.platform,
	      diff, phys_ptr(vmi_rom_base)[diff],
	      phys_ptr(rom_state.platform)[diff]);
}

/*
 * The platform ROM's Init was called in place through the kernel's high
 * mapping of low memory, VMI_PAGE_OFFSET + its address, as VMI Linux calls
 * it, and returned 0.  Whichever ROM is in use, that mapping shows the
 * same bytes as the identity mapping (on bare hardware the native ROM's
 * Init built it).
 */
TEST_CASE(rom, init_high_mapping)
{
	uintptr_t rom = rom_state.native ? (uintptr_t)native_rom :
		rom_state.platform;
	uint32_t len = rom_length(rom), diff;

	if (rom_state.platform && !rom_state.too_large) {
		check(t, rom_state.platform_init_at ==
			 phys_to_high(rom_state.platform),
		      "Init of the ROM at 0x%05x called at 0x%08x, expected 0x%08x",
		      (unsigned int)rom_state.platform,
		      (unsigned int)rom_state.platform_init_at,
		      (unsigned int)phys_to_high(rom_state.platform));
		check(t, rom_state.platform_init == 0,
		      "Init at 0x%08x returned %d, expected 0",
		      (unsigned int)rom_state.platform_init_at,
		      rom_state.platform_init);
	}
	if (rom_state.native)
		check(t, rom_state.init_at == (uintptr_t)native_rom,
		      "native Init called at 0x%08x, expected 0x%08x",
		      (unsigned int)rom_state.init_at,
		      (unsigned int)native_rom);
	diff = first_difference(phys_to_high(rom), rom, len);
	check(t, diff == len,
	      "0x%08x (high mapping) differs from 0x%08x at offset 0x%x of %u",
	      (unsigned int)phys_to_high(rom), (unsigned int)rom, diff, len);
}
