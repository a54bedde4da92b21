/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom.ld.S - link map of the VMI ROM (preprocessed with the layout
 * contract, rom-layout/rom_private.h).
 *
 * .rom is the image (header and slots first, then code and read-only
 * data), linked at VMIX_SHIM_TEXT_VA where the boot image maps a read-only
 * copy in every address space; the guest also finds the image in its
 * option-ROM window and may copy it anywhere.  Code reaches code
 * PC-relative and everything else by absolute address, so every copy
 * works: absolute references land in the shim range.  .state is the
 * shim's mutable state at VMIX_SHIM_STATE_VA (NOLOAD: zeroed by the boot
 * image), in the order the contract names.
 *
 * Never: initialized writable data (there is no copy of it to load), or a
 * section that would land outside these two.
 */
#include "rom-layout/rom_private.h"

OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(rom_start)

SECTIONS
{
	. = VMIX_SHIM_TEXT_VA;
	.rom : {
		KEEP(*(.rom.header))
		*(.text .text.*)
		*(.rodata .rodata.*)
	}
	rom_image_end = .;
	/* romtool seal pads to 512-byte units with a spare checksum byte. */
	rom_image_size = ((rom_image_end - VMIX_SHIM_TEXT_VA) / 512 + 1) * 512;

	.data : { *(.data .data.* .got .got.plt) }

	. = VMIX_SHIM_STATE_VA;
	.state (NOLOAD) : {
		rom_state_start = .;
		*(.state.hypercall_page)
		*(.state.shared_info)
		*(.state.percpu)
		*(.state.boot_block)
		*(.bss .bss.* COMMON)
		. = ALIGN(4096);
		rom_state_end = .;
	}
	rom_state_size = rom_state_end - rom_state_start;

	ASSERT(SIZEOF(.data) == 0, "the ROM may not have initialized writable data")
	ASSERT(rom_image_size <= VMIX_SHIM_TEXT_MAX, "the ROM image outgrew VMIX_SHIM_TEXT_MAX")
	ASSERT(rom_state_size <= VMIX_SHIM_STATE_MAX, "the ROM's state outgrew VMIX_SHIM_STATE_MAX")

	/DISCARD/ : {
		*(.note*) *(.comment) *(.eh_frame*) *(.interp)
		*(.dynsym) *(.dynstr) *(.dynamic) *(.hash) *(.gnu.hash)
	}
}
