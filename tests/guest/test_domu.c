// SPDX-License-Identifier: GPL-2.0
/*
 * test_domu.c - domu.* cases: what a guest sees of sharing a machine and
 * of a user at its console, as an xl domU has them (docs/domu.md).  They
 * run everywhere and check what holds everywhere; the xl rig's command
 * line makes them check more where it arranged it: a CPU burner beside
 * the guest (stolen=min:N), a line typed into `xl console` (input=expect).
 *
 * Never: wait for input without input=expect (nobody would type it); halt
 * while measuring stolen time (a halted vCPU is blocked, not runnable, so
 * nothing would be stolen from it).
 */
#include "apic.h"
#include "cmdline.h"
#include "irq.h"
#include "kmath.h"
#include "kstring.h"
#include "pic.h"
#include "test.h"
#include "timer.h"
#include "trap.h"
#include "uart.h"
#include "vmi.h"

/* ---- stolen time ------------------------------------------------------- */

#define STOLEN_WAIT_US		500000	/* AVAILABLE the alarm is set ahead */
#define STOLEN_MAX_US		20000000	/* REAL allowed for it to fire */
/*
 * How far the alarm may fire past its AVAILABLE expiry, and REAL past
 * REAL at arming + the wait + what was stolen meanwhile: the delivery
 * of one interrupt (Xen's timer slop, the upcall) and the reads around
 * it, well under a 1000 Hz tick.
 */
#define STOLEN_TOL_US		1000
/* Early only by the hardware clock's rounding (as test_alarm.c's one-shots). */
#define STOLEN_EARLY_US		20

static struct {
	volatile uint32_t n;
	uint64_t real, stolen, avail;	/* the counters in the handler */
} fired;

static void stolen_lvtt(struct trap_frame *f)
{
	(void)f;
	if (!fired.n++) {
		fired.avail = avail_now();
		fired.stolen = stolen_now();
		fired.real = real_now();
	}
	apic_eoi();
}

static uint64_t diff_us(uint64_t a, uint64_t b)
{
	return cycles_to_us(a > b ? a - b : b - a);
}

/*
 * Part 5 of the domU work: over a wait, STOLEN grows (by at least the
 * share stolen=min:N names), AVAILABLE grows by REAL's growth less
 * STOLEN's, a one-shot AVAILABLE alarm set STOLEN_WAIT_US ahead fires
 * late in REAL by exactly the time stolen meanwhile (within
 * STOLEN_TOL_US), and every round of reads keeps REAL between
 * AVAILABLE + STOLEN before and after it.  The guest spins with
 * interrupts enabled, a runnable vCPU competing for the CPU.  The alarm
 * is wired to the LVTT, where VMI Linux runs its tick (a native ROM's
 * PIT one-shot reaches only 55 ms).
 */
TEST_CASE(domu, stolen)
{
	uint64_t a0, s0, r0, target, deadline, a1, s1, r, s2, a2;
	uint64_t real_d, stolen_d, avail_d, late;
	uint32_t rounds = 0, bad = 0, pct;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_lvtt(t, stolen_lvtt))
		goto out;
	fired.n = 0;
	a0 = avail_now();
	s0 = stolen_now();
	r0 = real_now();
	target = a0 + us_to_cycles(STOLEN_WAIT_US);
	deadline = r0 + us_to_cycles(STOLEN_MAX_US);
	vmi_set_alarm(VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_AVAILABLE, target, 0);
	vmi_enable_interrupts();
	do {
		a1 = avail_now();
		s1 = stolen_now();
		r = real_now();
		s2 = stolen_now();
		a2 = avail_now();
		rounds++;
		if ((r < a1 + s1 || r > a2 + s2 || a2 < a1 || s2 < s1) &&
		    !bad++)
			fail(t, "round %u: AVAILABLE 0x%llx, STOLEN 0x%llx, REAL 0x%llx, STOLEN 0x%llx, AVAILABLE 0x%llx: REAL outside [A1 + S1, A2 + S2]",
			     rounds, a1, s1, r, s2, a2);
	} while (!fired.n && r < deadline);
	spin_us(QUIET_US);
	vmi_disable_interrupts();

	if (!check(t, fired.n == 1, "the AVAILABLE one-shot fired %u times in %u ms of REAL, expected once",
		   fired.n, (uint32_t)cycles_to_us(r - r0) / 1000))
		goto out;
	check(t, bad == 0, "%u of %u rounds of reads inconsistent", bad, rounds);
	real_d = fired.real - r0;
	stolen_d = fired.stolen - s0;
	avail_d = fired.avail - a0;
	check(t, fired.avail + us_to_cycles(STOLEN_EARLY_US) >= target &&
		 fired.avail <= target + us_to_cycles(STOLEN_TOL_US),
	      "the AVAILABLE one-shot fired at AVAILABLE %s%u us of its expiry (allowed: %u us late)",
	      fired.avail < target ? "-" : "+",
	      (uint32_t)diff_us(fired.avail, target), STOLEN_TOL_US);
	check(t, diff_us(avail_d, real_d - stolen_d) <= STOLEN_TOL_US,
	      "AVAILABLE grew %u us, REAL %u us less STOLEN's %u us: %u us apart",
	      (uint32_t)cycles_to_us(avail_d), (uint32_t)cycles_to_us(real_d),
	      (uint32_t)cycles_to_us(stolen_d),
	      (uint32_t)diff_us(avail_d, real_d - stolen_d));
	late = real_d > us_to_cycles(STOLEN_WAIT_US) ?
	       real_d - us_to_cycles(STOLEN_WAIT_US) : 0;
	check(t, diff_us(late, stolen_d) <= STOLEN_TOL_US,
	      "the alarm fired %u us late in REAL, %u us were stolen meanwhile (allowed: %u us apart)",
	      (uint32_t)cycles_to_us(late), (uint32_t)cycles_to_us(stolen_d),
	      STOLEN_TOL_US);
	pct = (uint32_t)udiv64(stolen_d * 100, real_d ? real_d : 1, 0);
	check(t, pct >= (uint32_t)guest_opts.stolen_min_pct,
	      "%u us of %u us of REAL stolen (%u %%), stolen=min:%d asked for more",
	      (uint32_t)cycles_to_us(stolen_d), (uint32_t)cycles_to_us(real_d),
	      pct, guest_opts.stolen_min_pct);
	note(t, "vmitest: domu.stolen: %u us of %u us of REAL stolen (%u %%, at least %d %% asked), the AVAILABLE alarm %u us late in REAL",
	     (uint32_t)cycles_to_us(stolen_d), (uint32_t)cycles_to_us(real_d),
	     pct, guest_opts.stolen_min_pct, (uint32_t)cycles_to_us(late));
out:
	irq_teardown();
}

/* ---- console input ------------------------------------------------------ */

/* What the xl rig types into `xl console`, a CR after it (tests/rig/domu.py). */
#define INPUT_TEXT		"vmi-input-test"
#define INPUT_MAX		64
#define INPUT_WAIT_US		60000000	/* for the rig to type it */
#define INPUT_QUIET_US		100000		/* without input=expect */
#define LSR_OE			0x02

static struct {
	char buf[INPUT_MAX];
	volatile uint32_t len;
	volatile uint32_t irqs, overruns;
	volatile int line_done;		/* the CR arrived */
} rx;

/* IRQ4: everything the receiver holds, then the EOI. */
static void console_rx_irq(struct trap_frame *f)
{
	uint8_t lsr, c;

	(void)f;
	rx.irqs++;
	vmi_inb(UART_IIR);
	while ((lsr = vmi_inb(UART_LSR)) & LSR_DR) {
		if (lsr & LSR_OE)
			rx.overruns++;
		c = vmi_inb(UART_RBR);
		if (c == '\r' || c == '\n')
			rx.line_done = 1;
		else if (rx.len < INPUT_MAX - 1)
			rx.buf[rx.len++] = (char)c;
	}
	pic_eoi(IRQ_COM1);
}

/*
 * COM1 as a console driver uses it: FIFOs off (one byte, one interrupt),
 * OUT2 and the receive interrupt enabled, IRQ4 on the PIC.  With
 * input=expect the guest prints a marker line, which the xl rig waits for
 * before it types INPUT_TEXT and a CR into `xl console`, and waits for
 * that line: it must arrive whole, through the receive interrupt, with no
 * overrun.  Without input=expect nothing may arrive in INPUT_QUIET_US.
 */
TEST_CASE(domu, console_input)
{
	uint64_t end;
	unsigned int i;

	if (!irq_begin(t) || !clock_ready(t))
		goto out;
	memset(&rx, 0, sizeof(rx));
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_COM1, console_rx_irq);
	if (guest_opts.input_expect)
		kprintf("vmitest: domu.console_input: waiting for a line on COM1\n");
	uart_wait_idle();
	vmi_outb(0, UART_FCR);
	for (i = 0; i < UART_DRAIN_MAX && (vmi_inb(UART_LSR) & LSR_DR); i++)
		vmi_inb(UART_RBR);
	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);
	vmi_outb(IER_RDA, UART_IER);
	pic_unmask(IRQ_COM1);
	vmi_enable_interrupts();
	if (guest_opts.input_expect) {
		end = real_now() + us_to_cycles(INPUT_WAIT_US);
		while (!rx.line_done && real_now() < end)
			;
	} else {
		spin_us(INPUT_QUIET_US);
	}
	vmi_disable_interrupts();
	vmi_outb(0, UART_IER);
	vmi_outb(FCR_ENABLE_CLEAR_14, UART_FCR);
	rx.buf[rx.len] = 0;

	if (!guest_opts.input_expect) {
		check(t, rx.len == 0 && rx.irqs == 0,
		      "no input expected, %u interrupts brought %u bytes (\"%s\")",
		      rx.irqs, rx.len, rx.buf);
		goto out;
	}
	if (!check(t, rx.line_done, "no line within %u s: %u interrupts, %u bytes (\"%s\")",
		   INPUT_WAIT_US / USEC_PER_SEC, rx.irqs, rx.len, rx.buf))
		goto out;
	check(t, rx.len == sizeof(INPUT_TEXT) - 1 &&
		 strncmp(rx.buf, INPUT_TEXT, rx.len) == 0, "read \"%s\", expected \"%s\"",
	      rx.buf, INPUT_TEXT);
	check(t, rx.irqs >= 1 && rx.overruns == 0,
	      "%u receive interrupts, %u overruns", rx.irqs, rx.overruns);
	check(t, irq_count[PIC_MASTER_BASE + IRQ_COM1] == rx.irqs,
	      "%u interrupts on 0x%x, the handler saw %u",
	      irq_count[PIC_MASTER_BASE + IRQ_COM1], PIC_MASTER_BASE + IRQ_COM1,
	      rx.irqs);
	note(t, "vmitest: domu.console_input: \"%s\" in %u receive interrupts",
	     rx.buf, rx.irqs);
out:
	irq_teardown();
}
