/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm.h - the guest's PAE page tables on Xen (direct paging): the guest's
 * page-table pages are Xen's page tables, pinned and read-only to the
 * guest; every entry goes through mmu/pte.h (pseudo-physical in, machine
 * out) and mmu/queue.h (batched mmu_update).
 *
 *   linear maps   where the guest addresses its page-table pages
 *                 (slot 0: the big range, 1-3: single pages); a pointer to
 *                 an entry is a guest linear address in one of them
 *   registry      a level per pfn (page table, page directory, PDPT); a
 *                 registered page is made read-only in every boot mapping
 *                 and in the guest's linear maps, then pinned
 *   slot 3        Xen's compat rule wants the L2 under a PDPT's slot 3
 *                 private to that PDPT; the guest shares one kernel L2 among
 *                 all of them.  Each registered PDPT gets a private copy
 *                 from the shim's pool (with the shim range's entries), and
 *                 every write to the kernel L2 is written to every copy.
 *   writes        queued; issued at mm_flush(), before reads, TLB work, a
 *                 CR3 load, registering or releasing a page, any direct
 *                 hypercall (the seam) and before a page fault reaches the
 *                 guest (events/pf.S).
 *
 * The front end (shim/pxe.c) turns these into VMI calls and diagnostics;
 * nothing here knows a VMI calling convention.
 *
 * Never: hand Xen an entry mmu/pte.h refused, leave a registered page
 * writable in a mapping the shim knows of, or report success for a change
 * Xen did not make.
 */
#ifndef VMIX_MMU_MM_H
#define VMIX_MMU_MM_H

#include <stdint.h>

/* Levels of a registered page (mmu/pte.h's PTE_L1..PTE_L3). */
#define MM_NONE		0
#define MM_L1		1	/* page table */
#define MM_L2		2	/* page directory */
#define MM_L3		3	/* PAE page-directory-pointer table */

#define MM_LINEAR_SLOTS	4

enum mm_status {
	MM_OK,
	MM_BAD_SLOT,		/* linear map slot beyond the 4 */
	MM_BAD_RANGE,		/* linear map beyond the virtual top or memory */
	MM_NO_MAPPING,		/* pointer in no registered linear map */
	MM_NOT_PT,		/* pointer's page is no registered PT page */
	MM_BAD_ENTRY,		/* mmu/pte.h refused the entry: see pte_status */
	MM_SHIM_FRAME,		/* entry names one of the shim's frames */
	MM_SHIM_RANGE,		/* entry would map the shim's range or Xen's */
	MM_PDPT_SLOT,		/* PDPT entry beyond the 4 PAE slots */
	MM_BAD_PFN,		/* frame beyond the guest's memory */
	MM_REGISTERED,		/* page already registered */
	MM_NOT_REGISTERED,	/* page not registered at that level */
	MM_BAD_LEVEL,		/* flags name no level, or a 2-level page */
	MM_NOT_PDPT,		/* CR3 or a clone root is no registered PDPT */
	MM_POOL_EMPTY,		/* no private slot-3 L2 left */
	MM_IS_CR3,		/* releasing the PDPT in use */
	MM_LINKED,		/* releasing a page Xen still uses */
	MM_MIRRORED,		/* releasing a kernel L2 a slot-3 copy mirrors */
	MM_XEN,			/* Xen refused: see mm_xen_error */
	MM_BUSY,		/* the queue is being issued (reentered) */
};

/* Set up from the boot block (at Init). */
void mm_init(void);

/* Reasons, and the last Xen error code / pte status behind a status. */
const char *mm_status_text(int status);
long mm_xen_error(void);
int mm_pte_status(void);

int mm_set_linear(uint32_t slot, uint32_t va, uint32_t pages, uint32_t pfn);

/*
 * Register pfn as a page of level (MM_L1..MM_L3); a PDPT is a clone of
 * `count` entries from `base` of the registered PDPT root_pfn (count 0: an
 * empty one).  Release undoes it; a page Xen still uses stays registered.
 */
int mm_register(uint32_t pfn, uint32_t level, uint32_t root_pfn,
		uint32_t base, uint32_t count);
int mm_release(uint32_t pfn, uint32_t level);

/* The entry at guest linear address ptr, in the guest's view. */
int mm_write(uint32_t ptr, uint64_t val, const char *caller);
int mm_read(uint32_t ptr, uint64_t *val);
int mm_swap(uint32_t ptr, uint64_t val, uint64_t *old, const char *caller);

/* Set or clear one bit (0-63); *old is the entry before. */
int mm_change_bit(uint32_t ptr, uint32_t bit, int set, uint64_t *old,
		  const char *caller);

int mm_load_cr3(uint32_t pa);
uint32_t mm_cr3(void);
int mm_invlpg(uint32_t va);
int mm_flush_tlb(void);

/* Issue every queued page-table write; MM_OK, or MM_XEN. */
int mm_flush(void);

/* Writes queued and not yet issued (events/pf.S retries a fault if so). */
uint32_t mm_pending(void);

#ifdef VMIX_HOST_TEST
/* Host tests: the P2M and M2P as arrays (mm_init takes the fixed ones). */
void mm_set_frames(const uint32_t *p2m, const uint32_t *m2p, uint32_t nr_mfns);
#endif

#endif /* VMIX_MMU_MM_H */
