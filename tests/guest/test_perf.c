// SPDX-License-Identifier: GPL-2.0
/*
 * test_perf.c - perf.* cases: the page-table figures a benchmark reads,
 * printed as notes (`vmitest: perf <what>: ...`).  Under QEMU's
 * `-icount shift=0` RDTSC counts instructions, so the figures are
 * instruction counts, the same run after run; otherwise they are cycles
 * and only the hypercall counts are exact.  Hypercalls are read from
 * vmi-xen's own MSRs (rom-layout/rom_private.h), which cost no hypercall;
 * with another ROM (the native one) only instructions are given.
 *
 * Each case also checks what it did (the entries read back, the mappings
 * work), so it fails if the calls do nothing.
 */
#include <stddef.h>
#include "cpu.h"
#include "mm.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "vmi_cpu.h"

#define NR_WRITES	1000
#define L2_WRITES	100
#define PERF_BASE	(MM_KWIN_BASE + 0x400000u)	/* 2 L1s' worth */
#define FORK_BASE	(MM_USER_BASE + 0x200000u)

struct sample {
	uint64_t tsc;
	uint64_t hypercalls;	/* all of them */
	uint64_t mc_entries;	/* multicall entries */
	uint64_t pte_writes;	/* page-table writes the shim queued */
};

/* The ROM in use is vmi-xen's (its private block says so). */
static int vmi_xen_rom(void)
{
	uint32_t priv;

	if (rom_state.native)
		return 0;
	priv = rom_read32(vmi_rom_base, VMI_HDR_PRIVATE);
	return priv && rom_read32(vmi_rom_base, priv) == VMIX_PRIV_MAGIC;
}

static void take(struct sample *s)
{
	uint32_t nr;

	s->hypercalls = s->mc_entries = s->pte_writes = 0;
	if (vmi_xen_rom()) {
		for (nr = 0; nr < 64; nr++)
			s->hypercalls += vmi_rdmsr(VMIX_MSR_HYPERCALLS + nr);
		s->mc_entries = vmi_rdmsr(VMIX_MSR_MC_ENTRIES);
		s->pte_writes = vmi_rdmsr(VMIX_MSR_PTE_WRITES);
	}
	s->tsc = vmi_rdtsc();
}

/*
 * "N instructions per <unit>, H hypercalls (E multicall entries)", printed
 * at once (a case may report several).
 */
static void report(const char *what, const struct sample *a,
		   const struct sample *b, uint32_t units, const char *unit)
{
	uint32_t per = (uint32_t)(b->tsc - a->tsc) / units;	/* < 2^32 */

	if (vmi_xen_rom())
		kprintf("vmitest: perf %s: %u instructions per %s, %u hypercalls and %u multicall entries for %u %ss (%u PTE writes queued)\n",
		     what, per, unit, (uint32_t)(b->hypercalls - a->hypercalls),
		     (uint32_t)(b->mc_entries - a->mc_entries), units, unit,
		     (uint32_t)(b->pte_writes - a->pte_writes));
	else
		kprintf("vmitest: perf %s: %u instructions per %s (%u %ss)\n",
			what, per, unit, units, unit);
}

/* Undo perf_ptes: the L1s that n pages from PERF_BASE span, the frame. */
static void perf_ptes_free(uint32_t n, uint32_t frame)
{
	uint32_t va;

	for (va = PERF_BASE; va < PERF_BASE + n * PAGE_SIZE; va += MM_L1_SPAN)
		as_free_l1(&mm_root, va);
	page_free(frame);
}

/*
 * n PTE pointers for the kernel-window pages from PERF_BASE (their L1s
 * made as needed) and a frame to map there; 0 when the case cannot go on,
 * with nothing left allocated.
 */
static int perf_ptes(struct test *t, uint64_t **ptes, uint32_t n,
		     uint32_t *frame)
{
	uint32_t i;

	if (!mm_ready(t))
		return 0;
	*frame = page_alloc();
	if (!check(t, *frame != 0, "no page for the mapping"))
		return 0;
	for (i = 0; i < n; i++) {
		ptes[i] = as_pte(&mm_root, PERF_BASE + i * PAGE_SIZE, 1);
		if (!check(t, ptes[i] != 0, "no L1 for %08x",
			   PERF_BASE + i * PAGE_SIZE)) {
			perf_ptes_free(n, *frame);
			return 0;
		}
	}
	return 1;
}

/* NR_WRITES SetPxELong into kernel-window L1s, one FlushDeferredCalls. */
TEST_CASE(perf, setpxelong_1000)
{
	static uint64_t *ptes[NR_WRITES];
	struct sample a, b;
	uint32_t frame, i, bad = 0;

	if (!perf_ptes(t, ptes, NR_WRITES, &frame))
		return;
	take(&a);
	for (i = 0; i < NR_WRITES; i++)
		vmi_set_pxe_long(ptes[i], pfn_pa(frame) | PTE_P | PTE_RW |
				 PTE_A | PTE_D);
	vmi_flush_deferred();
	take(&b);
	report("setpxelong", &a, &b, NR_WRITES, "write");
	for (i = 0; i < NR_WRITES; i++)
		if (pte_pfn(vmi_get_pxe_long(ptes[i])) != frame)
			bad++;
	check(t, bad == 0, "%u of %u entries do not read back", bad,
	      NR_WRITES);
	for (i = 0; i < NR_WRITES; i++)
		vmi_set_pxe_long(ptes[i], 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	perf_ptes_free(NR_WRITES, frame);
}

/*
 * A fork of NR_WRITES user PTEs: the parent's entries write-protected
 * (TestAndClearPxELongBit RW, as Linux's ptep_set_wrprotect), the child's
 * written read-only (copy-on-write), one flush.
 */
TEST_CASE(perf, fork_1000_ptes)
{
	static uint64_t *parent[NR_WRITES], *child[NR_WRITES];
	struct aspace kid;
	struct sample a, b;
	uint32_t frame, i, bad = 0;

	if (!mm_ready(t))
		return;
	frame = page_alloc();
	if (!check(t, frame != 0, "no page"))
		return;
	if (!check(t, as_create(&kid) == 0, "no second address space")) {
		page_free(frame);
		return;
	}
	for (i = 0; i < NR_WRITES; i++) {
		uint32_t va = FORK_BASE + i * PAGE_SIZE;

		parent[i] = as_pte(&mm_root, va, 1);
		child[i] = as_pte(&kid, va, 1);
		if (!check(t, parent[i] && child[i], "no L1 for %08x", va))
			goto out;
		vmi_set_pxe_long(parent[i], pfn_pa(frame) | PTE_P | PTE_RW |
				 PTE_US | PTE_A | PTE_D);
	}
	vmi_flush_deferred();
	take(&a);
	for (i = 0; i < NR_WRITES; i++) {
		uint64_t v;

		vmi_test_and_clear_pxe_long_bit(parent[i], 1);
		v = vmi_get_pxe_long(parent[i]);
		vmi_set_pxe_long(child[i], v);
	}
	vmi_flush_deferred();
	take(&b);
	report("fork", &a, &b, NR_WRITES, "PTE");
	for (i = 0; i < NR_WRITES; i++)
		if (vmi_get_pxe_long(child[i]) != vmi_get_pxe_long(parent[i]) ||
		    (vmi_get_pxe_long(child[i]) & PTE_RW))
			bad++;
	check(t, bad == 0, "%u of %u child entries differ or are writable",
	      bad, NR_WRITES);
	for (i = 0; i < NR_WRITES; i++) {
		vmi_set_pxe_long(parent[i], 0);
		vmi_set_pxe_long(child[i], 0);
	}
out:
	as_free_l1(&mm_root, FORK_BASE);
	as_free_l1(&mm_root, FORK_BASE + MM_L1_SPAN);
	as_destroy(&kid);
	page_free(frame);
}

/*
 * A write to the shared kernel L2 with 1, 4 and 16 address spaces: on Xen
 * each address space's private slot-3 copy takes the write too.
 */
static void kernel_l2_writes(struct test *t, uint32_t spaces)
{
	static struct aspace extra[15];
	uint64_t *l2e = as_l2e(&mm_root, MM_KWIN_BASE + MM_KWIN_SIZE -
			       MM_L1_SPAN);
	struct sample a, b;
	uint32_t l1, i, made = 0;
	uint64_t v;
	char what[32];

	l1 = pt_alloc(MM_L1);
	if (!check(t, l1 != 0, "no L1"))
		return;
	for (; made < spaces - 1; made++)
		if (!check(t, as_create(&extra[made]) == 0,
			   "address space %u of %u", made + 2, spaces))
			goto out;
	take(&a);
	for (i = 0; i < L2_WRITES; i++) {
		vmi_set_pxe_long(l2e, (i & 1) ? 0 : pfn_pa(l1) | PTE_P |
				 PTE_RW | PTE_A);
		vmi_flush_deferred();
	}
	take(&b);
	snprintf(what, sizeof(what), "kernel L2 write, %u spaces", spaces);
	report(what, &a, &b, L2_WRITES, "write");
	check(t, vmi_get_pxe_long(l2e) == 0, "the kernel L2 entry reads %llx",
	      vmi_get_pxe_long(l2e));
	/* The writes did something: one more link reads back. */
	v = pfn_pa(l1) | PTE_P | PTE_RW | PTE_A;
	vmi_set_pxe_long(l2e, v);
	check(t, (vmi_get_pxe_long(l2e) & ~(uint64_t)(PTE_A | PTE_D)) ==
	      (v & ~(uint64_t)(PTE_A | PTE_D)),
	      "the kernel L2 entry reads %llx after linking %llx",
	      vmi_get_pxe_long(l2e), v);
	vmi_set_pxe_long(l2e, 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);	/* unlinked, flushed, then released */
out:
	while (made)
		as_destroy(&extra[--made]);
	pt_release(l1);
}

TEST_CASE(perf, kernel_l2_write)
{
	if (!mm_ready(t))
		return;
	kernel_l2_writes(t, 1);
	kernel_l2_writes(t, 4);
	kernel_l2_writes(t, 16);
}

/*
 * The shim's per-call counters (rom-layout/rom_private.h, VMIX_MSR_CALLS):
 * a call made N times is counted N times, hypercalls and batches are
 * charged to the call that made them, and every hypercall to exactly one
 * call.  With another ROM there are no counters: the calls' effects are
 * checked and nothing else.
 */
#define CALL_READS	100
#define CALL_PTES	40	/* more than one batch */
#define SHIM_BATCH	32

struct call_sample {
	uint32_t calls[VMI_NR_SLOTS], hypercalls[VMI_NR_SLOTS];
	uint32_t entries[VMI_NR_SLOTS];
	struct sample all;
};

static void take_calls(struct call_sample *s)
{
	uint32_t n;

	/* RDMSR is counted but makes no hypercall: reading disturbs nothing else. */
	for (n = 0; n < VMI_NR_SLOTS; n++) {
		s->calls[n] = (uint32_t)vmi_rdmsr(VMIX_MSR_CALLS + n);
		s->hypercalls[n] =
			(uint32_t)vmi_rdmsr(VMIX_MSR_CALL_HYPERCALLS + n);
		s->entries[n] = (uint32_t)vmi_rdmsr(VMIX_MSR_CALL_ENTRIES + n);
	}
	take(&s->all);
}

TEST_CASE(perf, call_counters)
{
	static uint64_t *ptes[CALL_PTES];
	static struct call_sample a, b;
	uint32_t frame, i, n, cr3, bad = 0, sum_h = 0, sum_e = 0;
	int counted = vmi_xen_rom();

	if (!perf_ptes(t, ptes, CALL_PTES, &frame))
		return;
	if (counted)
		take_calls(&a);
	cr3 = vmi_get_cr3();
	for (i = 1; i < CALL_READS; i++)
		if (vmi_get_cr3() != cr3)
			bad++;
	for (i = 0; i < CALL_PTES; i++)
		vmi_set_pxe_long(ptes[i], pfn_pa(frame) | PTE_P | PTE_RW |
				 PTE_A | PTE_D);
	vmi_flush_deferred();
	if (counted)
		take_calls(&b);
	check(t, bad == 0, "GetCR3 changed %u times of %u", bad, CALL_READS);
	for (i = 0, bad = 0; i < CALL_PTES; i++)
		if (pte_pfn(vmi_get_pxe_long(ptes[i])) != frame)
			bad++;
	check(t, bad == 0, "%u of %u entries do not read back", bad, CALL_PTES);
	if (!counted)
		goto clear;

#define D(f, n)	(b.f[(n)] - a.f[(n)])
	check(t, D(calls, VMI_CALL_GetCR3) == CALL_READS,
	      "GetCR3 made %u times, counted %u", CALL_READS,
	      D(calls, VMI_CALL_GetCR3));
	check(t, D(calls, VMI_CALL_SetPxELong) == CALL_PTES,
	      "SetPxELong made %u times, counted %u", CALL_PTES,
	      D(calls, VMI_CALL_SetPxELong));
	check(t, D(calls, VMI_CALL_FlushDeferredCalls) == 1,
	      "FlushDeferredCalls made once, counted %u",
	      D(calls, VMI_CALL_FlushDeferredCalls));
	check(t, D(hypercalls, VMI_CALL_GetCR3) == 0,
	      "GetCR3 charged %u hypercalls", D(hypercalls, VMI_CALL_GetCR3));
	/*
	 * Deferred: one mmu_update of up to 32 writes per SHIM_BATCH (the
	 * shim's batch, docs/decisions.md), issued when the queue fills (by
	 * SetPxELong) and at the flush; defer=off: one hypercall a write.
	 */
	n = D(hypercalls, VMI_CALL_SetPxELong) +
	    D(hypercalls, VMI_CALL_FlushDeferredCalls);
	check(t, n == (CALL_PTES + SHIM_BATCH - 1) / SHIM_BATCH ||
	      n == CALL_PTES,
	      "%u PTE writes were charged %u hypercalls (SetPxELong %u, FlushDeferredCalls %u)",
	      CALL_PTES, n, D(hypercalls, VMI_CALL_SetPxELong),
	      D(hypercalls, VMI_CALL_FlushDeferredCalls));
	check(t, D(hypercalls, VMI_CALL_FlushDeferredCalls) <= 1,
	      "FlushDeferredCalls charged %u hypercalls for one flush",
	      D(hypercalls, VMI_CALL_FlushDeferredCalls));
	for (i = 0; i < VMI_NR_SLOTS; i++) {
		sum_h += D(hypercalls, i);
		sum_e += D(entries, i);
	}
#undef D
	check(t, sum_h == (uint32_t)(b.all.hypercalls - a.all.hypercalls),
	      "calls were charged %u hypercalls, %u were made", sum_h,
	      (uint32_t)(b.all.hypercalls - a.all.hypercalls));
	check(t, sum_e == (uint32_t)(b.all.mc_entries - a.all.mc_entries),
	      "calls were charged %u multicall entries, %u were issued",
	      sum_e, (uint32_t)(b.all.mc_entries - a.all.mc_entries));
clear:
	for (i = 0; i < CALL_PTES; i++)
		vmi_set_pxe_long(ptes[i], 0);
	vmi_flush_tlb(VMI_FLUSH_TLB);
	perf_ptes_free(CALL_PTES, frame);
}
