// SPDX-License-Identifier: GPL-2.0
/*
 * mm.c - the guest's PAE page tables on Xen (see mmu/mm.h).
 *
 * Uniprocessor: the shim runs on the vCPU whose page tables it changes, so
 * no processor sets an A or D bit while a call reads and rewrites an entry
 * (Swap, and TestAndSet/Clear of A or D, are atomic against hardware A/D
 * that way; SMP will need a cmpxchg loop for them).  A bit test of any
 * other bit of a present entry that stays present is queued as
 * MMU_PT_UPDATE_PRESERVE_AD, atomic on SMP too.
 *
 * Never: write a page-table page except through Xen (mmu_update), or
 * change anything before every check that can refuse the call has passed.
 */
#include <stdint.h>
#include <xen/xen.h>
#include "mmu/mm.h"
#include "mmu/pte.h"
#include "mmu/queue.h"
#include "xenif/domain.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/shared.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096u
#define L2_SHIM_FIRST	((VMIX_VIRTUAL_TOP - 0xC0000000u) >> 21)	/* 424 */
#define L2_ENTRIES	512
#define PDPT_SLOTS	4
#define BOOT_PTE_FLAGS	(PTE_P | PTE_US | PTE_A | PTE_D)

struct linear {
	uint32_t va, pages, pfn;
};

/* A registered PDPT and the private copy of its slot-3 L2. */
struct pdpt {
	uint32_t pfn;		/* 0: free record */
	uint32_t pool;		/* index into boot_block.pool_mfn */
	uint32_t k_pfn;		/* the guest's L2 under slot 3 (0: none) */
	uint64_t slot3;		/* slot 3 as the guest wrote it */
};

static struct linear linear[MM_LINEAR_SLOTS];
static uint8_t level_of[VMIX_SHIM_P2M_MAX / 4];	/* per pfn */
static uint8_t pool_used[VMIX_SLOT3_POOL];
static struct pdpt pdpts[VMIX_SLOT3_POOL];
static struct pte_frames frames;
static uint32_t cr3;
static uint8_t no_defer;	/* boot option defer=off */
static long xen_rc;
static int pte_rc;

static const char *const status_text[] = {
	[MM_OK] = "ok",
	[MM_BAD_SLOT] = "no such linear map slot (0-3)",
	[MM_BAD_RANGE] = "the range reaches the virtual top or beyond the guest's memory",
	[MM_NO_MAPPING] = "the pointer lies in no range registered with SetLinearMapping",
	[MM_NOT_PT] = "the pointer's page is no page-table page registered with AllocatePage",
	[MM_BAD_ENTRY] = "the entry cannot be given to Xen",
	[MM_SHIM_FRAME] = "the entry names one of the shim's own frames",
	[MM_SHIM_RANGE] = "the entry would map the shim's range or Xen's hole (from the virtual top)",
	[MM_PDPT_SLOT] = "a PAE PDPT has 4 entries",
	[MM_BAD_PFN] = "the frame is beyond the guest's memory",
	[MM_REGISTERED] = "the page is already registered",
	[MM_NOT_REGISTERED] = "the page is not registered at that level",
	[MM_BAD_LEVEL] = "the flags name no PAE page-table level",
	[MM_NOT_PDPT] = "the page is no PDPT registered with AllocatePage",
	[MM_POOL_EMPTY] = "no private slot-3 L2 left (too many address spaces)",
	[MM_IS_CR3] = "the PDPT is in use (CR3)",
	[MM_LINKED] = "Xen still uses the page (it is linked into a page table)",
	[MM_MIRRORED] = "the page is the kernel L2 an address space's slot 3 still mirrors",
	[MM_XEN] = "Xen refused",
	[MM_BUSY] = "page-table updates are being issued",
};

const char *mm_status_text(int status)
{
	if (status < 0 || status > MM_BUSY)
		return "?";
	if (status == MM_BAD_ENTRY)
		return pte_status_text(PTE_L1, pte_rc);
	return status_text[status];
}

long mm_xen_error(void)
{
	return xen_rc;
}

int mm_pte_status(void)
{
	return pte_rc;
}

void mm_init(void)
{
	frames.p2m = (const uint32_t *)VMIX_SHIM_P2M_VA;
	frames.nr_pfns = boot_block.nr_pages;
#ifndef VMIX_HOST_TEST		/* host tests: mm_set_frames() */
	frames.m2p = (const uint32_t *)__MACH2PHYS_VIRT_START_PAE;
	frames.nr_mfns = (__MACH2PHYS_VIRT_END_PAE -
			  __MACH2PHYS_VIRT_START_PAE) / 4;
#endif
	cr3 = boot_block.boot_cr3;
	no_defer = !!(boot_block.flags & VMIX_BOOT_NODEFER);
}

#ifdef VMIX_HOST_TEST
void mm_set_frames(const uint32_t *p2m, const uint32_t *m2p, uint32_t nr_mfns)
{
	frames.p2m = p2m;
	frames.m2p = m2p;
	frames.nr_mfns = nr_mfns;
}
#endif

uint32_t mm_pending(void)
{
	return mmu_queue_waiting();
}

/* ---- Xen ---------------------------------------------------------- */

static uint32_t mfn_of(uint32_t pfn)
{
	return frames.p2m[pfn];
}

int mm_flush(void)
{
	struct mmu_queue_failure f;
	int rc = mmu_queue_flush(&f);

	if (rc == MMU_QUEUE_BUSY)
		return MM_BUSY;
	if (rc) {
		xen_rc = f.rc;	/* 0: printed by the multicall layer */
		return MM_XEN;
	}
	return MM_OK;
}

/*
 * One mmuext op now, after everything queued (the seam issues the queue
 * first), so that its own error code comes back.
 */
static int ext(unsigned int cmd, uint32_t mfn, const char *caller)
{
	struct mmuext_op op = { .cmd = cmd };
	uint32_t done;
	int rc = mm_flush();

	(void)caller;
	if (rc)
		return rc;
	op.arg1.mfn = mfn;
	xen_rc = hyp_mmuext_op(&op, 1, &done, DOMID_SELF);
	return xen_rc ? MM_XEN : MM_OK;
}

/* cmd: MMU_NORMAL_PT_UPDATE, or MMU_PT_UPDATE_PRESERVE_AD (rmw's). */
static int queue(uint64_t maddr, uint64_t mval, uint32_t cmd,
		 const char *caller)
{
	int rc = mmu_queue_write(maddr, mval, cmd, caller);

	if (rc == MMU_QUEUE_BUSY)
		return MM_BUSY;
	if (rc)
		return MM_BAD_ENTRY;	/* not 8-byte aligned: cannot be */
	return no_defer ? mm_flush() : MM_OK;
}

/* Map va (in the current address space) to mfn with flags, now. */
static int map_va(uint32_t va, uint32_t mfn, uint64_t flags)
{
	long rc = hyp_update_va_mapping(va, ((uint64_t)mfn << PAGE_SHIFT) |
					flags, UVMF_INVLPG);

	xen_rc = rc;
	return rc ? MM_XEN : MM_OK;
}

/* ---- linear maps -------------------------------------------------- */

int mm_set_linear(uint32_t slot, uint32_t va, uint32_t pages, uint32_t pfn)
{
	uint64_t end = (uint64_t)va + (uint64_t)pages * PAGE_SIZE;

	if (slot >= MM_LINEAR_SLOTS)
		return MM_BAD_SLOT;
	if ((va & (PAGE_SIZE - 1)) || end > VMIX_VIRTUAL_TOP ||
	    (uint64_t)pfn + pages > boot_block.shim_first_pfn)
		return MM_BAD_RANGE;
	linear[slot].va = va;
	linear[slot].pages = pages;
	linear[slot].pfn = pfn;
	return MM_OK;
}

/* The pfn behind a guest linear address, through the linear maps. */
static int linear_pfn(uint32_t ptr, uint32_t *pfn)
{
	uint32_t i;

	for (i = 0; i < MM_LINEAR_SLOTS; i++) {
		struct linear *l = &linear[i];

		if (l->pages && ptr >= l->va &&
		    (ptr - l->va) / PAGE_SIZE < l->pages) {
			*pfn = l->pfn + (ptr - l->va) / PAGE_SIZE;
			return MM_OK;
		}
	}
	return MM_NO_MAPPING;
}

/* A guest linear address of pfn, through the linear maps (0: none). */
static uint32_t pfn_linear(uint32_t pfn)
{
	uint32_t i;

	for (i = 0; i < MM_LINEAR_SLOTS; i++) {
		struct linear *l = &linear[i];

		if (l->pages && pfn >= l->pfn && pfn - l->pfn < l->pages)
			return l->va + (pfn - l->pfn) * PAGE_SIZE;
	}
	return 0;
}

/*
 * An entry located once from the guest's pointer: what reading and
 * writing it need (a read-modify-write locates it once for both).
 */
struct entry {
	uint32_t ptr;		/* the guest's pointer, 8-byte aligned */
	uint32_t pfn;		/* its page */
	uint32_t level;		/* the page's registered level */
	uint32_t idx;		/* the entry's index in the page */
	uint64_t maddr;		/* its machine address */
	uint64_t mval;		/* read_at: the machine entry it read */
	uint8_t translated;	/* read_at: the guest's view is mval's
				 * translation (pte_to_guest said PTE_OK) */
};

static int locate(uint32_t ptr, struct entry *e)
{
	int rc = linear_pfn(ptr & ~7u, &e->pfn);

	if (rc)
		return rc;
	e->level = level_of[e->pfn];
	if (e->level == MM_NONE)
		return MM_NOT_PT;
	e->ptr = ptr & ~7u;
	e->idx = (ptr & 0xfff) / 8;
	e->maddr = ((uint64_t)mfn_of(e->pfn) << PAGE_SHIFT) | (ptr & 0xff8);
	return MM_OK;
}

/* ---- the registry ------------------------------------------------- */

static struct pdpt *pdpt_of(uint32_t pfn)
{
	uint32_t i;

	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		if (pdpts[i].pfn == pfn)
			return &pdpts[i];
	return 0;
}

static unsigned int pin_cmd(uint32_t level)
{
	return level == MM_L1 ? MMUEXT_PIN_L1_TABLE :
	       level == MM_L2 ? MMUEXT_PIN_L2_TABLE : MMUEXT_PIN_L3_TABLE;
}

/*
 * Registering or releasing a page asks Xen for a pin or unpin and for
 * every mapping the shim knows of for the page (the boot L1s, identity and
 * high map, and the linear maps) read-only or writable again, in the order
 * Xen needs them (read-only everywhere before the pin; writable only after
 * the unpin), as entries of one multicall instead of a hypercall each.
 * The op's entry is kept to read its result once the batch was issued
 * (a refused mapping shows in the batch's error; the mappings are made
 * read-only again regardless).
 */
struct reg_batch {
	struct mmu_update pte;			/* the boot L1's entry */
	struct mmuext_op op;
	struct multicall_entry *op_e;
};

static struct reg_batch reg;

/* pfn's mappings read-only (rw = 0) or read-write, as batch entries. */
static void batch_writable(uint32_t pfn, int rw, const char *caller)
{
	uint64_t pte = ((uint64_t)mfn_of(pfn) << PAGE_SHIFT) |
		       BOOT_PTE_FLAGS | (rw ? PTE_RW : 0);
	uint32_t va = pfn_linear(pfn);
	struct multicall_entry *e;

	if (pfn / 512 < boot_block.nr_boot_l1) {
		reg.pte.ptr = (((uint64_t)boot_block.boot_l1_mfn[pfn / 512]
				<< PAGE_SHIFT) + (pfn % 512) * 8) |
			      MMU_NORMAL_PT_UPDATE;
		reg.pte.val = pte;
		e = mc_entry(__HYPERVISOR_mmu_update, caller);
		e->args[0] = (unsigned long)&reg.pte;
		e->args[1] = 1;
		e->args[3] = DOMID_SELF;
	}
	if (va) {
		pte &= ~PTE_US;
		e = mc_entry(__HYPERVISOR_update_va_mapping, caller);
		e->args[0] = va;
		e->args[1] = (uint32_t)pte;
		e->args[2] = (uint32_t)(pte >> 32);
		e->args[3] = UVMF_INVLPG;
	}
}

static void batch_op(unsigned int cmd, uint32_t pfn, const char *caller)
{
	struct multicall_entry *e;

	reg.op.cmd = cmd;
	reg.op.arg1.mfn = mfn_of(pfn);
	e = reg.op_e = mc_entry(__HYPERVISOR_mmuext_op, caller);
	e->args[0] = (unsigned long)&reg.op;
	e->args[1] = 1;
	e->args[3] = DOMID_SELF;
}

/* Issue the batch: MM_OK, or MM_XEN with xen_rc the first refusal's. */
static int batch_issue(void)
{
	struct mc_failure f;

	if (!mc_issue(&f))
		return MM_OK;
	xen_rc = f.rc;
	return MM_XEN;
}

/* pfn's mappings read-only (rw = 0) or read-write, now. */
static int set_writable(uint32_t pfn, int rw, const char *caller)
{
	mc_start();
	batch_writable(pfn, rw, caller);
	return batch_issue();
}

/* pfn's mappings read-only, then the pin: one multicall. */
static int protect_and_pin(uint32_t pfn, uint32_t level)
{
	mc_start();
	batch_writable(pfn, 0, "AllocatePage");
	batch_op(pin_cmd(level), pfn, "AllocatePage");
	if (!batch_issue())
		return MM_OK;
	/* Xen goes on after a refusal: a pin it made anyway is undone. */
	if (!reg.op_e->result) {
		long why = xen_rc;

		ext(MMUEXT_UNPIN_TABLE, mfn_of(pfn), "AllocatePage");
		xen_rc = why;
	}
	return MM_XEN;
}

/*
 * The machine entries of a free private slot-3 copy: guest L2 k_pfn's (none
 * for 0) below the virtual top, the shim range's L1s, nothing above (Xen
 * writes its own).  Every registered PDPT has one from the start: Xen
 * refuses a compat PDPT whose slot 3 is empty.
 */
static int fill_copy(uint32_t pool, uint32_t k_pfn)
{
	uint64_t *copy = (uint64_t *)(VMIX_SHIM_POOL_VA + pool * PAGE_SIZE);
	const uint64_t *k = k_pfn ? (const uint64_t *)pfn_linear(k_pfn) : 0;
	uint32_t i;

	if (k_pfn && !k)
		return MM_NO_MAPPING;
	for (i = 0; i < L2_ENTRIES; i++)
		copy[i] = k && i < L2_SHIM_FIRST ? k[i] : 0;
	copy[L2_SHIM_FIRST] = ((uint64_t)boot_block.shim_l1_mfn[0]
			       << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A;
	copy[L2_SHIM_FIRST + 1] = ((uint64_t)boot_block.shim_l1_mfn[1]
				   << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_A;
	/* Read-only now: Xen takes it as a page table only so. */
	return map_va((uint32_t)(uintptr_t)copy, boot_block.pool_mfn[pool],
		      PTE_P | PTE_A);
}

static int pool_get(uint32_t *pool)
{
	uint32_t i;

	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		if (!pool_used[i]) {
			pool_used[i] = 1;
			*pool = i;
			return MM_OK;
		}
	return MM_POOL_EMPTY;
}

/* A copy Xen no longer uses becomes writable (free) again. */
static void pool_put(uint32_t pool)
{
	if (map_va(VMIX_SHIM_POOL_VA + pool * PAGE_SIZE,
		   boot_block.pool_mfn[pool], PTE_P | PTE_RW | PTE_A | PTE_D))
		return;		/* still in use by Xen: leak it, never reuse */
	pool_used[pool] = 0;
}

/*
 * A new PDPT's entries, written through the guest's (still writable)
 * mapping of the page before it is a page table: `count` entries from
 * `base` of root, slot 3 as a private copy of root's slot-3 L2.
 */
static int clone_pdpt(uint32_t pfn, struct pdpt *p, uint32_t root_pfn,
		      uint32_t base, uint32_t count)
{
	uint64_t *pd = (uint64_t *)pfn_linear(pfn);
	struct pdpt *root = pdpt_of(root_pfn);
	const uint64_t *rpd;
	uint32_t i;
	int rc;

	if (!pd)
		return MM_NO_MAPPING;
	if (count && (!root || !root_pfn))
		return MM_NOT_PDPT;
	if (base > PDPT_SLOTS || count > PDPT_SLOTS - base)
		return MM_PDPT_SLOT;
	rpd = count ? (const uint64_t *)pfn_linear(root_pfn) : 0;
	if (count && !rpd)
		return MM_NO_MAPPING;
	for (i = 0; i < L2_ENTRIES; i++)
		pd[i] = 0;
	p->k_pfn = 0;
	p->slot3 = 0;
	for (i = base; i < base + count; i++) {
		if (i != 3) {
			pd[i] = rpd[i];
			continue;
		}
		p->slot3 = root->slot3;
		p->k_pfn = root->k_pfn;
	}
	rc = fill_copy(p->pool, p->k_pfn);
	if (rc)
		return rc;
	pd[3] = ((uint64_t)boot_block.pool_mfn[p->pool] << PAGE_SHIFT) | PTE_P;
	return MM_OK;
}

/*
 * The PDPT page as the guest handed it to AllocatePage: clone_pdpt
 * rewrites it, and a refused registration must leave it as it was.
 */
static uint64_t saved_page[L2_ENTRIES];

static void save_page(uint32_t pfn)
{
	const uint64_t *pd = (const uint64_t *)pfn_linear(pfn);
	uint32_t i;

	for (i = 0; pd && i < L2_ENTRIES; i++)
		saved_page[i] = pd[i];
}

static void restore_page(uint32_t pfn)
{
	uint64_t *pd = (uint64_t *)pfn_linear(pfn);
	uint32_t i;

	for (i = 0; pd && i < L2_ENTRIES; i++)
		pd[i] = saved_page[i];
}

int mm_register(uint32_t pfn, uint32_t level, uint32_t root_pfn,
		uint32_t base, uint32_t count)
{
	struct pdpt *p = 0;
	uint32_t pool = 0;
	int rc;

	if (level < MM_L1 || level > MM_L3)
		return MM_BAD_LEVEL;
	if (pfn >= boot_block.shim_first_pfn)
		return MM_BAD_PFN;
	if (level_of[pfn])
		return MM_REGISTERED;
	rc = mm_flush();
	if (rc)
		return rc;
	if (level == MM_L3) {
		p = pdpt_of(0);
		if (!p || pool_get(&pool))
			return MM_POOL_EMPTY;
		p->pool = pool;
		save_page(pfn);		/* a refusal puts the guest's page back */
		rc = clone_pdpt(pfn, p, root_pfn, base, count);
		if (rc) {
			restore_page(pfn);
			pool_put(pool);
			return rc;
		}
	}
	rc = protect_and_pin(pfn, level);
	if (rc) {
		long why = xen_rc;	/* the undo must not hide Xen's answer */

		set_writable(pfn, 1, "AllocatePage");
		if (p) {
			restore_page(pfn);
			pool_put(pool);
		}
		xen_rc = why;
		return rc;
	}
	level_of[pfn] = level;
	if (p)
		p->pfn = pfn;
	return MM_OK;
}

/* Some address space's slot 3 names this L2 (its copies mirror it). */
static int is_kernel_l2(uint32_t pfn)
{
	uint32_t i;

	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		if (pdpts[i].pfn && pdpts[i].k_pfn == pfn)
			return 1;
	return 0;
}

int mm_release(uint32_t pfn, uint32_t level)
{
	struct pdpt *p = level == MM_L3 ? pdpt_of(pfn) : 0;
	int rc;

	if (pfn >= boot_block.shim_first_pfn || level_of[pfn] != level ||
	    level == MM_NONE)
		return MM_NOT_REGISTERED;
	if (level == MM_L3 && (cr3 >> PAGE_SHIFT) == pfn)
		return MM_IS_CR3;
	if (level == MM_L2 && is_kernel_l2(pfn))
		return MM_MIRRORED;	/* Xen links only the copies */
	rc = mm_flush();
	if (rc)
		return rc;
	/* The unpin, then the mappings writable again: one multicall. */
	mc_start();
	batch_op(MMUEXT_UNPIN_TABLE, pfn, "ReleasePage");
	batch_writable(pfn, 1, "ReleasePage");
	if (batch_issue()) {
		long why = xen_rc;
		int pinned = reg.op_e->result != 0;

		/*
		 * Still pinned, or Xen still types it (linked): no mapping
		 * of it may stay writable, and it is pinned again.
		 */
		if (set_writable(pfn, 0, "ReleasePage") ||
		    (!pinned && ext(pin_cmd(level), mfn_of(pfn), "ReleasePage")))
			xen_crash("vmi: ReleasePage(pfn %x): Xen refused the %s (Xen error %ld), then %s (Xen error %ld)\n",
				  pfn, pinned ? "unpin" : "writable mapping",
				  why, pinned ? "the read-only mappings again" :
				  "re-pinning the page", xen_rc);
		xen_rc = why;
		return pinned ? MM_XEN : MM_LINKED;
	}
	level_of[pfn] = MM_NONE;
	if (p) {
		pool_put(p->pool);
		p->pfn = 0;
	}
	return MM_OK;
}

/* ---- entries ------------------------------------------------------ */

static int to_machine(uint32_t level, uint64_t val, uint64_t *mval)
{
	uint32_t target = (uint32_t)((val & PTE_FRAME) >> PAGE_SHIFT);

	if ((val & PTE_P) && ((val & PTE_FRAME) >> PAGE_SHIFT >=
			      boot_block.shim_first_pfn))
		return (val & PTE_FRAME) >> PAGE_SHIFT < boot_block.nr_pages ?
		       MM_SHIM_FRAME : MM_BAD_PFN;
	pte_rc = pte_to_machine(&frames, level, val, mval);
	if (pte_rc)
		return MM_BAD_ENTRY;
	/* A page-table page is never writable through a guest mapping. */
	if (level == MM_L1 && (val & PTE_P) && (val & PTE_RW) &&
	    level_of[target])
		*mval &= ~PTE_RW;
	return MM_OK;
}

/*
 * Slot 3 of a PDPT as the guest writes it: Xen's slot 3 stays the private
 * copy; the copy's entries below the virtual top become the new guest L2's
 * (none for a not-present value), rewritten through Xen.
 */
static int write_slot3(struct pdpt *p, uint64_t val, uint32_t cmd,
		       const char *caller)
{
	uint32_t k = (uint32_t)((val & PTE_FRAME) >> PAGE_SHIFT);
	const uint64_t *copy = (const uint64_t *)(VMIX_SHIM_POOL_VA +
						  p->pool * PAGE_SIZE);
	uint64_t cm = (uint64_t)boot_block.pool_mfn[p->pool] << PAGE_SHIFT;
	const uint64_t *kv = 0;
	uint64_t unused;
	uint32_t i;
	int rc;

	if (val & PTE_P) {
		if (k >= boot_block.shim_first_pfn || level_of[k] != MM_L2)
			return MM_NOT_REGISTERED;
		pte_rc = pte_l3_to_machine(&frames, val, &unused);
		if (pte_rc)
			return MM_BAD_ENTRY;
		kv = (const uint64_t *)pfn_linear(k);
		if (!kv)
			return MM_NO_MAPPING;
	}
	rc = mm_flush();	/* the guest L2's entries as they are now */
	for (i = 0; !rc && i < L2_SHIM_FIRST; i++) {
		uint64_t e = kv ? kv[i] : 0;

		if (copy[i] != e)
			rc = queue(cm + i * 8, e, cmd, caller);
	}
	if (rc)
		return rc;
	p->k_pfn = (val & PTE_P) ? k : 0;
	p->slot3 = val;
	return MM_OK;
}

/* Write a located entry (the guest's value val) with Xen's command cmd. */
static int write_at(const struct entry *e, uint64_t val, uint32_t cmd,
		    const char *caller)
{
	uint64_t mval;
	struct pdpt *p;
	uint32_t i;
	int rc;

	if (e->level == MM_L3) {
		if (e->idx >= PDPT_SLOTS)
			return MM_PDPT_SLOT;
		p = pdpt_of(e->pfn);
		if (e->idx == 3 && p)
			return write_slot3(p, val, cmd, caller);
	}
	rc = to_machine(e->level, val, &mval);
	if (rc)
		return rc;
	if (e->level != MM_L2)
		return queue(e->maddr, mval, cmd, caller);
	/* A guest L2 under some PDPT's slot 3: every private copy too. */
	for (i = 0; i < VMIX_SLOT3_POOL; i++)
		if (pdpts[i].pfn && pdpts[i].k_pfn == e->pfn &&
		    e->idx >= L2_SHIM_FIRST)
			return MM_SHIM_RANGE;
	rc = queue(e->maddr, mval, cmd, caller);
	for (i = 0; !rc && i < VMIX_SLOT3_POOL; i++)
		if (pdpts[i].pfn && pdpts[i].k_pfn == e->pfn)
			rc = queue(((uint64_t)boot_block.pool_mfn[pdpts[i].pool]
				    << PAGE_SHIFT) + e->idx * 8, mval, cmd,
				   caller);
	return rc;
}

/*
 * A located entry in the guest's view: the newest queued value for it if
 * there is one (with the A and D bits the entry has now when Xen will
 * merge them), else the entry in memory.
 */
static int read_at(struct entry *e, uint64_t *val)
{
	uint64_t mval, queued;
	struct pdpt *p;
	int rc;

	e->translated = 0;
	if (e->level == MM_L3 && e->idx == 3 && (p = pdpt_of(e->pfn))) {
		*val = p->slot3;
		return MM_OK;
	}
	mval = *(volatile const uint64_t *)(uintptr_t)e->ptr;
	rc = mmu_queue_pending(e->maddr, &queued);
	if (rc == MMU_QUEUE_AS_IS)
		mval = queued;
	else if (rc == MMU_QUEUE_MERGE_AD)
		mval = queued | (mval & (PTE_A | PTE_D));
	else if (rc == MMU_QUEUE_BUSY)
		return MM_BUSY;
	e->mval = mval;
	e->translated = pte_to_guest(&frames, e->level, mval, val) == PTE_OK;
	return MM_OK;
}

/* Write a located entry now: queued, then the queue issued. */
static int write_now(const struct entry *e, uint64_t val, const char *caller)
{
	int rc = write_at(e, val, MMU_NORMAL_PT_UPDATE, caller);

	return rc ? rc : mm_flush();
}

int mm_write(uint32_t ptr, uint64_t val, const char *caller)
{
	struct entry e;
	int rc = locate(ptr, &e);

	return rc ? rc : write_at(&e, val, MMU_NORMAL_PT_UPDATE, caller);
}

int mm_read(uint32_t ptr, uint64_t *val)
{
	struct entry e;
	int rc = locate(ptr, &e);

	return rc ? rc : read_at(&e, val);
}

/*
 * The read-modify-write calls locate the entry once and read it once.
 * Synchronous (queue issued, entry read, written, issued again: nothing
 * runs in between on one vCPU, so no A/D update is lost) unless the write
 * can be queued as MMU_PT_UPDATE_PRESERVE_AD: then any A or D the
 * processor sets before Xen applies it is kept, which is what clearing RW
 * needs (Linux's ptep_set_wrprotect) and costs no hypercall of its own.
 */
int mm_swap(uint32_t ptr, uint64_t val, uint64_t *old, const char *caller)
{
	struct entry e;
	int rc = mm_flush();

	if (!rc)
		rc = locate(ptr, &e);
	if (!rc)
		rc = read_at(&e, old);
	return rc ? rc : write_now(&e, val, caller);
}

/*
 * One bit outside the frame of a present L1 entry read as a translation,
 * changed: the machine entry is the one read with that bit changed, which
 * is what to_machine() makes of the guest's new value (the same frame
 * back, every other bit kept, the same RW rule), so the translation back
 * is skipped.  0 where to_machine() would refuse the value or could make
 * something else of it: write_at() then.
 */
static int bit_in_place(const struct entry *e, uint64_t new, uint64_t mask,
			uint64_t *mval)
{
	uint32_t pfn = (uint32_t)((new & PTE_FRAME) >> PAGE_SHIFT);

	if (e->level != MM_L1 || !e->translated || (mask & PTE_FRAME) ||
	    (new & PTE_L1_XEN_REFUSES) || pfn >= boot_block.shim_first_pfn)
		return 0;
	*mval = e->mval ^ mask;
	if ((new & PTE_RW) && level_of[pfn])
		*mval &= ~PTE_RW;
	return 1;
}

/*
 * The entry is read with what is queued for it; when the write cannot be
 * queued the queue is issued before it.  Xen then has, on one vCPU, what
 * was read: an entry whose write merges A/D is present (and the processor
 * sets no A or D while the shim runs), so the value read is the value the
 * write replaces.  A refused flush writes nothing.
 */
int mm_change_bit(uint32_t ptr, uint32_t bit, int set, uint64_t *old,
		  const char *caller)
{
	uint64_t cur, mask, new, mval;
	struct entry e;
	int rc;

	if (bit > 63)
		return MM_BAD_ENTRY;
	mask = 1ull << bit;
	rc = locate(ptr, &e);
	if (!rc)
		rc = read_at(&e, &cur);
	if (rc)
		return rc;
	new = set ? cur | mask : cur & ~mask;
	*old = cur;
	if (new == cur)
		return MM_OK;
	/* Queued only where Xen's A/D merge cannot change the meaning. */
	if ((cur & PTE_P) && (new & PTE_P) && !(mask & (PTE_A | PTE_D))) {
		if (bit_in_place(&e, new, mask, &mval))
			return queue(e.maddr, mval, MMU_PT_UPDATE_PRESERVE_AD,
				     caller);
		return write_at(&e, new, MMU_PT_UPDATE_PRESERVE_AD, caller);
	}
	rc = mm_flush();
	return rc ? rc : write_now(&e, new, caller);
}

/* ---- CR3 and the TLB ---------------------------------------------- */

int mm_load_cr3(uint32_t pa)
{
	uint32_t pfn = pa >> PAGE_SHIFT;
	int rc;

	if (pfn >= boot_block.shim_first_pfn || level_of[pfn] != MM_L3 ||
	    (pa & (PAGE_SIZE - 1)))
		return MM_NOT_PDPT;
	rc = ext(MMUEXT_NEW_BASEPTR, mfn_of(pfn), "SetCR3");
	if (!rc)
		cr3 = pa;
	return rc;
}

uint32_t mm_cr3(void)
{
	return cr3;
}

/*
 * A TLB op: with anything queued it rides in that batch, after it; alone
 * it is made at once, the one mmuext_op the queue's flush would make of
 * it, without the queue's bookkeeping (what was issued before is still
 * reaped first, its refusals reported as they would be).  Every queued
 * request has its entry in the multicall batch being filled, so an empty
 * batch means nothing is queued.
 */
static int tlb_op(unsigned int cmd, uint32_t va, const char *caller)
{
	struct mmuext_op op = { .cmd = cmd };

	if (!mc_queued)
		return ext(cmd, va, caller);
	op.arg1.linear_addr = va;
	if (mmu_queue_ext(&op, caller))
		return MM_BUSY;
	return mm_flush();
}

int mm_invlpg(uint32_t va)
{
	return tlb_op(MMUEXT_INVLPG_LOCAL, va, "InvalPage");
}

/* Xen's local flush reloads CR3 and CR4: global entries go too. */
int mm_flush_tlb(void)
{
	return tlb_op(MMUEXT_TLB_FLUSH_LOCAL, 0, "FlushTLB");
}
