/* SPDX-License-Identifier: GPL-2.0 */
/*
 * multiboot.h - the parts of the Multiboot (v1) boot information the
 * guest reads, and the saved boot arguments.
 */
#ifndef VMITEST_MULTIBOOT_H
#define VMITEST_MULTIBOOT_H

#include <stdint.h>

#include "rom-layout/multiboot_info.h"

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

/*
 * Memory-map regions of one type (MMAP_ANY: all), at most max, with their
 * types in types[] (if not 0); -1 if there is no map.
 */
#define MMAP_ANY		0
int mb_regions(struct mb_region *out, uint32_t *types, int max,
	       uint32_t type);

/*
 * The end of the highest structure the boot information occupies (the
 * information itself, the command line, the map, the loader name, the
 * modules and their strings), 0 without one.
 */
#define MBI_FLAG_MODS		(1u << 3)
uintptr_t mb_info_end(void);

/* Command line, or "" when none was passed. */
const char *mb_cmdline(void);

#endif /* VMITEST_MULTIBOOT_H */
