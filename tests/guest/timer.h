/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timer.h - time in the test guest through the VMI timer calls: the
 * cycle rate, the counters, spinning on REAL, and the periodic tick the
 * VMI Linux kernel runs (../shared/notes/how-vmi-linux-uses-vmi.md,
 * Time): a periodic AVAILABLE alarm wired to IRQ0 first, later moved to
 * the local APIC's LVTT, its handler advancing jiffies from REAL and the
 * scheduler clock from AVAILABLE.
 *
 * Never: print from the tick handler; never leave an alarm armed when a
 * case ends (irq_teardown cancels both).
 */
#ifndef VMITEST_TIMER_H
#define VMITEST_TIMER_H

#include <stdint.h>
#include "vmi.h"

struct test;
struct trap_frame;

#define USEC_PER_SEC		1000000u

/* GetCycleFrequency, once clock_ready() succeeded. */
extern uint64_t cycle_hz;

/*
 * NEED(GetCycleFrequency, GetCycleCounter) and a rate that is not 0 (0
 * means "no VMI timer"); sets cycle_hz.  1 if the case can go on.
 */
int clock_ready(struct test *t);

static inline uint64_t real_now(void)
{
	return vmi_get_cycle_counter(VMI_CYCLES_REAL);
}

static inline uint64_t avail_now(void)
{
	return vmi_get_cycle_counter(VMI_CYCLES_AVAILABLE);
}

static inline uint64_t stolen_now(void)
{
	return vmi_get_cycle_counter(VMI_CYCLES_STOLEN);
}

uint64_t us_to_cycles(uint64_t us);

/*
 * A reading and REAL at the same moment: read() between two REAL reads
 * (the middle kept), again if a stall widened them; returns the reading.
 */
uint64_t sample_with_real(uint64_t (*read)(void), uint64_t *at);
uint64_t cycles_to_us(uint64_t cycles);

/* Spin, interrupts as they are, until REAL reaches deadline. */
void spin_until(uint64_t deadline);
void spin_us(uint64_t us);

/* Spin until *v >= want or us of REAL passed; 1 if it got there. */
int wait_for(const volatile uint32_t *v, uint32_t want, uint64_t us);

/*
 * The idle loop of a kernel with a running tick, until REAL reaches
 * deadline, interrupts enabled (the caller's job): Halt while the tick
 * keeps coming (one within the last TICK_ALIVE_PERIODS periods), spin
 * otherwise, so that a tick that stops cannot leave the guest halted for
 * good.  Halting rather than spinning leaves an emulator's timer thread
 * the CPU, which keeps its delivery latency down.
 */
#define TICK_ALIVE_PERIODS	4
void idle_until(uint64_t deadline);

/* ---- the VMI Linux kernel's tick -------------------------------------- */

/*
 * Ticks are checked against the alarm's grid E(k) = e0 + k * period (k
 * counted from the alarm's arming): tick k arriving before E(k) -
 * period / 2 means the alarm fired more than once in some interval.
 * Late ticks (an emulator's or hypervisor's delivery latency) and lost
 * ones (skipped expiries) only make later ticks look late, so the check
 * holds under timing jitter; two ticks merely close together do not fail
 * it (a late tick is often followed by an on-time one).
 */
#define TICK_GAPS_MAX		4096

enum tick_wire {
	TICK_IRQ0,
	TICK_LVTT,
};

struct tick_state {
	uint64_t period;		/* cycles per tick */
	enum tick_wire wire;		/* where the ticks come from now */
	volatile uint32_t ticks;
	uint64_t first, last;		/* REAL at the first, last tick */
	uint64_t min_gap;		/* REAL between two ticks, smallest */
	uint32_t gaps[TICK_GAPS_MAX];	/* REAL between ticks, saturated */
	volatile uint32_t n_gaps;
	uint64_t e0;			/* REAL of the grid's first expiry */
	uint32_t k0;			/* ticks before the grid started */
	volatile uint32_t early;	/* ticks before E(k) - period / 2 */
	uint64_t early_by;		/* how early the worst one was */
	/* Linux's accounting at each tick. */
	uint64_t jiffy_real;		/* REAL of the last jiffy boundary */
	volatile uint32_t jiffies;
	uint64_t sched_clock;		/* AVAILABLE at the last tick */
	uint64_t sched_base;		/* AVAILABLE when jiffies were 0 */
	uint64_t stolen_base;		/* ... and STOLEN */
	/* WallclockUpdated polled at each tick when poll_wallclock is set. */
	int poll_wallclock;
	volatile uint32_t wc_polls, wc_true, wc_bad;
	uint32_t wc_bad_value;
};

extern struct tick_state tick;

/* Forget every tick; the next ones are period cycles apart. */
void tick_reset(uint64_t period);

/* The next tick is k = 0 of a grid whose E(0) is REAL e0. */
void tick_grid(uint64_t e0);

/* What each tick does (Linux's timer interrupt), without the EOI. */
void tick_account(void);

/*
 * The handlers: IRQ0's EOIs the PIC after, the LVTT's the APIC first;
 * each accounts a tick only while tick.wire is its own (a tick still in
 * flight from IRQ0 after the move is counted by irq_count only).
 */
void tick_irq0(struct trap_frame *f);
void tick_lvtt(struct trap_frame *f);

/*
 * VMI Linux's timer start, interrupts left disabled: GetCycleFrequency
 * (0: no VMI timer), the PIT silenced (0x3a to 0x43), the PICs
 * initialised (bases 0x20/0x28), tick_irq0 on vector 0x20, then
 * SetAlarm(WIRED_IRQ0 | IS_PERIODIC | AVAILABLE, available now + a
 * tick, a tick) and IRQ0 unmasked.  1 if it got that far.
 */
int timer_start_irq0(struct test *t, uint32_t hz);

/*
 * The move to the local APIC: SVR enabled, tick_lvtt on 0xEF,
 * APICWrite(LVTT, 0xEF), CancelAlarm(AVAILABLE), then the same periodic
 * AVAILABLE alarm wired to the LVTT.  The tick count and grid restart
 * there (jiffies and the scheduler clock go on).
 */
int timer_move_to_lvtt(struct test *t);

/*
 * The end of a run of ticks, interrupts enabled: idle until REAL reaches
 * deadline, then wait (DELIVERY_US at most) for a tick after it, which
 * shows the source still runs however an emulator stalled meanwhile.
 * Returns REAL then.
 */
uint64_t tick_run_until(uint64_t deadline);

/*
 * check() the ticks of a periodic source started at REAL from, run until
 * deadline and stopped at REAL to (tick_run_until) against its period
 * and grid (the tolerances are explained at the definition in timer.c).
 */
void check_tick_count(struct test *t, const char *what, uint64_t from,
		      uint64_t deadline, uint64_t to);

/*
 * How long a case waits for an interrupt that is due before calling it
 * lost: an emulator on a busy host (bare QEMU TCG next to other boots,
 * Xen under TCG) can hold one back for hundreds of milliseconds.  The
 * waits end as soon as the interrupt arrives, so the bound costs nothing
 * when all is well.  That nothing more arrives is checked over QUIET_US
 * after it.
 */
#define DELIVERY_US		2000000
#define QUIET_US		20000

/* ---- one-shot alarms in the cases --------------------------------------- */

/* What a one-shot alarm's handler saw: how often, and REAL the first time. */
#define SHOT_TIMES		4

struct shot_state {
	volatile uint32_t n;
	uint64_t at;			/* = times[0] */
	uint64_t times[SHOT_TIMES];	/* REAL of the first firings */
};

extern struct shot_state shot;

void shot_reset(void);

/*
 * Interrupts enabled: wait for a one-shot recorded in shot and due at
 * REAL expiry to have fired (DELIVERY_US past the expiry at most), then
 * QUIET_US more, in which a second firing would show.
 */
void wait_oneshot(uint64_t expiry);

/* Handlers recording into shot: on IRQ0 (PIC EOI), on the LVTT (APIC EOI). */
void shot_irq0(struct trap_frame *f);
void shot_lvtt(struct trap_frame *f);

/*
 * An alarm case wired to IRQ0, interrupts left disabled: clock_ready,
 * NEED(SetAlarm, CancelAlarm), the PIT silenced, the PICs initialised
 * (bases 0x20/0x28), hook on vector 0x20, IRQ0 unmasked.  1 if ready.
 */
int alarm_begin_irq0(struct test *t, void (*hook)(struct trap_frame *f));

/*
 * The same for the LVTT: clock_ready, NEED(SetAlarm, CancelAlarm),
 * apic_ready, the APIC enabled (SVR 0x1FF), hook on 0xEF, APICWrite(LVTT,
 * 0xEF) (unmasked; one-shot mode bits: the alarm drives it).
 */
int alarm_begin_lvtt(struct test *t, void (*hook)(struct trap_frame *f));

#endif /* VMITEST_TIMER_H */
