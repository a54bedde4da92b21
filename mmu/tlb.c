// SPDX-License-Identifier: GPL-2.0
/*
 * tlb.c - TLB flushes (see mmu/tlb.h).
 *
 * Never: flush with page-table work still queued.
 */
#include "mmu/tlb.h"
#include "xenif/hypercall.h"

/* Xen's local flush drops global entries too (it reloads CR4.PGE). */
long mmu_flush_tlb_all_local(void)
{
	struct mmuext_op op = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
	uint32_t done;

	return hyp_mmuext_op(&op, 1, &done, DOMID_SELF);
}
