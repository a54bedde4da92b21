// SPDX-License-Identifier: GPL-2.0
/*
 * idt.c - the IDT page and its gates (see trap.h for the choice of
 * interrupt and trap gates), written only through WriteIDTEntry.
 */
#include "cpu.h"
#include "desc.h"
#include "irq.h"
#include "trap.h"
#include "vmi_cpu.h"

uint64_t idt[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));

static void idt_write(unsigned int vector, uintptr_t handler, uint8_t type,
		      unsigned int dpl)
{
	struct desc_words d = desc_gate(kernel_cs(), handler, type, dpl);

	vmi_write_idt_entry(idt, vector, d.lo, d.hi);
}

/* Before SetIDT: the exceptions; #BP and #OF may be raised by ring 3. */
void idt_fill_early(void)
{
	unsigned int v;

	for (v = 0; v < NR_EXCEPTIONS; v++)
		idt_write(v, trap_stubs[v], GATE_INTR32,
			  v == VEC_BP || v == VEC_OF ? 3 : 0);
}

/*
 * After SetIDT: the system call gate, the kernel-only gate and the
 * external interrupts (interrupt gates: a handler runs with IF clear).
 */
void idt_fill_late(void)
{
	unsigned int i;

	idt_write(VEC_SYSCALL, (uintptr_t)trap_stub_syscall, GATE_TRAP32, 3);
	idt_write(VEC_KERNEL_ONLY, (uintptr_t)trap_stub_kernel_only,
		  GATE_TRAP32, 0);
	for (i = 0; i < IRQ_NR_STUBS; i++)
		idt_write(irq_stub_vectors[i], irq_stubs[i], GATE_INTR32, 0);
}
