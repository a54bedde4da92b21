// SPDX-License-Identifier: GPL-2.0
/*
 * pagetables.c - the start-of-day page tables the boot image builds: the
 * identity mapping of the guest's pseudo-physical memory (L1 pages from this
 * image's .bss under the empty L2 Xen gives L3 slot 0) and the shim's linear
 * range (an L1 under L3 slot 3 mapping the shadow LDTs read-only).
 *
 * Never: leave a page-table page or a shim frame writable anywhere.
 */
#include "rom-layout/pvboot/pvboot.h"

/* Identity map capacity: one L1 page per 2 MiB, up to 512 MiB. */
#define IDENT_L1_PAGES	256

static uint64_t ident_l1[IDENT_L1_PAGES][512] __attribute__((aligned(4096)));
/* L1 of the shim's linear range [VMIX_VIRTUAL_TOP, +2 MiB). */
static uint64_t shim_l1[512] __attribute__((aligned(4096)));

_Static_assert(VMIX_SHADOWS * VMIX_LDT_FRAMES <= 512,
	       "the shadow LDTs must fit the shim range's L1");

uint32_t va_to_pfn(const void *va)
{
	return ((uint32_t)(uintptr_t)va - VIRT_BASE) >> PAGE_SHIFT;
}

uint32_t va_to_mfn(const void *va)
{
	return pv.p2m[va_to_pfn(va)];
}

static int is_boot_pt_pfn(uint32_t pfn)
{
	uint32_t pt = va_to_pfn((void *)pv.si->pt_base);
	uint32_t l1 = va_to_pfn(ident_l1);

	return (pfn >= pt && pfn < pt + pv.si->nr_pt_frames) ||
	       (pfn >= l1 && pfn < l1 + IDENT_L1_PAGES) ||
	       pfn == va_to_pfn(shim_l1);
}

/* Memory the memory map gives the guest: user-accessible at start of day. */
static int is_guest_ram(uint32_t pfn)
{
	uint32_t pa = pfn << PAGE_SHIFT;

	return pa < LOW_MEM_END ||
	       (pa >= HIGH_MEM_START && pa < pv.reserved_start) ||
	       (pa >= pv.reserved_end && pfn < pv.shim_frames);
}

void make_read_only(void *va)
{
	uint64_t pte = ((uint64_t)va_to_mfn(va) << PAGE_SHIFT) |
		       _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;
	long rc = hyp_update_va_mapping((uint32_t)(uintptr_t)va, pte,
					UVMF_INVLPG);

	if (rc)
		fatal("update_va_mapping(%p, read-only) failed: Xen error %ld\n",
		      va, rc);
}

uint32_t pvboot_max_pages(void)
{
	return IDENT_L1_PAGES * 512;
}

void build_identity_map(uint32_t shinfo_pfn)
{
	static struct mmu_update req[IDENT_L1_PAGES];
	uint64_t *l3 = (uint64_t *)pv.si->pt_base;
	uint64_t l2_maddr = l3[0] & PAE_ADDR_MASK;
	uint32_t nr_l1 = (pv.mapped_pages + 511) / 512;
	uint32_t pfn, i, done;
	struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	long rc;

	if (!(l3[0] & _PAGE_PRESENT))
		fatal("L3 slot 0 has no L2 (pt_base %08lx)\n", pv.si->pt_base);

	for (pfn = 0; pfn < pv.mapped_pages; pfn++) {
		uint64_t mfn = pv.p2m[pfn];
		uint64_t flags = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;

		if (pfn == shinfo_pfn)
			mfn = pv.si->shared_info >> PAGE_SHIFT;
		if (!is_boot_pt_pfn(pfn))
			flags |= _PAGE_RW;
		if (is_guest_ram(pfn))
			flags |= _PAGE_USER;
		ident_l1[pfn / 512][pfn % 512] = (mfn << PAGE_SHIFT) | flags;
	}

	/* Page-table pages may not stay writable anywhere. */
	for (i = 0; i < IDENT_L1_PAGES; i++)
		make_read_only(ident_l1[i]);

	for (i = 0; i < nr_l1; i++) {
		req[i].ptr = (l2_maddr + i * 8) | MMU_NORMAL_PT_UPDATE;
		req[i].val = ((uint64_t)va_to_mfn(ident_l1[i]) << PAGE_SHIFT) |
			     _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
			     _PAGE_ACCESSED;
	}
	rc = hyp_mmu_update(req, nr_l1, &done, DOMID_SELF);
	if (rc || done != nr_l1)
		fatal("mmu_update of %u L2 entries failed after %u: Xen error %ld\n",
		      nr_l1, done, rc);
	rc = hyp_mmuext_op(&flush, 1, &done, DOMID_SELF);
	if (rc)
		fatal("MMUEXT_TLB_FLUSH_LOCAL failed: Xen error %ld\n", rc);

	/*
	 * The shim's frames become descriptor tables: Xen validates every
	 * descriptor in them, so they start zeroed (not present), and no
	 * writable mapping of them may remain.
	 */
	for (pfn = pv.shim_frames; pfn < pv.mapped_pages; pfn++) {
		memset((void *)(uintptr_t)(pfn << PAGE_SHIFT), 0, PAGE_SIZE);
		rc = hyp_update_va_mapping(pfn << PAGE_SHIFT, 0, UVMF_INVLPG);
		if (rc)
			fatal("unmapping shim frame %x failed: Xen error %ld\n",
			      pfn, rc);
	}
}

/* The pfn of shadow GDT frame i of shadow s; the LDTs follow the GDTs. */
uint32_t shadow_gdt_pfn(uint32_t s, uint32_t i)
{
	return pv.shim_frames + s * VMIX_GDT_FRAMES + i;
}

/* The pfn of shadow LDT frame i of shadow s. */
uint32_t shadow_ldt_pfn(uint32_t s, uint32_t i)
{
	return pv.shim_frames + VMIX_SHADOWS * VMIX_GDT_FRAMES +
	       s * VMIX_LDT_FRAMES + i;
}

void build_shim_range(void)
{
	uint64_t *l3 = (uint64_t *)pv.si->pt_base;
	uint64_t l2_maddr = l3[3] & PAE_ADDR_MASK;
	uint32_t idx = (VMIX_VIRTUAL_TOP - 0xC0000000u) >> 21, s, i, done;
	struct mmu_update req;
	long rc;

	for (s = 0; s < VMIX_SHADOWS; s++)
		for (i = 0; i < VMIX_LDT_FRAMES; i++)
			shim_l1[s * VMIX_LDT_FRAMES + i] =
				((uint64_t)pv.p2m[shadow_ldt_pfn(s, i)]
				 << PAGE_SHIFT) | _PAGE_PRESENT |
				_PAGE_ACCESSED;
	make_read_only(shim_l1);
	req.ptr = (l2_maddr + idx * 8) | MMU_NORMAL_PT_UPDATE;
	req.val = ((uint64_t)va_to_mfn(shim_l1) << PAGE_SHIFT) |
		  _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED;
	rc = hyp_mmu_update(&req, 1, &done, DOMID_SELF);
	if (rc)
		fatal("mmu_update of the shim range's L2 entry failed: Xen error %ld\n",
		      rc);
}
