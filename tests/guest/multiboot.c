// SPDX-License-Identifier: GPL-2.0
/*
 * multiboot.c - access to the Multiboot information: the command line
 * and the usable regions of the memory map.
 */
#include "kstring.h"
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
	return mb_regions(out, 0, max, MMAP_AVAILABLE);
}

int mb_regions(struct mb_region *out, uint32_t *types, int max,
	       uint32_t type)
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
		if ((type == MMAP_ANY || e->type == type) && e->len) {
			out[n].start = e->addr;
			out[n].end = e->addr + e->len;
			if (types)
				types[n] = e->type;
			n++;
		}
		p += e->size + sizeof(e->size);
	}
	return n;
}

static void raise_to(uintptr_t *end, uintptr_t start, size_t len)
{
	if (start && start + len > *end)
		*end = start + len;
}

uintptr_t mb_info_end(void)
{
	const struct multiboot_info *mbi = mb_get_info();
	uintptr_t end = 0;

	if (!mbi)
		return 0;
	raise_to(&end, (uintptr_t)mbi, sizeof(*mbi));
	if ((mbi->flags & MBI_FLAG_CMDLINE) && mbi->cmdline)
		raise_to(&end, mbi->cmdline,
			 strlen((const char *)(uintptr_t)mbi->cmdline) + 1);
	if (mbi->flags & MBI_FLAG_MMAP)
		raise_to(&end, mbi->mmap_addr, mbi->mmap_length);
	if ((mbi->flags & MBI_FLAG_LOADER_NAME) && mbi->boot_loader_name)
		raise_to(&end, mbi->boot_loader_name,
			 strlen((const char *)(uintptr_t)
				mbi->boot_loader_name) + 1);
	if ((mbi->flags & MBI_FLAG_MODS) && mbi->mods_count) {
		const uint32_t *mod = (const uint32_t *)(uintptr_t)mbi->mods_addr;
		uint32_t i;

		raise_to(&end, mbi->mods_addr, mbi->mods_count * 16u);
		for (i = 0; i < mbi->mods_count; i++, mod += 4) {
			raise_to(&end, mod[0], mod[1] > mod[0] ?
					       mod[1] - mod[0] : 0);
			if (mod[2])
				raise_to(&end, mod[2],
					 strlen((const char *)(uintptr_t)
						mod[2]) + 1);
		}
	}
	return end;
}
