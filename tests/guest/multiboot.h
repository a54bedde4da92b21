/*
 * multiboot.h - the parts of the Multiboot (v1) boot information the
 * guest reads, and the saved boot arguments.
 */
#ifndef VMITEST_MULTIBOOT_H
#define VMITEST_MULTIBOOT_H

#include <stdint.h>

#define MB_BOOT_MAGIC		0x2BADB002

#define MB_INFO_MEM		(1u << 0)
#define MB_INFO_CMDLINE		(1u << 2)
#define MB_INFO_MMAP		(1u << 6)
#define MB_INFO_LOADER_NAME	(1u << 9)

#define MB_MMAP_USABLE		1

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;		/* KiB below 1 MiB */
	uint32_t mem_upper;		/* KiB above 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr;
	uint32_t drives_length;
	uint32_t drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
} __attribute__((packed));

struct multiboot_mmap_entry {
	uint32_t size;			/* of the rest of the entry */
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __attribute__((packed));

/* A usable memory range [start, end). */
struct mb_region {
	uint64_t start;
	uint64_t end;
};

#define MB_MAX_REGIONS		32

/* Boot arguments as kmain received them. */
extern uint32_t mb_magic;
extern const struct multiboot_info *mb_info;

/* The Multiboot info if the magic is right, else NULL. */
const struct multiboot_info *mb_get_info(void);

/* Usable (type 1) memory-map regions, at most max; -1 if there is no map. */
int mb_usable_regions(struct mb_region *out, int max);

/* Command line, or "" when none was passed. */
const char *mb_cmdline(void);

#endif /* VMITEST_MULTIBOOT_H */
