// SPDX-License-Identifier: GPL-2.0
/*
 * pte.c - PAE entries between the guest's view and Xen's (see mmu/pte.h,
 * which states the rules and where in Xen they come from).
 *
 * Never: call Xen, keep state, divide 64-bit numbers, write *out before the
 * entry is known good.
 */
#include "mmu/pte.h"

/*
 * Xen's refusals that hold for every 32-bit PV guest whatever its
 * privileges (arch/x86/mm.c: L1_DISALLOW_MASK's _PAGE_GNTTAB, in pte.h as
 * PTE_L1_XEN_REFUSES, L2_DISALLOW_MASK = base_disallow_mask without PS,
 * which has its own status, l3_disallow_mask for a 32-bit domain).
 */
#define L1_XEN_REFUSES	PTE_L1_XEN_REFUSES
#define L2_XEN_REFUSES	(PTE_PWT | PTE_PCD | PTE_G)
#define L3_XEN_REFUSES	(PTE_PWT | PTE_PCD)
/* What a PAE PDPTE may hold (Intel SDM vol. 3, table 4-8). */
#define L3_VALID	(PTE_P | PTE_PWT | PTE_PCD | PTE_AVAIL | PTE_FRAME)
/* What Xen and the processor add to a present L3 entry of a 32-bit guest. */
#define L3_XEN_ADDS	(PTE_RW | PTE_US | PTE_A)

static inline uint64_t frame_of(uint64_t e)
{
	return (e & PTE_FRAME) >> PTE_FRAME_SHIFT;
}

static inline uint64_t with_frame(uint64_t e, uint32_t frame)
{
	return (e & ~PTE_FRAME) | ((uint64_t)frame << PTE_FRAME_SHIFT);
}

int pte_pfn_to_mfn(const struct pte_frames *f, uint64_t pfn, uint32_t *mfn)
{
	uint32_t m;

	if (pfn >= f->nr_pfns)
		return PTE_NO_SUCH_PFN;
	m = f->p2m[(uint32_t)pfn];
	if (m == PTE_NO_MFN)
		return PTE_NO_SUCH_PFN;
	*mfn = m;
	return PTE_OK;
}

int pte_mfn_to_pfn(const struct pte_frames *f, uint64_t mfn, uint32_t *pfn)
{
	uint32_t p;

	if (mfn >= f->nr_mfns)
		return PTE_FOREIGN;
	p = f->m2p[(uint32_t)mfn];
	/* Only a frame the guest's own P2M names is the guest's. */
	if (p >= f->nr_pfns || f->p2m[p] != (uint32_t)mfn)
		return PTE_FOREIGN;
	*pfn = p;
	return PTE_OK;
}

/* A present entry's frame in; the caller has checked the flag bits. */
static int frame_in(const struct pte_frames *f, uint64_t e, uint64_t *out)
{
	uint32_t mfn;

	if (pte_pfn_to_mfn(f, frame_of(e), &mfn) != PTE_OK)
		return PTE_NO_SUCH_PFN;
	*out = with_frame(e, mfn);
	return PTE_OK;
}

/* A present entry's frame out; a foreign frame leaves it unchanged. */
static int frame_out(const struct pte_frames *f, uint64_t e, uint64_t *out)
{
	uint32_t pfn;

	if (pte_mfn_to_pfn(f, frame_of(e), &pfn) != PTE_OK) {
		*out = e;
		return PTE_FOREIGN;
	}
	*out = with_frame(e, pfn);
	return PTE_OK;
}

int pte_l1_to_machine(const struct pte_frames *f, uint64_t pte,
		      uint64_t *out)
{
	if (!(pte & PTE_P)) {
		*out = pte;
		return PTE_OK;
	}
	if (pte & L1_XEN_REFUSES)
		return PTE_XEN_REFUSES;
	return frame_in(f, pte, out);
}

int pte_l2_to_machine(const struct pte_frames *f, uint64_t pde,
		      uint64_t *out)
{
	if (!(pde & PTE_P)) {
		*out = pde;
		return PTE_OK;
	}
	if (pde & PTE_PS)
		return PTE_LARGE_PAGE;
	if (pde & L2_XEN_REFUSES)
		return PTE_XEN_REFUSES;
	return frame_in(f, pde, out);
}

int pte_l3_to_machine(const struct pte_frames *f, uint64_t pdpte,
		      uint64_t *out)
{
	if (!(pdpte & PTE_P)) {
		*out = pdpte;
		return PTE_OK;
	}
	if (pdpte & ~L3_VALID)
		return PTE_RESERVED;
	if (pdpte & L3_XEN_REFUSES)
		return PTE_XEN_REFUSES;
	return frame_in(f, pdpte, out);
}

int pte_l1_to_guest(const struct pte_frames *f, uint64_t pte, uint64_t *out)
{
	if (!(pte & PTE_P)) {
		*out = pte;
		return PTE_OK;
	}
	return frame_out(f, pte, out);
}

int pte_l2_to_guest(const struct pte_frames *f, uint64_t pde, uint64_t *out)
{
	if (!(pde & PTE_P)) {
		*out = pde;
		return PTE_OK;
	}
	if (pde & PTE_PS) {
		*out = pde;
		return PTE_LARGE_PAGE;
	}
	return frame_out(f, pde, out);
}

int pte_l3_to_guest(const struct pte_frames *f, uint64_t pdpte,
		    uint64_t *out)
{
	int rc;

	if (!(pdpte & PTE_P)) {
		*out = pdpte;
		return PTE_OK;
	}
	rc = frame_out(f, pdpte, out);
	if (rc == PTE_OK)
		*out &= ~L3_XEN_ADDS;
	return rc;
}

int pte_to_machine(const struct pte_frames *f, uint32_t level, uint64_t e,
		   uint64_t *out)
{
	switch (level) {
	case PTE_L1:
		return pte_l1_to_machine(f, e, out);
	case PTE_L2:
		return pte_l2_to_machine(f, e, out);
	case PTE_L3:
		return pte_l3_to_machine(f, e, out);
	}
	return PTE_RESERVED;
}

int pte_to_guest(const struct pte_frames *f, uint32_t level, uint64_t e,
		 uint64_t *out)
{
	switch (level) {
	case PTE_L1:
		return pte_l1_to_guest(f, e, out);
	case PTE_L2:
		return pte_l2_to_guest(f, e, out);
	case PTE_L3:
		return pte_l3_to_guest(f, e, out);
	}
	*out = e;
	return PTE_RESERVED;
}

const char *pte_status_text(uint32_t level, int status)
{
	switch (status) {
	case PTE_OK:
		return "translated";
	case PTE_NO_SUCH_PFN:
		return "the entry names a frame beyond the guest's memory";
	case PTE_FOREIGN:
		return "the machine frame is not one of the guest's";
	case PTE_LARGE_PAGE:
		return "a 2 MiB page (PS): Xen gives a PV guest no superpages";
	case PTE_RESERVED:
		if (level == PTE_L3)
			return "a bit PAE reserves in a page-directory-pointer entry is set (only P, PWT, PCD, bits 9-11 and the frame are defined)";
		return "not a PAE page-table level";
	case PTE_XEN_REFUSES:
		if (level == PTE_L1)
			return "bit 62 is set, which Xen refuses in a page-table entry (its grant-table bit)";
		if (level == PTE_L2)
			return "PWT, PCD or G is set, which Xen refuses in a page-directory entry";
		return "PWT or PCD is set, which Xen refuses in a page-directory-pointer entry";
	}
	return "unknown status";
}
