// SPDX-License-Identifier: GPL-2.0
/*
 * trap.c - what the benchmark kernel does at a trap: system calls, page
 * faults (demand paging, protection fix-up, SIGSEGV), divide errors
 * (SIGFPE), signal return (a system call, as in Linux), the timer and
 * the direct-PV event callback.
 * Signals are delivered as Linux does in spirit: the interrupted frame
 * is copied to the user stack, the handler entered in ring 3, and
 * sigreturn copies it back.
 *
 * Never: count a trap twice; trap_count is the one count of entries.
 */
#include "tests/bench/be.h"

#define VEC_UPCALL	0x100

volatile uint32_t trap_count;
volatile uint32_t timer_ticks;
struct fault_area fault_areas[3];

extern void entry_de(void), entry_db(void), entry_nmi(void), entry_bp(void);
extern void entry_of(void), entry_br(void), entry_ud(void), entry_nm(void);
extern void entry_df(void), entry_ts(void), entry_np(void), entry_ss(void);
extern void entry_gp(void), entry_pf(void), entry_mf(void), entry_ac(void);
extern void entry_timer(void), entry_syscall(void);
extern void u_sig_handler(void);
void user_exit(void) __attribute__((noreturn));

static uint32_t user_va(void (*fn)(void))
{
	return USER_TEXT + (uint32_t)((char *)fn - user_start);
}

void trap_init(void)
{
	static void (*const gates[17])(void) = {
		entry_de, entry_db, entry_nmi, entry_bp, entry_of, entry_br,
		entry_ud, entry_nm, entry_df, 0, entry_ts, entry_np, entry_ss,
		entry_gp, entry_pf, 0, entry_mf,
	};
	int v;

	for (v = 0; v < 17; v++)
		if (gates[v])
			be_set_gate(v, gates[v], v == 3 || v == 4 ? 3 : 0, 1);
	be_set_gate(17, entry_ac, 0, 1);
	be_set_gate(VEC_TIMER, entry_timer, 0, 1);
	be_set_gate(VEC_SYSCALL, entry_syscall, 3, 1);
	be_load_gates();
}

static int from_user(const struct frame *f)
{
	return (f->cs & 3) == 3;
}

static void signal_deliver(struct frame *f)
{
	struct frame *uf = (struct frame *)(f->esp - sizeof(*f));

	memcpy(uf, f, sizeof(*f));
	f->esp = (uint32_t)(uintptr_t)uf;
	f->eip = user_va(u_sig_handler);
}

static void signal_return(struct frame *f)
{
	const struct frame *uf = (const struct frame *)(uintptr_t)f->esp;

	/* The registers and EIP/ESP only: CS, SS and EFLAGS stay the user's. */
	memcpy(f, uf, offsetof(struct frame, vec));
	f->eip = uf->eip;
	f->esp = uf->esp;
}

static const struct fault_area *fault_area(uint32_t va)
{
	unsigned int i;

	for (i = 0; i < sizeof(fault_areas) / sizeof(fault_areas[0]); i++)
		if (fault_areas[i].kind != FAULT_NONE &&
		    va >= fault_areas[i].start && va < fault_areas[i].end)
			return &fault_areas[i];
	return 0;
}

static void page_fault(struct frame *f)
{
	uint32_t va = be_fault_addr(), page = va & ~(PAGE_SIZE - 1), pfn;
	const struct fault_area *a = fault_area(va);
	uint64_t *ptep, v;

	if (!a || !from_user(f)) {
		if (from_user(f)) {
			signal_deliver(f);
			return;
		}
		panic("bench: kernel page fault at 0x%08x (error %x, eip %08x)",
		      va, f->err, f->eip);
	}
	switch (a->kind) {
	case FAULT_DEMAND:
	case FAULT_DEMAND_ZERO:
		if (f->err & PF_P)
			break;
		pfn = a->kind == FAULT_DEMAND ? page_alloc() :
			page_alloc_zeroed();
		as_map(current, page, ((uint64_t)pfn << PAGE_SHIFT) |
		       PTE_USER_RW);
		be_mmu_commit();
		return;
	case FAULT_PROT:
		if (!(f->err & PF_P) || !(f->err & PF_W))
			break;
		ptep = as_pte(current, page, 0);
		v = be_pte_read(ptep);
		be_pte_write(ptep, v | PTE_RW);
		be_invlpg(page);
		return;
	}
	panic("bench: unexpected page fault at 0x%08x (error %x, eip %08x)",
	      va, f->err, f->eip);
}

void trap_dispatch(struct frame *f)
{
	trap_count++;
	switch (f->vec) {
	case VEC_SYSCALL:
		switch (f->eax) {
		case SYS_NULL:
			f->eax = 0;
			return;
		case SYS_YIELD:
			schedule();
			return;
		case SYS_SIGRETURN:
			signal_return(f);
			return;
		case SYS_EXIT:
			user_exit();
		}
		break;
	case VEC_PF:
		page_fault(f);
		return;
	case VEC_DE:
		if (from_user(f)) {
			signal_deliver(f);
			return;
		}
		break;
	case VEC_TIMER:
		timer_ticks++;
		be_timer_eoi();
		return;
	case VEC_UPCALL:
		be_upcall(f);
		return;
	}
	panic("bench: trap %u (error %x) at %04x:%08x, eax %08x",
	      f->vec, f->err, f->cs, f->eip, f->eax);
}
