/* SPDX-License-Identifier: GPL-2.0 */
/*
 * be.h - the backend interface the benchmark kernel's operations are
 * written against.  Three backends implement it: be_raw.c (native
 * instructions, ring 0), be_vmi.c (VMI calls through the ROM in use: the
 * vmi-xen shim on Xen, or tests/bench/native_rom.S on bare hardware) and
 * be_pv.c (Xen hypercalls made directly, as a XenoLinux kernel does).
 * The hot primitives are inline, from the backend's own header
 * (BE_HEADER, set by bench.mk), as a paravirtualized kernel patches them
 * in line; the rest are calls.
 *
 * Entry values are pseudo-physical on every backend; a pointer to an
 * entry is its address in the phys map (bench.h).
 *
 * Never: name a backend here.
 */
#ifndef BENCH_BE_H
#define BENCH_BE_H

#include <stdint.h>
#include "tests/bench/bench.h"

/* Filled by the backend at be_early. */
struct be_env {
	const char *name;
	uint32_t kernel_cs, kernel_ss, user_cs, user_ds;
	uint32_t mem_pages;		/* the guest's memory, pages */
	const char *cmdline;
};
extern struct be_env be_env;

/*
 * Start of day: console, memory (pool_add), the root address space and
 * the segments; entered from the boot code with its arguments.
 */
void be_early(uint32_t magic, uint32_t info);

void be_putc(char c);
void be_end(int failed) __attribute__((noreturn));

/* Counters: hypercalls, multicall entries and page-table writes so far. */
struct be_counts {
	uint64_t hypercalls;
	uint64_t mc_entries;
	uint64_t pte_writes;
};
/* 1 with counts, 0 where the backend has none. */
int be_counts(struct be_counts *c);

#include BE_HEADER	/* be_irq_disable(), be_irq_enable(), ... */

/* Page tables (inline where the backend's header says BE_INLINE_MMU). */
#ifndef BE_INLINE_MMU
uint64_t be_pte_read(uint64_t *ptep);
void be_pte_write(uint64_t *ptep, uint64_t val);
void be_pte_wrprotect(uint64_t *ptep);		/* clear RW, A/D kept */
void be_mmu_commit(void);			/* queued writes issued */
void be_invlpg(uint32_t va);
void be_flush_tlb(void);
uint32_t be_fault_addr(void);
#endif
void be_set_cr3(struct proc *p);
void be_pt_register(uint32_t pfn, int level);	/* 1: L1, 2: L2 */
void be_pt_release(uint32_t pfn, int level);
/* p->pdpt (zeroed) and p->l2 (registered): link slot 1, the kernel. */
void be_pdpt_create(struct proc *p);
void be_pdpt_destroy(struct proc *p);

/* Processor. */
void be_set_gate(int vec, void (*fn)(void), int dpl, int intr);
void be_load_gates(void);
void be_set_kstack(uint32_t esp0);

/* Time: 0 when an alarm can be armed; one-shot, ns from now. */
int be_timer_init(void);
void be_timer_arm(uint32_t ns);
void be_timer_eoi(void);
/* An event callback entered (direct PV only: trap.c's VEC_UPCALL). */
void be_upcall(struct frame *f);

#endif /* BENCH_BE_H */
