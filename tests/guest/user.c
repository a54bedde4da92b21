// SPDX-License-Identifier: GPL-2.0
/*
 * user.c - user tasks: starting them in ring 3, the system call handler,
 * yield (kernel stack switch plus UpdateKernelStack) and exit.
 */
#include "cpu.h"
#include "kctx.h"
#include "test.h"
#include "trap.h"
#include "user.h"
#include "vmi_cpu.h"

struct syscall_seen syscall_last;
struct syscall_log syscall_log;

static struct kctx run_ctx;		/* where tasks_run resumes */
static struct task *run_tasks;
static unsigned int run_n;
static struct task *current_task;

static uint8_t default_ustack[USER_STACK_SIZE] __attribute__((aligned(16)));

void task_init(struct task *t, user_fn fn, uint32_t arg, void *kstack,
	       size_t ksize, void *ustack, size_t usize)
{
	uint32_t *sp;

	t->kstack_top = ((uintptr_t)kstack + ksize) & ~15u;
	t->ustack_top = ((uintptr_t)ustack + usize) & ~15u;
	t->fn = fn;
	t->arg = arg;
	t->use_sysexit = 0;
	t->alive = 1;
	t->exit_code = 0;
	t->syscalls = 0;
	t->wrong_stack = 0;
	t->wrong_stack_at = 0;

	/* What context_switch pops: EDI, ESI, EBX, EBP, return address. */
	sp = (uint32_t *)t->kstack_top;
	*--sp = (uintptr_t)task_start;
	*--sp = 0;
	*--sp = 0;
	*--sp = 0;
	*--sp = 0;
	t->ksp = (uintptr_t)sp;
}

static void switch_to(struct task *next, uint32_t *save_esp)
{
	current_task = next;
	cpu_set_kernel_stack(next->kstack_top);
	context_switch(save_esp, next->ksp);
}

/* First run of the current task, on its kernel stack (from task_start). */
void task_first_run(void)
{
	struct task *t = current_task;
	uint32_t *sp = (uint32_t *)t->ustack_top;

	/* fn(arg) returns into the exit trampoline; arg 16-byte aligned. */
	sp -= 3;
	*--sp = t->arg;
	*--sp = (uintptr_t)user_exit_trampoline;
	if (t->use_sysexit)
		enter_user_sysexit((uintptr_t)t->fn, (uintptr_t)sp);
	enter_user_iret((uintptr_t)t->fn, (uintptr_t)sp);
}

static struct task *next_alive(const struct task *cur)
{
	unsigned int i, k = (unsigned int)(cur - run_tasks);

	for (i = 1; i <= run_n; i++) {
		struct task *t = &run_tasks[(k + i) % run_n];

		if (t->alive)
			return t;
	}
	return 0;
}

void tasks_run(struct task *tasks, unsigned int n)
{
	uint32_t mask = vmi_get_interrupt_mask();
	static uint32_t discarded_esp;

	run_tasks = tasks;
	run_n = n;
	if (kctx_save(&run_ctx) == 0)
		switch_to(&tasks[0], &discarded_esp);
	user_reset();
	cpu_set_kernel_stack(entry_stack_top());
	vmi_set_interrupt_mask(mask);
}

static uint32_t run_one(user_fn fn, uint32_t arg, struct task *out,
			int use_sysexit)
{
	struct task t;

	task_init(&t, fn, arg, entry_stack, ENTRY_STACK_SIZE, default_ustack,
		  sizeof(default_ustack));
	t.use_sysexit = use_sysexit;
	tasks_run(&t, 1);
	if (out)
		*out = t;
	return t.exit_code;
}

uint32_t user_run(user_fn fn, uint32_t arg, struct task *task)
{
	return run_one(fn, arg, task, 0);
}

uint32_t user_run_sysexit(user_fn fn, uint32_t arg, struct task *task)
{
	return run_one(fn, arg, task, 1);
}

void user_reset(void)
{
	run_tasks = 0;
	run_n = 0;
	current_task = 0;
}

static void __attribute__((noreturn)) task_exit(struct task *cur,
						 uint32_t code)
{
	struct task *next;

	cur->alive = 0;
	cur->exit_code = code;
	next = next_alive(cur);
	if (next)
		switch_to(next, &cur->ksp);	/* never resumed */
	kctx_restore(&run_ctx, 1);
}

void syscall_dispatch(struct trap_frame *f)
{
	struct task *cur = current_task, *next;
	uintptr_t frame_end = (uintptr_t)(f + 1);

	if (!cur) {
		if (test_current())
			fail(test_current(), "int $0x80 from ring 3 with no user task running (EIP 0x%08x)",
			     f->eip);
		f->eax = SYS_ENOSYS;
		return;
	}
	cur->syscalls++;
	if (frame_end != cur->kstack_top) {
		cur->wrong_stack++;
		cur->wrong_stack_at = frame_end;
	}
	syscall_last.nr = f->eax;
	syscall_last.ebx = f->ebx;
	syscall_last.ecx = f->ecx;
	syscall_last.edx = f->edx;
	syscall_last.cs = f->cs & 0xffff;
	syscall_last.eflags = f->eflags;
	syscall_last.frame_end = frame_end;

	switch (f->eax) {
	case SYS_EXIT:
		task_exit(cur, f->ebx);
	case SYS_YIELD:
		next = next_alive(cur);
		if (next && next != cur)
			switch_to(next, &cur->ksp);
		f->eax = 0;
		break;
	case SYS_SUM3:
		f->eax = f->ebx + 2 * f->ecx + 3 * f->edx;
		break;
	case SYS_LOG:
		if (syscall_log.n < SYSCALL_LOG_SIZE) {
			syscall_log.task[syscall_log.n] =
				(uint8_t)(cur - run_tasks);
			syscall_log.value[syscall_log.n] = f->ebx;
		}
		syscall_log.n++;
		f->eax = 0;
		break;
	default:
		f->eax = SYS_ENOSYS;
		break;
	}
}
