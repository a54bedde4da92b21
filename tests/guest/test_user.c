// SPDX-License-Identifier: GPL-2.0
/*
 * test_user.c - user.* cases: entering ring 3 through VMI IRET, system
 * calls, two tasks switching kernel stacks, and what ring 3 may not do
 * (cli, popf of IF or IOPL, a forged IRET, port I/O without IOPL).
 */
#include "cpu.h"
#include "fault.h"
#include "need.h"
#include "test.h"
#include "trap.h"
#include "user.h"
#include "vmi_cpu.h"

#define SUM3_A		0x11110000u
#define SUM3_B		0x00002200u
#define SUM3_C		0x00000033u
#define NR_TASKS	2
#define TASK_ROUNDS	3

/* CS in bits 0-15, EFLAGS IF and IOPL (as pushf shows them) from 16. */
static uint32_t user_state(uint32_t arg)
{
	(void)arg;
	return read_cs() |
	       ((user_eflags() & (EFLAGS_IF | EFLAGS_IOPL)) << 16);
}

/* check() CS and IF as user_state() reported them. */
static void check_user_state(struct test *t, const char *how, uint32_t st)
{
	uint32_t cs = st & 0xffff, fl = st >> 16;

	check(t, (cs & 3) == 3 && cs == USER_CS,
	      "%s: CS 0x%04x in user mode, expected 0x%04x (RPL 3)", how, cs,
	      USER_CS);
	check(t, fl & EFLAGS_IF, "%s: IF clear in user mode (EFLAGS bits 0x%x)",
	      how, fl);
}

/* The task made n system calls, all arriving at the top of its stack. */
static void check_task_stack(struct test *t, const char *who,
			     const struct task *k, unsigned int n)
{
	check(t, k->syscalls == n, "%s made %u system calls, expected %u",
	      who, k->syscalls, n);
	check(t, k->wrong_stack == 0,
	      "%s: %u kernel entries on the wrong stack (frame end 0x%08x, kernel stack top 0x%08x)", who, k->wrong_stack,
	      (unsigned int)k->wrong_stack_at, (unsigned int)k->kstack_top);
}

TEST_CASE(user, iret_to_ring3)
{
	struct task k;
	uint32_t st;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	st = user_run(user_state, 0, &k);
	check_user_state(t, "IRET", st);
	check_task_stack(t, "the user task", &k, 1);
}

static uint32_t user_sum3(uint32_t arg)
{
	(void)arg;
	return user_syscall(SYS_SUM3, SUM3_A, SUM3_B, SUM3_C);
}

TEST_CASE(user, syscall_roundtrip)
{
	uint32_t want = SUM3_A + 2 * SUM3_B + 3 * SUM3_C, got;
	struct task k;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	got = user_run(user_sum3, 0, &k);
	check(t, got == want, "SUM3(0x%x, 0x%x, 0x%x) returned 0x%08x, expected 0x%08x",
	      SUM3_A, SUM3_B, SUM3_C, got, want);
	check_task_stack(t, "the user task", &k, 2);
	check(t, syscall_last.frame_end == entry_stack_top(),
	      "system call frame ends at 0x%08x, expected esp0 0x%08x",
	      (unsigned int)syscall_last.frame_end,
	      (unsigned int)entry_stack_top());
	check(t, syscall_last.cs == USER_CS && (syscall_last.eflags &
						 EFLAGS_IF),
	      "system call frame: CS 0x%04x EFLAGS 0x%08x, expected CS 0x%04x with IF", syscall_last.cs, syscall_last.eflags,
	      USER_CS);
}

static uint32_t user_rounds(uint32_t id)
{
	unsigned int i;

	for (i = 0; i < TASK_ROUNDS; i++) {
		user_syscall(SYS_LOG, id * 16 + i, 0, 0);
		user_syscall(SYS_YIELD, 0, 0, 0);
	}
	return 0x100 + id;
}

static uint8_t task_kstack[NR_TASKS][TASK_KSTACK_SIZE]
	__attribute__((aligned(PAGE_SIZE)));
static uint8_t task_ustack[NR_TASKS][USER_STACK_SIZE]
	__attribute__((aligned(16)));

TEST_CASE(user, two_tasks)
{
	static const char *const who[NR_TASKS] = { "task 0", "task 1" };
	struct task tasks[NR_TASKS];
	unsigned int i, n;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	syscall_log.n = 0;
	for (i = 0; i < NR_TASKS; i++)
		task_init(&tasks[i], user_rounds, i, task_kstack[i],
			  TASK_KSTACK_SIZE, task_ustack[i], USER_STACK_SIZE);
	tasks_run(tasks, NR_TASKS);

	n = syscall_log.n;
	check(t, n == NR_TASKS * TASK_ROUNDS, "%u log entries, expected %u",
	      n, NR_TASKS * TASK_ROUNDS);
	for (i = 0; i < n && i < NR_TASKS * TASK_ROUNDS; i++) {
		uint32_t task = i % NR_TASKS, round = i / NR_TASKS;

		if (!check(t, syscall_log.task[i] == task &&
			      syscall_log.value[i] == task * 16 + round,
			   "log entry %u: task %u value 0x%x, expected task %u value 0x%x (no interleaving)", i,
			   syscall_log.task[i], syscall_log.value[i], task,
			   task * 16 + round))
			break;
	}
	for (i = 0; i < NR_TASKS; i++) {
		check(t, !tasks[i].alive && tasks[i].exit_code == 0x100 + i,
		      "%s: exit code 0x%x, expected 0x%x", who[i],
		      tasks[i].exit_code, 0x100 + i);
		check_task_stack(t, who[i], &tasks[i], 2 * TASK_ROUNDS + 1);
	}
	check(t, tss.esp0 == entry_stack_top(),
	      "tss.esp0 0x%08x after the run, expected 0x%08x",
	      tss.esp0, (unsigned int)entry_stack_top());
}

static uint32_t user_cli(uint32_t arg)
{
	(void)arg;
	fault_expect(VEC_GP);
	asm volatile(FAULT_BEGIN "cli" FAULT_END ::: "memory");
	return user_eflags();
}

TEST_CASE(user, no_cli)
{
	uint32_t fl;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	fl = user_run(user_cli, 0, 0);
	fault_check(t, "cli in ring 3", VEC_GP, 0, fault_insn);
	check(t, fl & EFLAGS_IF, "IF clear after cli in ring 3 (EFLAGS 0x%08x)",
	      fl);
}

/* popf with IF cleared (arg 0) or IOPL 3 set (arg 1); returns EFLAGS. */
static uint32_t user_popf(uint32_t set_iopl)
{
	uint32_t fl = user_eflags();

	fl = set_iopl ? fl | EFLAGS_IOPL : fl & ~EFLAGS_IF;
	asm volatile("pushl %0; popfl" : : "r" (fl) : "cc", "memory");
	return user_eflags();
}

TEST_CASE(user, no_popf_if)
{
	uint32_t fl;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	fl = user_run(user_popf, 0, 0);
	check(t, fl & EFLAGS_IF, "popf cleared IF in ring 3 (EFLAGS 0x%08x)",
	      fl);
}

TEST_CASE(user, no_iopl)
{
	uint32_t fl;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	fl = user_run(user_popf, 1, 0);
	check(t, !(fl & EFLAGS_IOPL), "popf set IOPL %u in ring 3 (EFLAGS 0x%08x)",
	      (fl & EFLAGS_IOPL) >> 12, fl);
}

/* iret in ring 3 to the kernel's code segment with RPL 1. */
static uint32_t user_forged_iret(uint32_t arg)
{
	(void)arg;
	fault_expect(VEC_GP);
	asm volatile("pushfl\n\t"
		     "pushl %0\n\tpushl $1002f\n\t"
		     FAULT_BEGIN "iret" FAULT_END
		     "addl $12, %%esp"
		     : : "i" (KERNEL_CS | 1) : "cc", "memory");
	return read_cs();
}

TEST_CASE(user, forged_iret)
{
	uint32_t cs;

	if (!NEED(t, VMI_CALL_IRET))
		return;
	cs = user_run(user_forged_iret, 0, 0);
	fault_check(t, "iret to CS 0x0009 in ring 3", VEC_GP, KERNEL_CS,
		    fault_insn);
	check(t, cs == USER_CS, "CS 0x%04x after the forged iret, expected 0x%04x",
	      cs, USER_CS);
}

/* inb from the POST port in ring 3; arg 1: expect #GP. */
static uint32_t user_inb(uint32_t expect_gp)
{
	uint8_t v = 0;

	if (expect_gp)
		fault_expect(VEC_GP);
	asm volatile(FAULT_BEGIN "inb $0x80, %0" FAULT_END
		     : "+a" (v) : : "memory");
	return v;
}

/*
 * The outcome is whether the port access faults; pushf in ring 3 may show
 * a different IOPL (Appendix C), so it is not checked.
 */
TEST_CASE(user, iopl_mask)
{
	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_SetIOPLMask))
		return;
	user_run(user_inb, 1, 0);
	fault_check(t, "inb $0x80 in ring 3 with IOPL 0", VEC_GP, 0,
		    fault_insn);

	vmi_set_iopl_mask(3 << 12);
	user_run(user_inb, 0, 0);	/* a fault would end the case */
	vmi_set_iopl_mask(0);

	user_run(user_inb, 1, 0);
	fault_check(t, "inb $0x80 in ring 3 after SetIOPLMask(0)", VEC_GP, 0,
		    fault_insn);
}
