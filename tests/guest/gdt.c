// SPDX-License-Identifier: GPL-2.0
/*
 * gdt.c - the GDT and LDT pages and their contents (layout in cpu.h),
 * written only through WriteGDTEntry and WriteLDTEntry.
 */
#include "cpu.h"
#include "desc.h"
#include "vmi_cpu.h"

uint64_t gdt[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));
uint64_t ldt[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));

static void gdt_write(unsigned int entry, struct desc_words d)
{
	vmi_write_gdt_entry(gdt, entry, d.lo, d.hi);
}

/* Before SetGDT: null, the four flat segments, TSS and LDT. */
void gdt_fill_early(void)
{
	gdt_write(0, desc_seg(0, 0, 0, 0));
	gdt_write(GDT_KERNEL_CS, desc_flat(1, 0));
	gdt_write(GDT_KERNEL_DS, desc_flat(0, 0));
	gdt_write(GDT_USER_CS, desc_flat(1, 3));
	gdt_write(GDT_USER_DS, desc_flat(0, 3));
	gdt_write(GDT_TSS, desc_seg((uintptr_t)&tss, sizeof(tss) - 1,
				    DESC_P | DESC_TSS32, 0));
	gdt_write(GDT_LDT, desc_seg((uintptr_t)ldt, LDT_ENTRIES * 8 - 1,
				    DESC_P | DESC_LDT, 0));
}

/* After SetGDT: the spare entries, null. */
void gdt_fill_late(void)
{
	unsigned int i;

	for (i = GDT_SPARE; i < GDT_ENTRIES; i++)
		gdt_write(i, desc_seg(0, 0, 0, 0));
}

/* The LDT starts empty; desc.ldt_user_data fills entry 1. */
void ldt_fill_early(void)
{
	vmi_write_ldt_entry(ldt, 0, 0, 0);
	vmi_write_ldt_entry(ldt, 1, 0, 0);
}

void ldt_fill_late(void)
{
	unsigned int i;

	for (i = 2; i < LDT_ENTRIES; i++)
		vmi_write_ldt_entry(ldt, i, 0, 0);
}
