// SPDX-License-Identifier: GPL-2.0
/*
 * test_sysexit.c - cpu.sysexit: with SYSENTER_CS = the kernel code
 * selector, VMI SYSEXIT enters ring 3 at EDX with ESP = ECX, CS and SS
 * taken from SYSENTER_CS + 16 and + 24 (GDT entries 3 and 4, RPL 3) and
 * interrupts enabled; the user code comes back with int $0x80.
 */
#include "cpu.h"
#include "need.h"
#include "test.h"
#include "user.h"
#include "vmi_cpu.h"

#define MSR_SYSENTER_CS	0x174u
#define SYSEXIT_ARG	0x5e

static struct {
	uint32_t cs, ss, eflags;
} seen;

static uint32_t user_after_sysexit(uint32_t arg)
{
	seen.cs = read_cs();
	seen.ss = user_ss();
	seen.eflags = user_eflags();
	return arg;
}

TEST_CASE(cpu, sysexit)
{
	struct task k;
	uint32_t code;

	if (!NEED(t, VMI_CALL_WRMSR, VMI_CALL_SYSEXIT, VMI_CALL_IRET))
		return;
	seen.cs = seen.ss = seen.eflags = 0;
	vmi_wrmsr(MSR_SYSENTER_CS, KERNEL_CS);
	code = user_run_sysexit(user_after_sysexit, SYSEXIT_ARG, &k);

	check(t, code == SYSEXIT_ARG, "user code returned 0x%x, expected 0x%x",
	      code, SYSEXIT_ARG);
	check(t, seen.cs == USER_CS && seen.ss == USER_DS,
	      "after SYSEXIT: CS 0x%04x SS 0x%04x, expected 0x%04x 0x%04x",
	      seen.cs, seen.ss, USER_CS, USER_DS);
	check(t, seen.eflags & EFLAGS_IF, "after SYSEXIT: IF clear (EFLAGS 0x%08x)",
	      seen.eflags);
	check(t, k.syscalls == 1 && k.wrong_stack == 0,
	      "%u system calls, %u on the wrong kernel stack; expected 1, 0",
	      k.syscalls, k.wrong_stack);
}
