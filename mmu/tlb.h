/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb.h - TLB maintenance through Xen (mmuext_op).  InvalPage, FlushTLB and
 * SetCR3 join here (MMU issue).
 *
 * Never: flush with queued page-table work still waiting (the seam in
 * xenif/hypercall.h issues the multicall queue first).
 */
#ifndef VMIX_MMU_TLB_H
#define VMIX_MMU_TLB_H

/* Flush this vCPU's TLB, global entries included; 0 or Xen's error. */
long mmu_flush_tlb_all_local(void);

#endif /* VMIX_MMU_TLB_H */
