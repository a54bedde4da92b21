// SPDX-License-Identifier: GPL-2.0
/*
 * ops.c - the operations, each written once against be.h and run N times
 * (N from the table below, divided for a smoke run), and the figures:
 * one line per operation,
 *
 *   bench: op NAME n=N tsc=T hc=H mce=E ptew=W traps=R
 *
 * T the TSC cycles spent in the N operations (instructions under QEMU's
 * -icount shift=0), H the hypercalls, E the multicall entries and W the
 * page-table writes the backend counted (0 where it counts none: raw,
 * native ROM), R the kernel's trap entries.  Counters are read outside
 * the cycles counted.  tests/bench/run.py turns the lines into
 * docs/performance.md.
 *
 * Never: print inside a counted stretch.
 */
#include "tests/bench/be.h"

#define FORK_FRAME_FLAGS	(PTE_USER_RW | PTE_A | PTE_D)

struct sample {
	uint64_t tsc;
	struct be_counts c;
	uint32_t traps;
};

struct acc {
	uint64_t tsc, hc, mce, ptew;
	uint32_t traps;
};

static uint32_t divisor = 1;

static void take_start(struct sample *s)
{
	if (!be_counts(&s->c))
		memset(&s->c, 0, sizeof(s->c));
	s->traps = trap_count;
	s->tsc = rdtsc();
}

static void take_end(struct sample *s)
{
	s->tsc = rdtsc();
	s->traps = trap_count;
	if (!be_counts(&s->c))
		memset(&s->c, 0, sizeof(s->c));
}

static void acc_add(struct acc *a, const struct sample *s,
		    const struct sample *e)
{
	a->tsc += e->tsc - s->tsc;
	a->hc += e->c.hypercalls - s->c.hypercalls;
	a->mce += e->c.mc_entries - s->c.mc_entries;
	a->ptew += e->c.pte_writes - s->c.pte_writes;
	a->traps += e->traps - s->traps;
}

static void report(const char *name, uint32_t n, const struct acc *a)
{
	kprintf("bench: op %s n=%u tsc=%llx hc=%llx mce=%llx ptew=%llx traps=%u\n",
		name, n, a->tsc, a->hc, a->mce, a->ptew, a->traps);
}

static uint32_t scaled(uint32_t n)
{
	n /= divisor;
	return n ? n : 1;
}

/* A process with the user basics, current. */
static struct proc *proc_fresh(int i)
{
	struct proc *p = &procs[i];

	as_create(p);
	as_map_user_basics(p);
	return p;
}

static void proc_done(struct proc *p)
{
	as_switch(&procs[0]);
	as_destroy(p);
}

/* Unmap [va, va + pages) of p (pages mapped there go back to the pool). */
static void unmap_range(struct proc *p, uint32_t va, uint32_t pages,
			int free_frames)
{
	uint64_t *ptep, v;
	uint32_t i;

	for (i = 0; i < pages; i++) {
		ptep = as_pte(p, va + (i << PAGE_SHIFT), 0);
		if (!ptep)
			continue;
		v = be_pte_read(ptep);
		if (!(v & PTE_P))
			continue;
		be_pte_write(ptep, 0);
		if (free_frames)
			page_free((uint32_t)((v & PTE_FRAME) >> PAGE_SHIFT));
	}
	be_flush_tlb();
}

/* The L1s covering [va, va + pages) unlinked and released. */
static void free_l1s(struct proc *p, uint32_t va, uint32_t pages)
{
	uint32_t first = (va >> 21) & 511, last, i;

	last = ((va + (pages << PAGE_SHIFT) - 1) >> 21) & 511;
	for (i = first; i <= last; i++)
		if (p->l1[i])
			be_pte_write(pt_entry(p->l2, i), 0);
	be_flush_tlb();
	for (i = first; i <= last; i++)
		if (p->l1[i]) {
			pt_free(p->l1[i], 1);
			p->l1[i] = 0;
		}
	be_mmu_commit();
}

static int wanted(const char *only, const char *name);

/* ---- the operations ---------------------------------------------------- */

static void op_null_call(const char *name, uint32_t n)
{
	struct proc *p = proc_fresh(1);
	struct sample s, e;
	struct acc a = { 0 };

	take_start(&s);
	user_run(p, u_null_loop, 0, 0, n, 0);
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
	proc_done(p);
}

static void op_page_fault(const char *name, uint32_t n)
{
	struct proc *p = proc_fresh(1);
	struct sample s, e;
	struct acc a = { 0 };

	fault_areas[0] = (struct fault_area){ AREA_FAULT,
		AREA_FAULT + (n << PAGE_SHIFT), FAULT_DEMAND };
	take_start(&s);
	user_run(p, u_touch_read, 0, AREA_FAULT, n, PAGE_SIZE);
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
	fault_areas[0].kind = FAULT_NONE;
	unmap_range(p, AREA_FAULT, n, 1);
	free_l1s(p, AREA_FAULT, n);
	proc_done(p);
}

static void op_prot_fault(const char *name, uint32_t n)
{
	struct proc *p = proc_fresh(1);
	uint32_t frame = page_alloc_zeroed(), i;
	struct sample s, e;
	struct acc a = { 0 };

	for (i = 0; i < n; i++)
		as_map(p, AREA_FAULT + (i << PAGE_SHIFT),
		       ((uint64_t)frame << PAGE_SHIFT) | PTE_USER_RO);
	be_flush_tlb();
	fault_areas[0] = (struct fault_area){ AREA_FAULT,
		AREA_FAULT + (n << PAGE_SHIFT), FAULT_PROT };
	take_start(&s);
	user_run(p, u_touch_write, 0, AREA_FAULT, n, PAGE_SIZE);
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
	fault_areas[0].kind = FAULT_NONE;
	unmap_range(p, AREA_FAULT, n, 0);
	free_l1s(p, AREA_FAULT, n);
	page_free(frame);
	proc_done(p);
}

static void op_signal(const char *name, uint32_t n, int segv)
{
	struct proc *p = proc_fresh(1);
	struct sample s, e;
	struct acc a = { 0 };

	take_start(&s);
	if (segv)
		user_run(p, u_segv_loop, 0, AREA_HOLE, n, 0);
	else
		user_run(p, u_div_loop, 0, 0, n, 0);
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
	proc_done(p);
}

/* n switches among procs[1..np], each in its own address space. */
static void op_ctx(const char *name, uint32_t n, int np)
{
	struct sample s, e;
	struct acc a = { 0 };
	int i;

	for (i = 1; i <= np; i++) {
		proc_fresh(i);
		proc_prepare(&procs[i], u_yield_loop, 0, 0, 0, 0);
	}
	as_switch(&procs[0]);
	ring_procs = np;
	yields_left = n;
	take_start(&s);
	/* procs[1] starts the ring; its prepared stack is replaced. */
	user_run(&procs[1], u_yield_loop, 0, 0, 0, 0);
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
	as_switch(&procs[0]);
	for (i = 1; i <= np; i++)
		as_destroy(&procs[i]);
}

/* Both sides read-only, the same frame: the copy did what it says. */
static void fork_check(struct proc *par, struct proc *kid, uint32_t ptes,
		       uint32_t frame)
{
	uint64_t want = ((uint64_t)frame << PAGE_SHIFT) |
			(FORK_FRAME_FLAGS & ~PTE_RW), mask = ~(PTE_A | PTE_D);
	uint64_t pv, kv;
	uint32_t i, va;

	for (i = 0; i < ptes; i++) {
		va = AREA_FORK + (i << PAGE_SHIFT);
		pv = be_pte_read(as_pte(par, va, 0));
		kv = be_pte_read(as_pte(kid, va, 0));
		if ((pv & mask) != (want & mask) || (kv & mask) != (want & mask))
			panic("bench: fork: entry %u reads %llx (parent) and %llx (child), %llx wanted",
			      i, pv, kv, want);
	}
}

/*
 * Fork-like: a child address space, the parent's ptes entries copied
 * with copy-on-write (parent write-protected, child read-only), the
 * parent's TLB flushed, then the child torn down (exit).  The parent's
 * entries are made writable again between runs, outside the count.
 */
static void op_fork(const char *name, uint32_t n, uint32_t ptes)
{
	struct proc *par = proc_fresh(1), *kid = &procs[2];
	uint32_t frame = page_alloc_zeroed(), r, i;
	struct sample s, e;
	struct acc a = { 0 };
	uint64_t *ptep, v;

	for (i = 0; i < ptes; i++)
		as_map(par, AREA_FORK + (i << PAGE_SHIFT),
		       ((uint64_t)frame << PAGE_SHIFT) | FORK_FRAME_FLAGS);
	be_mmu_commit();
	for (r = 0; r < n; r++) {
		take_start(&s);
		as_create(kid);
		for (i = 0; i < ptes; i++) {
			uint32_t va = AREA_FORK + (i << PAGE_SHIFT);

			ptep = as_pte(par, va, 0);
			v = be_pte_read(ptep);
			if (!(v & PTE_P))
				continue;
			if (v & PTE_RW) {
				be_pte_wrprotect(ptep);
				v &= ~PTE_RW;
			}
			be_pte_write(as_pte(kid, va, 1), v);
		}
		be_flush_tlb();
		if (r == n - 1) {
			/* The copy checked once, outside the count. */
			take_end(&e);
			acc_add(&a, &s, &e);
			fork_check(par, kid, ptes, frame);
			take_start(&s);
		}
		as_destroy(kid);
		take_end(&e);
		acc_add(&a, &s, &e);
		for (i = 0; i < ptes; i++)
			be_pte_write(as_pte(par, AREA_FORK + (i << PAGE_SHIFT), 0),
				     ((uint64_t)frame << PAGE_SHIFT) |
				     FORK_FRAME_FLAGS);
		be_flush_tlb();
	}
	report(name, n, &a);
	unmap_range(par, AREA_FORK, ptes, 0);
	free_l1s(par, AREA_FORK, ptes);
	page_free(frame);
	proc_done(par);
}

/* Every entry of [va, va + pages) present with exactly flags (A/D aside). */
static void range_check(struct proc *p, uint32_t va, uint32_t pages,
			uint64_t flags, const char *what)
{
	uint64_t mask = ~(PTE_FRAME | PTE_A | PTE_D), v;
	uint32_t i;

	for (i = 0; i < pages; i++) {
		v = be_pte_read(as_pte(p, va + (i << PAGE_SHIFT), 0));
		if ((v & mask) != flags)
			panic("bench: %s: entry for 0x%08x reads %llx, flags %llx wanted",
			      what, va + (i << PAGE_SHIFT), v, flags);
	}
}

/*
 * Exec-like: a fresh region of pages touched (demand-zero faults), then
 * mprotect of all of it to read-only, then munmap: three figures.
 */
static void op_exec(const char *base, uint32_t n, uint32_t pages)
{
	struct proc *p = proc_fresh(1);
	struct acc map = { 0 }, prot = { 0 }, unmap = { 0 };
	struct sample s, e;
	char name[32];
	uint32_t r, i;
	uint64_t *ptep;

	for (r = 0; r < n; r++) {
		fault_areas[0] = (struct fault_area){ AREA_EXEC,
			AREA_EXEC + (pages << PAGE_SHIFT), FAULT_DEMAND_ZERO };
		take_start(&s);
		user_run(p, u_touch_write, 0, AREA_EXEC, pages, PAGE_SIZE);
		take_end(&e);
		acc_add(&map, &s, &e);
		fault_areas[0].kind = FAULT_NONE;

		take_start(&s);
		for (i = 0; i < pages; i++) {
			ptep = as_pte(p, AREA_EXEC + (i << PAGE_SHIFT), 0);
			be_pte_wrprotect(ptep);
		}
		be_flush_tlb();
		take_end(&e);
		acc_add(&prot, &s, &e);
		range_check(p, AREA_EXEC, pages, PTE_P | PTE_US, "mprotect");

		take_start(&s);
		unmap_range(p, AREA_EXEC, pages, 1);
		free_l1s(p, AREA_EXEC, pages);
		take_end(&e);
		acc_add(&unmap, &s, &e);
		for (i = 0; i < pages; i += L1_ENTRIES)
			if (as_pte(p, AREA_EXEC + (i << PAGE_SHIFT), 0))
				panic("bench: munmap left an L1 at 0x%08x",
				      AREA_EXEC + (i << PAGE_SHIFT));
	}
	snprintf(name, sizeof(name), "exec_%s", base);
	report(name, n, &map);
	snprintf(name, sizeof(name), "mprotect_%s", base);
	report(name, n, &prot);
	snprintf(name, sizeof(name), "munmap_%s", base);
	report(name, n, &unmap);
	proc_done(p);
}

static void op_irq_toggle(const char *name, uint32_t n)
{
	struct sample s, e;
	struct acc a = { 0 };
	uint32_t i;

	take_start(&s);
	for (i = 0; i < n; i++) {
		be_irq_enable();
		be_irq_disable();
	}
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
}

/*
 * An alarm armed for now (due at once: the cost of arming and delivery,
 * not of waiting), interrupts enabled until it was handled.
 */
static void op_timer(const char *name, uint32_t n)
{
	struct sample s, e;
	struct acc a = { 0 };
	uint32_t i, want;

	if (be_timer_init()) {
		kprintf("bench: op %s unavailable\n", name);
		return;
	}
	take_start(&s);
	for (i = 0; i < n; i++) {
		want = timer_ticks + 1;
		be_timer_arm(0);
		be_irq_enable();
		while (timer_ticks != want)
			asm volatile("" ::: "memory");
		be_irq_disable();
	}
	take_end(&e);
	acc_add(&a, &s, &e);
	report(name, n, &a);
}

/*
 * The primitives alone, on one L1 of a process's address space: 512
 * entry writes (then one flush), reads, write-protects, clears, 200
 * INVLPGs, 1000 fault-address reads.
 */
static void op_prims(const char *only)
{
	struct proc *p = proc_fresh(1);
	uint64_t frame = ((uint64_t)page_alloc_zeroed() << PAGE_SHIFT) |
			 PTE_USER_RW;
	volatile uint64_t sink = 0;
	struct sample s, e;
	struct acc a;
	uint64_t *pte;
	uint32_t i;

	as_switch(p);
	pte = as_pte(p, AREA_FAULT, 1);
	be_mmu_commit();
	if (wanted(only, "pte_write")) {
		memset(&a, 0, sizeof(a));
		take_start(&s);
		for (i = 0; i < L1_ENTRIES; i++)
			be_pte_write(pte + i, frame);
		be_mmu_commit();
		take_end(&e);
		acc_add(&a, &s, &e);
		report("pte_write", L1_ENTRIES, &a);
	}
	if (wanted(only, "pte_read")) {
		memset(&a, 0, sizeof(a));
		take_start(&s);
		for (i = 0; i < L1_ENTRIES; i++)
			sink += be_pte_read(pte + i);
		take_end(&e);
		acc_add(&a, &s, &e);
		report("pte_read", L1_ENTRIES, &a);
	}
	if (wanted(only, "pte_wrprotect")) {
		memset(&a, 0, sizeof(a));
		take_start(&s);
		for (i = 0; i < L1_ENTRIES; i++)
			be_pte_wrprotect(pte + i);
		be_mmu_commit();
		take_end(&e);
		acc_add(&a, &s, &e);
		report("pte_wrprotect", L1_ENTRIES, &a);
	}
	if (wanted(only, "invlpg")) {
		memset(&a, 0, sizeof(a));
		take_start(&s);
		for (i = 0; i < 200; i++)
			be_invlpg(AREA_FAULT + (i << PAGE_SHIFT));
		take_end(&e);
		acc_add(&a, &s, &e);
		report("invlpg", 200, &a);
	}
	if (wanted(only, "cr2_read")) {
		memset(&a, 0, sizeof(a));
		take_start(&s);
		for (i = 0; i < 1000; i++)
			sink += be_fault_addr();
		take_end(&e);
		acc_add(&a, &s, &e);
		report("cr2_read", 1000, &a);
	}
	memset(&a, 0, sizeof(a));
	take_start(&s);
	for (i = 0; i < L1_ENTRIES; i++)
		be_pte_write(pte + i, 0);
	be_mmu_commit();
	take_end(&e);
	acc_add(&a, &s, &e);
	if (wanted(only, "pte_clear"))
		report("pte_clear", L1_ENTRIES, &a);
	be_flush_tlb();
	free_l1s(p, AREA_FAULT, L1_ENTRIES);
	page_free((uint32_t)(frame >> PAGE_SHIFT));
	proc_done(p);
}

/*
 * A "kernel build"-like iteration: a small fork, an exec-like 256 KiB
 * region touched and unmapped, ten system calls, a signal, two switches.
 */
static void op_mixed(const char *name, uint32_t n)
{
	struct proc *par = proc_fresh(1), *kid = &procs[2];
	struct sample s, e;
	struct acc a = { 0 };
	uint32_t r, i;
	uint64_t *ptep, v;

	for (i = 0; i < 64; i++)
		as_map(par, AREA_FORK + (i << PAGE_SHIFT),
		       ((uint64_t)page_alloc_zeroed() << PAGE_SHIFT) |
		       FORK_FRAME_FLAGS);
	be_mmu_commit();
	for (r = 0; r < n; r++) {
		take_start(&s);
		as_create(kid);
		as_map_user_basics(kid);
		for (i = 0; i < 64; i++) {
			uint32_t va = AREA_FORK + (i << PAGE_SHIFT);

			ptep = as_pte(par, va, 0);
			v = be_pte_read(ptep);
			if (v & PTE_RW) {
				be_pte_wrprotect(ptep);
				v &= ~PTE_RW;
			}
			be_pte_write(as_pte(kid, va, 1), v);
		}
		be_flush_tlb();
		fault_areas[0] = (struct fault_area){ AREA_EXEC,
			AREA_EXEC + 0x40000, FAULT_DEMAND_ZERO };
		user_run(kid, u_touch_write, 0, AREA_EXEC, 64, PAGE_SIZE);
		fault_areas[0].kind = FAULT_NONE;
		user_run(kid, u_null_loop, 0, 0, 10, 0);
		user_run(kid, u_div_loop, 0, 0, 1, 0);
		ring_procs = 2;
		yields_left = 2;
		proc_prepare(kid, u_yield_loop, 0, 0, 0, 0);
		user_run(par, u_yield_loop, 0, 0, 0, 0);
		unmap_range(kid, AREA_EXEC, 64, 1);
		as_switch(par);
		as_destroy(kid);
		for (i = 0; i < 64; i++) {
			ptep = as_pte(par, AREA_FORK + (i << PAGE_SHIFT), 0);
			v = be_pte_read(ptep);
			be_pte_write(ptep, v | PTE_RW);
		}
		be_flush_tlb();
		take_end(&e);
		acc_add(&a, &s, &e);
	}
	report(name, n, &a);
	unmap_range(par, AREA_FORK, 64, 1);
	free_l1s(par, AREA_FORK, 64);
	proc_done(par);
}

/* ---- the table ---------------------------------------------------------- */

/* only: a comma-separated list of name prefixes, ended by a space. */
static int wanted(const char *only, const char *name)
{
	const char *p = only;
	size_t n;

	if (!only || !*only || *only == ' ')
		return 1;
	while (*p && *p != ' ') {
		for (n = 0; p[n] && p[n] != ' ' && p[n] != ','; n++)
			if (p[n] != name[n])
				break;
		if (!p[n] || p[n] == ' ' || p[n] == ',')
			return 1;
		while (*p && *p != ' ' && *p != ',')
			p++;
		if (*p == ',')
			p++;
	}
	return 0;
}

void ops_run(const char *only, uint32_t div)
{
	divisor = div ? div : 1;
	if (wanted(only, "null_call"))
		op_null_call("null_call", scaled(2000));
	if (wanted(only, "page_fault"))
		op_page_fault("page_fault", scaled(1000));
	if (wanted(only, "prot_fault"))
		op_prot_fault("prot_fault", scaled(1000));
	if (wanted(only, "sig_divzero"))
		op_signal("sig_divzero", scaled(500), 0);
	if (wanted(only, "sig_segv"))
		op_signal("sig_segv", scaled(500), 1);
	if (wanted(only, "ctx_2p"))
		op_ctx("ctx_2p", scaled(1000), 2);
	if (wanted(only, "ctx_16p"))
		op_ctx("ctx_16p", scaled(1600), 16);
	if (wanted(only, "fork_1k"))
		op_fork("fork_1k", scaled(20), 1000);
	if (wanted(only, "fork_10k"))
		op_fork("fork_10k", scaled(4), 10000);
	if (wanted(only, "fork_100k"))
		op_fork("fork_100k", 1, 100000);
	if (wanted(only, "exec_1m"))
		op_exec("1m", scaled(8), 256);
	if (wanted(only, "exec_16m"))
		op_exec("16m", 1, 4096);
	if (wanted(only, "irq_toggle"))
		op_irq_toggle("irq_toggle", scaled(10000));
	if (wanted(only, "pte_write") || wanted(only, "pte_read") ||
	    wanted(only, "pte_wrprotect") || wanted(only, "invlpg") ||
	    wanted(only, "cr2_read") || wanted(only, "pte_clear"))
		op_prims(only);
	if (wanted(only, "mixed"))
		op_mixed("mixed", scaled(10));
	if (wanted(only, "timer"))
		op_timer("timer", scaled(200));
}
