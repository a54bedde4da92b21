// SPDX-License-Identifier: GPL-2.0
/*
 * test_boot.c - boot.* cases: what the Multiboot loader handed over.
 */
#include "multiboot.h"
#include "test.h"

#define ONE_MIB			0x100000ull
#define MIN_USABLE_ABOVE_1M	(4 * ONE_MIB)
#define LEGACY_HOLE_START	0xA0000ull
#define LEGACY_HOLE_END		0x100000ull

extern const char _kernel_start[], _kernel_end[];

TEST_CASE(boot, multiboot)
{
	uint64_t ks = (uintptr_t)_kernel_start, ke = (uintptr_t)_kernel_end;
	struct mb_region r[MB_MAX_REGIONS];
	uint64_t above = 0, lo;
	int i, n, kernel_ok = 0;

	if (!check(t, mb_magic == MULTIBOOT_LOADER_MAGIC,
		   "boot magic 0x%08x, expected 0x%08x", mb_magic,
		   MULTIBOOT_LOADER_MAGIC))
		return;
	check(t, mb_info->flags & MBI_FLAG_MEM,
	      "info flags 0x%08x lack MEM (0x%x)", mb_info->flags,
	      MBI_FLAG_MEM);
	if (!check(t, mb_info->flags & MBI_FLAG_MMAP,
		   "info flags 0x%08x lack MMAP (0x%x)", mb_info->flags,
		   MBI_FLAG_MMAP))
		return;

	n = mb_usable_regions(r, MB_MAX_REGIONS);
	for (i = 0; i < n; i++) {
		lo = r[i].start > ONE_MIB ? r[i].start : ONE_MIB;
		if (r[i].end > lo)
			above += r[i].end - lo;
		check(t, r[i].end <= LEGACY_HOLE_START ||
			 r[i].start >= LEGACY_HOLE_END,
		      "usable region 0x%llx-0x%llx overlaps 0xa0000-0xfffff",
		      r[i].start, r[i].end);
		if (r[i].start <= ks && ke <= r[i].end)
			kernel_ok = 1;
	}
	check(t, above >= MIN_USABLE_ABOVE_1M,
	      "0x%llx bytes usable above 1 MiB, expected at least 0x%llx",
	      above, MIN_USABLE_ABOVE_1M);
	check(t, kernel_ok,
	      "kernel 0x%08x-0x%08x not inside one usable region (%d regions)",
	      (unsigned int)ks, (unsigned int)ke, n);
}
