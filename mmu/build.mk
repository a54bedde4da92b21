# SPDX-License-Identifier: GPL-2.0
# mmu/build.mk - page tables and TLB: the TLB flush behind SetCR4's PGE
# toggle, PAE entry translation (pte.o) and the deferred page-table queue
# (queue.o), which the front ends' page-table calls build on.
rom-y += mmu/tlb.o mmu/pte.o mmu/queue.o mmu/mm.o
