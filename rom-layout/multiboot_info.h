/* SPDX-License-Identifier: GPL-2.0 */
/*
 * multiboot_info.h - the Multiboot 0.6.96 information structure: what the
 * PV boot image hands the VMI kernel and what the test guest reads (the
 * fields both use).
 */
#ifndef VMIX_MULTIBOOT_H
#define VMIX_MULTIBOOT_H

#include <stdint.h>

#define MULTIBOOT_LOADER_MAGIC	0x2BADB002

#define MBI_FLAG_MEM		(1u << 0)
#define MBI_FLAG_CMDLINE	(1u << 2)
#define MBI_FLAG_MMAP		(1u << 6)
#define MBI_FLAG_LOADER_NAME	(1u << 9)

#define MMAP_AVAILABLE		1
#define MMAP_RESERVED		2

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;		/* KiB below 1 MiB */
	uint32_t mem_upper;		/* KiB from 1 MiB to the first hole */
	uint32_t boot_device;
	uint32_t cmdline;		/* guest-physical address */
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;		/* bytes */
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

/* One memory-map entry; `size` does not count itself. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __attribute__((packed));

#endif /* VMIX_MULTIBOOT_H */
