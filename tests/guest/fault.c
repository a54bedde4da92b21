// SPDX-License-Identifier: GPL-2.0
/*
 * fault.c - the fault expectation: arming, recording in the trap
 * dispatcher, and the checks cases make afterwards.
 */
#include "cpu.h"
#include "fault.h"
#include "test.h"
#include "trap.h"
#include "vmi.h"

struct fault_state fault_state;
uintptr_t fault_insn, fault_fixup;

void fault_expect(uint32_t vector)
{
	fault_state.armed = 0;
	fault_state.vector = vector;
	fault_state.taken = 0;
	fault_state.rec.vector = ~0u;
	fault_state.rec.error_code = 0;
	fault_state.rec.eip = 0;
	fault_state.rec.cs = 0;
	fault_state.rec.cr2 = 0;
	fault_insn = 0;
	fault_fixup = 0;
	asm volatile("" ::: "memory");
	fault_state.armed = 1;
}

void fault_disarm(void)
{
	fault_state.armed = 0;
}

int fault_handle(struct trap_frame *f, uint32_t cr2)
{
	if (!fault_state.armed || f->vector != fault_state.vector ||
	    !fault_fixup)
		return 0;
	fault_state.armed = 0;
	fault_state.rec.vector = f->vector;
	fault_state.rec.error_code = f->error_code;
	fault_state.rec.eip = f->eip;
	fault_state.rec.cs = f->cs & 0xffff;
	fault_state.rec.cr2 = cr2;
	fault_state.taken++;
	f->eip = fault_fixup;
	return 1;
}

int fault_check(struct test *t, const char *what, uint32_t vector,
		uint32_t error_code, uintptr_t eip)
{
	const struct fault_record *r = &fault_state.rec;
	int ok = 1;

	fault_state.armed = 0;
	if (!check(t, fault_state.taken == 1,
		   "%s: expected %s (vector %u), %u such faults arrived",
		   what, trap_name(vector), vector, fault_state.taken))
		return 0;
	ok &= check(t, r->error_code == error_code,
		    "%s: %s error code 0x%x, expected 0x%x", what,
		    trap_name(vector), r->error_code, error_code);
	ok &= check(t, r->eip == eip, "%s: %s at EIP 0x%08x, expected 0x%08x",
		    what, trap_name(vector), r->eip, (uint32_t)eip);
	return ok;
}

int fault_check_none(struct test *t, const char *what)
{
	fault_state.armed = 0;
	return check(t, fault_state.taken == 0,
		     "%s: expected no fault, %s arrived (error code 0x%x, EIP 0x%08x)", what, trap_name(fault_state.rec.vector),
		     fault_state.rec.error_code, fault_state.rec.eip);
}

uint32_t vmi_call_expecting(uint32_t vector, unsigned int nr, uint32_t eax,
			    uint32_t edx, uint32_t ecx, uint32_t arg4)
{
	uintptr_t fn = vmi_slot(nr);

	fault_expect(vector);
	asm volatile("pushl %[arg4]\n\t"
		     FAULT_BEGIN "call *%[fn]" FAULT_END
		     "addl $4, %%esp"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (fn), [arg4] "r" (arg4)
		     : "cc", "memory");
	return eax;
}

int check_gp_at_call(struct test *t, const char *what)
{
	if (!fault_check(t, what, VEC_GP, 0, fault_fixup))
		return 0;
	return check(t, fault_state.rec.cs == kernel_cs(),
		     "%s: #GP frame CS 0x%04x, expected 0x%04x", what,
		     fault_state.rec.cs, kernel_cs());
}
