# SPDX-License-Identifier: GPL-2.0
# mmu/build.mk - page tables and TLB; today the TLB flush behind SetCR4's
# PGE toggle.
rom-y += mmu/tlb.o
