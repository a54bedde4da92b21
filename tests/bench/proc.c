// SPDX-License-Identifier: GPL-2.0
/*
 * proc.c - processes: entering ring 3 on a process's own kernel stack,
 * the way back to the driver (the kernel code running the operations, on
 * the boot stack) at SYS_EXIT, and the round-robin switch among the
 * processes of the yield ring (SYS_YIELD).
 *
 * Never: return from user_exit; the process's kernel stack is dropped.
 */
#include "tests/bench/be.h"

void switch_stacks(uint32_t *save, uint32_t next);
void user_exit(void) __attribute__((noreturn));
extern char ret_from_trap[];

static uint8_t kstacks[NR_PROCS][KSTACK_SIZE] __attribute__((aligned(16)));
static uint32_t driver_ksp;
int ring_procs;
uint32_t yields_left;

static uint32_t kstack_top(const struct proc *p)
{
	return (uint32_t)(uintptr_t)(p->kstack + KSTACK_SIZE);
}

void proc_init(void)
{
	int i;

	for (i = 0; i < NR_PROCS; i++)
		procs[i].kstack = kstacks[i];
}

/* A stack switch_stacks pops into ret_from_trap, then ring 3. */
void proc_prepare(struct proc *p, void (*entry)(void), uint32_t eax,
		  uint32_t ebx, uint32_t ecx, uint32_t edx)
{
	uint32_t *sp = (uint32_t *)(uintptr_t)kstack_top(p);
	struct frame *f;

	sp -= sizeof(*f) / 4;
	f = (struct frame *)sp;
	memset(f, 0, sizeof(*f));
	f->eax = eax;
	f->ebx = ebx;
	f->ecx = ecx;
	f->edx = edx;
	f->eip = USER_TEXT + (uint32_t)((char *)entry - user_start);
	f->cs = be_env.user_cs;
	f->eflags = EFLAGS_IF | EFLAGS_RSVD;
	f->esp = USER_STACK_TOP;
	f->ss = be_env.user_ds;
	*--sp = (uint32_t)(uintptr_t)ret_from_trap;
	sp -= 4;			/* EBP, EBX, ESI, EDI */
	sp[0] = sp[1] = sp[2] = sp[3] = 0;
	p->ksp = (uint32_t)(uintptr_t)sp;
}

void user_run(struct proc *p, void (*entry)(void), uint32_t eax,
	      uint32_t ebx, uint32_t ecx, uint32_t edx)
{
	proc_prepare(p, entry, eax, ebx, ecx, edx);
	as_switch(p);
	be_set_kstack(kstack_top(p));
	switch_stacks(&driver_ksp, p->ksp);
}

void user_exit(void)
{
	static uint32_t dropped;

	switch_stacks(&dropped, driver_ksp);
	for (;;)
		;
}

/*
 * SYS_YIELD: the next process of the ring procs[1..ring_procs]; after
 * yields_left switches, back to the driver.
 */
void schedule(void)
{
	struct proc *prev = current, *next;
	int i = (int)(prev - procs);

	if (!yields_left)
		user_exit();
	yields_left--;
	next = &procs[i % ring_procs + 1];
	as_switch(next);
	be_set_kstack(kstack_top(next));
	switch_stacks(&prev->ksp, next->ksp);
}
