// SPDX-License-Identifier: GPL-2.0
/*
 * test_perf_irq.c - perf.* figures for the interrupt paths a benchmark
 * reads, printed as notes (`vmitest: perf <what>: ...`): the interrupt-flag
 * calls and VMI IRET, in instructions per call as the guest pays them
 * (call and ret included), and a timer interrupt from the alarm's expiry
 * to the handler and back.  Under QEMU's `-icount shift=0` RDTSC counts
 * instructions (Xen's included), so the figures are exact.
 *
 * The interrupt-flag figures subtract the same loop calling a bare `ret`;
 * the timer figure subtracts the cost of the loop the interrupts break
 * into, measured first without them.  Each case also checks the state the
 * calls left (the mask, the frame's return, the ticks arrived), so it fails
 * if the calls do nothing.
 */
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "pic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"
#include "vmi.h"
#include "vmi_cpu.h"

#define FLAG_ROUNDS	2000
#define IRET_ROUNDS	2000
#define TIMER_HZ	2000		/* ticks while the loop runs */
#define TIMER_TICKS	400

/* A call that does nothing: the loop's own cost. */
asm(".pushsection .text\n"
    ".globl perf_ret_stub\n"
    "perf_ret_stub:\n\tret\n"
    ".popsection");
extern char perf_ret_stub[];

/* TSC ticks for n calls of fn with EAX = eax (EAX kept for the next call). */
static uint64_t calls(uintptr_t fn, uint32_t eax, uint32_t n)
{
	uint64_t a, b;
	uint32_t i, v;

	a = vmi_rdtsc();
	for (i = 0; i < n; i++) {
		v = eax;
		asm volatile("call *%[fn]" : "+a" (v) : [fn] "r" (fn)
			     : "cc", "memory");
	}
	b = vmi_rdtsc();
	return b - a;
}

/* Instructions per call of slot nr, the call and ret included. */
static uint32_t per_call(unsigned int nr, uint32_t eax, uint64_t base)
{
	uint64_t t = calls(vmi_slot(nr), eax, FLAG_ROUNDS);

	return (uint32_t)udiv64(t - base, FLAG_ROUNDS, 0) + 2;
}

TEST_CASE(perf, interrupt_flag)
{
	uint64_t base;
	uint32_t dis_masked, en_open, en_masked_pair, get, set_on;

	if (!NEED(t, VMI_CALL_EnableInterrupts, VMI_CALL_DisableInterrupts,
		  VMI_CALL_GetInterruptMask, VMI_CALL_SetInterruptMask))
		return;
	vmi_disable_interrupts();
	base = calls((uintptr_t)perf_ret_stub, 0, FLAG_ROUNDS);
	dis_masked = per_call(VMI_CALL_DisableInterrupts, 0, base);
	get = per_call(VMI_CALL_GetInterruptMask, 0, base);
	check(t, vmi_get_interrupt_mask() == 0, "still masked after Disable");
	/* Enabled with nothing pending (no source is armed in this case). */
	vmi_enable_interrupts();
	en_open = per_call(VMI_CALL_EnableInterrupts, 0, base);
	set_on = per_call(VMI_CALL_SetInterruptMask, VMI_IF_MASK, base);
	check(t, vmi_get_interrupt_mask() == VMI_IF_MASK,
	      "interrupts not enabled after EnableInterrupts");
	/* Disable then enable: the masked-to-unmasked path of Enable. */
	{
		uint64_t a, b;
		uintptr_t dis = vmi_slot(VMI_CALL_DisableInterrupts);
		uintptr_t en = vmi_slot(VMI_CALL_EnableInterrupts);
		uint32_t i;

		a = vmi_rdtsc();
		for (i = 0; i < FLAG_ROUNDS; i++)
			asm volatile("call *%[d]\n\tcall *%[e]"
				     : : [d] "r" (dis), [e] "r" (en)
				     : "cc", "memory");
		b = vmi_rdtsc();
		en_masked_pair = (uint32_t)udiv64(b - a - base, FLAG_ROUNDS, 0) + 4;
	}
	vmi_disable_interrupts();
	kprintf("vmitest: perf interrupt_flag: DisableInterrupts %u instructions, EnableInterrupts %u (already enabled, nothing pending), Disable+Enable %u, GetInterruptMask %u, SetInterruptMask(0x200) %u; the direct Xen way: 1, 3, 4, 1, 3 (mask store; store, pending test)\n",
		dis_masked, en_open, en_masked_pair, get, set_on);
}

/*
 * VMI IRET of a ring-1 frame with IF set, against a native iret of the
 * same frame (allowed in ring 1): the pushes are the same in both loops.
 */
TEST_CASE(perf, iret)
{
	uint64_t a, b, c;
	uint32_t i, extra, flags_off = 0;

	if (!NEED(t, VMI_CALL_IRET, VMI_CALL_EnableInterrupts))
		return;
	vmi_enable_interrupts();
	a = vmi_rdtsc();
	for (i = 0; i < IRET_ROUNDS; i++)
		asm volatile("pushfl\n\t"
			     "orl $0x200, (%%esp)\n\t"
			     "pushl %%cs\n\t"
			     "pushl $1f\n\t"
			     "call *%[fn]\n"
			     "1:"
			     : : [fn] "r" (vmi_iret_fn) : "cc", "memory");
	b = vmi_rdtsc();
	for (i = 0; i < IRET_ROUNDS; i++)
		asm volatile("pushfl\n\t"
			     "orl $0x200, (%%esp)\n\t"
			     "pushl %%cs\n\t"
			     "pushl $1f\n\t"
			     "iret\n"
			     "1:"
			     : : : "cc", "memory");
	c = vmi_rdtsc();
	if (vmi_get_interrupt_mask() != VMI_IF_MASK)
		flags_off = 1;
	vmi_disable_interrupts();
	extra = (uint32_t)udiv64((b - a) - (c - b), IRET_ROUNDS, 0);
	kprintf("vmitest: perf iret: VMI IRET of an IF=1 ring-1 frame costs %u instructions more than a native iret (the call included); XenoLinux's fast path: 3 more (unmask, pending test, branch)\n",
		extra);
	check(t, !flags_off, "interrupts disabled after the IRET rounds");
}

static volatile uint32_t perf_ticks;

static void perf_tick(struct trap_frame *f)
{
	(void)f;
	perf_ticks++;
	pic_eoi(IRQ_TIMER);
}

/* Iterations of the loop the ticks break into until REAL reaches end. */
static uint32_t loop_until(uint64_t end, uint32_t max)
{
	uint32_t n = 0;

	while (n < max) {
		n++;
		if (!(n & 255) && real_now() >= end)
			break;
	}
	return n;
}

/*
 * A periodic REAL alarm on IRQ0 while a loop runs: every instruction the
 * loop did not execute went to the ticks, from Xen's timer to the upcall,
 * the guest's handler (a count and the PIC's EOI) and back through VMI
 * IRET, the shim re-arming Xen's timer included.
 */
TEST_CASE(perf, timer_interrupt)
{
	uint64_t period, a, b, loop_cost_x256, work;
	uint32_t n0, n1, ticks;

	if (!irq_begin(t))
		goto out;
	if (!clock_ready(t) || !NEED(t, VMI_CALL_SetAlarm,
				     VMI_CALL_CancelAlarm))
		goto out;
	period = udiv64(cycle_hz, TIMER_HZ, 0);
	/* The loop alone: 1 << 20 iterations. */
	a = vmi_rdtsc();
	n0 = loop_until(~0ull, 1u << 20);
	b = vmi_rdtsc();
	loop_cost_x256 = udiv64((b - a) << 8, n0, 0);
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, perf_tick);
	perf_ticks = 0;
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_REAL, real_now() + period, period);
	pic_unmask(IRQ_TIMER);
	vmi_enable_interrupts();
	a = vmi_rdtsc();
	n1 = loop_until(real_now() + period * TIMER_TICKS, ~0u);
	b = vmi_rdtsc();
	vmi_disable_interrupts();
	ticks = perf_ticks;
	vmi_cancel_alarm(VMI_CYCLES_REAL);
	/* The figure is per tick, so a few suffice (a loaded host drops some). */
	if (!check(t, ticks >= TIMER_TICKS / 20,
		   "%u ticks of the %u Hz alarm while the loop ran", ticks,
		   TIMER_HZ))
		goto out;
	work = (b - a) - (((uint64_t)n1 * loop_cost_x256) >> 8);
	kprintf("vmitest: perf timer_interrupt: %u instructions per delivered timer interrupt (Xen's timer to the guest's handler and back through VMI IRET, the alarm re-armed), %u ticks\n",
		(uint32_t)udiv64(work, ticks, 0), ticks);
out:
	irq_teardown();
}
