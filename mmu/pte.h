/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pte.h - PAE page-table entries between the guest's pseudo-physical view
 * and Xen's machine view, one function per level and direction.  Pure C
 * over two frame tables the caller names (struct pte_frames): no Xen calls,
 * no shim state, no VMI calling detail, so that every front end (rev 13,
 * 3.0) shares it; host unit tests cover it, every flag combination at
 * every level both ways (tests/unit/test_pte.c).
 *
 * The rules (Xen 4.17, a 32-bit PV guest on 64-bit Xen, arch/x86/mm.c and
 * arch/x86/pv/mm.h):
 *
 * - A present entry's frame field (bits 12-51) is translated; every other
 *   bit is kept exactly (P, RW, US, PWT, PCD, A, D, PAT/PS, G, the
 *   available bits 9-11, bits 52-62, NX), except where a level says so
 *   below.
 * - A not-present entry is the guest's own (swap entries): it goes both
 *   ways untranslated, every bit kept, at every level.  (On a CPU with
 *   L1TF, Xen's pv-l1tf option may shadow a domU that writes a not-present
 *   entry whose address bits name cacheable memory; dom0's default is off.
 *   That is Xen's policy, not a translation.)
 * - Into Xen, a present entry naming a pfn the guest does not have (beyond
 *   the P2M, or a P2M hole) is refused: PTE_NO_SUCH_PFN, *out untouched.
 *   No refusal ever writes *out: never a half-translated value.
 * - Out of Xen, a present entry whose machine frame is not one of the
 *   guest's (the M2P does not map it back to a pfn whose P2M entry is that
 *   same frame: Xen's own frames, I/O, another domain's) comes back
 *   unchanged, machine frame and all, with PTE_FOREIGN: the guest never put
 *   such an entry in, so it is the shim's own mapping and the caller knows
 *   what it means.
 * - L1 (page table): bit 62 is Xen's _PAGE_GNTTAB, which Xen refuses in an
 *   L1 entry from any PV guest: PTE_XEN_REFUSES.
 * - L2 (page directory): PS set (a 2 MiB page) is refused with
 *   PTE_LARGE_PAGE: Xen 4.17 has no PV superpages (L2_DISALLOW_MASK holds
 *   _PAGE_PSE; the old "allowsuperpage" option is gone), so the caller
 *   tells the guest to map 4 KiB pages.  PWT, PCD and G, which the hardware
 *   allows or ignores in a non-leaf PDE, are also in Xen's L2 disallow
 *   mask: PTE_XEN_REFUSES.  Out of Xen, an entry with PS (Xen's own 2 MiB
 *   mappings in the guest's top L2) comes back unchanged with
 *   PTE_LARGE_PAGE.
 * - L3 (PAE page-directory-pointer entry): the hardware allows only P, PWT,
 *   PCD, the ignored bits 9-11 and the frame; any other bit (1, 2, 5-8,
 *   52-63) is reserved: PTE_RESERVED.  Xen takes a 32-bit guest's L3 as
 *   a long-mode L3 and refuses PWT and PCD (l3_disallow_mask 0xFFFFF198):
 *   PTE_XEN_REFUSES.  Xen sets RW and US in every present L3 entry it
 *   writes (adjust_guest_l3e) and the processor sets A there; out of Xen
 *   those three are cleared again (unadjust_guest_l3e), so the guest reads
 *   back what it wrote.
 * - What Xen refuses for reasons a translation cannot see is left to Xen's
 *   answer: cache attributes in an L1 entry of a domain without I/O
 *   privileges, NX on a processor without it, writable mappings of
 *   page-table pages, Xen's own L2 slots and L3 slot 3.
 *
 * Never: call Xen, keep state, divide 64-bit numbers, or return a partly
 * translated entry.
 */
#ifndef VMIX_MMU_PTE_H
#define VMIX_MMU_PTE_H

#include <stdint.h>

/* PAE entry bits (Intel SDM vol. 3, 4.4). */
#define PTE_P		(1ull << 0)	/* present */
#define PTE_RW		(1ull << 1)	/* writable */
#define PTE_US		(1ull << 2)	/* user */
#define PTE_PWT		(1ull << 3)	/* write-through */
#define PTE_PCD		(1ull << 4)	/* cache disable */
#define PTE_A		(1ull << 5)	/* accessed */
#define PTE_D		(1ull << 6)	/* dirty (leaf entries) */
#define PTE_PAT		(1ull << 7)	/* L1: PAT index bit */
#define PTE_PS		(1ull << 7)	/* L2: 2 MiB page */
#define PTE_G		(1ull << 8)	/* global */
#define PTE_AVAIL	(7ull << 9)	/* bits 9-11, the software's */
#define PTE_FRAME	0x000ffffffffff000ull	/* bits 12-51 */
#define PTE_HIGH	(0x7ffull << 52)	/* bits 52-62 */
#define PTE_XEN_GNTTAB	(1ull << 62)	/* Xen's _PAGE_GNTTAB */
/* The L1 bits Xen refuses of every 32-bit PV guest (mm.c's in-place bits too). */
#define PTE_L1_XEN_REFUSES	PTE_XEN_GNTTAB
#define PTE_NX		(1ull << 63)	/* no execute */
#define PTE_FRAME_SHIFT	12

/* A P2M entry with no machine frame behind it (Xen's INVALID_P2M_ENTRY). */
#define PTE_NO_MFN	0xffffffffu

/* Page-table levels. */
#define PTE_L1		1	/* page table: 4 KiB pages */
#define PTE_L2		2	/* page directory */
#define PTE_L3		3	/* PAE page-directory-pointer table */

/*
 * The two frame tables, as arrays: the ROM gives the P2M list the boot
 * image left at its fixed address and Xen's read-only compat M2P table
 * (with its length from XENMEM_machphys_mapping); host tests give arrays.
 */
struct pte_frames {
	const uint32_t *p2m;	/* pfn -> mfn; PTE_NO_MFN: none */
	uint32_t nr_pfns;	/* the guest's pseudo-physical frames */
	const uint32_t *m2p;	/* mfn -> pfn, Xen's view of every frame */
	uint32_t nr_mfns;	/* entries m2p may be read at */
};

enum pte_status {
	PTE_OK,			/* *out is the translated entry */
	PTE_NO_SUCH_PFN,	/* in: the pfn is not the guest's */
	PTE_FOREIGN,		/* out: not the guest's frame; *out unchanged */
	PTE_LARGE_PAGE,		/* L2 PS: in refused, out *out unchanged */
	PTE_RESERVED,		/* in: a bit the level reserves */
	PTE_XEN_REFUSES,	/* in: a bit Xen never takes at the level */
};

/* Frames: PTE_OK, else PTE_NO_SUCH_PFN / PTE_FOREIGN and *out untouched. */
int pte_pfn_to_mfn(const struct pte_frames *f, uint64_t pfn, uint32_t *mfn);
int pte_mfn_to_pfn(const struct pte_frames *f, uint64_t mfn, uint32_t *pfn);

/*
 * The guest's entry into the machine entry Xen is given.  PTE_OK and *out
 * set, or a refusal (PTE_NO_SUCH_PFN, PTE_LARGE_PAGE, PTE_RESERVED,
 * PTE_XEN_REFUSES) and *out untouched.
 */
int pte_l1_to_machine(const struct pte_frames *f, uint64_t pte,
		      uint64_t *out);
int pte_l2_to_machine(const struct pte_frames *f, uint64_t pde,
		      uint64_t *out);
int pte_l3_to_machine(const struct pte_frames *f, uint64_t pdpte,
		      uint64_t *out);

/*
 * A machine entry (as Xen and the processor left it, A and D included) into
 * the guest's view.  *out is always set: translated with PTE_OK, or the
 * entry unchanged with PTE_FOREIGN (or PTE_LARGE_PAGE for an L2 PS entry).
 */
int pte_l1_to_guest(const struct pte_frames *f, uint64_t pte, uint64_t *out);
int pte_l2_to_guest(const struct pte_frames *f, uint64_t pde, uint64_t *out);
int pte_l3_to_guest(const struct pte_frames *f, uint64_t pdpte,
		    uint64_t *out);

/*
 * The same by level (PTE_L1..PTE_L3).  Another level is PTE_RESERVED, with
 * *out untouched into Xen and the entry unchanged out of it.
 */
int pte_to_machine(const struct pte_frames *f, uint32_t level, uint64_t e,
		   uint64_t *out);
int pte_to_guest(const struct pte_frames *f, uint32_t level, uint64_t e,
		 uint64_t *out);

/* The reason for a status at a level, for the front end's diagnostics. */
const char *pte_status_text(uint32_t level, int status);

#endif /* VMIX_MMU_PTE_H */
