/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom.ld - link map of the VMI ROM image.
 *
 * Linked at 0 so that link addresses are ROM offsets; all code reaches its
 * data PC-relative, so the image runs at any (4 KiB aligned) address.
 * .rom holds what is copied as the ROM image (header and slots first);
 * .state follows it in the window and is zeroed by the boot image.
 */
OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(rom_start)

SECTIONS
{
	. = 0;
	.rom : {
		KEEP(*(.rom.header))
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
		*(.got) *(.got.plt)
	}
	rom_image_end = .;

	/*
	 * romtool seal pads the image to 512-byte units with at least one
	 * spare byte for the checksum, to romLength*512 bytes: the state
	 * area starts at the first page boundary at or past that, which is
	 * what romtool verify can compute from the header alone.
	 */
	rom_sealed_end = (rom_image_end / 512 + 1) * 512;
	.state ALIGN(rom_sealed_end, 4096) (NOLOAD) : {
		/* The order rom-layout/rom_private.h promises. */
		*(.state.hypercall_page)
		*(.state.shared_info)
		*(.state.boot_block)
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
	}
	rom_footprint_end = .;

	/DISCARD/ : {
		*(.note*) *(.comment) *(.eh_frame*) *(.interp)
		*(.dynsym) *(.dynstr) *(.dynamic) *(.hash) *(.gnu.hash)
	}
}
