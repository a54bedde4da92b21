// SPDX-License-Identifier: GPL-2.0
/*
 * mm.c - the benchmark kernel's page pool, page-table pages and address
 * spaces, through be.h only.  The order of things is Linux's: a table is
 * zeroed while it is ordinary memory, registered before it is linked,
 * unlinked before it is released.  Each process has one user L2 (PDPT
 * slot 1) and the kernel's slot 3, which the backend links (be.h).
 *
 * Never: write an entry in memory; every entry goes through be.h.
 */
#include "tests/bench/be.h"

#define POOL_MAX	(1u << 16)	/* 256 MiB of pages at most */

static uint32_t pool[POOL_MAX];
static uint32_t pool_top;

struct proc procs[NR_PROCS];
struct proc *current;

void pool_add(uint32_t first, uint32_t end)
{
	uint32_t pfn;

	/* Pushed from the top down, so the lowest page comes out first. */
	for (pfn = end; pfn > first && pool_top < POOL_MAX; pfn--)
		pool[pool_top++] = pfn - 1;
}

uint32_t pool_free_pages(void)
{
	return pool_top;
}

uint32_t page_alloc(void)
{
	if (!pool_top)
		panic("bench: the page pool is empty");
	return pool[--pool_top];
}

uint32_t page_alloc_zeroed(void)
{
	uint32_t pfn = page_alloc();

	memset(pfn_va(pfn), 0, PAGE_SIZE);
	return pfn;
}

void page_free(uint32_t pfn)
{
	pool[pool_top++] = pfn;
}

uint32_t pt_alloc(int level)
{
	uint32_t pfn = page_alloc_zeroed();

	be_pt_register(pfn, level);
	return pfn;
}

void pt_free(uint32_t pfn, int level)
{
	be_pt_release(pfn, level);
	page_free(pfn);
}

static unsigned int l2_index(uint32_t va)
{
	if (va < USER_BASE || va >= USER_END)
		panic("bench: user address 0x%08x outside PDPT slot 1", va);
	return (va >> 21) & (L2_ENTRIES - 1);
}

uint64_t *as_pte(struct proc *p, uint32_t va, int alloc)
{
	unsigned int i = l2_index(va);
	uint32_t l1;

	if (!p->l1[i]) {
		if (!alloc)
			return 0;
		l1 = pt_alloc(1);
		be_pte_write(pt_entry(p->l2, i),
			     ((uint64_t)l1 << PAGE_SHIFT) | L2E_USER);
		p->l1[i] = l1;
	}
	return pt_entry(p->l1[i], (va >> PAGE_SHIFT) & (L1_ENTRIES - 1));
}

void as_map(struct proc *p, uint32_t va, uint64_t val)
{
	be_pte_write(as_pte(p, va, 1), val);
}

/* Linux's pgd_alloc: the user L2, then the PDPT the backend links. */
void as_create(struct proc *p)
{
	memset(p->l1, 0, sizeof(p->l1));
	p->l2 = pt_alloc(2);
	p->pdpt = page_alloc_zeroed();
	be_pdpt_create(p);
	p->live = 1;
}


/* exit_mmap: the L1s unlinked and released, then the PDPT and its L2. */
void as_destroy(struct proc *p)
{
	unsigned int i;

	if (p == current)
		panic("bench: destroying the address space in use");
	for (i = 0; i < L2_ENTRIES; i++)
		if (p->l1[i])
			be_pte_write(pt_entry(p->l2, i), 0);
	for (i = 0; i < L2_ENTRIES; i++)
		if (p->l1[i]) {
			pt_free(p->l1[i], 1);
			p->l1[i] = 0;
		}
	be_pdpt_destroy(p);
	pt_free(p->l2, 2);
	page_free(p->pdpt);
	if (p->stack)
		page_free(p->stack);
	p->stack = 0;
	p->live = 0;
	/* The pages go back to the pool only once released for good. */
	be_mmu_commit();
}

void as_switch(struct proc *p)
{
	be_set_cr3(p);
	current = p;
}

/* The user text (read-only, shared) and one stack page. */
void as_map_user_basics(struct proc *p)
{
	uint32_t text = va_pfn(user_start), n, i;

	n = (uint32_t)(user_end - user_start + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (i = 0; i < n; i++)
		as_map(p, USER_TEXT + (i << PAGE_SHIFT),
		       ((uint64_t)(text + i) << PAGE_SHIFT) | PTE_USER_RO);
	p->stack = page_alloc_zeroed();
	as_map(p, USER_STACK_TOP - PAGE_SIZE,
	       ((uint64_t)p->stack << PAGE_SHIFT) | PTE_USER_RW);
	be_mmu_commit();
}

/*
 * The root address space for backends that start on someone else's page
 * tables: slot 3's L2 maps the kernel image [BENCH_KERNEL_PA, kernel_end)
 * and every pool page at BENCH_PHYS_BASE + pa.  Every table is
 * registered before any entry that maps it is written (a writable
 * mapping of a page that later becomes a table would make Xen refuse it).
 * procs[0] is the root; its kernel L2 is procs[0].back[0].
 */
static uint8_t phys_mapped[PHYS_MAP_PAGES / 8];

static void mark(uint32_t pfn)
{
	if (pfn >= PHYS_MAP_PAGES)
		panic("bench: page 0x%x is beyond the phys map", pfn);
	phys_mapped[pfn / 8] |= 1u << (pfn % 8);
}

void mm_build_root(uint32_t kernel_end)
{
	struct proc *r = &procs[0];
	static uint32_t l1s[L2_ENTRIES];
	uint32_t pfn, i, kl2;

	for (pfn = BENCH_KERNEL_PA >> PAGE_SHIFT;
	     pfn < (kernel_end + PAGE_SIZE - 1) >> PAGE_SHIFT; pfn++)
		mark(pfn);
	for (i = 0; i < pool_top; i++)
		mark(pool[i]);
	kl2 = pt_alloc(2);
	for (i = 0; i < PHYS_MAP_PAGES / L1_ENTRIES; i++) {
		for (pfn = i * L1_ENTRIES; pfn < (i + 1) * L1_ENTRIES; pfn++)
			if (phys_mapped[pfn / 8] & (1u << (pfn % 8)))
				break;
		if (pfn < (i + 1) * L1_ENTRIES)
			l1s[i] = pt_alloc(1);
	}
	r->back[0] = kl2;
	as_create(r);
	for (pfn = 0; pfn < PHYS_MAP_PAGES; pfn++)
		if (phys_mapped[pfn / 8] & (1u << (pfn % 8)))
			be_pte_write(pt_entry(l1s[pfn / L1_ENTRIES],
					      pfn % L1_ENTRIES),
				     ((uint64_t)pfn << PAGE_SHIFT) |
				     PTE_KERNEL_RW);
	for (i = 0; i < PHYS_MAP_PAGES / L1_ENTRIES; i++)
		if (l1s[i])
			be_pte_write(pt_entry(kl2, i),
				     ((uint64_t)l1s[i] << PAGE_SHIFT) |
				     PTE_KERNEL_RW);
	as_switch(r);
}
