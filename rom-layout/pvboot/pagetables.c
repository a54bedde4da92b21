// SPDX-License-Identifier: GPL-2.0
/*
 * pagetables.c - the start-of-day page tables the boot image builds: the
 * identity mapping of the guest's pseudo-physical memory (L1 pages from this
 * image's .bss under the empty L2 Xen gives L3 slot 0) and the shim's linear
 * range under L3 slot 3 (rom-layout/rom_private.h): the image read-only,
 * the state read-write with Xen's shared_info in its place, the shadow LDTs
 * read-only, a domU's console ring read-write, the P2M list read-write.
 *
 * Never: leave a page-table page or a shim frame writable anywhere.
 */
#include "rom-layout/pvboot/pvboot.h"

extern const uint8_t rom_blob[];

/*
 * Identity map capacity: one L1 page per 2 MiB, up to 2 GiB (what the
 * shim's P2M range holds); only the first nr_l1 are used.  The high map
 * (0xC0000000 + pa) takes as many as fit below the virtual top.
 */
#define IDENT_L1_PAGES	1024
#define HIGH_L1_MAX	((VMIX_VIRTUAL_TOP - 0xC0000000u) >> 21)

static uint64_t ident_l1[IDENT_L1_PAGES][512] __attribute__((aligned(4096)));
/*
 * L2s for the identity map's first and second GiB, where Xen's L3 slots 0
 * and 1 have none: Xen's dom0 builder gives slot 0 an empty L2, the
 * toolstack's domU builder gives only slot 3 one.
 */
static uint64_t ident_l2[2][512] __attribute__((aligned(4096)));
static uint8_t own_l2[2];	/* ident_l2[slot] is installed */
/*
 * L1s of the shim's range: [VMIX_SHIM_TEXT_VA, +2 MiB) for the image, the
 * state and the shadow LDTs, [VMIX_SHIM_P2M_VA, +2 MiB) for the P2M list.
 */
static uint64_t shim_l1[512] __attribute__((aligned(4096)));
static uint64_t p2m_l1[512] __attribute__((aligned(4096)));

#define SHIM_L1_SPAN	0x200000u
_Static_assert(VMIX_SHIM_LDT_VA + VMIX_SHADOWS * VMIX_SHIM_LDT_SIZE <=
	       VMIX_SHIM_TEXT_VA + SHIM_L1_SPAN,
	       "image, state and shadow LDTs share the shim range's first L1");
_Static_assert(VMIX_SHIM_P2M_MAX == SHIM_L1_SPAN, "one L1 maps the P2M");
_Static_assert(VMIX_SHIM_POOL_VA >= VMIX_SHIM_LDT_VA +
	       VMIX_SHADOWS * VMIX_SHIM_LDT_SIZE &&
	       VMIX_SHIM_POOL_VA + VMIX_SLOT3_POOL * 4096 <=
	       VMIX_SHIM_TEXT_VA + SHIM_L1_SPAN, "the pool fits the first L1");
_Static_assert(VMIX_SHIM_CONSOLE_VA >= VMIX_SHIM_POOL_VA +
	       VMIX_SLOT3_POOL * 4096 &&
	       VMIX_SHIM_CONSOLE_VA + 4096 <= VMIX_SHIM_TEXT_VA + SHIM_L1_SPAN,
	       "the console ring's page fits the first L1, past the pool");
_Static_assert(VMIX_SHIM_STORE_VA >= VMIX_SHIM_POOL_VA +
	       VMIX_SLOT3_POOL * 4096 &&
	       VMIX_SHIM_STORE_VA + 4096 <= VMIX_SHIM_CONSOLE_VA,
	       "the xenstore ring's page fits between the pool and the console");
_Static_assert(IDENT_L1_PAGES <= VMIX_BOOT_L1_MAX, "boot L1s fit the block");

uint32_t va_to_pfn(const void *va)
{
	return ((uint32_t)(uintptr_t)va - VIRT_BASE) >> PAGE_SHIFT;
}

uint32_t va_to_mfn(const void *va)
{
	return pv.p2m[va_to_pfn(va)];
}

/*
 * Frames that are page tables before the guest starts (read-only from the
 * first mapping on); the shim range's L1s are filled first and made
 * read-only when installed (install_l1).
 */
static int is_boot_pt_pfn(uint32_t pfn)
{
	uint32_t pt = va_to_pfn((void *)pv.si->pt_base);
	uint32_t l1 = va_to_pfn(ident_l1);

	return (pfn >= pt && pfn < pt + pv.si->nr_pt_frames) ||
	       (pfn >= l1 && pfn < l1 + (pv.mapped_pages + 511) / 512) ||
	       (own_l2[0] && pfn == va_to_pfn(ident_l2[0])) ||
	       (own_l2[1] && pfn == va_to_pfn(ident_l2[1]));
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

static void pin(unsigned int cmd, uint32_t mfn)
{
	struct mmuext_op op = { .cmd = cmd };
	uint32_t done;
	long rc;

	op.arg1.mfn = mfn;
	rc = hyp_mmuext_op(&op, 1, &done, DOMID_SELF);
	if (rc)
		fatal("mmuext_op %u (mfn %x) failed: Xen error %ld\n", cmd, mfn,
		      rc);
}

uint32_t pvboot_max_pages(void)
{
	return IDENT_L1_PAGES * 512;
}

void build_identity_map(void)
{
	static struct mmu_update req[IDENT_L1_PAGES];
	uint64_t *l3 = (uint64_t *)pv.si->pt_base;
	uint64_t l2_maddr[2];
	uint32_t nr_l1 = (pv.mapped_pages + 511) / 512, nr_high;
	uint32_t pfn, i, done;
	struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	long rc;

	/* Which L2s are ours: decided before any page is mapped read-only. */
	own_l2[0] = !(l3[0] & _PAGE_PRESENT);
	own_l2[1] = nr_l1 > 512 && !(l3[1] & _PAGE_PRESENT);

	for (pfn = 0; pfn < pv.mapped_pages; pfn++) {
		uint64_t mfn = pv.p2m[pfn];
		uint64_t flags = _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_DIRTY;

		if (!is_boot_pt_pfn(pfn))
			flags |= _PAGE_RW;
		if (is_guest_ram(pfn))
			flags |= _PAGE_USER;
		ident_l1[pfn / 512][pfn % 512] = (mfn << PAGE_SHIFT) | flags;
	}

	/* Page-table pages may not stay writable anywhere. */
	for (i = 0; i < nr_l1; i++)
		make_read_only(ident_l1[i]);

	/*
	 * The identity map's L2s under L3 slots 0 and (beyond 1 GiB) 1:
	 * Xen's (empty) where it made one, else one of ours.
	 */
	for (i = 0; i < 2; i++) {
		struct mmu_update r3;

		l2_maddr[i] = l3[i] & PAE_ADDR_MASK;
		if (!own_l2[i])
			continue;
		l2_maddr[i] = (uint64_t)va_to_mfn(ident_l2[i]) << PAGE_SHIFT;
		make_read_only(ident_l2[i]);
		pin(MMUEXT_PIN_L2_TABLE, va_to_mfn(ident_l2[i]));
		r3.ptr = ((uint64_t)va_to_mfn(l3) << PAGE_SHIFT) | (i * 8) |
			 MMU_NORMAL_PT_UPDATE;
		r3.val = l2_maddr[i] | _PAGE_PRESENT;
		rc = hyp_mmu_update(&r3, 1, &done, DOMID_SELF);
		if (rc)
			fatal("mmu_update of L3 slot %u failed: Xen error %ld\n",
			      i, rc);
	}
	for (i = 0; i < nr_l1; i++) {
		uint64_t l2 = l2_maddr[i / 512];

		req[i].ptr = (l2 + (i % 512) * 8) | MMU_NORMAL_PT_UPDATE;
		req[i].val = ((uint64_t)va_to_mfn(ident_l1[i]) << PAGE_SHIFT) |
			     _PAGE_PRESENT | _PAGE_RW | _PAGE_USER |
			     _PAGE_ACCESSED;
	}
	rc = hyp_mmu_update(req, nr_l1, &done, DOMID_SELF);
	if (rc || done != nr_l1)
		fatal("mmu_update of %u L2 entries failed after %u: Xen error %ld\n",
		      nr_l1, done, rc);
	/*
	 * The same L1s map guest memory at 0xC0000000 + pa, in place of Xen's
	 * initial mapping of [0, v_end) there (the same frames, so this image
	 * keeps running): every boot mapping of a page is then one entry the
	 * shim can find (boot block boot_l1_mfn), to make a page-table page
	 * read-only in all of them at once.
	 */
	nr_high = nr_l1 < HIGH_L1_MAX ? nr_l1 : HIGH_L1_MAX;
	for (i = 0; i < nr_high; i++)
		req[i].ptr = ((l3[3] & PAE_ADDR_MASK) + i * 8) |
			     MMU_NORMAL_PT_UPDATE;
	rc = hyp_mmu_update(req, nr_high, &done, DOMID_SELF);
	if (rc || done != nr_high)
		fatal("mmu_update of %u high-mapping L2 entries failed after %u: Xen error %ld\n",
		      nr_high, done, rc);
	rc = hyp_mmuext_op(&flush, 1, &done, DOMID_SELF);
	if (rc)
		fatal("MMUEXT_TLB_FLUSH_LOCAL failed: Xen error %ld\n", rc);

	/*
	 * The shim's frames (shadow descriptor tables, the image's copy and
	 * the state) start zeroed: Xen validates every descriptor in a
	 * descriptor-table page (zero is not present), and the state is the
	 * ROM's .bss.  The image is copied in before the identity mapping of
	 * them goes: the guest reaches them only through the shim's range.
	 */
	for (pfn = pv.shim_frames; pfn < pv.mapped_pages; pfn++)
		memset((void *)(uintptr_t)(pfn << PAGE_SHIFT), 0, PAGE_SIZE);
	memcpy((void *)(uintptr_t)(shim_text_pfn(0) << PAGE_SHIFT), rom_blob,
	       rom_image_len());
	for (pfn = pv.shim_frames; pfn < pv.mapped_pages; pfn++) {
		rc = hyp_update_va_mapping(pfn << PAGE_SHIFT, 0, UVMF_INVLPG);
		if (rc)
			fatal("unmapping shim frame %x failed: Xen error %ld\n",
			      pfn, rc);
	}
}

/*
 * The shim's frames at the top of memory, in order: the shadow GDTs, the
 * shadow LDTs, the image's copy, the state.
 */
uint32_t shim_text_pfn(uint32_t i)
{
	return pv.shim_frames + VMIX_SHIM_FRAMES + i;
}

uint32_t pool_pfn(uint32_t i)
{
	return pv.shim_frames + VMIX_SHADOWS * (VMIX_GDT_FRAMES +
						VMIX_LDT_FRAMES) + i;
}

uint32_t boot_l1_mfn(uint32_t i)
{
	return va_to_mfn(ident_l1[i]);
}

uint32_t shim_l1_mfn(uint32_t i)
{
	return va_to_mfn(i ? p2m_l1 : shim_l1);
}

uint32_t shim_state_pfn(uint32_t i)
{
	return shim_text_pfn(pv.text_pages) + i;
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

static uint64_t pte(uint32_t mfn, uint64_t flags)
{
	return ((uint64_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED |
	       flags;
}

static uint32_t l1_index(uint32_t va)
{
	return (va - VMIX_SHIM_TEXT_VA) >> PAGE_SHIFT;
}

/* Install one L1 under L3 slot 3's L2 for the 2 MiB at va. */
static void install_l1(uint64_t *l1, uint32_t va)
{
	uint64_t *l3 = (uint64_t *)pv.si->pt_base;
	uint64_t l2_maddr = l3[3] & PAE_ADDR_MASK;
	uint32_t idx = (va - 0xC0000000u) >> 21, done;
	struct mmu_update req;
	long rc;

	make_read_only(l1);
	req.ptr = (l2_maddr + idx * 8) | MMU_NORMAL_PT_UPDATE;
	req.val = pte(va_to_mfn(l1), _PAGE_RW);
	rc = hyp_mmu_update(&req, 1, &done, DOMID_SELF);
	if (rc)
		fatal("mmu_update of the shim range's L2 entry for %08x failed: Xen error %ld\n",
		      va, rc);
}

void build_shim_range(const struct vmix_rom_private *priv)
{
	uint32_t s, i, p2m_pfn = va_to_pfn((void *)pv.si->mfn_list);
	/* The shim looks up only the pages given to the guest. */
	uint32_t p2m_pages = (pv.mapped_pages * 4 + PAGE_SIZE - 1) / PAGE_SIZE;

	for (i = 0; i < pv.text_pages; i++)
		shim_l1[l1_index(VMIX_SHIM_TEXT_VA) + i] =
			pte(pv.p2m[shim_text_pfn(i)], 0);
	for (i = 0; i < pv.state_pages; i++)
		shim_l1[l1_index(priv->state_va) + i] =
			pte(pv.p2m[shim_state_pfn(i)], _PAGE_RW | _PAGE_DIRTY);
	/* Xen's shared_info takes its page's place in the state. */
	shim_l1[l1_index(priv->shared_info_va)] =
		pte(pv.si->shared_info >> PAGE_SHIFT, _PAGE_RW | _PAGE_DIRTY);
	for (s = 0; s < VMIX_SHADOWS; s++)
		for (i = 0; i < VMIX_LDT_FRAMES; i++)
			shim_l1[l1_index(VMIX_SHIM_LDT_VA) +
				s * VMIX_LDT_FRAMES + i] =
				pte(pv.p2m[shadow_ldt_pfn(s, i)], 0);
	/* The slot-3 L2 pool, writable while free. */
	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		shim_l1[l1_index(VMIX_SHIM_POOL_VA) + i] =
			pte(pv.p2m[pool_pfn(i)], _PAGE_RW | _PAGE_DIRTY);
	/* A domU's console ring, where the shim writes its output. */
	if (!(pv.si->flags & SIF_INITDOMAIN) && pv.si->console.domU.mfn)
		shim_l1[l1_index(VMIX_SHIM_CONSOLE_VA)] =
			pte(pv.si->console.domU.mfn, _PAGE_RW | _PAGE_DIRTY);
	/* A domU's xenstore ring, where the shim watches control/shutdown. */
	if (!(pv.si->flags & SIF_INITDOMAIN) && pv.si->store_mfn)
		shim_l1[l1_index(VMIX_SHIM_STORE_VA)] =
			pte(pv.si->store_mfn, _PAGE_RW | _PAGE_DIRTY);
	install_l1(shim_l1, VMIX_SHIM_TEXT_VA);

	if (p2m_pages > 512)
		fatal("%u pages need a P2M list of %u pages; the shim's range maps 512 (2 GiB of guest memory)\n",
		      pv.mapped_pages, p2m_pages);
	for (i = 0; i < p2m_pages; i++)
		p2m_l1[i] = pte(pv.p2m[p2m_pfn + i], _PAGE_RW | _PAGE_DIRTY);
	install_l1(p2m_l1, VMIX_SHIM_P2M_VA);
}
