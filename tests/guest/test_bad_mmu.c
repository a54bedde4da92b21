// SPDX-License-Identifier: GPL-2.0
/*
 * test_bad_mmu.c - bad.* cases of the MMU calls: bad input to a page-table
 * call.  On the vmi-xen shim the defined outcome is #GP(0) at the call
 * and nothing changed, which each case checks against what it set up (its
 * model): the entry still holds what it held (GetPxELong), the mapping
 * still reads its frame, the page is untouched.  A native processor has
 * no such rules (no hypervisor frames, no registry, 2 MiB pages), so on
 * the native ROM the same input is carried out, and the case asserts that
 * instead, as bad.descriptor_rejected does.  The shim's console
 * diagnostic for each case is in tests/rig/diagnostics.py.
 *
 * Bad entries go through SetPxELong, whose refusal is #GP, also for L2
 * entries, which VMI Linux writes with SwapPxELongAtomic (set_pmd): the
 * shim answers a refused SwapPxELongAtomic or DeactivatePxELongAtomic by
 * crashing the domain (shim/calls.def: NOFAULT, they return the old
 * entry), and AllocatePage likewise, so those are only given good input.
 */
#include "fault.h"
#include "kstring.h"
#include "mm_test.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

#define VA_U		MM_USER_BASE
#define PAGE(n)		((uint32_t)(n) * PAGE_SIZE)

/* Ordinary memory in the image: no page table, in no linear mapping. */
static uint64_t plain[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));
static volatile uint32_t probe_word = 0x2badf00d;

/* One address space with one page mapped at va (the case's model). */
struct bad_setup {
	struct aspace as;
	uint32_t page;
	uint32_t va;
	uint64_t *pte;
	uint64_t val;
};

static int setup(struct test *t, struct bad_setup *b, uint32_t tag)
{
	memset(b, 0, sizeof(*b));
	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_GetCR2) || !mm_ready(t))
		return 0;
	b->page = data_page(t, tag);
	if (!b->page)
		return 0;
	if (!check(t, as_create(&b->as) == 0, "as_create: the page pool is empty")) {
		page_free(b->page);
		return 0;
	}
	b->va = VA_U + PAGE(8);
	b->val = pfn_pa(b->page) | PTE_URW;
	as_map(&b->as, b->va, b->val);
	vmi_flush_deferred();
	b->pte = as_pte(&b->as, b->va, 0);
	as_switch(&b->as);
	return check_read(t, "set up", b->va, tag);
}

static void teardown(struct bad_setup *b)
{
	if (!mm_active())
		return;
	as_switch(&mm_root);
	as_destroy(&b->as);
	page_free(b->page);
}

/* The model holds: the entry, the mapping, the frame. */
static void check_model(struct test *t, const char *what,
			struct bad_setup *b, uint32_t tag)
{
	unsigned int d;

	check_pte(t, what, b->pte, b->val);
	vmi_inval_page(b->va);
	check_read(t, what, b->va + 4, tag + 1);
	d = page_differs(b->page, tag);
	check(t, d == WORDS_PER_PAGE, "%s: the mapped frame changed at word %u", what, d);
}

static void set_pxe_expecting(uint64_t *ptep, uint64_t v)
{
	vmi_call_expecting(VEC_GP, VMI_CALL_SetPxELong, (uint32_t)v,
			   (uint32_t)(v >> 32), (uintptr_t)ptep, 0);
}

/* A present entry naming the first frame beyond the guest's memory. */
TEST_CASE(bad, pte_frame_beyond_memory)
{
	struct bad_setup b;
	uint64_t bad;

	if (!setup(t, &b, 0xb1000000))
		goto out;
	bad = (mm_layout.mem_top & PTE_FRAME) | PTE_URW;
	set_pxe_expecting(b.pte, bad);
	if (rom_state.native) {
		fault_check_none(t, "native SetPxELong of a frame beyond memory");
		check_pte(t, "native, beyond memory", b.pte, bad);
		vmi_set_pxe_long(b.pte, b.val);
	} else {
		check_gp_at_call(t, "SetPxELong of a frame beyond memory");
	}
	check_model(t, "after SetPxELong beyond memory", &b, 0xb1000000);
out:
	teardown(&b);
}

/*
 * SetPxELong through a pointer inside the registered linear map whose
 * page is no registered page table (a data page).
 */
TEST_CASE(bad, pte_pointer_data_page)
{
	struct bad_setup b;
	uint32_t other = 0;
	uint64_t *ptep, v;
	unsigned int d;

	if (!setup(t, &b, 0xb2000000))
		goto out;
	other = data_page(t, 0xb2100000);
	if (!other)
		goto out;
	ptep = (uint64_t *)pfn_va(other) + 5;
	v = pfn_pa(b.page) | PTE_URW;
	set_pxe_expecting(ptep, v);
	if (rom_state.native) {
		fault_check_none(t, "native SetPxELong into a data page");
		check(t, *ptep == v, "native: the data page holds 0x%llx, 0x%llx written", *ptep, v);
		*ptep = ((uint64_t)(0xb2100000 + 11) << 32) | (0xb2100000 + 10);
	} else {
		check_gp_at_call(t, "SetPxELong into a data page");
	}
	d = page_differs(other, 0xb2100000);
	check(t, d == WORDS_PER_PAGE, "the data page changed at word %u (0x%08x)", d,
	      page_word(other, d % WORDS_PER_PAGE));
	check_model(t, "after SetPxELong into a data page", &b, 0xb2000000);
out:
	page_free(other);
	teardown(&b);
}

/*
 * SetPxELong through a pointer in no registered linear mapping: the
 * identity address of ordinary memory in the image.
 */
TEST_CASE(bad, pte_pointer_unregistered)
{
	struct bad_setup b;
	uint64_t v;
	unsigned int i, bad = 0;

	if (!setup(t, &b, 0xb3000000))
		goto out;
	for (i = 0; i < PAGE_SIZE / 8; i++)
		plain[i] = 0x0b3b3b3b00000000ull | i;
	v = pfn_pa(b.page) | PTE_URW;
	set_pxe_expecting(&plain[7], v);
	if (rom_state.native) {
		fault_check_none(t, "native SetPxELong through an unregistered pointer");
		check(t, plain[7] == v, "native: the word holds 0x%llx, 0x%llx written", plain[7], v);
		plain[7] = 0x0b3b3b3b00000007ull;
	} else {
		check_gp_at_call(t, "SetPxELong through an unregistered pointer");
	}
	for (i = 0; i < PAGE_SIZE / 8; i++)
		bad += plain[i] != (0x0b3b3b3b00000000ull | i);
	check(t, !bad, "%u words of the image page changed", bad);
	check_model(t, "after SetPxELong through an unregistered pointer", &b, 0xb3000000);
out:
	teardown(&b);
}

/*
 * SetCR3 of a page that is no registered PDPT: a copy of the root's,
 * entry for entry (so that natively, where the processor takes it, every
 * mapping stays as it was).
 */
TEST_CASE(bad, setcr3_not_pdpt)
{
	uint32_t copy, cr3, i;
	uint64_t *c;

	if (!NEED(t, VMI_CALL_IRET) || !mm_ready(t))
		return;
	copy = page_alloc();
	if (!check(t, copy != 0, "the page pool is empty"))
		return;
	c = pfn_va(copy);
	for (i = 0; i < 4; i++)
		c[i] = vmi_get_pxe_long(pt_entry(mm_root.pdpt, i)) & ~PTE_AD;
	vmi_call_expecting(VEC_GP, VMI_CALL_SetCR3, pfn_pa(copy), 0, 0, 0);
	if (rom_state.native) {
		fault_check_none(t, "native SetCR3 of a copy of the root PDPT");
		cr3 = vmi_get_cr3();
		check(t, cr3 == pfn_pa(copy), "native: GetCR3 0x%08x, expected the copy 0x%08x",
		      cr3, pfn_pa(copy));
		check_read(t, "native, on the copy", (uintptr_t)&probe_word, probe_word);
		as_switch(&mm_root);
	} else {
		check_gp_at_call(t, "SetCR3 of a page that is no PDPT");
		cr3 = vmi_get_cr3();
		check(t, cr3 == as_cr3(&mm_root), "GetCR3 0x%08x after the refused SetCR3, expected 0x%08x",
		      cr3, as_cr3(&mm_root));
	}
	for (i = 0; i < 4; i++)
		check(t, pte_noad(c[i]) == pte_noad(vmi_get_pxe_long(pt_entry(mm_root.pdpt, i))),
		      "the copy's entry %u changed: 0x%llx", i, c[i]);
	page_free(copy);
}

/*
 * ReleasePage of an L1 still linked into an L2: on the shim #GP and it
 * stays a page table (its entries still map, SetPxELong into it still
 * works); natively ReleasePage is a hint and nothing changes either.
 */
TEST_CASE(bad, release_linked_pt)
{
	struct bad_setup b;
	uint32_t l1, other = 0;

	if (!setup(t, &b, 0xb4000000))
		goto out;
	l1 = pte_pfn(vmi_get_pxe_long(as_l2e(&b.as, b.va)));
	vmi_call_expecting(VEC_GP, VMI_CALL_ReleasePage, l1,
			   VMI_PAGE_PAE | VMI_PAGE_PT, 0, 0);
	if (rom_state.native)
		fault_check_none(t, "native ReleasePage of a linked L1");
	else
		check_gp_at_call(t, "ReleasePage of a linked L1");
	check_pte(t, "the L2 entry after ReleasePage", as_l2e(&b.as, b.va),
		  pfn_pa(l1) | PTE_URW);
	check_model(t, "after ReleasePage of a linked L1", &b, 0xb4000000);
	other = data_page(t, 0xb4100000);
	if (!other)
		goto out;
	vmi_set_pxe_long(b.pte + 1, pfn_pa(other) | PTE_URW);
	vmi_flush_deferred();
	check_read(t, "a new entry in the L1", b.va + PAGE(1) + 8, 0xb4100002);
out:
	teardown(&b);
	page_free(other);
}

/*
 * ReleasePage of the shared kernel L2 while every PDPT's slot 3 names it:
 * on the shim #GP (Xen links only the shim's private copies of it, which
 * would go on mirroring a page the kernel thinks is free); natively the
 * call is a hint that changes nothing.  Either way the kernel L2 keeps
 * working: an L1 linked into it afterwards shows in the other address
 * space.
 */
TEST_CASE(bad, release_kernel_l2)
{
	struct bad_setup b;
	uint32_t va = MM_KWIN_BASE + MM_KWIN_SIZE - MM_L1_SPAN, pg = 0;
	uint64_t *pte;

	if (!setup(t, &b, 0xb6000000))
		goto out;
	vmi_call_expecting(VEC_GP, VMI_CALL_ReleasePage, mm_kernel_l2,
			   VMI_PAGE_PAE | VMI_PAGE_PD, 0, 0);
	if (rom_state.native)
		fault_check_none(t, "native ReleasePage of the kernel L2");
	else
		check_gp_at_call(t, "ReleasePage of the kernel L2");
	check_model(t, "after ReleasePage of the kernel L2", &b, 0xb6000000);
	pg = data_page(t, 0xb6100000);
	pte = pg ? as_pte(&mm_root, va, 1) : 0;
	if (!check(t, pte != 0, "no page or kernel-window L1 for %08x", va))
		goto out;
	vmi_set_pxe_long(pte, pfn_pa(pg) | PTE_P | PTE_RW);
	vmi_flush_deferred();
	as_switch(&b.as);
	check_read(t, "a kernel page linked after the refused release", va + 8,
		   0xb6100002);
	as_switch(&mm_root);
	vmi_set_pxe_long(pte, 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	as_free_l1(&mm_root, va);
out:
	teardown(&b);
	page_free(pg);
}

/*
 * An L2 entry of the shared kernel L2 linking an L1 at va: on the shim,
 * at the virtual top (its own range) or at Xen's hole, #GP and the entry
 * stays empty; natively (no virtual top) the page shows at va.
 */
static void pde_at(struct test *t, uint32_t va, const char *what)
{
	uint32_t l1, pg;
	uint64_t *l2e, v;

	if (!NEED(t, VMI_CALL_IRET) || !mm_ready(t))
		return;
	pg = data_page(t, 0xb5000000);
	if (!pg)
		return;
	l1 = pt_alloc(MM_L1);
	if (!check(t, l1 != 0, "the page pool is empty")) {
		page_free(pg);
		return;
	}
	vmi_set_pxe_long(pt_entry(l1, 0), pfn_pa(pg) | PTE_KRW);
	l2e = as_l2e(&mm_root, va);
	if (!check(t, vmi_get_pxe_long(l2e) == 0, "%s: the kernel L2 entry holds 0x%llx already",
		   what, vmi_get_pxe_long(l2e)))
		goto out;
	set_pxe_expecting(l2e, pfn_pa(l1) | PTE_KRW);
	if (rom_state.native) {
		fault_check_none(t, what);
		check_pte(t, what, l2e, pfn_pa(l1) | PTE_KRW);
		check_read(t, what, va + 8, 0xb5000002);
		vmi_set_pxe_long(l2e, 0);
		vmi_flush_tlb(VMI_FLUSH_TLB);
	} else {
		check_gp_at_call(t, what);
		v = vmi_get_pxe_long(l2e);
		check(t, v == 0, "%s: the kernel L2 entry holds 0x%llx after the refusal", what, v);
	}
out:
	pt_release(l1);
	page_free(pg);
}

static uint32_t shim_range_va(void)
{
	return mm_layout.virtual_top ? mm_layout.virtual_top :
		VMIX_VIRTUAL_TOP;
}

TEST_CASE(bad, pde_shim_range)
{
	pde_at(t, shim_range_va(), "SetPxELong linking an L1 at the virtual top");
}

TEST_CASE(bad, pde_xen_hole)
{
	pde_at(t, XEN_COMPAT_HOLE_START, "SetPxELong linking an L1 in Xen's hole");
}

/*
 * A 2 MiB page (PS in an L2 entry) mapping low memory at MM_USER_BASE: on
 * the shim #GP (Xen has no PV superpages) and the entry stays empty;
 * natively the page maps, and reads the image as the identity does.
 */
TEST_CASE(bad, pde_superpage)
{
	struct bad_setup b;
	uint32_t va = VA_U + 0x00400000, off = (uint32_t)(uintptr_t)&probe_word;
	uint64_t *l2e, v, big = PTE_PS | PTE_URW;

	if (!setup(t, &b, 0xb6000000))
		goto out;
	l2e = as_l2e(&b.as, va);
	set_pxe_expecting(l2e, big);
	if (rom_state.native) {
		fault_check_none(t, "native SetPxELong of a 2 MiB page");
		check_pte(t, "native 2 MiB page", l2e, big);
		check_read(t, "through the 2 MiB page", va + off, probe_word);
		vmi_set_pxe_long(l2e, 0);
		vmi_inval_page(va + off);
	} else {
		check_gp_at_call(t, "SetPxELong of a 2 MiB page");
		v = vmi_get_pxe_long(l2e);
		check(t, v == 0, "the L2 entry holds 0x%llx after the refusal", v);
	}
	check_read_pf(t, "2 MiB page gone", va + off, 0);
	check_model(t, "after SetPxELong of a 2 MiB page", &b, 0xb6000000);
out:
	teardown(&b);
}

/*
 * SetPxE, the 2-level call: PAE paging has no 4-byte entries.  The shim
 * refuses it with #GP and leaves the entry; the native ROM, which runs PAE
 * paging only, does not implement it (there is nothing to call).
 */
TEST_CASE(bad, non_pae_call)
{
	struct bad_setup b = { 0 };

	if (rom_state.native && !rom_call_implemented(VMI_CALL_SetPxE)) {
		note(t, "vmitest: bad.non_pae_call: the native ROM (PAE paging) implements no 2-level call");
		return;
	}
	if (!NEED(t, VMI_CALL_SetPxE) || !setup(t, &b, 0xb7000000))
		goto out;
	vmi_call_expecting(VEC_GP, VMI_CALL_SetPxE,
			   pfn_pa(b.page) | (uint32_t)PTE_URO,
			   (uintptr_t)b.pte, 0, 0);
	check_gp_at_call(t, "SetPxE");
	check_model(t, "after SetPxE", &b, 0xb7000000);
out:
	teardown(&b);
}

/*
 * TestAndSetPxELongBit / TestAndClearPxELongBit of bit 64: a PAE entry
 * has bits 0-63.  #GP at the call, on the shim and natively alike; the
 * entry and the next one (where a bit string 64 would land) unchanged.
 */
TEST_CASE(bad, pxe_bit_beyond_63)
{
	struct bad_setup b;
	uint64_t next;

	if (!setup(t, &b, 0xb8000000))
		goto out;
	vmi_call_expecting(VEC_GP, VMI_CALL_TestAndSetPxELongBit, 64,
			   (uintptr_t)b.pte, 0, 0);
	check_gp_at_call(t, "TestAndSetPxELongBit(64)");
	check_pte(t, "the next entry after TestAndSetPxELongBit(64)", b.pte + 1, 0);

	next = pfn_pa(b.page) | PTE_URO;
	vmi_set_pxe_long(b.pte + 1, next);
	vmi_call_expecting(VEC_GP, VMI_CALL_TestAndClearPxELongBit, 64,
			   (uintptr_t)b.pte, 0, 0);
	check_gp_at_call(t, "TestAndClearPxELongBit(64)");
	check_pte(t, "the next entry after TestAndClearPxELongBit(64)", b.pte + 1, next);
	check_model(t, "after TestAnd*PxELongBit(64)", &b, 0xb8000000);
out:
	teardown(&b);
}
