// SPDX-License-Identifier: GPL-2.0
/*
 * mb.c - the Multiboot information of the raw and VMI builds, read once
 * at start of day while low memory is still identity-mapped: the command
 * line (copied) and the memory map (pages for the pool).
 *
 * Never: keep a pointer into the information; it is not mapped later.
 */
#include "rom-layout/multiboot_info.h"
#include "tests/bench/be.h"
#include "tests/bench/pc.h"

#define MB_LOADER_MAGIC	0x2BADB002
#define MBI_CMDLINE	(1u << 2)
#define MBI_MMAP	(1u << 6)

extern char _kernel_end[];
static char cmdline[256];

uint32_t mb_read(uint32_t magic, uint32_t info)
{
	const struct multiboot_info *mbi = (const void *)(uintptr_t)info;
	uint32_t kend = (uint32_t)(uintptr_t)_kernel_end - BENCH_PHYS_BASE;
	uint32_t off, first, end, top = 0;
	const struct multiboot_mmap_entry *e;
	const char *c;
	int i;

	if (magic != MB_LOADER_MAGIC || !(mbi->flags & MBI_MMAP))
		panic("bench: no Multiboot memory map (magic %08x)", magic);
	if (mbi->flags & MBI_CMDLINE) {
		c = (const char *)(uintptr_t)mbi->cmdline;
		for (i = 0; c[i] && i < (int)sizeof(cmdline) - 1; i++)
			cmdline[i] = c[i];
	}
	be_env.cmdline = cmdline;
	for (off = 0; off < mbi->mmap_length; off += e->size + 4) {
		e = (const void *)(uintptr_t)(mbi->mmap_addr + off);
		if (e->type != 1 || e->addr >= 0x100000000ull)
			continue;
		first = (uint32_t)((e->addr + PAGE_SIZE - 1) >> PAGE_SHIFT);
		end = (uint32_t)((e->addr + e->len) >> PAGE_SHIFT);
		if (end > top)
			top = end;
		if (first < (kend + PAGE_SIZE - 1) >> PAGE_SHIFT)
			first = (kend + PAGE_SIZE - 1) >> PAGE_SHIFT;
		if (end > PHYS_MAP_PAGES)
			end = PHYS_MAP_PAGES;
		if (first < end)
			pool_add(first, end);
	}
	be_env.mem_pages = top;
	return kend;
}
