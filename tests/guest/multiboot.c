// SPDX-License-Identifier: GPL-2.0
/*
 * multiboot.c - access to the Multiboot information: the command line
 * and the usable regions of the memory map.
 */
#include "multiboot.h"

uint32_t mb_magic;
const struct multiboot_info *mb_info;

const struct multiboot_info *mb_get_info(void)
{
	return mb_magic == MULTIBOOT_LOADER_MAGIC ? mb_info : 0;
}

const char *mb_cmdline(void)
{
	const struct multiboot_info *mbi = mb_get_info();

	if (!mbi || !(mbi->flags & MBI_FLAG_CMDLINE) || !mbi->cmdline)
		return "";
	return (const char *)(uintptr_t)mbi->cmdline;
}

int mb_usable_regions(struct mb_region *out, int max)
{
	const struct multiboot_info *mbi = mb_get_info();
	const struct multiboot_mmap_entry *e;
	uintptr_t p, end;
	int n = 0;

	if (!mbi || !(mbi->flags & MBI_FLAG_MMAP))
		return -1;
	p = mbi->mmap_addr;
	end = p + mbi->mmap_length;
	while (p + sizeof(*e) <= end && n < max) {
		e = (const struct multiboot_mmap_entry *)p;
		if (e->size < sizeof(*e) - sizeof(e->size))
			break;			/* malformed: stop walking */
		if (e->type == MMAP_AVAILABLE && e->len) {
			out[n].start = e->addr;
			out[n].end = e->addr + e->len;
			n++;
		}
		p += e->size + sizeof(e->size);
	}
	return n;
}
