/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fault.h - expecting a fault: a case arms "vector V", runs the faulting
 * instruction between FAULT_BEGIN and FAULT_END, and the trap dispatcher
 * records what arrived and resumes at FAULT_END.
 *
 *	fault_expect(VEC_UD);
 *	asm volatile(FAULT_BEGIN "ud2" FAULT_END ::: "memory");
 *	fault_check(t, "ud2", VEC_UD, 0, fault_insn);
 *
 * FAULT_BEGIN stores the address of the instruction (fault_insn) and of
 * the recovery point right after it (fault_fixup); it works in ring 3 as
 * well (the guest's memory is user accessible).  Use it once per asm
 * statement.  Any other trap is unexpected: the dispatcher fails the
 * current case and ends it.
 */
#ifndef VMITEST_FAULT_H
#define VMITEST_FAULT_H

#include <stdint.h>

struct test;
struct trap_frame;

#define FAULT_BEGIN	"movl $1001f, fault_insn\n\t"		\
			"movl $1002f, fault_fixup\n"		\
			"1001:\n\t"
#define FAULT_END	"\n1002:\n\t"

/* What arrived for an expected fault. */
struct fault_record {
	uint32_t vector;
	uint32_t error_code;
	uint32_t eip;
	uint32_t cs;
	uint32_t cr2;		/* GetCR2 at entry, for #PF */
};

struct fault_state {
	volatile uint32_t armed;
	uint32_t vector;	/* expected */
	volatile uint32_t taken;	/* expected faults recorded */
	struct fault_record rec;
};

extern struct fault_state fault_state;
extern uintptr_t fault_insn, fault_fixup;

/* Expect one fault with this vector; clears the record. */
void fault_expect(uint32_t vector);

/* Forget an expectation that was not met. */
void fault_disarm(void);

/* Dispatcher: 1 if f was the expected fault (recorded, resumes at fixup). */
int fault_handle(struct trap_frame *f, uint32_t cr2);

/*
 * check() that exactly one fault with this vector, error code and EIP
 * arrived; what names the operation in the failure message.
 */
int fault_check(struct test *t, const char *what, uint32_t vector,
		uint32_t error_code, uintptr_t eip);

/* check() that no expected fault arrived (and disarm). */
int fault_check_none(struct test *t, const char *what);

/*
 * Make VMI call nr (EAX, EDX, ECX and one stack word) expecting a fault
 * with this vector; returns EAX.  The call is the bracketed instruction:
 * fault_insn is the call, fault_fixup its return address, so a fault the
 * ROM injects "at the call" has EIP fault_fixup.
 */
uint32_t vmi_call_expecting(uint32_t vector, unsigned int nr, uint32_t eax,
			    uint32_t edx, uint32_t ecx, uint32_t arg4);

/*
 * check() that #GP(0) arrived at the call's return address with a
 * same-privilege frame (CS is the kernel's), as bad input to a VMI call
 * is answered.
 */
int check_gp_at_call(struct test *t, const char *what);

#endif /* VMITEST_FAULT_H */
