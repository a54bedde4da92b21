/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench.h - what the benchmark kernel's common files share: its memory
 * layout, page-table entry bits, processes and the figures it prints.
 *
 * The kernel runs at 0xC0100000 (physical 1 MiB) with every page it uses
 * reached through the phys map at BENCH_PHYS_BASE + pa, on every backend;
 * user memory lives in PDPT slot 1 only.  The operations (ops.c) are
 * written once against be.h; nothing here knows which backend runs.
 *
 * Never: touch a page-table entry except through be.h.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	4096u
#define BENCH_PHYS_BASE	0xC0000000u	/* pa -> BENCH_PHYS_BASE + pa */
#define BENCH_KERNEL_PA	0x00100000u
/* The phys map ends below the shim's range (VMI's virtual top). */
#define PHYS_MAP_PAGES	(0x30000000u >> PAGE_SHIFT)	/* 768 MiB */

/* User layout: all of it under PDPT slot 1. */
#define USER_BASE	0x40000000u
#define USER_TEXT	0x40000000u	/* the .user section, read-only */
#define USER_STACK_TOP	0x40200000u	/* one page below it */
#define USER_SIG_AREA	0x40100000u	/* signal frames go on the stack */
#define AREA_FAULT	0x40400000u	/* page and protection faults */
#define AREA_FORK	0x48000000u	/* the forked PTEs: up to 512 MiB */
#define AREA_EXEC	0x70000000u	/* the exec-like region, 16 MiB */
#define AREA_HOLE	0x7f000000u	/* never mapped: SEGV */
#define USER_END	0x80000000u

#define L1_ENTRIES	512
#define L2_ENTRIES	512
#define L1_SPAN		0x00200000u

/* PAE entry bits. */
#define PTE_P		(1ull << 0)
#define PTE_RW		(1ull << 1)
#define PTE_US		(1ull << 2)
#define PTE_A		(1ull << 5)
#define PTE_D		(1ull << 6)
#define PTE_FRAME	0x000ffffffffff000ull
#define PTE_BIT_RW	1
#define PTE_USER_RW	(PTE_P | PTE_RW | PTE_US)
#define PTE_USER_RO	(PTE_P | PTE_US)
#define PTE_KERNEL_RW	(PTE_P | PTE_RW)
#define L2E_USER	(PTE_P | PTE_RW | PTE_US)

/* Page-fault error code. */
#define PF_P		0x1
#define PF_W		0x2
#define PF_U		0x4

#define EFLAGS_IF	0x00000200u
#define EFLAGS_RSVD	0x00000002u

/* Vectors. */
#define VEC_DE		0
#define VEC_GP		13
#define VEC_PF		14
#define VEC_TIMER	0x20		/* IRQ0 after the PIC is remapped */
#define VEC_SYSCALL	0x80

/* System calls (EAX at int $0x80). */
#define SYS_EXIT	0
#define SYS_NULL	1
#define SYS_YIELD	2
#define SYS_SIGRETURN	3	/* int $0x80 only: QEMU misreports other INT n on Xen */

#define NR_PROCS	17		/* process 0 is the parent of forks */
#define KSTACK_SIZE	8192

/* The frame every trap entry builds (entry.S), lowest address first. */
struct frame {
	uint32_t edi, esi, ebp, esp_k, ebx, edx, ecx, eax;	/* pushal */
	uint32_t vec, err;
	uint32_t eip, cs, eflags;
	uint32_t esp, ss;		/* from ring 3 only */
};

/* A process: its address space and kernel stack. */
struct proc {
	uint32_t pdpt;			/* pfn */
	uint32_t l2;			/* user L2 (slot 1) pfn */
	uint32_t back[2];		/* backend's pages (PV: kernel L2 copy) */
	uint32_t l1[L2_ENTRIES];	/* pfn of the L1 per slot-1 entry, 0 */
	uint32_t stack;			/* the user stack's page, or 0 */
	uint32_t ksp;			/* saved kernel stack pointer */
	uint8_t *kstack;
	int live;
};

extern struct proc procs[NR_PROCS];
extern struct proc *current;

/* ---- pages (mm.c) ---------------------------------------------------- */

static inline void *pfn_va(uint32_t pfn)
{
	return (void *)(uintptr_t)(BENCH_PHYS_BASE + (pfn << PAGE_SHIFT));
}

static inline uint32_t va_pfn(const void *va)
{
	return ((uint32_t)(uintptr_t)va - BENCH_PHYS_BASE) >> PAGE_SHIFT;
}

/* Pages [first, end) not otherwise used, for mm.c's pool. */
void pool_add(uint32_t first, uint32_t end);
uint32_t page_alloc(void);		/* not zeroed; panics when empty */
uint32_t page_alloc_zeroed(void);
void page_free(uint32_t pfn);
uint32_t pool_free_pages(void);

/* Page-table pages: zeroed, registered with the backend. */
uint32_t pt_alloc(int level);
void pt_free(uint32_t pfn, int level);

static inline uint64_t *pt_entry(uint32_t table, unsigned int i)
{
	return (uint64_t *)pfn_va(table) + i;
}

/* Build the kernel's root address space (backends that need one). */
void mm_build_root(uint32_t kernel_end);

/* Address spaces. */
void as_create(struct proc *p);
void as_destroy(struct proc *p);
uint64_t *as_pte(struct proc *p, uint32_t va, int alloc);
void as_map(struct proc *p, uint32_t va, uint64_t val);
void as_switch(struct proc *p);
/* Map the user text and a stack into p. */
void as_map_user_basics(struct proc *p);

/* ---- processes and user mode (proc.c) -------------------------------- */

/* Run p's user code at entry (a .user symbol) with EAX..EDX; back at exit. */
void user_run(struct proc *p, void (*entry)(void), uint32_t eax,
	      uint32_t ebx, uint32_t ecx, uint32_t edx);
/* Prepare p to enter entry in ring 3 when first switched to. */
void proc_prepare(struct proc *p, void (*entry)(void), uint32_t eax,
		  uint32_t ebx, uint32_t ecx, uint32_t edx);
void proc_init(void);
void schedule(void);
extern int ring_procs;			/* processes in the yield ring */
extern uint32_t yields_left;		/* switches before the ring ends */

/* ---- traps (trap.c) --------------------------------------------------- */

void trap_init(void);
void trap_dispatch(struct frame *f);
extern volatile uint32_t trap_count;
extern volatile uint32_t timer_ticks;

/* Demand-fault regions the #PF handler fills. */
#define FAULT_NONE	0
#define FAULT_DEMAND	1	/* not present: map a pool page */
#define FAULT_DEMAND_ZERO 2	/* ... zeroed (anonymous memory) */
#define FAULT_PROT	3	/* present read-only: make writable */
struct fault_area {
	uint32_t start, end;
	int kind;
};
extern struct fault_area fault_areas[3];

/* ---- output and figures ---------------------------------------------- */

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *memset(void *dst, int c, __SIZE_TYPE__ n);
void *memcpy(void *dst, const void *src, __SIZE_TYPE__ n);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a" (lo), "=d" (hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The ops, run by kernel.c. */
void ops_run(const char *only, uint32_t scale);

/* The user programs (user.S), linked into .user. */
extern char user_start[], user_end[];
void u_exit(void);
void u_null_loop(void);
void u_touch_read(void);
void u_touch_write(void);
void u_div_loop(void);
void u_segv_loop(void);
void u_yield_loop(void);

#endif /* BENCH_BENCH_H */
