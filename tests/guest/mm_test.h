/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_test.h - what the mmu.* and the page-table bad.* cases share: tagged
 * data pages, reads and writes that may fault, a page-fault handler that
 * fixes the fault and lets the access retry, and processor features.
 */
#ifndef VMITEST_MM_TEST_H
#define VMITEST_MM_TEST_H

#include <stddef.h>
#include <stdint.h>
#include "mm.h"

struct test;

#define WORDS_PER_PAGE	(PAGE_SIZE / 4)

/* User-accessible, writable: what the cases map at MM_USER_BASE. */
#define PTE_URW		(PTE_P | PTE_RW | PTE_US)
#define PTE_URO		(PTE_P | PTE_US)
#define PTE_KRW		(PTE_P | PTE_RW)

static inline uint64_t pte_noad(uint64_t v)
{
	return v & ~PTE_AD;
}

static inline uint32_t peek(uintptr_t va)
{
	return *(volatile uint32_t *)va;
}

static inline void poke(uintptr_t va, uint32_t v)
{
	*(volatile uint32_t *)va = v;
}

/* A pool page whose word i is tag + i, or 0 (the case failed). */
uint32_t data_page(struct test *t, uint32_t tag);

/* Word i of a page through the linear map. */
static inline uint32_t page_word(uint32_t pfn, unsigned int i)
{
	return peek((uintptr_t)pfn_va(pfn) + i * 4);
}

/* Index of the first word of pfn that is not tag + i, or WORDS_PER_PAGE. */
unsigned int page_differs(uint32_t pfn, uint32_t tag);

/*
 * Read (write) the word at va; 0 if no fault, 1 if #PF arrived (then
 * fault_state.rec holds it and the access did not happen).
 */
int try_read(uintptr_t va, uint32_t *v);
int try_write(uintptr_t va, uint32_t v);

/* check() that va reads want, without a fault. */
int check_read(struct test *t, const char *what, uintptr_t va,
	       uint32_t want);

/*
 * check() that reading (writing) va raises #PF with error code err, CR2
 * va and EIP the access.
 */
int check_read_pf(struct test *t, const char *what, uintptr_t va,
		  uint32_t err);
int check_write_pf(struct test *t, const char *what, uintptr_t va,
		   uint32_t err);

/* check() that GetPxELong(pte) is want, the A/D bits aside. */
int check_pte(struct test *t, const char *what, const uint64_t *pte,
	      uint64_t want);

/*
 * A page-fault handler for one case: fix(cr2, error code) makes the
 * access possible and returns 1 (the access is retried), or returns 0
 * (the fault is unexpected).  More than PF_FIX_MAX faults in one case
 * are unexpected too, so a fix that does not take cannot loop for ever.
 */
#define PF_FIX_MAX	16

struct pf_fix {
	int (*fix)(uint32_t cr2, uint32_t err);
	unsigned int calls;
	uint32_t cr2, err, eip, cs;	/* the first fault */
};

extern struct pf_fix pf_fix;

void pf_fix_install(int (*fix)(uint32_t cr2, uint32_t err));

/* Run fn(arg) in ring 3 (user_run) and return its result. */
uint32_t in_ring3(uint32_t (*fn)(uint32_t), uint32_t arg);
uint32_t user_read_word(uint32_t va);
uint32_t user_write_word(uint32_t va);	/* writes va ^ USER_WRITE_XOR */
#define USER_WRITE_XOR	0x5a5a0000u

/* #PF error code bit: an instruction fetch (with NX). */
#define PF_ID		0x10

/* Processor features through VMI CPUID. */
int cpu_has_nx(void);
int cpu_has_pge(void);

/*
 * 1 if PTE_NX can be used: CPUID reports NX and EFER.NXE is set (natively
 * the guest sets it, as Linux does at boot); else 0 with why filled.
 */
int nx_usable(char *why, size_t len);

#endif /* VMITEST_MM_TEST_H */
