// SPDX-License-Identifier: GPL-2.0
/*
 * mm.c - the guest's page pool, page-table pages and PAE address spaces,
 * all through VMI calls (see mm.h for the layout and vmi_mmu.h for the
 * calls).  The order of things follows the VMI Linux kernel:
 *
 *   SetLinearMapping(0, PAGE_OFFSET, pages, 0) once, early;
 *   a page-table page is zeroed while it is ordinary memory, then
 *   AllocatePage(pfn, VMI_PAGE_PAE | VMI_PAGE_PT or _PD, 0, 0, 0) before
 *   it is linked; an L1 is linked with SwapPxELongAtomic (set_pmd), a
 *   user L2 into its PDPT likewise (set_pgd), entries are written with
 *   SetPxELong (set_pte);
 *   a new PDPT gets the root's slot 3 copied in while it is ordinary
 *   memory (pgd_ctor's clone_pgd_range), then AllocatePage(pdpt,
 *   VMI_PAGE_PDP, root, 3, 1), then its user L2s;
 *   a page-table page is unlinked, the TLB flushed, then ReleasePage.
 *
 * FlushDeferredCalls(VMI_FLUSH_PT_UPDATES) follows entries a later access
 * depends on (Linux: update_mmu_cache after a fault installed one); mm.c
 * itself needs none, as every CR3 load, InvalPage and TLB flush flushes
 * queued writes first.  mm.h lists the departures from Linux's layout.
 *
 * One departure, at setup only: the root's page-table pages are all
 * registered before any entry that maps them is written, so that the
 * linear map never holds a writable mapping of a page that becomes a page
 * table while that map is not yet in use (Linux builds its tables while
 * running on them; a PV kernel on Xen registers its boot tables first for
 * the same reason).
 */
#include "kstring.h"
#include "mm.h"
#include "multiboot.h"
#include "need.h"
#include "printf.h"
#include "rom.h"
#include "test.h"

extern const char _kernel_end[];

#define POOL_SLOTS	(MM_POOL_MAX >> PAGE_SHIFT)
#define IDENT_MAX	(16u << 20)	/* the identity range, at most */
#define FIRMWARE_START	0xF0000000ull	/* map entries above: not memory */
#define L2E_USER	(PTE_P | PTE_RW | PTE_US)
#define L2E_KERNEL	(PTE_P | PTE_RW)
#define PDPTE		PTE_P

struct mm_layout mm_layout;
struct aspace mm_root;
uint32_t mm_kernel_l2;

static uint32_t low_l1[IDENT_MAX / MM_L1_SPAN];
static uint8_t kinds[POOL_SLOTS];
static uint32_t cursor;
static int state;			/* 0 untried, 1 ready, -1 failed */
static char why[TEST_MSG_SIZE];
static unsigned int kwin_l1s;		/* L1s linked in the kernel window */

/* ---- layout ----------------------------------------------------------- */

static int fully_available(uint64_t pa, const struct mb_region *r, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (r[i].start <= pa && pa + PAGE_SIZE <= r[i].end)
			return 1;
	return 0;
}

static uint32_t round_up(uint32_t v, uint32_t to)
{
	return (v + to - 1) & ~(to - 1);
}

static int layout(void)
{
	struct mb_region all[MB_MAX_REGIONS], avail[MB_MAX_REGIONS];
	struct mm_layout *l = &mm_layout;
	uint32_t lin_limit, pfn, end, i;
	uintptr_t info = mb_info_end();
	int n_all, n_avail, k;

	n_all = mb_regions(all, 0, MB_MAX_REGIONS, MMAP_ANY);
	n_avail = mb_usable_regions(avail, MB_MAX_REGIONS);
	if (n_all <= 0 || n_avail <= 0) {
		snprintf(why, sizeof(why), "no Multiboot memory map");
		return -1;
	}
	memset(l, 0, sizeof(*l));
	for (k = 0; k < n_all; k++)
		if (all[k].start < FIRMWARE_START && all[k].end > l->mem_top)
			l->mem_top = all[k].end;

	end = (uint32_t)(uintptr_t)_kernel_end;
	if (info > end)
		end = info;
	l->ident_end = round_up(end, MM_L1_SPAN);
	if (l->ident_end > IDENT_MAX) {
		snprintf(why, sizeof(why), "the image and boot information end at 0x%08x, beyond 0x%08x",
			 end, IDENT_MAX);
		return -1;
	}
	l->n_low = l->ident_end / MM_L1_SPAN;

	l->virtual_top = rom_read32(vmi_rom_base, VMI_HDR_VIRTUAL_TOP);
	if (l->virtual_top && l->virtual_top < MM_KWIN_BASE + MM_KWIN_SIZE) {
		snprintf(why, sizeof(why), "the ROM's virtual top 0x%08x is below the kernel test window's end 0x%08x",
			 l->virtual_top, MM_KWIN_BASE + MM_KWIN_SIZE);
		return -1;
	}
	lin_limit = MM_KWIN_BASE - MM_LINEAR_BASE;
	if (l->virtual_top && l->virtual_top - MM_LINEAR_BASE < lin_limit)
		lin_limit = l->virtual_top - MM_LINEAR_BASE;
	if (l->ident_end + MM_POOL_MAX < lin_limit)
		lin_limit = l->ident_end + MM_POOL_MAX;

	l->pool_first = l->ident_end >> PAGE_SHIFT;
	l->pool_end = l->pool_first;
	for (i = 0; i < POOL_SLOTS; i++) {
		pfn = l->pool_first + i;
		kinds[i] = MM_HOLE;
		if (pfn_pa(pfn) + PAGE_SIZE > lin_limit ||
		    !fully_available(pfn_pa(pfn), avail, n_avail))
			continue;
		kinds[i] = MM_FREE;
		l->pool_pages++;
		l->pool_end = pfn + 1;
	}
	if (pfn_pa(l->pool_pages) < MM_POOL_MIN) {
		snprintf(why, sizeof(why), "only %u available pages above 0x%08x for the page pool, %u wanted",
			 l->pool_pages, l->ident_end, MM_POOL_MIN >> PAGE_SHIFT);
		return -1;
	}
	l->linear_pages = l->pool_end;
	l->n_lin = round_up(pfn_pa(l->pool_end), MM_L1_SPAN) / MM_L1_SPAN -
		   l->n_low;
	cursor = 0;
	return 0;
}

/* ---- pages ------------------------------------------------------------ */

static uint8_t *kind_of(uint32_t pfn)
{
	static uint8_t hole;

	if (pfn < mm_layout.pool_first || pfn >= mm_layout.pool_end) {
		hole = MM_HOLE;
		return &hole;
	}
	return &kinds[pfn - mm_layout.pool_first];
}

enum mm_kind page_kind(uint32_t pfn)
{
	return (enum mm_kind)*kind_of(pfn);
}

uint32_t page_alloc(void)
{
	uint32_t n = mm_layout.pool_end - mm_layout.pool_first, i, slot;

	for (i = 0; i < n; i++) {
		slot = (cursor + i) % n;
		if (kinds[slot] != MM_FREE)
			continue;
		cursor = slot + 1;
		kinds[slot] = MM_DATA;
		memset(pfn_va(mm_layout.pool_first + slot), 0, PAGE_SIZE);
		return mm_layout.pool_first + slot;
	}
	return 0;
}

void page_free(uint32_t pfn)
{
	uint8_t *k = kind_of(pfn);

	if (*k == MM_DATA)
		*k = MM_FREE;
}

uint32_t mm_free_pages(void)
{
	uint32_t n = mm_layout.pool_end - mm_layout.pool_first, i, free = 0;

	for (i = 0; i < n; i++)
		free += kinds[i] == MM_FREE;
	return free;
}

/* ---- page-table pages -------------------------------------------------- */

uint32_t pt_flags(enum mm_kind kind)
{
	switch (kind) {
	case MM_L1:
		return VMI_PAGE_PAE | VMI_PAGE_PT;
	case MM_L2:
		return VMI_PAGE_PAE | VMI_PAGE_PD;
	case MM_L3:
		return VMI_PAGE_PDP;
	default:
		return 0;
	}
}

/* Register an ordinary (zeroed) page as an L1 or L2. */
static void pt_register(uint32_t pfn, enum mm_kind kind)
{
	vmi_allocate_page(pfn, pt_flags(kind), 0, 0, 0);
	*kind_of(pfn) = (uint8_t)kind;
}

uint32_t pt_alloc(enum mm_kind kind)
{
	uint32_t pfn = page_alloc();

	if (pfn)
		pt_register(pfn, kind);
	return pfn;
}

void pt_release(uint32_t pfn)
{
	uint8_t *k = kind_of(pfn);

	if (*k != MM_L1 && *k != MM_L2 && *k != MM_L3)
		return;
	vmi_release_page(pfn, pt_flags((enum mm_kind)*k));
	*k = MM_FREE;
}

void pt_released(uint32_t pfn)
{
	uint8_t *k = kind_of(pfn);

	if (*k == MM_L1 || *k == MM_L2 || *k == MM_L3)
		*k = MM_DATA;
}

int mm_is_low_l1(uint32_t pfn)
{
	uint32_t i;

	for (i = 0; i < mm_layout.n_low; i++)
		if (low_l1[i] == pfn)
			return 1;
	return 0;
}

/* ---- address spaces ---------------------------------------------------- */

uint64_t *as_l2e(const struct aspace *as, uint32_t va)
{
	unsigned int slot = va >> MM_SLOT_SHIFT;
	uint32_t table = slot == 3 ? mm_kernel_l2 : as->l2[slot];

	return pt_entry(table, (va >> 21) & (L2_ENTRIES - 1));
}

uint64_t *as_pte(const struct aspace *as, uint32_t va, int alloc)
{
	uint64_t *l2e = as_l2e(as, va);
	uint64_t v = vmi_get_pxe_long(l2e);
	uint32_t l1;

	if (!(v & PTE_P)) {
		if (!alloc || !(l1 = pt_alloc(MM_L1)))
			return 0;
		v = pfn_pa(l1) | (va < MM_LINEAR_BASE ? L2E_USER : L2E_KERNEL);
		vmi_swap_pxe_long(l2e, v);
		if (va >= MM_LINEAR_BASE)
			kwin_l1s++;
	}
	return pt_entry(pte_pfn(v), (va >> PAGE_SHIFT) & (L1_ENTRIES - 1));
}

int as_map(const struct aspace *as, uint32_t va, uint64_t val)
{
	uint64_t *pte = as_pte(as, va, 1);

	if (!pte)
		return -1;
	vmi_set_pxe_long(pte, val);
	return 0;
}

void as_free_l1(const struct aspace *as, uint32_t va)
{
	uint64_t *l2e = as_l2e(as, va);
	uint64_t v = vmi_get_pxe_long(l2e);

	if (!(v & PTE_P) || mm_is_low_l1(pte_pfn(v)))
		return;
	vmi_swap_pxe_long(l2e, 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	if (va >= MM_LINEAR_BASE && kwin_l1s)
		kwin_l1s--;
	pt_release(pte_pfn(v));
}

/* Link the low L1s into the first entries of an L2. */
static void link_low(uint32_t l2, uint64_t flags)
{
	uint32_t i;

	for (i = 0; i < mm_layout.n_low; i++)
		vmi_swap_pxe_long(pt_entry(l2, i), pfn_pa(low_l1[i]) | flags);
}

int as_create(struct aspace *as)
{
	unsigned int s;

	memset(as, 0, sizeof(*as));
	as->pdpt = page_alloc();
	for (s = 0; s < 3 && as->pdpt; s++)
		if (!(as->l2[s] = pt_alloc(MM_L2)))
			break;
	if (!as->pdpt || s < 3) {
		while (s-- > 0)
			pt_release(as->l2[s]);
		page_free(as->pdpt);
		as->pdpt = 0;
		return -1;
	}
	link_low(as->l2[0], L2E_USER);
	/* pgd_ctor: the kernel slot, while the page is ordinary memory. */
	*pt_entry(as->pdpt, 3) = pfn_pa(mm_kernel_l2) | PDPTE;
	vmi_allocate_page(as->pdpt, VMI_PAGE_PDP, mm_root.pdpt, 3, 1);
	*kind_of(as->pdpt) = MM_L3;
	for (s = 0; s < 3; s++)
		vmi_swap_pxe_long(pt_entry(as->pdpt, s),
				  pfn_pa(as->l2[s]) | PDPTE);
	return 0;
}

void as_destroy(struct aspace *as)
{
	unsigned int s, i;
	uint64_t v;

	if (!as->pdpt)
		return;
	if (vmi_get_cr3() == as_cr3(as))
		as_switch(&mm_root);
	for (s = 0; s < 3; s++) {
		for (i = 0; i < L2_ENTRIES; i++) {
			v = vmi_get_pxe_long(pt_entry(as->l2[s], i));
			if (!(v & PTE_P) || mm_is_low_l1(pte_pfn(v)))
				continue;
			vmi_swap_pxe_long(pt_entry(as->l2[s], i), 0);
			pt_release(pte_pfn(v));
		}
		vmi_swap_pxe_long(pt_entry(as->pdpt, s), 0);
		pt_release(as->l2[s]);
	}
	pt_release(as->pdpt);
	memset(as, 0, sizeof(*as));
}

void as_switch(const struct aspace *as)
{
	vmi_set_cr3(as_cr3(as));
}

/* ---- setup --------------------------------------------------------------- */

static const int mm_calls[] = {
	VMI_CALL_SetPxELong, VMI_CALL_GetPxELong, VMI_CALL_SwapPxELongAtomic,
	VMI_CALL_DeactivatePxELongAtomic, VMI_CALL_TestAndSetPxELongBit,
	VMI_CALL_TestAndClearPxELongBit, VMI_CALL_AllocatePage,
	VMI_CALL_ReleasePage, VMI_CALL_SetLinearMapping, VMI_CALL_InvalPage,
	VMI_CALL_FlushTLB, VMI_CALL_FlushDeferredCalls, VMI_CALL_SetCR3,
	VMI_CALL_GetCR3, VMI_CALL_GetCR2, VMI_CALL_IRET, -1
};

static volatile uint32_t setup_probe = 0x5e7c0de5;

static int setup(void)
{
	struct mb_region avail[MB_MAX_REGIONS];
	struct mm_layout *l = &mm_layout;
	uint32_t lin_l1[POOL_SLOTS / L1_ENTRIES + 1];
	uint32_t i, s, pfn, pa;
	uint64_t flags;
	int n_avail;

	if (layout())
		return -1;
	n_avail = mb_usable_regions(avail, MB_MAX_REGIONS);

	/* Linux: SetLinearMapping(0, PAGE_OFFSET, max_low_pfn, 0). */
	vmi_set_linear_mapping(0, MM_LINEAR_BASE, l->linear_pages, 0);

	/* Every page the root needs, zeroed while it is ordinary memory. */
	mm_root.pdpt = page_alloc();
	for (s = 0; s < 3; s++)
		mm_root.l2[s] = page_alloc();
	mm_kernel_l2 = page_alloc();
	for (i = 0; i < l->n_low; i++)
		low_l1[i] = page_alloc();
	for (i = 0; i < l->n_lin; i++)
		lin_l1[i] = page_alloc();

	/* Registered before anything maps them (see the top of the file). */
	for (i = 0; i < l->n_low; i++)
		pt_register(low_l1[i], MM_L1);
	for (i = 0; i < l->n_lin; i++)
		pt_register(lin_l1[i], MM_L1);
	pt_register(mm_kernel_l2, MM_L2);
	for (s = 0; s < 3; s++)
		pt_register(mm_root.l2[s], MM_L2);
	/* The root clones nothing (count 0): it is what the others clone. */
	vmi_allocate_page(mm_root.pdpt, VMI_PAGE_PDP, 0, 0, 0);
	*kind_of(mm_root.pdpt) = MM_L3;

	/* Low memory, identity: user accessible where it is available. */
	for (pfn = 0; pfn < l->ident_end >> PAGE_SHIFT; pfn++) {
		pa = pfn_pa(pfn);
		flags = PTE_P | PTE_RW;
		if (fully_available(pa, avail, n_avail))
			flags |= PTE_US;
		vmi_set_pxe_long(pt_entry(low_l1[pfn / L1_ENTRIES],
					  pfn % L1_ENTRIES), pa | flags);
	}
	/* The pool, in the linear map only. */
	for (pfn = l->pool_first; pfn < l->pool_end; pfn++) {
		if (page_kind(pfn) == MM_HOLE)
			continue;
		i = pfn / L1_ENTRIES - l->n_low;
		vmi_set_pxe_long(pt_entry(lin_l1[i], pfn % L1_ENTRIES),
				 pfn_pa(pfn) | PTE_P | PTE_RW);
	}
	/* The kernel L2: low memory and the pool at MM_LINEAR_BASE + pa. */
	link_low(mm_kernel_l2, L2E_KERNEL);
	for (i = 0; i < l->n_lin; i++)
		vmi_swap_pxe_long(pt_entry(mm_kernel_l2, l->n_low + i),
				  pfn_pa(lin_l1[i]) | L2E_KERNEL);
	link_low(mm_root.l2[0], L2E_USER);
	for (s = 0; s < 3; s++)
		vmi_swap_pxe_long(pt_entry(mm_root.pdpt, s),
				  pfn_pa(mm_root.l2[s]) | PDPTE);
	vmi_swap_pxe_long(pt_entry(mm_root.pdpt, 3),
			  pfn_pa(mm_kernel_l2) | PDPTE);

	as_switch(&mm_root);
	if (vmi_get_cr3() != as_cr3(&mm_root)) {
		snprintf(why, sizeof(why), "GetCR3 0x%08x after SetCR3(0x%08x) of the root PDPT",
			 vmi_get_cr3(), as_cr3(&mm_root));
		return -1;
	}
	pa = (uint32_t)(uintptr_t)&setup_probe;
	if (*(volatile uint32_t *)(uintptr_t)(MM_LINEAR_BASE + pa) !=
	    setup_probe) {
		snprintf(why, sizeof(why), "0x%08x (the linear map) does not show 0x%08x (0x%08x)",
			 MM_LINEAR_BASE + pa, pa, setup_probe);
		return -1;
	}
	return 0;
}

int mm_ready(struct test *t)
{
	if (!need_calls(t, mm_calls))
		return 0;
	if (state == 0) {
		/* A trap during setup ends the case: this stays the reason. */
		state = -1;
		snprintf(why, sizeof(why), "a trap interrupted it (see the first case that ran it)");
		if (setup() == 0) {
			state = 1;
			kprintf("vmitest: own page tables: root PDPT 0x%08x, kernel L2 0x%08x, identity 0-0x%08x, pool 0x%08x-0x%08x (%u pages) at 0x%08x, memory top 0x%llx, virtual top 0x%08x\n",
				as_cr3(&mm_root), pfn_pa(mm_kernel_l2),
				mm_layout.ident_end,
				pfn_pa(mm_layout.pool_first),
				pfn_pa(mm_layout.pool_end),
				mm_layout.pool_pages,
				MM_LINEAR_BASE + pfn_pa(mm_layout.pool_first),
				mm_layout.mem_top, mm_layout.virtual_top);
		}
	}
	return check(t, state == 1, "the guest's own page tables are not set up: %s",
		     why);
}

int mm_active(void)
{
	return state == 1;
}

void mm_recover(int aborted)
{
	uint32_t i, first;
	uint64_t v;

	if (state != 1)
		return;
	if (vmi_get_cr3() != as_cr3(&mm_root))
		as_switch(&mm_root);
	if (!aborted && !kwin_l1s)
		return;
	/* Unlinked, not released: the case's state is not to be trusted. */
	first = mm_layout.n_low + mm_layout.n_lin;
	for (i = first; i < L2_ENTRIES; i++) {
		v = vmi_get_pxe_long(pt_entry(mm_kernel_l2, i));
		if (v & PTE_P)
			vmi_swap_pxe_long(pt_entry(mm_kernel_l2, i), 0);
	}
	kwin_l1s = 0;
	vmi_flush_tlb(VMI_FLUSH_TLB);
}
