// SPDX-License-Identifier: GPL-2.0
/*
 * test_rom.c - rom.* cases: the header of the ROM in use, its Init result
 * and the virtual top it announces.
 */
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
	if (rom_state.platform && rom_state.native)
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
