// SPDX-License-Identifier: GPL-2.0
/*
 * test_mmu.c - mmu.* cases: PAE address spaces built, changed and switched
 * through the VMI MMU calls (mm.h), each asserting what a call that did
 * nothing would not give: mappings that read the right frame, faults with
 * the right CR2 and error code, A/D bits, old values, TLB invalidation.
 *
 * Every case starts and ends in the root address space (mm_recover puts
 * the guest back there after an aborted case).  Mappings at MM_USER_BASE
 * are made in address spaces of the case's own; mappings in the kernel
 * test window (MM_KWIN_BASE, the shared kernel L2) are removed again.
 * Data pages are tagged: word i of a page made with tag T is T + i.
 */
#include "fault.h"
#include "kstring.h"
#include "mm_test.h"
#include "need.h"
#include "printf.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "user.h"
#include "vmi_cpu.h"

#define VA_U		MM_USER_BASE
#define VA_K		MM_KWIN_BASE
#define PAGE(n)		((uint32_t)(n) * PAGE_SIZE)
#define CR4_PGE		0x00000080u

static volatile uint32_t probe_word = 0x0c0ffee0;

/* Switch to the root, destroy the spaces, free the data pages. */
static void cleanup(struct aspace *as, unsigned int n_as,
		    const uint32_t *pages, unsigned int n_pages)
{
	unsigned int i;

	as_switch(&mm_root);
	for (i = 0; i < n_as; i++)
		as_destroy(&as[i]);
	for (i = 0; i < n_pages; i++)
		page_free(pages[i]);
}

static int make_pages(struct test *t, uint32_t *pages, unsigned int n,
		      uint32_t tag)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = data_page(t, tag + i * 0x10000);
		if (!pages[i]) {
			while (i-- > 0)
				page_free(pages[i]);
			return 0;
		}
	}
	return 1;
}

static int make_space(struct test *t, struct aspace *as)
{
	return check(t, as_create(as) == 0, "as_create: the page pool is empty (%u free)",
		     mm_free_pages());
}

/*
 * n data pages tagged from tag and a fresh address space, switched to:
 * what most cases start from.  0 (nothing left allocated) on failure.
 */
static int pages_in_space(struct test *t, struct aspace *as, uint32_t *pages,
			  unsigned int n, uint32_t tag)
{
	if (!make_pages(t, pages, n, tag))
		return 0;
	if (!make_space(t, as)) {
		cleanup(0, 0, pages, n);
		return 0;
	}
	as_switch(as);
	return 1;
}

/*
 * The root address space the guest built: CR3, its PDPT entries as
 * written, the identity and the linear map showing the same frames in
 * 4 KiB pages, nothing mapped at MM_USER_BASE.
 */
TEST_CASE(mmu, own_page_tables)
{
	uint32_t pa = (uint32_t)(uintptr_t)&probe_word, cr3, s;
	uintptr_t lin = MM_LINEAR_BASE + pa;
	uint64_t *pte;

	if (!mm_ready(t))
		return;
	cr3 = vmi_get_cr3();
	check(t, cr3 == as_cr3(&mm_root), "GetCR3 0x%08x, the root PDPT is at 0x%08x",
	      cr3, as_cr3(&mm_root));
	for (s = 0; s < 3; s++)
		check_pte(t, "root PDPT slot", pt_entry(mm_root.pdpt, s),
			  pfn_pa(mm_root.l2[s]) | PTE_P);
	check_pte(t, "root PDPT slot 3", pt_entry(mm_root.pdpt, 3),
		  pfn_pa(mm_kernel_l2) | PTE_P);

	pte = as_pte(&mm_root, pa, 0);
	if (!check(t, pte != 0, "no L1 maps the image at 0x%08x", pa))
		return;
	check_pte(t, "identity entry of the image", pte,
		  (pa & ~(PAGE_SIZE - 1)) | PTE_URW);
	check(t, pte_pfn(vmi_get_pxe_long(as_l2e(&mm_root, pa))) ==
		 pte_pfn(vmi_get_pxe_long(as_l2e(&mm_root, lin))),
	      "the identity and the linear map of 0x%08x use different L1s",
	      pa);
	check_read(t, "the image through the linear map", lin, probe_word);
	poke(lin, 0x5ca1ab1e);
	check(t, probe_word == 0x5ca1ab1e, "a write to 0x%08x is not seen at 0x%08x (0x%08x)",
	      (uint32_t)lin, pa, probe_word);
	probe_word = 0x0c0ffee0;
	check_read_pf(t, "read at MM_USER_BASE", VA_U + 0x123, 0);
}

/*
 * Map, unmap and remap a page: the mapping reads the frame (a write
 * through it is seen through the linear map), DeactivatePxELongAtomic
 * plus InvalPage unmaps it, a remap to another frame reads that one.
 */
TEST_CASE(mmu, map_unmap_remap)
{
	struct aspace as;
	uint32_t pg[2], va = VA_U + PAGE(5) + 0x40;
	uint64_t *pte, old;

	if (!mm_ready(t) || !pages_in_space(t, &as, pg, 2, 0x11000000))
		return;
	as_map(&as, va, pfn_pa(pg[0]) | PTE_URW);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	check_read(t, "mapped", va, 0x11000000 + 0x40 / 4);
	poke(va, 0xfeed0001);
	check(t, page_word(pg[0], 0x40 / 4) == 0xfeed0001, "a write at 0x%08x did not reach the frame (0x%08x)",
	      va, page_word(pg[0], 0x40 / 4));

	old = vmi_deactivate_pxe_long(pte);
	vmi_inval_page(va);
	check(t, pte_pfn(old) == pg[0], "DeactivatePxELongAtomic returned 0x%llx, frame 0x%x expected",
	      old, pg[0]);
	check_pte(t, "unmapped", pte, 0);
	check_read_pf(t, "read after unmapping", va, 0);

	vmi_set_pxe_long(pte, pfn_pa(pg[1]) | PTE_URW);
	vmi_flush_deferred();
	check_read(t, "remapped", va, 0x11010000 + 0x40 / 4);
	cleanup(&as, 1, pg, 2);
}

/* ---- page faults fixed up and retried --------------------------------- */

static struct {
	struct aspace *as;
	uint32_t page;
	uint64_t flags;
} fixup;

/* Not present: map the page (allocating the L1 if needed), as do_no_page. */
static int fix_not_present(uint32_t cr2, uint32_t err)
{
	if (err & PF_P)
		return 0;
	if (as_map(fixup.as, cr2 & ~(PAGE_SIZE - 1),
		   pfn_pa(fixup.page) | fixup.flags))
		return 0;
	vmi_flush_deferred();		/* update_mmu_cache */
	return 1;
}

/* Write to a read-only page: make it writable (ptep_set_access_flags). */
static int fix_write_protect(uint32_t cr2, uint32_t err)
{
	uint64_t *pte;

	if ((err & (PF_P | PF_W)) != (PF_P | PF_W))
		return 0;
	pte = as_pte(fixup.as, cr2, 0);
	if (!pte)
		return 0;
	vmi_set_pxe_long(pte, vmi_get_pxe_long(pte) | PTE_RW);
	vmi_flush_deferred();
	return 1;
}

static void check_fix(struct test *t, const char *what, uint32_t cr2,
		      uint32_t err)
{
	check(t, pf_fix.calls == 1, "%s: %u page faults, expected 1", what,
	      pf_fix.calls);
	check(t, pf_fix.cr2 == cr2 && pf_fix.err == err,
	      "%s: #PF CR2 0x%08x error code 0x%x, expected 0x%08x and 0x%x",
	      what, pf_fix.cr2, pf_fix.err, cr2, err);
}

/*
 * A read where no L1 exists, a ring-3 read where the L1 entry is empty
 * and a write to an empty entry: each #PF carries CR2 and the error code
 * of the access; the handler maps the page and the access, retried, sees
 * the frame.
 */
TEST_CASE(mmu, pf_not_present)
{
	struct aspace as;
	uint32_t pg[3], va, v;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t) ||
	    !pages_in_space(t, &as, pg, 3, 0x22000000))
		return;
	fixup.as = &as;
	fixup.flags = PTE_URW;

	fixup.page = pg[0];
	pf_fix_install(fix_not_present);
	va = VA_U + PAGE(2) + 0x468;
	v = peek(va);
	check_fix(t, "read, no L1", va, 0);
	check(t, v == 0x22000000 + 0x468 / 4, "read, no L1: 0x%08x after the fix", v);

	fixup.page = pg[1];
	pf_fix_install(fix_not_present);
	va = VA_U + PAGE(3) + 0x10;
	v = in_ring3(user_read_word, va);
	check_fix(t, "ring-3 read, empty entry", va, PF_U);
	check(t, v == 0x22010000 + 0x10 / 4, "ring-3 read, empty entry: 0x%08x after the fix", v);

	fixup.page = pg[2];
	pf_fix_install(fix_not_present);
	va = VA_U + PAGE(4) + 8;
	poke(va, 0x600dcafe);
	check_fix(t, "write, empty entry", va, PF_W);
	check(t, page_word(pg[2], 2) == 0x600dcafe, "write, empty entry: the frame holds 0x%08x", page_word(pg[2], 2));

	pf_fix_install(0);
	cleanup(&as, 1, pg, 3);
}

/*
 * Writes to read-only pages, from the kernel's ring and from ring 3:
 * #PF with P|W (|U), the handler makes the entry writable, the write
 * retried lands in the frame; reads never faulted.
 */
TEST_CASE(mmu, pf_write_protect)
{
	struct aspace as;
	uint32_t pg[2], va0 = VA_U + 0x104, va1 = VA_U + PAGE(1) + 0x208;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t) ||
	    !pages_in_space(t, &as, pg, 2, 0x33000000))
		return;
	as_map(&as, va0, pfn_pa(pg[0]) | PTE_URO);
	as_map(&as, va1, pfn_pa(pg[1]) | PTE_URO);
	vmi_flush_deferred();
	fixup.as = &as;

	pf_fix_install(fix_write_protect);
	check_read(t, "read-only page", va0, 0x33000000 + 0x104 / 4);
	check(t, pf_fix.calls == 0, "reading a read-only page faulted");
	poke(va0, 0xabad1dea);
	check_fix(t, "kernel write", va0, PF_P | PF_W);
	check(t, page_word(pg[0], 0x104 / 4) == 0xabad1dea, "kernel write: the frame holds 0x%08x",
	      page_word(pg[0], 0x104 / 4));
	check(t, vmi_get_pxe_long(as_pte(&as, va0, 0)) & PTE_RW,
	      "the entry is not writable after the fix");

	pf_fix_install(fix_write_protect);
	in_ring3(user_write_word, va1);
	check_fix(t, "ring-3 write", va1, PF_P | PF_W | PF_U);
	check(t, page_word(pg[1], 0x208 / 4) == (va1 ^ USER_WRITE_XOR), "ring-3 write: the frame holds 0x%08x",
	      page_word(pg[1], 0x208 / 4));

	pf_fix_install(0);
	cleanup(&as, 1, pg, 2);
}

/* ---- copy on write ------------------------------------------------------ */

static struct {
	struct aspace *as;
	uint32_t copy;		/* the frame the fault allocated */
	uint64_t old;		/* what DeactivatePxELongAtomic returned */
} cow;

/* do_wp_page: copy the frame, ptep_clear_flush, map the copy writable. */
static int fix_cow(uint32_t cr2, uint32_t err)
{
	uint32_t va = cr2 & ~(PAGE_SIZE - 1);
	uint64_t *pte;
	uint64_t v;

	if ((err & (PF_P | PF_W)) != (PF_P | PF_W) || cow.copy)
		return 0;
	pte = as_pte(cow.as, va, 0);
	if (!pte)
		return 0;
	v = vmi_get_pxe_long(pte);
	cow.copy = page_alloc();
	if (!cow.copy)
		return 0;
	memcpy(pfn_va(cow.copy), pfn_va(pte_pfn(v)), PAGE_SIZE);
	cow.old = vmi_deactivate_pxe_long(pte);
	vmi_inval_page(va);
	vmi_set_pxe_long(pte, pfn_pa(cow.copy) | (v & ~PTE_FRAME & ~PTE_AD) |
			      PTE_RW);
	vmi_flush_deferred();
	return 1;
}

/*
 * A private writable page write-protected for sharing
 * (TestAndClearPxELongBit of RW, as ptep_set_wrprotect), still readable;
 * the first write faults, the handler copies the frame and maps the copy
 * writable; the write lands in the copy, the original is untouched.
 */
TEST_CASE(mmu, copy_on_write)
{
	struct aspace as;
	uint32_t pg, va = VA_U + PAGE(7), bit;
	uint64_t *pte;
	unsigned int d;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t) ||
	    !pages_in_space(t, &as, &pg, 1, 0x44000000))
		return;
	as_map(&as, va, pfn_pa(pg) | PTE_URW);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	check_read(t, "before sharing", va + 0x10, 0x44000000 + 4);

	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_RW);
	vmi_inval_page(va);
	check(t, bit == 1, "TestAndClearPxELongBit(RW) of a writable entry returned %u", bit);
	check_read(t, "shared, read-only", va + 0x20, 0x44000000 + 8);

	memset(&cow, 0, sizeof(cow));
	cow.as = &as;
	pf_fix_install(fix_cow);
	poke(va + 0x30, 0xc0ffee00);
	check_fix(t, "write to the shared page", va + 0x30, PF_P | PF_W);
	pf_fix_install(0);
	if (!check(t, cow.copy != 0, "the fault made no copy"))
		goto out;
	check(t, pte_pfn(cow.old) == pg && !(cow.old & PTE_RW),
	      "DeactivatePxELongAtomic returned 0x%llx, expected frame 0x%x read-only", cow.old, pg);
	check_pte(t, "after the copy", pte, pfn_pa(cow.copy) | PTE_URW);
	check_read(t, "the copy through the mapping", va + 0x30, 0xc0ffee00);
	check(t, page_word(cow.copy, 0x30 / 4) == 0xc0ffee00, "the copy holds 0x%08x", page_word(cow.copy, 0x30 / 4));
	d = page_differs(pg, 0x44000000);
	check(t, d == WORDS_PER_PAGE, "the original changed at word %u (0x%08x)", d,
	      page_word(pg, d % WORDS_PER_PAGE));
	poke((uintptr_t)pfn_va(cow.copy) + 0x30, 0x44000000 + 0x30 / 4);
	d = page_differs(cow.copy, 0x44000000);
	check(t, d == WORDS_PER_PAGE, "the copy differs from the original at word %u", d);
	page_free(cow.copy);
out:
	cleanup(&as, 1, &pg, 1);
}

/* ---- fork: duplicating an address space ---------------------------------- */

#define FORK_L1S	2
#define FORK_PAGES	(FORK_L1S * L1_ENTRIES)		/* 1024 PTEs */

static uint32_t fork_pages[FORK_PAGES];

static uint32_t fork_tag(unsigned int i)
{
	return 0x55000000 + (i << 12);
}

/*
 * A parent with 1024 pages mapped (two full L1s) is duplicated as fork
 * does (copy_pte_range): a new L1 per parent L1 in the child, each parent
 * entry write-protected with TestAndClearPxELongBit(RW) and copied, old
 * and read-only, with SetPxELong; the parent's TLB flushed.  The child
 * reads every page through its own tables; both sides' entries are
 * read-only; the parent still reads its pages.
 */
TEST_CASE(mmu, fork_1024_ptes)
{
	struct aspace as[2];
	unsigned int i, bad = 0, first = 0, notro = 0;
	uint64_t *src, *dst, v;
	uint32_t va, got = 0, bit;

	if (!mm_ready(t))
		return;
	for (i = 0; i < FORK_PAGES; i++) {
		fork_pages[i] = page_alloc();
		if (!check(t, fork_pages[i] != 0, "the page pool is empty after %u pages", i)) {
			cleanup(0, 0, fork_pages, i);
			return;
		}
		poke((uintptr_t)pfn_va(fork_pages[i]), fork_tag(i));
	}
	if (!make_space(t, &as[0])) {
		cleanup(0, 0, fork_pages, FORK_PAGES);
		return;
	}
	if (!make_space(t, &as[1])) {
		cleanup(as, 1, fork_pages, FORK_PAGES);
		return;
	}
	for (i = 0; i < FORK_PAGES; i++)
		as_map(&as[0], VA_U + PAGE(i), pfn_pa(fork_pages[i]) | PTE_URW);
	vmi_flush_deferred();

	as_switch(&as[0]);
	for (i = 0; i < FORK_PAGES; i++)
		if (peek(VA_U + PAGE(i)) != fork_tag(i) && !bad++)
			first = i;
	check(t, !bad, "parent: %u of %u pages read wrong, the first %u", bad, FORK_PAGES, first);

	for (i = 0; i < FORK_PAGES; i++) {
		va = VA_U + PAGE(i);
		src = as_pte(&as[0], va, 0);
		dst = as_pte(&as[1], va, 1);
		if (!check(t, src && dst, "no entry for 0x%08x (parent %p, child %p)",
			   va, (void *)src, (void *)dst))
			goto out;
		bit = vmi_test_and_clear_pxe_long_bit(src, PTE_BIT_RW);
		if (bit != 1 && !notro++)
			first = i;
		v = vmi_get_pxe_long(src);
		vmi_set_pxe_long(dst, v & ~PTE_A);
	}
	check(t, !notro, "TestAndClearPxELongBit(RW) returned 0 for %u parent entries, the first %u",
	      notro, first);
	vmi_flush_tlb(VMI_FLUSH_TLB);		/* flush_tlb_mm(parent) */

	as_switch(&as[1]);
	check(t, vmi_get_cr3() == as_cr3(&as[1]), "GetCR3 0x%08x in the child, expected 0x%08x",
	      vmi_get_cr3(), as_cr3(&as[1]));
	bad = 0;
	for (i = 0; i < FORK_PAGES; i++) {
		got = peek(VA_U + PAGE(i));
		if (got != fork_tag(i) && !bad++)
			first = i;
	}
	check(t, !bad, "child: %u of %u pages read wrong, the first %u", bad, FORK_PAGES, first);
	for (i = 0, bad = 0; i < FORK_PAGES; i++) {
		va = VA_U + PAGE(i);
		src = as_pte(&as[0], va, 0);
		dst = as_pte(&as[1], va, 0);
		if ((vmi_get_pxe_long(src) & PTE_RW) ||
		    pte_noad(vmi_get_pxe_long(dst)) !=
		    (pfn_pa(fork_pages[i]) | PTE_URO)) {
			if (!bad++)
				first = i;
		}
	}
	check(t, !bad, "%u entries not read-only copies of the parent's, the first %u",
	      bad, first);
	check_write_pf(t, "child write to a shared page", VA_U + PAGE(3),
		       PF_P | PF_W);
	as_switch(&as[0]);
	check_read(t, "parent after the fork", VA_U + PAGE(FORK_PAGES - 1),
		   fork_tag(FORK_PAGES - 1));
out:
	cleanup(as, 2, fork_pages, FORK_PAGES);
}

/* ---- several address spaces ------------------------------------------------ */

#define N_SPACES	3

/*
 * Three address spaces map MM_USER_BASE to three frames; switching among
 * them (SetCR3) makes GetCR3 report each and the address read each
 * one's frame; a page only one of them maps is absent in the others and
 * in the root.
 */
TEST_CASE(mmu, switch_spaces)
{
	struct aspace as[N_SPACES];
	uint32_t pg[N_SPACES], round, i, cr3;
	char what[48];

	if (!mm_ready(t) || !make_pages(t, pg, N_SPACES, 0x66000000))
		return;
	for (i = 0; i < N_SPACES; i++)
		if (!make_space(t, &as[i])) {
			cleanup(as, i, pg, N_SPACES);
			return;
		}
	for (i = 0; i < N_SPACES; i++) {
		as_map(&as[i], VA_U, pfn_pa(pg[i]) | PTE_URW);
		as_map(&as[i], VA_U + PAGE(1 + i), pfn_pa(pg[i]) | PTE_URW);
	}
	vmi_flush_deferred();
	for (round = 0; round < 4; round++)
		for (i = 0; i < N_SPACES; i++) {
			snprintf(what, sizeof(what), "space %u, round %u", i, round);
			as_switch(&as[i]);
			cr3 = vmi_get_cr3();
			check(t, cr3 == as_cr3(&as[i]), "%s: GetCR3 0x%08x, expected 0x%08x",
			      what, cr3, as_cr3(&as[i]));
			check_read(t, what, VA_U + 4, 0x66000001 + i * 0x10000);
			check_read(t, what, VA_U + PAGE(1 + i), 0x66000000 + i * 0x10000);
			check_read_pf(t, what, VA_U + PAGE(1 + (i + 1) % N_SPACES), 0);
			check_read(t, "the image", (uintptr_t)&probe_word, probe_word);
		}
	as_switch(&mm_root);
	check(t, vmi_get_cr3() == as_cr3(&mm_root), "GetCR3 0x%08x back in the root, expected 0x%08x",
	      vmi_get_cr3(), as_cr3(&mm_root));
	check_read_pf(t, "root", VA_U, 0);
	cleanup(as, N_SPACES, pg, N_SPACES);
}

/*
 * After three address spaces exist, an L1 is linked into the shared
 * kernel L2 and a page mapped in it: every space (and the root) sees it;
 * remapped, every space sees the new frame; unlinked, none does.
 */
TEST_CASE(mmu, kernel_mapping_shared)
{
	struct aspace as[N_SPACES];
	uint32_t pg[2], i, va = VA_K + PAGE(9) + 0x84;
	uint64_t *pte;
	char what[48];

	if (!mm_ready(t) || !make_pages(t, pg, 2, 0x77000000))
		return;
	for (i = 0; i < N_SPACES; i++)
		if (!make_space(t, &as[i])) {
			cleanup(as, i, pg, 2);
			return;
		}
	if (!check(t, as_map(&mm_root, va, pfn_pa(pg[0]) | PTE_KRW) == 0, "no L1 for the kernel window"))
		goto out;
	vmi_flush_deferred();
	pte = as_pte(&mm_root, va, 0);
	for (i = 0; i <= N_SPACES; i++) {
		snprintf(what, sizeof(what), "new kernel mapping, space %u", i);
		as_switch(i < N_SPACES ? &as[i] : &mm_root);
		check_read(t, what, va, 0x77000000 + 0x84 / 4);
	}
	vmi_set_pxe_long(pte, pfn_pa(pg[1]) | PTE_KRW);
	vmi_flush_deferred();
	for (i = 0; i <= N_SPACES; i++) {
		snprintf(what, sizeof(what), "remapped, space %u", i);
		as_switch(i < N_SPACES ? &as[i] : &mm_root);
		check_read(t, what, va, 0x77010000 + 0x84 / 4);
	}
	as_free_l1(&mm_root, va);
	for (i = 0; i <= N_SPACES; i++) {
		snprintf(what, sizeof(what), "unlinked, space %u", i);
		as_switch(i < N_SPACES ? &as[i] : &mm_root);
		check_read_pf(t, what, va, 0);
	}
out:
	as_free_l1(&mm_root, va);
	cleanup(as, N_SPACES, pg, 2);
}

/* ---- the TLB --------------------------------------------------------------- */

/*
 * A page is mapped and read (its translation cached), then its entry is
 * pointed at another frame with SetPxELong alone: the old translation may
 * persist (the spec allows it; noted if it does), and after InvalPage the
 * new frame is read.
 */
TEST_CASE(mmu, invalpage)
{
	uint32_t pg[2], va = VA_K + PAGE(3), v, n;
	uint64_t *pte;

	if (!mm_ready(t) || !make_pages(t, pg, 2, 0x88000000))
		return;
	if (!check(t, as_map(&mm_root, va, pfn_pa(pg[0]) | PTE_KRW) == 0, "no L1 for the kernel window"))
		goto out;
	vmi_flush_deferred();
	pte = as_pte(&mm_root, va, 0);
	for (n = 0; n < 3; n++) {
		check_read(t, "before", va + 8 * n, 0x88000000 + 2 * n + (n & 1) * 0x10000);
		vmi_set_pxe_long(pte, pfn_pa(pg[(n + 1) & 1]) | PTE_KRW);
		vmi_flush_deferred();
		v = peek(va + 8 * n);
		if (v == 0x88000000 + 2 * n + (n & 1) * 0x10000)
			note(t, "vmitest: mmu.invalpage: the stale translation persisted until InvalPage");
		vmi_inval_page(va);
		check_read(t, "after InvalPage", va + 8 * n,
			   0x88000000 + 2 * n + ((n + 1) & 1) * 0x10000);
	}
out:
	as_free_l1(&mm_root, va);
	cleanup(0, 0, pg, 2);
}

/*
 * Eight cached translations repointed with SetPxELong: after
 * FlushTLB(VMI_FLUSH_TLB) every one reads its new frame.  With CR4.PGE
 * (when CPUID reports PGE) the same for a global mapping and
 * FlushTLB(VMI_FLUSH_TLB | VMI_FLUSH_GLOBAL).
 */
TEST_CASE(mmu, flush_tlb)
{
	uint32_t pg[2], va = VA_K + PAGE(16), i, cr4;
	uint64_t *pte;

	if (!NEED(t, VMI_CALL_GetCR4, VMI_CALL_SetCR4) || !mm_ready(t) ||
	    !make_pages(t, pg, 2, 0x99000000))
		return;
	for (i = 0; i < 8; i++)
		if (!check(t, as_map(&mm_root, va + PAGE(i), pfn_pa(pg[0]) | PTE_KRW) == 0, "no L1 for the kernel window"))
			goto out;
	vmi_flush_deferred();
	for (i = 0; i < 8; i++)
		check_read(t, "before", va + PAGE(i) + 4 * i, 0x99000000 + i);
	for (i = 0; i < 8; i++)
		vmi_set_pxe_long(as_pte(&mm_root, va + PAGE(i), 0),
				 pfn_pa(pg[1]) | PTE_KRW);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	for (i = 0; i < 8; i++)
		check_read(t, "after FlushTLB", va + PAGE(i) + 4 * i, 0x99010000 + i);

	if (!cpu_has_pge()) {
		note(t, "vmitest: mmu.flush_tlb: CPUID reports no PGE: global mappings not tried");
		goto out;
	}
	cr4 = vmi_get_cr4();
	vmi_set_cr4(cr4 | CR4_PGE);
	pte = as_pte(&mm_root, va, 0);
	vmi_set_pxe_long(pte, pfn_pa(pg[0]) | PTE_KRW | PTE_G);
	vmi_inval_page(va);
	check_read(t, "global, before", va + 0x40, 0x99000010);
	as_switch(&mm_root);			/* keeps global translations */
	vmi_set_pxe_long(pte, pfn_pa(pg[1]) | PTE_KRW | PTE_G);
	vmi_flush_tlb(VMI_FLUSH_TLB | VMI_FLUSH_GLOBAL);
	check_read(t, "global, after FlushTLB(GLOBAL)", va + 0x40, 0x99010010);
	vmi_set_pxe_long(pte, 0);
	vmi_set_cr4(cr4);
	check(t, vmi_get_cr4() == cr4, "CR4 0x%08x after restoring 0x%08x", vmi_get_cr4(), cr4);
out:
	as_free_l1(&mm_root, va);
	cleanup(0, 0, pg, 2);
}

/*
 * SetPxELong, then FlushDeferredCalls(VMI_FLUSH_PT_UPDATES): the entry is
 * in the page table itself, not only queued: a direct read of the entry
 * (a kernel reads its tables) shows it present with the flags written.
 */
TEST_CASE(mmu, flush_deferred)
{
	uint32_t pg, va = VA_K + PAGE(40);
	uint64_t *pte, want, raw;

	if (!mm_ready(t) || !make_pages(t, &pg, 1, 0xaa000000))
		return;
	if (!check(t, as_map(&mm_root, va, 0) == 0, "no L1 for the kernel window"))
		goto out;
	pte = as_pte(&mm_root, va, 0);
	want = pfn_pa(pg) | PTE_KRW | PTE_A | PTE_D;
	vmi_set_pxe_long(pte, want);
	vmi_flush_deferred();
	raw = *(volatile uint64_t *)pte;
	if (rom_state.native)
		check(t, raw == want, "the entry holds 0x%llx, 0x%llx was written", raw, want);
	else
		check(t, (raw & ~PTE_FRAME) == (want & ~PTE_FRAME) && (raw & PTE_FRAME),
		      "the entry holds 0x%llx after FlushDeferredCalls, 0x%llx was written (machine frame aside)",
		      raw, want);
	check_read(t, "mapped", va + 12, 0xaa000003);
	vmi_deactivate_pxe_long(pte);
	vmi_inval_page(va);
out:
	as_free_l1(&mm_root, va);
	cleanup(0, 0, &pg, 1);
}

/* ---- entry bits ------------------------------------------------------------ */

/* mov $0x4e584e58, %eax; ret */
static const uint8_t nx_code[] = { 0xb8, 0x58, 0x4e, 0x58, 0x4e, 0xc3 };
#define NX_MAGIC	0x4e584e58u

/* Call fn; 1 if #PF arrived (at fn) instead; ESP is kept either way. */
static int try_call(uintptr_t fn, uint32_t *ret)
{
	uint32_t v = 0;
	int faulted;

	fault_expect(VEC_PF);
	asm volatile("movl %%esp, %%esi\n\t"
		     FAULT_BEGIN "call *%1" FAULT_END
		     "movl %%esi, %%esp"
		     : "+a" (v) : "r" (fn)
		     : "esi", "ecx", "edx", "cc", "memory");
	faulted = fault_state.taken != 0;
	fault_disarm();
	*ret = v;
	return faulted;
}

/*
 * With NX usable (CPUID NX, EFER.NXE): code in a page mapped without NX
 * runs; with NX set the call faults at the page with P|I/D and CR2 the
 * address; TestAndClearPxELongBit(63), a bit of the entry's high half,
 * returns 1 and makes it run again; TestAndSetPxELongBit(63) returns 0,
 * then 1.
 */
TEST_CASE(mmu, nx)
{
	uint32_t pg, va = VA_K + PAGE(50), r[4], got = 0, bit;
	uint64_t *pte;
	char why[80];

	if (!NEED(t, VMI_CALL_RDMSR, VMI_CALL_WRMSR, VMI_CALL_IRET,
		  VMI_CALL_GetCR2) || !mm_ready(t))
		return;
	if (!nx_usable(why, sizeof(why))) {
		note(t, "vmitest: mmu.nx: %s: not tried", why);
		return;
	}
	if (!make_pages(t, &pg, 1, 0))
		return;
	memcpy(pfn_va(pg), nx_code, sizeof(nx_code));
	vmi_cpuid(0, 0, r);			/* serialise after writing code */
	if (!check(t, as_map(&mm_root, va, pfn_pa(pg) | PTE_KRW) == 0, "no L1 for the kernel window"))
		goto out;
	vmi_flush_deferred();
	pte = as_pte(&mm_root, va, 0);
	if (check(t, !try_call(va, &got), "calling 0x%08x without NX raised #PF (error code 0x%x)",
		  va, fault_state.rec.error_code))
		check(t, got == NX_MAGIC, "the code at 0x%08x returned 0x%08x", va, got);

	vmi_set_pxe_long(pte, pfn_pa(pg) | PTE_KRW | PTE_NX);
	vmi_inval_page(va);
	if (check(t, try_call(va, &got), "calling 0x%08x with NX did not fault", va))
		check(t, fault_state.rec.error_code == (PF_P | PF_ID) &&
			 fault_state.rec.cr2 == va && fault_state.rec.eip == va,
		      "NX: #PF error code 0x%x CR2 0x%08x EIP 0x%08x, expected 0x%x at 0x%08x",
		      fault_state.rec.error_code, fault_state.rec.cr2,
		      fault_state.rec.eip, PF_P | PF_ID, va);

	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_NX);
	vmi_inval_page(va);
	check(t, bit == 1, "TestAndClearPxELongBit(63) of an NX entry returned %u", bit);
	check_pte(t, "NX cleared", pte, pfn_pa(pg) | PTE_KRW);
	check(t, !try_call(va, &got) && got == NX_MAGIC, "after clearing NX the call returned 0x%08x", got);
	bit = vmi_test_and_set_pxe_long_bit(pte, PTE_BIT_NX);
	check(t, bit == 0, "TestAndSetPxELongBit(63) of an entry without NX returned %u", bit);
	bit = vmi_test_and_set_pxe_long_bit(pte, PTE_BIT_NX);
	check(t, bit == 1, "TestAndSetPxELongBit(63) again returned %u", bit);
	check_pte(t, "NX set again", pte, pfn_pa(pg) | PTE_KRW | PTE_NX);
	vmi_set_pxe_long(pte, 0);
	vmi_inval_page(va);
out:
	as_free_l1(&mm_root, va);
	cleanup(0, 0, &pg, 1);
}

/*
 * The A and D bits the processor sets show through GetPxELong: after a
 * read A (and the L2 entry's A), after a write D;
 * TestAndClearPxELongBit(A/D) returns 1 and clears them, and a new access
 * (after InvalPage) sets them again.
 */
TEST_CASE(mmu, accessed_dirty)
{
	struct aspace as;
	uint32_t pg, va = VA_U + PAGE(12), bit;
	uint64_t *pte, v, want;

	if (!mm_ready(t) || !pages_in_space(t, &as, &pg, 1, 0xbb000000))
		return;
	want = pfn_pa(pg) | PTE_URW;
	as_map(&as, va, want);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	v = vmi_get_pxe_long(pte);
	check(t, pte_noad(v) == want && !(v & PTE_D), "before any access: 0x%llx, expected 0x%llx, D clear",
	      v, want);
	check_read(t, "read", va, 0xbb000000);
	v = vmi_get_pxe_long(pte);
	check(t, (v & PTE_A) && !(v & PTE_D), "after a read: 0x%llx, expected A set, D clear", v);
	check(t, vmi_get_pxe_long(as_l2e(&as, va)) & PTE_A,
	      "after a read: the L2 entry 0x%llx has no A", vmi_get_pxe_long(as_l2e(&as, va)));
	poke(va + 4, 0x1);
	v = vmi_get_pxe_long(pte);
	check(t, (v & PTE_AD) == PTE_AD, "after a write: 0x%llx, expected A and D set", v);

	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_A);
	check(t, bit == 1, "TestAndClearPxELongBit(A) returned %u", bit);
	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_D);
	check(t, bit == 1, "TestAndClearPxELongBit(D) returned %u", bit);
	v = vmi_get_pxe_long(pte);
	check(t, v == want, "after clearing A and D: 0x%llx, expected 0x%llx", v, want);
	vmi_inval_page(va);
	check_read(t, "read again", va + 4, 0x1);
	v = vmi_get_pxe_long(pte);
	check(t, (v & PTE_A) && !(v & PTE_D), "after a read again: 0x%llx, expected A set, D clear", v);
	poke(va + 8, 0x2);
	v = vmi_get_pxe_long(pte);
	check(t, v == (want | PTE_AD), "after a write again: 0x%llx, expected 0x%llx", v, want | PTE_AD);
	cleanup(&as, 1, &pg, 1);
}

/*
 * SwapPxELongAtomic and DeactivatePxELongAtomic return the old entry
 * exactly, with the A/D bits accesses set; Deactivate leaves 0 and, after
 * InvalPage, no mapping.
 */
TEST_CASE(mmu, swap_deactivate)
{
	struct aspace as;
	uint32_t pg[2], va = VA_U + PAGE(20);
	uint64_t *pte, v1, v2, old;

	if (!mm_ready(t) || !pages_in_space(t, &as, pg, 2, 0xcc000000))
		return;
	v1 = pfn_pa(pg[0]) | PTE_URW;
	v2 = pfn_pa(pg[1]) | PTE_URW;
	as_map(&as, va, v1);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	poke(va, 0x77);				/* sets A and D */
	old = vmi_swap_pxe_long(pte, v2);
	check(t, old == (v1 | PTE_AD), "SwapPxELongAtomic returned 0x%llx, expected 0x%llx", old, v1 | PTE_AD);
	check_pte(t, "after the swap", pte, v2);
	vmi_inval_page(va);
	check_read(t, "after the swap", va + 4, 0xcc010001);	/* sets A */
	old = vmi_deactivate_pxe_long(pte);
	check(t, old == (v2 | PTE_A), "DeactivatePxELongAtomic returned 0x%llx, expected 0x%llx",
	      old, v2 | PTE_A);
	old = vmi_get_pxe_long(pte);
	check(t, old == 0, "after DeactivatePxELongAtomic: 0x%llx", old);
	vmi_inval_page(va);
	check_read_pf(t, "after DeactivatePxELongAtomic", va, 0);
	old = vmi_swap_pxe_long(pte, v1);
	check(t, old == 0, "SwapPxELongAtomic of an empty entry returned 0x%llx", old);
	check_read(t, "swapped back in", va, 0x77);
	cleanup(&as, 1, pg, 2);
}

/*
 * TestAndSet/ClearPxELongBit return the old bit and change only it: RW
 * (the write then faults, or not), and bit 40 of an entry that is not
 * present (a PAE swap entry keeps its offset in the high half).
 */
TEST_CASE(mmu, test_and_bits)
{
	struct aspace as;
	uint32_t pg, va = VA_U + PAGE(30), bit;
	uint64_t *pte, v, *empty;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t) ||
	    !pages_in_space(t, &as, &pg, 1, 0xdd000000))
		return;
	v = pfn_pa(pg) | PTE_URW;
	as_map(&as, va, v);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_RW);
	check(t, bit == 1, "TestAndClearPxELongBit(RW) of a writable entry returned %u", bit);
	bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_RW);
	check(t, bit == 0, "TestAndClearPxELongBit(RW) again returned %u", bit);
	check_pte(t, "RW cleared", pte, v & ~PTE_RW);
	vmi_inval_page(va);
	check_write_pf(t, "write after clearing RW", va, PF_P | PF_W);
	bit = vmi_test_and_set_pxe_long_bit(pte, PTE_BIT_RW);
	check(t, bit == 0, "TestAndSetPxELongBit(RW) of a read-only entry returned %u", bit);
	bit = vmi_test_and_set_pxe_long_bit(pte, PTE_BIT_RW);
	check(t, bit == 1, "TestAndSetPxELongBit(RW) again returned %u", bit);
	check_pte(t, "RW set", pte, v);
	vmi_inval_page(va);
	poke(va, 0x1234);
	check(t, page_word(pg, 0) == 0x1234, "a write after setting RW left 0x%08x", page_word(pg, 0));

	empty = as_pte(&as, va + PAGE(1), 0);
	bit = vmi_test_and_set_pxe_long_bit(empty, 40);
	check(t, bit == 0, "TestAndSetPxELongBit(40) of an empty entry returned %u", bit);
	v = vmi_get_pxe_long(empty);
	check(t, v == 1ull << 40, "after TestAndSetPxELongBit(40): 0x%llx", v);
	bit = vmi_test_and_set_pxe_long_bit(empty, 40);
	check(t, bit == 1, "TestAndSetPxELongBit(40) again returned %u", bit);
	bit = vmi_test_and_clear_pxe_long_bit(empty, 40);
	check(t, bit == 1, "TestAndClearPxELongBit(40) returned %u", bit);
	v = vmi_get_pxe_long(empty);
	check(t, v == 0, "after TestAndClearPxELongBit(40): 0x%llx", v);
	cleanup(&as, 1, &pg, 1);
}

/*
 * Address-space teardown as Linux does it (ptep_get_and_clear_full):
 * `*ptep = 0` written directly, low half first, no VMI call; after
 * InvalPage the page is unmapped and GetPxELong reads 0.
 */
TEST_CASE(mmu, direct_clear)
{
	struct aspace as;
	uint32_t pg, va = VA_U + PAGE(33);
	volatile uint32_t *half;
	uint64_t *pte;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t) ||
	    !pages_in_space(t, &as, &pg, 1, 0xee000000))
		return;
	as_map(&as, va, pfn_pa(pg) | PTE_URW);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	check_read(t, "mapped", va, 0xee000000);
	half = (volatile uint32_t *)pte;
	half[0] = 0;
	asm volatile("" ::: "memory");
	half[1] = 0;
	vmi_inval_page(va);
	check_pte(t, "after *ptep = 0", pte, 0);
	check(t, vmi_get_pxe_long(pte) == 0, "after *ptep = 0: 0x%llx", vmi_get_pxe_long(pte));
	check_read_pf(t, "after *ptep = 0", va, 0);
	cleanup(&as, 1, &pg, 1);
}

/*
 * An L1 in use, unlinked and released (ReleasePage) becomes an ordinary
 * page: written through the linear map, then mapped writable as data.
 */
TEST_CASE(mmu, release_reuse)
{
	struct aspace as;
	uint32_t pg, l1, va = VA_U + 0x00600000, i;
	uint64_t *l2e;
	unsigned int d;

	if (!mm_ready(t) || !pages_in_space(t, &as, &pg, 1, 0xf1000000))
		return;
	as_map(&as, va, pfn_pa(pg) | PTE_URW);
	vmi_flush_deferred();
	check_read(t, "through the L1", va, 0xf1000000);
	l2e = as_l2e(&as, va);
	l1 = pte_pfn(vmi_get_pxe_long(l2e));
	vmi_swap_pxe_long(l2e, 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	vmi_release_page(l1, VMI_PAGE_PAE | VMI_PAGE_PT);
	pt_released(l1);
	check_read_pf(t, "after unlinking the L1", va, 0);

	for (i = 0; i < WORDS_PER_PAGE; i++)
		poke((uintptr_t)pfn_va(l1) + 4 * i, 0xf2000000 + i);
	d = page_differs(l1, 0xf2000000);
	check(t, d == WORDS_PER_PAGE, "the released page differs at word %u", d);
	as_map(&as, va + PAGE(1), pfn_pa(l1) | PTE_URW);
	vmi_flush_deferred();
	poke(va + PAGE(1) + 0x10, 0xf3f3f3f3);
	check(t, page_word(l1, 4) == 0xf3f3f3f3, "a write through the new mapping left 0x%08x", page_word(l1, 4));

	as_free_l1(&as, va);
	as_switch(&mm_root);
	as_destroy(&as);
	page_free(l1);
	page_free(pg);
}

/*
 * SetLinearMapping(1, va, 1, pfn) (a HIGHPTE kmap): an L1 mapped at a
 * kernel address of its own and registered in slot 1; SetPxELong through
 * that address changes the L1 the linear map shows.
 */
TEST_CASE(mmu, linear_mapping_slot)
{
	struct aspace as;
	uint32_t pg[2], va = VA_U + PAGE(2), kva = VA_K + PAGE(60), l1;
	uint64_t *pte, *kpte, *alias;

	if (!mm_ready(t) || !pages_in_space(t, &as, pg, 2, 0xf4000000))
		return;
	as_map(&as, va, pfn_pa(pg[0]) | PTE_URW);
	vmi_flush_deferred();
	pte = as_pte(&as, va, 0);
	l1 = pte_pfn(vmi_get_pxe_long(as_l2e(&as, va)));
	if (!check(t, as_map(&mm_root, kva, pfn_pa(l1) | PTE_KRW) == 0, "no L1 for the kernel window"))
		goto out;
	kpte = as_pte(&mm_root, kva, 0);
	vmi_set_linear_mapping(1, kva, 1, l1);
	vmi_flush_deferred();
	alias = (uint64_t *)(uintptr_t)(kva + ((uintptr_t)pte & (PAGE_SIZE - 1)));
	check_pte(t, "through the alias", alias, pfn_pa(pg[0]) | PTE_URW);
	vmi_set_pxe_long(alias, pfn_pa(pg[1]) | PTE_URW);
	vmi_inval_page(va);
	check_pte(t, "written through the alias, read through the linear map", pte,
		  pfn_pa(pg[1]) | PTE_URW);
	check_read(t, "after the write through the alias", va + 4, 0xf4010001);
	vmi_deactivate_pxe_long(kpte);
	vmi_inval_page(kva);
out:
	as_free_l1(&mm_root, kva);
	cleanup(&as, 1, pg, 2);
}

/* ---- stress ------------------------------------------------------------------ */

#define ST_L1S		4
#define ST_ENTRIES	(ST_L1S * L1_ENTRIES)
#define ST_PAGES	32
#define ST_OPS		100000
#define ST_SAMPLE_EVERY	1000
#define ST_FULL_EVERY	10000

static uint64_t st_model[ST_ENTRIES];
static uint32_t st_pages[ST_PAGES];
static uint32_t st_seed;

static uint32_t st_rand(void)
{
	st_seed = st_seed * 1103515245u + 12345u;
	return st_seed >> 8;
}

static uint32_t st_tag(unsigned int k)
{
	return 0x51000000 + (k << 16);
}

static uint64_t st_value(void)
{
	uint32_t r = st_rand();

	switch (r % 4) {
	case 0:
		return 0;
	case 1:
		return pfn_pa(st_pages[(r >> 4) % ST_PAGES]) | PTE_URO;
	default:
		return pfn_pa(st_pages[(r >> 4) % ST_PAGES]) | PTE_URW;
	}
}

static int st_page_index(uint64_t v)
{
	int k;

	for (k = 0; k < ST_PAGES; k++)
		if (pte_pfn(v) == st_pages[k])
			return k;
	return -1;
}

/* Entry e against the model (A/D aside); 0 if it differs. */
static int st_check_entry(struct test *t, struct aspace *as, unsigned int e,
			  unsigned int op)
{
	uint64_t v = vmi_get_pxe_long(as_pte(as, VA_U + PAGE(e), 0));

	return check(t, pte_noad(v) == pte_noad(st_model[e]),
		     "stress op %u: entry %u is 0x%llx, the model says 0x%llx",
		     op, e, v, st_model[e]);
}

/* Read (and write back) entry e's page through the mapping. */
static int st_access(struct test *t, unsigned int e, unsigned int op)
{
	uintptr_t va = VA_U + PAGE(e) + 4 * (e % WORDS_PER_PAGE);
	uint64_t m = st_model[e];
	int k = st_page_index(m);

	if (!(m & PTE_P))
		return check_read_pf(t, "stress: an empty entry", va, 0);
	if (!check(t, k >= 0, "stress op %u: the model names no page", op))
		return 0;
	if (!check_read(t, "stress: a present entry", va,
			st_tag((unsigned int)k) + e % WORDS_PER_PAGE))
		return 0;
	if (m & PTE_RW) {
		if (try_write(va, st_tag((unsigned int)k) + e % WORDS_PER_PAGE))
			return check(t, 0, "stress op %u: writing entry %u's page faulted (0x%x)",
				     op, e, fault_state.rec.error_code);
		return 1;
	}
	return check_write_pf(t, "stress: a read-only entry", va, PF_P | PF_W);
}

static int st_pass(struct test *t, struct aspace *as, unsigned int op,
		   int full)
{
	unsigned int i, e;

	vmi_flush_tlb(VMI_FLUSH_TLB);
	if (full) {
		for (e = 0; e < ST_ENTRIES; e++)
			if (!st_check_entry(t, as, e, op))
				return 0;
		for (e = 0; e < ST_ENTRIES; e += 7)
			if (!st_access(t, e, op))
				return 0;
		return 1;
	}
	for (i = 0; i < 128; i++)
		if (!st_check_entry(t, as, st_rand() % ST_ENTRIES, op))
			return 0;
	for (i = 0; i < 12; i++)
		if (!st_access(t, st_rand() % ST_ENTRIES, op))
			return 0;
	return 1;
}

/*
 * 100 000 random operations on the 2048 entries of four L1s (SetPxELong,
 * SwapPxELongAtomic, DeactivatePxELongAtomic, TestAndSet/Clear of RW)
 * against a model kept in ordinary memory: every old value and old bit
 * the calls return is the model's; every 1000 operations (after a TLB
 * flush) 128 entries are compared through GetPxELong and 12 pages read
 * (and written, or found read-only, or found absent) through the
 * mappings; every 10 000 all of them.
 */
TEST_CASE(mmu, stress)
{
	struct aspace as;
	unsigned int op, e, kind, k;
	uint64_t *pte, v, old;
	uint32_t bit;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t))
		return;
	for (k = 0; k < ST_PAGES; k++)
		if (!(st_pages[k] = data_page(t, st_tag(k)))) {
			cleanup(0, 0, st_pages, k);
			return;
		}
	if (!make_space(t, &as)) {
		cleanup(0, 0, st_pages, ST_PAGES);
		return;
	}
	for (e = 0; e < ST_ENTRIES; e += L1_ENTRIES)
		if (!check(t, as_pte(&as, VA_U + PAGE(e), 1) != 0, "no L1 for the stress"))
			goto out;
	memset(st_model, 0, sizeof(st_model));
	st_seed = 0x5eed1234;
	note(t, "vmitest: mmu.stress: %u operations on %u entries, seed 0x%08x",
	     ST_OPS, ST_ENTRIES, st_seed);
	as_switch(&as);

	for (op = 0; op < ST_OPS; op++) {
		e = st_rand() % ST_ENTRIES;
		pte = as_pte(&as, VA_U + PAGE(e), 0);
		kind = st_rand() % 10;
		/* The bit operations on present entries only. */
		if (kind >= 8 && !(st_model[e] & PTE_P))
			kind = 0;
		if (kind < 3) {
			v = st_value();
			vmi_set_pxe_long(pte, v);
			st_model[e] = v;
		} else if (kind < 6) {
			v = st_value();
			old = vmi_swap_pxe_long(pte, v);
			if (!check(t, pte_noad(old) == pte_noad(st_model[e]),
				   "stress op %u: SwapPxELongAtomic of entry %u returned 0x%llx, the model says 0x%llx",
				   op, e, old, st_model[e]))
				goto out;
			st_model[e] = v;
		} else if (kind < 8) {
			old = vmi_deactivate_pxe_long(pte);
			if (!check(t, pte_noad(old) == pte_noad(st_model[e]),
				   "stress op %u: DeactivatePxELongAtomic of entry %u returned 0x%llx, the model says 0x%llx",
				   op, e, old, st_model[e]))
				goto out;
			st_model[e] = 0;
		} else if (kind == 8) {
			bit = vmi_test_and_clear_pxe_long_bit(pte, PTE_BIT_RW);
			if (!check(t, bit == ((st_model[e] >> PTE_BIT_RW) & 1),
				   "stress op %u: TestAndClearPxELongBit(RW) of entry %u returned %u, the model says 0x%llx",
				   op, e, bit, st_model[e]))
				goto out;
			st_model[e] &= ~PTE_RW;
		} else {
			bit = vmi_test_and_set_pxe_long_bit(pte, PTE_BIT_RW);
			if (!check(t, bit == ((st_model[e] >> PTE_BIT_RW) & 1),
				   "stress op %u: TestAndSetPxELongBit(RW) of entry %u returned %u, the model says 0x%llx",
				   op, e, bit, st_model[e]))
				goto out;
			st_model[e] |= PTE_RW;
		}
		if ((op + 1) % ST_SAMPLE_EVERY == 0 &&
		    !st_pass(t, &as, op + 1, (op + 1) % ST_FULL_EVERY == 0))
			goto out;
	}
out:
	cleanup(&as, 1, st_pages, ST_PAGES);
}
