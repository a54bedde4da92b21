// SPDX-License-Identifier: GPL-2.0
/*
 * be_pv.c - the direct-PV backend: the benchmark kernel as a 32-bit PAE
 * Xen PV kernel booted directly as dom0 (no boot image, no ROM), making
 * the hypercalls itself the way a XenoLinux kernel does:
 *
 *   - its own P2M (start_info's mfn_list) and Xen's M2P for entries:
 *     pseudo-physical in the kernel's view, machine in memory;
 *   - page-table writes queued as mmu_update requests, 32 a batch, in
 *     one multicall with the mmuext ops and update_va_mapping calls that
 *     follow them (a lone request is made directly); issued at a flush,
 *     an INVLPG or TLB flush, a CR3 load, when full, and before any
 *     direct hypercall;
 *   - a page-table page made read-only in the phys map when registered
 *     (update_va_mapping), and writable again when released; a PDPT with
 *     its own copy of the kernel L2 (Xen's compat rule), pinned as L3;
 *   - a trap table (set_trap_table), stack_switch for the kernel stack,
 *     CR2 from vcpu_info, the event callback, VIRQ_TIMER with a
 *     single-shot timer, the interrupt flag as evtchn_upcall_mask
 *     (be_pv.h, pv_entry.S).
 *
 * Its root address space is the one Xen built, its phys map extended
 * over the pool with L1s of its own (.bss).  Every hypercall, multicall
 * entry and queued page-table write is counted for the figures.
 *
 * Never: write a page-table entry in memory once the page is a table.
 */
#include <stdint.h>
#include <xen/xen.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include "tests/bench/be.h"

#define MC_MAX		48
#define MMU_BATCH	32
#define EXT_MAX		16
#define EXT_L1S		128		/* phys map beyond Xen's: 256 MiB */
#define POOL_PAGES_MAX	(256u << 8)
#define M2P		((const uint32_t *)MACH2PHYS_VIRT_START)
#define PT_L3		3

extern char hypercall_page[];
extern char _kernel_end[];
extern void entry_upcall(void);

volatile uint8_t pv_shared_info[4096] __attribute__((aligned(4096)));
static start_info_t *si;
static const uint32_t *p2m;
static uint8_t pt_level[PHYS_MAP_PAGES];	/* 0: not a table */
static uint64_t ext_l1[EXT_L1S][L1_ENTRIES] __attribute__((aligned(4096)));
static struct trap_info traps[257];
static unsigned int n_traps;
static evtchn_port_t timer_port;

static struct multicall_entry mc[MC_MAX];
static struct mmu_update mmu[MMU_BATCH];
static struct mmuext_op ext[EXT_MAX];
static unsigned int n_mc, n_mmu, n_ext;
static struct be_counts counts;
static char line[256];
static unsigned int line_len;

#define VCPU	((struct vcpu_info *)pv_shared_info)
#define SHARED	((struct shared_info *)pv_shared_info)

/* ---- hypercalls --------------------------------------------------------- */

static long hcall(unsigned int nr, uint32_t a1, uint32_t a2, uint32_t a3,
		  uint32_t a4, uint32_t a5)
{
	long ret;

	counts.hypercalls++;
	asm volatile("call *%[fn]"
		     : "=a" (ret), "+b" (a1), "+c" (a2), "+d" (a3),
		       "+S" (a4), "+D" (a5)
		     : [fn] "r" (hypercall_page + nr * 32)
		     : "memory");
	return ret;
}

static void mc_flush(void);

/* A direct hypercall: whatever is queued goes first. */
static long hyper(unsigned int nr, uint32_t a1, uint32_t a2, uint32_t a3,
		  uint32_t a4, uint32_t a5)
{
	if (n_mc)
		mc_flush();
	return hcall(nr, a1, a2, a3, a4, a5);
}

void pv_force_upcall(void)
{
	hyper(__HYPERVISOR_xen_version, 0, 0, 0, 0, 0);
}

/* ---- the queue ---------------------------------------------------------- */

static void mc_flush(void)
{
	struct multicall_entry *m = mc;
	unsigned int i, n = n_mc;
	long rc;

	if (!n)
		return;
	n_mc = n_mmu = n_ext = 0;
	if (n == 1) {
		rc = hcall(m->op, m->args[0], m->args[1], m->args[2],
			   m->args[3], m->args[4]);
		if (rc)
			panic("bench: pv: hypercall %u failed: %ld",
			      (unsigned int)m->op, rc);
		return;
	}
	counts.mc_entries += n;
	rc = hcall(__HYPERVISOR_multicall, (uint32_t)(uintptr_t)mc, n, 0, 0, 0);
	if (rc)
		panic("bench: pv: multicall of %u failed: %ld", n, rc);
	for (i = 0; i < n; i++)
		if (mc[i].result)
			panic("bench: pv: multicall entry %u (hypercall %u) failed: %ld",
			      i, (unsigned int)mc[i].op, (long)mc[i].result);
}

static struct multicall_entry *mc_add(unsigned int op)
{
	struct multicall_entry *m;

	if (n_mc == MC_MAX)
		mc_flush();
	m = &mc[n_mc++];
	m->op = op;
	m->result = 0;
	return m;
}

static void queue_mmu(uint64_t ptr, uint64_t val)
{
	struct multicall_entry *m;

	if (n_mmu == MMU_BATCH)
		mc_flush();
	mmu[n_mmu].ptr = ptr;
	mmu[n_mmu].val = val;
	counts.pte_writes++;
	m = n_mc ? &mc[n_mc - 1] : 0;
	if (m && m->op == __HYPERVISOR_mmu_update &&
	    m->args[0] + m->args[1] * sizeof(mmu[0]) ==
	    (uint32_t)(uintptr_t)&mmu[n_mmu]) {
		m->args[1]++;
	} else {
		m = mc_add(__HYPERVISOR_mmu_update);
		m->args[0] = (uint32_t)(uintptr_t)&mmu[n_mmu];
		m->args[1] = 1;
		m->args[2] = 0;
		m->args[3] = DOMID_SELF;
	}
	n_mmu++;
}

static void queue_ext(unsigned int cmd, uint32_t arg1)
{
	struct multicall_entry *m;

	if (n_ext == EXT_MAX)
		mc_flush();
	ext[n_ext].cmd = cmd;
	ext[n_ext].arg1.mfn = arg1;
	m = mc_add(__HYPERVISOR_mmuext_op);
	m->args[0] = (uint32_t)(uintptr_t)&ext[n_ext];
	m->args[1] = 1;
	m->args[2] = 0;
	m->args[3] = DOMID_SELF;
	n_ext++;
}

static void queue_va(uint32_t va, uint64_t val, uint32_t flags)
{
	struct multicall_entry *m = mc_add(__HYPERVISOR_update_va_mapping);

	m->args[0] = va;
	m->args[1] = (uint32_t)val;
	m->args[2] = (uint32_t)(val >> 32);
	m->args[3] = flags;
}

/* ---- frames ------------------------------------------------------------- */

static inline uint32_t mfn_of(uint32_t pfn)
{
	return p2m[pfn];
}

static inline uint64_t maddr_of(const void *va)
{
	uint32_t v = (uint32_t)(uintptr_t)va;

	return ((uint64_t)mfn_of(va_pfn(va)) << PAGE_SHIFT) |
	       (v & (PAGE_SIZE - 1));
}

/*
 * pseudo-physical entry -> machine entry; an L1 entry never maps a table
 * writable (level: the level of the table the entry is in).
 */
static inline uint64_t to_machine(uint64_t v, int level)
{
	uint32_t pfn;

	if (!(v & PTE_P))
		return v;
	pfn = (uint32_t)((v & PTE_FRAME) >> PAGE_SHIFT);
	if (level == 1 && pfn < PHYS_MAP_PAGES && pt_level[pfn])
		v &= ~PTE_RW;
	return (v & ~PTE_FRAME) | ((uint64_t)mfn_of(pfn) << PAGE_SHIFT);
}

static inline uint64_t to_pseudo(uint64_t v)
{
	uint32_t mfn;

	if (!(v & PTE_P))
		return v;
	mfn = (uint32_t)((v & PTE_FRAME) >> PAGE_SHIFT);
	return (v & ~PTE_FRAME) | ((uint64_t)M2P[mfn] << PAGE_SHIFT);
}

/* ---- console and end ---------------------------------------------------- */

static void line_flush(void)
{
	if (line_len)
		hyper(__HYPERVISOR_console_io, CONSOLEIO_write, line_len,
		      (uint32_t)(uintptr_t)line, 0, 0);
	line_len = 0;
}

void be_putc(char c)
{
	line[line_len++] = c;
	if (c == '\n' || line_len == sizeof(line))
		line_flush();
}

void be_end(int failed)
{
	struct sched_shutdown s = { failed ? SHUTDOWN_crash : SHUTDOWN_poweroff };

	line_flush();
	for (;;)
		hyper(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
		      (uint32_t)(uintptr_t)&s, 0, 0, 0);
}

int be_counts(struct be_counts *c)
{
	*c = counts;
	return 1;
}

/* ---- start of day ------------------------------------------------------- */

static void map_shared_info(void)
{
	long rc = hcall(__HYPERVISOR_update_va_mapping,
			(uint32_t)(uintptr_t)pv_shared_info,
			(uint32_t)si->shared_info | PTE_P | PTE_RW, 0,
			UVMF_INVLPG, 0);

	if (rc)
		panic("bench: pv: shared_info not mapped: %ld", rc);
}

/*
 * Xen mapped [0xC0000000, v_end); map the pool beyond it with .bss L1s
 * linked into Xen's slot-3 L2.  Returns the pool's first pfn.
 */
static uint32_t extend_phys_map(uint32_t *pool_end)
{
	const uint64_t *l3 = (const uint64_t *)si->pt_base;
	uint64_t l2_ma = l3[3] & PTE_FRAME;
	const uint64_t *l2 = pfn_va(M2P[l2_ma >> PAGE_SHIFT]);
	const uint64_t *l1;
	uint32_t first, end, i, j, pfn, n;

	for (i = 0; i < L2_ENTRIES && (l2[i] & PTE_P); i++)
		;
	/* The last L1 Xen linked may be partly filled: skip to its end. */
	l1 = pfn_va(M2P[(l2[i - 1] & PTE_FRAME) >> PAGE_SHIFT]);
	for (j = 0; j < L1_ENTRIES && (l1[j] & PTE_P); j++)
		;
	first = i * L1_ENTRIES;
	end = si->nr_pages;
	if (end > first + EXT_L1S * L1_ENTRIES)
		end = first + EXT_L1S * L1_ENTRIES;
	if (end - first > POOL_PAGES_MAX)
		end = first + POOL_PAGES_MAX;
	end &= ~(L1_ENTRIES - 1);
	n = (end - first) / L1_ENTRIES;
	for (i = 0; i < n; i++) {
		for (j = 0; j < L1_ENTRIES; j++) {
			pfn = first + i * L1_ENTRIES + j;
			ext_l1[i][j] = ((uint64_t)mfn_of(pfn) << PAGE_SHIFT) |
				       PTE_KERNEL_RW;
		}
		pt_level[va_pfn(ext_l1[i])] = 1;
		queue_va((uint32_t)(uintptr_t)ext_l1[i],
			 maddr_of(ext_l1[i]) | PTE_P, UVMF_INVLPG | UVMF_LOCAL);
		queue_mmu(l2_ma + (first / L1_ENTRIES + i) * 8,
			  maddr_of(ext_l1[i]) | PTE_KERNEL_RW);
	}
	mc_flush();
	*pool_end = end;
	return first;
}

void be_early(uint32_t magic, uint32_t info)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_event,
		.flags = CALLBACKF_mask_events,
		.address = { FLAT_KERNEL_CS, (uint32_t)(uintptr_t)entry_upcall },
	};
	uint32_t first, end;

	(void)magic;
	si = (start_info_t *)(uintptr_t)info;
	p2m = (const uint32_t *)si->mfn_list;
	map_shared_info();
	VCPU->evtchn_upcall_mask = 1;
	be_env.name = "direct PV";
	be_env.cmdline = (const char *)si->cmd_line;
	be_env.mem_pages = si->nr_pages;
	be_env.kernel_cs = FLAT_KERNEL_CS;
	be_env.kernel_ss = FLAT_KERNEL_SS;
	be_env.user_cs = FLAT_USER_CS;
	be_env.user_ds = FLAT_USER_DS;
	asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%fs; mov %0, %%gs"
		     : : "r" (FLAT_USER_DS) : "memory");
	if (hyper(__HYPERVISOR_callback_op, CALLBACKOP_register,
		  (uint32_t)(uintptr_t)&cb, 0, 0, 0))
		panic("bench: pv: event callback refused");
	hyper(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer, 0, 0, 0, 0);
	first = extend_phys_map(&end);
	pool_add(first, end);
	/* The root: Xen's own tables; its slot-3 L2 is the kernel's. */
	procs[0].pdpt = va_pfn((void *)si->pt_base);
	procs[0].back[0] =
		M2P[(((const uint64_t *)si->pt_base)[3] & PTE_FRAME) >>
		    PAGE_SHIFT];
	procs[0].live = 1;
	current = &procs[0];
}

/* ---- page tables -------------------------------------------------------- */

uint64_t be_pte_read(uint64_t *ptep)
{
	return to_pseudo(*(volatile uint64_t *)ptep);
}

void be_pte_write(uint64_t *ptep, uint64_t val)
{
	queue_mmu(maddr_of(ptep) | MMU_NORMAL_PT_UPDATE,
		  to_machine(val, pt_level[va_pfn(ptep)]));
}

void be_pte_wrprotect(uint64_t *ptep)
{
	queue_mmu(maddr_of(ptep) | MMU_PT_UPDATE_PRESERVE_AD,
		  *(volatile uint64_t *)ptep & ~PTE_RW);
}

void be_mmu_commit(void)
{
	mc_flush();
}

void be_invlpg(uint32_t va)
{
	queue_ext(MMUEXT_INVLPG_LOCAL, va);
	mc_flush();
}

void be_flush_tlb(void)
{
	queue_ext(MMUEXT_TLB_FLUSH_LOCAL, 0);
	mc_flush();
}

void be_set_cr3(struct proc *p)
{
	queue_ext(MMUEXT_NEW_BASEPTR, mfn_of(p->pdpt));
	mc_flush();
}

static void make_ro(uint32_t pfn)
{
	queue_va((uint32_t)(uintptr_t)pfn_va(pfn),
		 ((uint64_t)mfn_of(pfn) << PAGE_SHIFT) | PTE_P,
		 UVMF_INVLPG | UVMF_LOCAL);
}

static void make_rw(uint32_t pfn)
{
	queue_va((uint32_t)(uintptr_t)pfn_va(pfn),
		 ((uint64_t)mfn_of(pfn) << PAGE_SHIFT) | PTE_KERNEL_RW,
		 UVMF_INVLPG | UVMF_LOCAL);
}

/* An L1 or a user L2: read-only now; Xen validates it when linked. */
void be_pt_register(uint32_t pfn, int level)
{
	pt_level[pfn] = (uint8_t)level;
	make_ro(pfn);
}

void be_pt_release(uint32_t pfn, int level)
{
	(void)level;
	pt_level[pfn] = 0;
	make_rw(pfn);
}

/*
 * XenoLinux's PAE pgd_alloc: a private copy of the kernel L2 for slot 3,
 * the user L2 in slot 1, written while both are ordinary memory, then
 * read-only and the PDPT pinned.
 */
void be_pdpt_create(struct proc *p)
{
	uint64_t *e = pfn_va(p->pdpt);
	uint32_t k = page_alloc();

	memcpy(pfn_va(k), pfn_va(procs[0].back[0]), PAGE_SIZE);
	p->back[0] = k;
	e[1] = ((uint64_t)mfn_of(p->l2) << PAGE_SHIFT) | PTE_P;
	e[3] = ((uint64_t)mfn_of(k) << PAGE_SHIFT) | PTE_P;
	pt_level[k] = 2;
	pt_level[p->pdpt] = PT_L3;
	make_ro(k);
	make_ro(p->pdpt);
	queue_ext(MMUEXT_PIN_L3_TABLE, mfn_of(p->pdpt));
}

void be_pdpt_destroy(struct proc *p)
{
	queue_ext(MMUEXT_UNPIN_TABLE, mfn_of(p->pdpt));
	pt_level[p->pdpt] = 0;
	pt_level[p->back[0]] = 0;
	make_rw(p->pdpt);
	make_rw(p->back[0]);
	page_free(p->back[0]);
}

/* ---- processor ---------------------------------------------------------- */

void be_set_gate(int vec, void (*fn)(void), int dpl, int intr)
{
	struct trap_info *t = &traps[n_traps++];

	t->vector = (uint8_t)vec;
	t->flags = (uint8_t)(dpl | (intr ? 4 : 0));
	t->cs = FLAT_KERNEL_CS;
	t->address = (unsigned long)(uintptr_t)fn;
}

void be_load_gates(void)
{
	traps[n_traps].address = 0;
	if (hyper(__HYPERVISOR_set_trap_table, (uint32_t)(uintptr_t)traps,
		  0, 0, 0, 0))
		panic("bench: pv: trap table refused");
}

void be_set_kstack(uint32_t esp0)
{
	hyper(__HYPERVISOR_stack_switch, FLAT_KERNEL_SS, esp0, 0, 0, 0);
}

uint32_t be_fault_addr(void)
{
	return VCPU->arch.cr2;
}

/* ---- time: VIRQ_TIMER and the single-shot timer ------------------------- */

int be_timer_init(void)
{
	struct evtchn_bind_virq b = { .virq = VIRQ_TIMER, .vcpu = 0 };

	if (hyper(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
		  (uint32_t)(uintptr_t)&b, 0, 0, 0))
		return -1;
	timer_port = b.port;
	SHARED->evtchn_mask[timer_port / 32] &= ~(1u << (timer_port % 32));
	return 0;
}

/* Xen's system time now: vcpu_time_info, as its version says it is. */
static uint64_t system_time(void)
{
	volatile struct vcpu_time_info *t = &VCPU->time;
	uint32_t ver, mul, lo, hi;
	uint64_t delta, ns, base;
	int8_t shift;

	do {
		ver = t->version;
		asm volatile("" ::: "memory");
		base = t->system_time;
		delta = rdtsc() - t->tsc_timestamp;
		mul = t->tsc_to_system_mul;
		shift = t->tsc_shift;
		asm volatile("" ::: "memory");
	} while ((ver & 1) || ver != t->version);
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	lo = (uint32_t)delta;
	hi = (uint32_t)(delta >> 32);
	ns = (((uint64_t)lo * mul) >> 32) + (uint64_t)hi * mul;
	return base + ns;
}

void be_timer_arm(uint32_t ns)
{
	struct vcpu_set_singleshot_timer s = {
		.timeout_abs_ns = system_time() + ns,
		.flags = 0,
	};

	if (hyper(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0,
		  (uint32_t)(uintptr_t)&s, 0, 0))
		panic("bench: pv: single-shot timer refused");
}

void be_timer_eoi(void)
{
}

/* The event callback: every pending port; the timer's is a tick. */
void be_upcall(struct frame *f)
{
	uint32_t sel, bits, w, b;

	(void)f;
	VCPU->evtchn_upcall_pending = 0;
	sel = __atomic_exchange_n(&VCPU->evtchn_pending_sel, 0,
				  __ATOMIC_SEQ_CST);
	while (sel) {
		w = (uint32_t)__builtin_ctz(sel);
		sel &= sel - 1;
		bits = SHARED->evtchn_pending[w] & ~SHARED->evtchn_mask[w];
		while (bits) {
			b = (uint32_t)__builtin_ctz(bits);
			bits &= bits - 1;
			__atomic_and_fetch(&SHARED->evtchn_pending[w],
					   ~(1u << b), __ATOMIC_SEQ_CST);
			if (w * 32 + b == timer_port)
				timer_ticks++;
		}
	}
}
