/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user.h - running C functions in ring 3: user tasks, the system call
 * interface and the helpers user code may use.
 *
 * A user function uint32_t fn(uint32_t arg) runs on its own user stack
 * with CS = USER_CS, SS/DS/ES = USER_DS and interrupts enabled, entered
 * through VMI IRET (or VMI SYSEXIT).  Returning from it makes the exit
 * system call with the result.  System calls: int $0x80 with the number
 * in EAX, arguments in EBX, ECX, EDX, result in EAX.
 *
 * Each task has a kernel stack of its own; while it runs, tss.esp0 (and
 * UpdateKernelStack) point at its top, so every entry from its ring 3
 * must arrive there: the system call handler counts the ones that do not.
 */
#ifndef VMITEST_USER_H
#define VMITEST_USER_H

#include <stddef.h>
#include <stdint.h>
#include "cpu.h"

#define SYS_EXIT	0	/* EBX = exit code; does not return */
#define SYS_YIELD	1	/* switch to the next live task */
#define SYS_SUM3	2	/* returns EBX + 2 * ECX + 3 * EDX */
#define SYS_LOG		3	/* log (task index, EBX) */
#define SYS_ENOSYS	0xffffffffu

#define USER_STACK_SIZE	8192
#define TASK_KSTACK_SIZE	8192

typedef uint32_t (*user_fn)(uint32_t arg);

struct task {
	uint32_t ksp;		/* saved kernel ESP while switched out */
	uintptr_t kstack_top;	/* esp0 while it runs */
	uintptr_t ustack_top;
	user_fn fn;
	uint32_t arg;
	int use_sysexit;	/* enter ring 3 with SYSEXIT, not IRET */
	int alive;
	uint32_t exit_code;
	unsigned int syscalls;		/* system calls it made */
	unsigned int wrong_stack;	/* ... not arriving at kstack_top */
	uintptr_t wrong_stack_at;	/* frame end of the last such */
};

/* The last system call, as the handler saw it. */
struct syscall_seen {
	uint32_t nr, ebx, ecx, edx;
	uint32_t cs, eflags;
	uintptr_t frame_end;		/* address just above the frame */
};

#define SYSCALL_LOG_SIZE	16

struct syscall_log {
	unsigned int n;
	uint8_t task[SYSCALL_LOG_SIZE];
	uint32_t value[SYSCALL_LOG_SIZE];
};

extern struct syscall_seen syscall_last;
extern struct syscall_log syscall_log;

/* Prepare a task with its kernel stack [kstack, kstack + ksize). */
void task_init(struct task *t, user_fn fn, uint32_t arg, void *kstack,
	       size_t ksize, void *ustack, size_t usize);

/*
 * Run the tasks, starting with tasks[0], until all have exited; yield
 * goes round robin.  Restores the interrupt mask and the kernel stack.
 */
void tasks_run(struct task *tasks, unsigned int n);

/*
 * Run fn(arg) in ring 3 as a single task on the entry stack; returns its
 * exit code.  *task (if not 0) receives the task's record.
 */
uint32_t user_run(user_fn fn, uint32_t arg, struct task *task);
uint32_t user_run_sysexit(user_fn fn, uint32_t arg, struct task *task);

/* Forget any run in progress (after an aborted case). */
void user_reset(void);

/* Kernel side of ring 3 entry (user_entry.S); do not return. */
void enter_user_iret(uintptr_t eip, uintptr_t esp) __attribute__((noreturn));
void enter_user_sysexit(uintptr_t eip, uintptr_t esp)
	__attribute__((noreturn));
void task_start(void);
void task_first_run(void) __attribute__((noreturn));
extern const char user_exit_trampoline[];

/* Ring 3 helpers. */
static inline uint32_t user_syscall(uint32_t nr, uint32_t a, uint32_t b,
				    uint32_t c)
{
	asm volatile("int $0x80"
		     : "+a" (nr)
		     : "b" (a), "c" (b), "d" (c)
		     : "cc", "memory");
	return nr;
}

/* EFLAGS as pushf shows it (ring 3 only: the kernel asks VMI). */
static inline uint32_t user_eflags(void)
{
	uint32_t v;

	asm volatile("pushfl; popl %0" : "=r" (v));
	return v;
}

static inline uint16_t user_ss(void)
{
	uint16_t v;

	asm volatile("mov %%ss, %0" : "=r" (v));
	return v;
}

#endif /* VMITEST_USER_H */
