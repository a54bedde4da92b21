/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm.h - the guest's own memory management, modelled on the VMI Linux
 * kernel's PAE build (../shared/notes/how-vmi-linux-uses-vmi.md, "Page
 * tables (PAE build)"), built and switched entirely through VMI calls.
 *
 * Layout of every address space (one PDPT each):
 *
 *   slot 0     a fresh L2 per address space; its first entries link the
 *              shared "low" L1s, which map the guest's low memory
 *              [0, ident_end) at linear = physical (the image at 1 MiB,
 *              the Multiboot information, the option-ROM window), user
 *              accessible where the memory map says available, as the
 *              start-of-day identity mapping is.  Departure from Linux,
 *              whose kernel lives in slot 3 only: this guest is linked at
 *              1 MiB and its code, data and stacks must stay mapped in
 *              every address space it switches to (ring-3 code included),
 *              so every address space maps its low memory the same way.
 *   slots 1-2  fresh, empty L2s per address space (the cases' mappings
 *              go to MM_USER_BASE, in slot 1)
 *   slot 3     the one kernel L2, shared by every PDPT (Linux's
 *              swapper_pg_dir slot 3): the linear map of low memory and
 *              the page pool at MM_LINEAR_BASE + pa (Linux's PAGE_OFFSET
 *              map; SetLinearMapping slot 0 names it), then the kernel
 *              test window at MM_KWIN_BASE.  Nothing at or above the
 *              ROM header's virtual top.
 *
 * Pages: a pool of the memory map's available pages above ident_end
 * (at most MM_POOL_MAX bytes of it), reached only through the linear map,
 * so that a page-table page is mapped in exactly one place (the shim
 * makes it read-only there).  Page-table pages are zeroed while they are
 * ordinary memory, registered with AllocatePage before they are linked,
 * filled and linked with SetPxELong / SwapPxELongAtomic, unlinked before
 * ReleasePage.
 *
 * Departures from Linux, besides the identity range above: the linear
 * map holds low memory and the pool only, not all of low memory, and
 * only pages the map calls available (the cases need a few MiB; each
 * entry is a page-table write, a hypercall on Xen; and reserved pages,
 * Xen's and the boot image's page tables among them on Xen, must not be
 * mapped writable).  A PDPT is a page of its own (2.6.16's PAE pgd is a
 * 32-byte slab object; AllocatePage names a page frame and Xen's L3 is a
 * page).  Slots 1-2 of every PDPT are present from the start (as Linux's
 * pgd_alloc gives every user slot a pmd), so no PDPT entry of a live PDPT
 * ever changes: the processor caches them at a CR3 load.
 */
#ifndef VMITEST_MM_H
#define VMITEST_MM_H

#include <stdint.h>
#include "vmi_mmu.h"

struct test;

#define MM_LINEAR_BASE	0xC0000000u	/* Linux's PAGE_OFFSET */
#define MM_L1_SPAN	0x00200000u	/* 2 MiB: what one L1 maps */
#define MM_SLOT_SHIFT	30		/* 1 GiB: what one L2 maps */
#define MM_USER_BASE	0x40000000u	/* the cases' mappings: slot 1 */
#define MM_KWIN_BASE	0xE0000000u	/* kernel test window, slot 3 */
#define MM_KWIN_SIZE	0x01000000u
#define MM_POOL_MAX	(24u << 20)	/* pool bytes at most */
#define MM_POOL_MIN	(6u << 20)	/* ... and at least */

#define L1_ENTRIES	512
#define L2_ENTRIES	512

enum mm_kind {
	MM_HOLE,	/* not available memory: never handed out */
	MM_FREE,
	MM_DATA,
	MM_L1,		/* registered VMI_PAGE_PAE | VMI_PAGE_PT */
	MM_L2,		/* registered VMI_PAGE_PAE | VMI_PAGE_PD */
	MM_L3,		/* registered VMI_PAGE_PDP */
};

struct mm_layout {
	uint32_t ident_end;	/* [0, ident_end): identity in every space */
	uint32_t n_low;		/* low L1s: ident_end / MM_L1_SPAN */
	uint32_t pool_first;	/* pool pfns [pool_first, pool_end) */
	uint32_t pool_end;
	uint32_t pool_pages;	/* available pages among them */
	uint32_t n_lin;		/* linear-map L1s above the low ones */
	uint32_t linear_pages;	/* SetLinearMapping(0, base, pages, 0) */
	uint64_t mem_top;	/* end of the guest's memory (memory map) */
	uint32_t virtual_top;	/* the ROM header's (0: none) */
};

struct aspace {
	uint32_t pdpt;		/* pfn of the PDPT */
	uint32_t l2[3];		/* user slots 0-2; slot 3 is mm_kernel_l2 */
};

extern struct mm_layout mm_layout;
extern struct aspace mm_root;		/* the kernel's (swapper) */
extern uint32_t mm_kernel_l2;		/* slot 3 of every PDPT */

/*
 * NEED() of every call the guest's memory management makes, then (once)
 * its setup: build the root address space and switch to it for good.
 * 1 if the guest runs on its own page tables; else the case has failed
 * with the reason.
 */
int mm_ready(struct test *t);

/* 1 once the guest runs on its own page tables. */
int mm_active(void);

/*
 * After a case: back to the root address space; kernel-window L1s a
 * case left linked are unlinked (and leaked) after an aborted case.
 */
void mm_recover(int aborted);

/* ---- pages ---------------------------------------------------------- */

static inline uint32_t pfn_pa(uint32_t pfn)
{
	return pfn << PAGE_SHIFT;
}

/* The linear-map address of a page of low memory or of the pool. */
static inline void *pfn_va(uint32_t pfn)
{
	return (void *)(uintptr_t)(MM_LINEAR_BASE + pfn_pa(pfn));
}

/* A zeroed pool page (MM_DATA), or 0 when the pool is empty. */
uint32_t page_alloc(void);

/* Back to the pool (an MM_DATA page: released first if it was a table). */
void page_free(uint32_t pfn);

/* The kind of a pool page (MM_HOLE outside the pool). */
enum mm_kind page_kind(uint32_t pfn);

/* Free pages in the pool. */
uint32_t mm_free_pages(void);

/* ---- page-table pages ---------------------------------------------- */

/* AllocatePage/ReleasePage flags for a kind. */
uint32_t pt_flags(enum mm_kind kind);

/* A zeroed page registered as an L1 or L2 (AllocatePage), or 0. */
uint32_t pt_alloc(enum mm_kind kind);

/* ReleasePage (it must be unlinked) and back to the pool. */
void pt_release(uint32_t pfn);

/* A page the case released itself (ReleasePage) is a data page again. */
void pt_released(uint32_t pfn);

/* Entry i of the table at pfn, through the linear map. */
static inline uint64_t *pt_entry(uint32_t table, unsigned int i)
{
	return (uint64_t *)pfn_va(table) + i;
}

/* 1 if pfn is one of the shared low L1s. */
int mm_is_low_l1(uint32_t pfn);

/* ---- address spaces ------------------------------------------------- */

/* A new address space (Linux's pgd_alloc); 0 on success. */
int as_create(struct aspace *as);

/* Tear it down (switching to the root first if it is in use). */
void as_destroy(struct aspace *as);

static inline uint32_t as_cr3(const struct aspace *as)
{
	return pfn_pa(as->pdpt);
}

/* SetCR3 to it. */
void as_switch(const struct aspace *as);

/* The L2 entry for va (slot 3: the shared kernel L2). */
uint64_t *as_l2e(const struct aspace *as, uint32_t va);

/*
 * The L1 entry for va; with alloc, an L1 is allocated, registered and
 * linked first if there is none (Linux's pte_alloc); 0 if none.
 */
uint64_t *as_pte(const struct aspace *as, uint32_t va, int alloc);

/* as_pte(alloc) and SetPxELong(val); 0 on success. */
int as_map(const struct aspace *as, uint32_t va, uint64_t val);

/*
 * Unlink the L1 that maps va (not a low one), flush the TLB and release
 * it (Linux's free_pte_range).
 */
void as_free_l1(const struct aspace *as, uint32_t va);

#endif /* VMITEST_MM_H */
