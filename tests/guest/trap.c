// SPDX-License-Identifier: GPL-2.0
/*
 * trap.c - the trap dispatcher: external interrupts (to irq.c), system
 * calls, expected faults, per-vector hooks, and unexpected traps, which fail the running case and end it
 * (or end the run when no case is running).
 */
#include "fault.h"
#include "irq.h"
#include "kmain.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

static trap_hook_fn hooks[TRAP_NR_VECTORS];
static int in_unexpected;

static const char *const names[NR_EXCEPTIONS] = {
	"#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF",
	"vector 9", "#TS", "#NP", "#SS", "#GP", "#PF", "vector 15", "#MF",
	"#AC", "#MC", "#XM",
};

const char *trap_name(uint32_t vector)
{
	if (vector < NR_EXCEPTIONS)
		return names[vector];
	if (vector == VEC_SYSCALL)
		return "int $0x80";
	return "vector";
}

void trap_set_hook(unsigned int vector, trap_hook_fn fn)
{
	if (vector < TRAP_NR_VECTORS)
		hooks[vector] = fn;
}

void trap_clear_hooks(void)
{
	unsigned int i;

	for (i = 0; i < TRAP_NR_VECTORS; i++)
		hooks[i] = 0;
	in_unexpected = 0;
}

static void __attribute__((noreturn)) unexpected(struct trap_frame *f,
						  uint32_t cr2)
{
	struct test *t = test_current();
	char extra[32] = "";

	if (f->vector == VEC_PF)
		snprintf(extra, sizeof(extra), ", CR2 0x%08x", cr2);
	if (t && !in_unexpected) {
		in_unexpected = 1;
		fail(t, "unexpected %s (vector %u) at EIP 0x%08x CS 0x%04x EFLAGS 0x%08x, error code 0x%x%s",
		     trap_name(f->vector), f->vector, f->eip, f->cs & 0xffff,
		     f->eflags, f->error_code, extra);
		test_abort();
	}
	kprintf("vmitest: fatal: unexpected %s (vector %u) at EIP 0x%08x CS 0x%04x, error code 0x%x%s%s\n",
		trap_name(f->vector),
		f->vector, f->eip, f->cs & 0xffff, f->error_code, extra,
		t ? " while ending a failed case" : " outside any case");
	if (t)
		kprintf("FAIL %s.%s: unexpected %s at EIP 0x%08x\n",
			t->tc->area, t->tc->name, trap_name(f->vector), f->eip);
	guest_finish(1);
}

void trap_dispatch(struct trap_frame *f)
{
	uint32_t cr2 = 0;

	if (irq_is_vector(f->vector)) {
		irq_dispatch(f);
		return;
	}
	if (f->vector == VEC_PF)
		cr2 = vmi_get_cr2();
	if (f->vector == VEC_SYSCALL && frame_from_user(f)) {
		syscall_dispatch(f);
		return;
	}
	if (fault_handle(f, cr2))
		return;
	if (f->vector < TRAP_NR_VECTORS && hooks[f->vector] &&
	    hooks[f->vector](f))
		return;
	unexpected(f, cr2);
}
