/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trap.h - the exception/syscall frame and the C side of trap handling.
 *
 * Every stub in trap_entry.S pushes the CPU's frame into one layout: the
 * error code (0 where the CPU pushes none), the vector, pushal and the
 * data segment registers, then calls trap_dispatch(frame).  Returning
 * from trap_dispatch restores all of it from the frame (so a handler may
 * edit EIP, EAX, ...) and leaves through VMI IRET.
 *
 * Gates: vectors 0-19 are interrupt gates (handlers run with interrupts
 * masked, so nothing can change CR2 or the FPU owner under them), DPL 0
 * except #BP and #OF (DPL 3, raised by int3/into in ring 3).  0x80 is the
 * system call: a trap gate with DPL 3.  0x81 is a DPL 0 trap gate that
 * ring 3 must not reach.  The external interrupt vectors (irq.h) are
 * interrupt gates, DPL 0, dispatched to irq_dispatch.
 */
#ifndef VMITEST_TRAP_H
#define VMITEST_TRAP_H

#include <stdint.h>

#define VEC_DE		0
#define VEC_DB		1
#define VEC_NMI		2
#define VEC_BP		3
#define VEC_OF		4
#define VEC_BR		5
#define VEC_UD		6
#define VEC_NM		7
#define VEC_DF		8
#define VEC_TS		10
#define VEC_NP		11
#define VEC_SS		12
#define VEC_GP		13
#define VEC_PF		14
#define VEC_MF		16
#define VEC_AC		17
#define VEC_MC		18
#define VEC_XM		19
#define NR_EXCEPTIONS	20
#define VEC_SYSCALL	0x80
#define VEC_KERNEL_ONLY	0x81

/* #PF error code bits. */
#define PF_P		0x1
#define PF_W		0x2
#define PF_U		0x4
#define PF_RSVD		0x8

struct trap_frame {
	uint32_t gs, fs, es, ds;		/* only the low 16 bits count */
	uint32_t edi, esi, ebp, kernel_esp, ebx, edx, ecx, eax;
	uint32_t vector, error_code;
	uint32_t eip, cs, eflags;		/* CS: only the low 16 bits */
	uint32_t esp, ss;			/* only when entered from ring 3 */
} __attribute__((packed));

static inline int frame_from_user(const struct trap_frame *f)
{
	return (f->cs & 3) == 3;
}

/* A handler for one vector; returns 1 if it handled the trap. */
typedef int (*trap_hook_fn)(struct trap_frame *f);

#define TRAP_NR_VECTORS	256

/*
 * Install (or with 0 remove) the hook for a vector: an exception, or a
 * software interrupt such as 0x81 from ring 0.  The interrupt vectors
 * (irq.h) have their own hooks.
 */
void trap_set_hook(unsigned int vector, trap_hook_fn fn);

/* Remove all hooks. */
void trap_clear_hooks(void);

/* Called by trap_entry.S for every trap. */
void trap_dispatch(struct trap_frame *f);

/* The system call handler (user.c). */
void syscall_dispatch(struct trap_frame *f);

/* Stub addresses: vectors 0..NR_EXCEPTIONS-1, then 0x80 and 0x81. */
extern const uint32_t trap_stubs[NR_EXCEPTIONS];
extern const char trap_stub_syscall[], trap_stub_kernel_only[];

/* Name of an exception vector ("#GP"), or "vector". */
const char *trap_name(uint32_t vector);

#endif /* VMITEST_TRAP_H */
