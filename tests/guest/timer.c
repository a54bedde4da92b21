// SPDX-License-Identifier: GPL-2.0
/*
 * timer.c - the guest's clock helpers and the VMI Linux kernel's timer
 * (see timer.h).
 *
 * Never: print or spin in the tick handler.
 */
#include "apic.h"
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "pic.h"
#include "pit.h"
#include "rom.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

uint64_t cycle_hz;
struct tick_state tick;
struct shot_state shot;

int clock_ready(struct test *t)
{
	if (!NEED(t, VMI_CALL_GetCycleFrequency, VMI_CALL_GetCycleCounter))
		return 0;
	cycle_hz = vmi_get_cycle_frequency();
	return check(t, cycle_hz != 0, "GetCycleFrequency is 0: no VMI timer");
}

#define SAMPLE_BRACKET_US	20
#define SAMPLE_TRIES		10

uint64_t sample_with_real(uint64_t (*read)(void), uint64_t *at)
{
	uint64_t a, b, v;
	unsigned int i;

	for (i = 0; i < SAMPLE_TRIES; i++) {
		a = real_now();
		v = read();
		b = real_now();
		if (b - a < us_to_cycles(SAMPLE_BRACKET_US))
			break;
	}
	*at = a + (b - a) / 2;
	return v;
}

uint64_t us_to_cycles(uint64_t us)
{
	return mul_div64(us, cycle_hz, USEC_PER_SEC);
}

uint64_t cycles_to_us(uint64_t cycles)
{
	return mul_div64(cycles, USEC_PER_SEC, cycle_hz);
}

void spin_until(uint64_t deadline)
{
	while (real_now() < deadline)
		;
}

void spin_us(uint64_t us)
{
	spin_until(real_now() + us_to_cycles(us));
}

int wait_for(const volatile uint32_t *v, uint32_t want, uint64_t us)
{
	uint64_t end = real_now() + us_to_cycles(us);

	while (*v < want)
		if (real_now() >= end)
			return *v >= want;
	return 1;
}

void idle_until(uint64_t deadline)
{
	uint64_t now;

	while ((now = real_now()) < deadline) {
		if (tick.ticks && rom_call_implemented(VMI_CALL_Halt) &&
		    now - tick.last < TICK_ALIVE_PERIODS * tick.period &&
		    deadline - now > tick.period)
			vmi_halt();
	}
}

/* The tick count and its grid, from E(0) = e0. */
static void tick_restart(uint64_t e0)
{
	tick.ticks = 0;
	tick.first = 0;
	tick.last = 0;
	tick.min_gap = ~0ull;
	tick.n_gaps = 0;
	tick.early = 0;
	tick.early_by = 0;
	tick_grid(e0);
}

void tick_reset(uint64_t period)
{
	tick.period = period;
	tick.wire = TICK_IRQ0;
	tick_restart(0);
	tick.jiffy_real = 0;
	tick.jiffies = 0;
	tick.sched_clock = 0;
	tick.poll_wallclock = 0;
	tick.wc_polls = 0;
	tick.wc_true = 0;
	tick.wc_bad = 0;
	tick.wc_bad_value = 0;
}

void tick_grid(uint64_t e0)
{
	tick.e0 = e0;
	tick.k0 = tick.ticks;
}

void tick_account(void)
{
	uint64_t now = real_now(), avail = avail_now(), due, gap;
	uint32_t r;

	if (tick.ticks) {
		gap = now - tick.last;
		if (gap < tick.min_gap)
			tick.min_gap = gap;
		if (tick.n_gaps < TICK_GAPS_MAX)
			tick.gaps[tick.n_gaps++] = gap > UINT32_MAX ?
						   UINT32_MAX : (uint32_t)gap;
	} else {
		tick.first = now;
	}
	due = tick.e0 + (uint64_t)(tick.ticks - tick.k0) * tick.period;
	if (now + tick.period / 2 < due) {
		tick.early++;
		if (due - now > tick.early_by)
			tick.early_by = due - now;
	}
	tick.last = now;
	tick.ticks++;
	/* Linux: jiffies advance from REAL, catching up one at a time. */
	while (now - tick.jiffy_real >= tick.period) {
		tick.jiffy_real += tick.period;
		tick.jiffies++;
	}
	tick.sched_clock = avail;
	if (tick.poll_wallclock) {
		r = vmi_wallclock_updated();
		tick.wc_polls++;
		if (r == 1)
			tick.wc_true++;
		else if (r != 0) {
			tick.wc_bad++;
			tick.wc_bad_value = r;
		}
	}
}

void tick_irq0(struct trap_frame *f)
{
	(void)f;
	if (tick.wire == TICK_IRQ0)
		tick_account();
	pic_eoi(IRQ_TIMER);
}

void tick_lvtt(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
	if (tick.wire == TICK_LVTT)
		tick_account();
}

int timer_start_irq0(struct test *t, uint32_t hz)
{
	uint64_t period;

	if (!clock_ready(t) ||
	    !NEED(t, VMI_CALL_SetAlarm, VMI_CALL_CancelAlarm))
		return 0;
	period = udiv64(cycle_hz, hz, 0);
	tick_reset(period);
	vmi_outb(PIT_SILENCE_CH0, PIT_MODE);
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, tick_irq0);
	tick.jiffy_real = real_now();
	tick.sched_base = avail_now();
	tick.stolen_base = stolen_now();
	tick_grid(real_now() + period);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_AVAILABLE, avail_now() + period, period);
	pic_unmask(IRQ_TIMER);
	return 1;
}

int timer_move_to_lvtt(struct test *t)
{
	if (!apic_ready(t))
		return 0;
	apic_enable();
	irq_set_hook(VEC_LOCAL_TIMER, tick_lvtt);
	tick.wire = TICK_LVTT;
	apic_write(APIC_LVTT, VEC_LOCAL_TIMER);
	vmi_cancel_alarm(VMI_CYCLES_AVAILABLE);
	tick_restart(real_now() + tick.period);
	vmi_set_alarm(VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_PERIODIC |
		      VMI_CYCLES_AVAILABLE, avail_now() + tick.period,
		      tick.period);
	return 1;
}

void shot_reset(void)
{
	shot.n = 0;
	shot.at = 0;
}

void wait_oneshot(uint64_t expiry)
{
	spin_until(expiry);
	wait_for(&shot.n, 1, DELIVERY_US);
	spin_us(QUIET_US);
}

static void shot_record(void)
{
	uint64_t now = real_now();

	if (!shot.n)
		shot.at = now;
	if (shot.n < SHOT_TIMES)
		shot.times[shot.n] = now;
	shot.n++;
}

void shot_irq0(struct trap_frame *f)
{
	(void)f;
	shot_record();
	pic_eoi(IRQ_TIMER);
}

void shot_lvtt(struct trap_frame *f)
{
	(void)f;
	apic_eoi();
	shot_record();
}

int alarm_begin_irq0(struct test *t, void (*hook)(struct trap_frame *f))
{
	if (!clock_ready(t) ||
	    !NEED(t, VMI_CALL_SetAlarm, VMI_CALL_CancelAlarm))
		return 0;
	shot_reset();
	vmi_outb(PIT_SILENCE_CH0, PIT_MODE);
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, hook);
	pic_unmask(IRQ_TIMER);
	return 1;
}

int alarm_begin_lvtt(struct test *t, void (*hook)(struct trap_frame *f))
{
	if (!clock_ready(t) ||
	    !NEED(t, VMI_CALL_SetAlarm, VMI_CALL_CancelAlarm) ||
	    !apic_ready(t))
		return 0;
	shot_reset();
	apic_enable();
	irq_set_hook(VEC_LOCAL_TIMER, hook);
	apic_write(APIC_LVTT, VEC_LOCAL_TIMER);
	return 1;
}

/*
 * Ticks counted over a run against a periodic source's expiries.  A
 * periodic alarm (or a PIT, an APIC timer) started at REAL a with period
 * p expires at a + p, a + 2p, ... (natively the hardware restarts at
 * SetAlarm, so e0 = a + p on every ROM), so by REAL b it has expired
 * n = (b - a) / p times.
 *
 *   - At most n + 2 + 1 %, on any platform: 2 ticks for the ends (the
 *     tick due at b may be in flight; the hardware's grid is not REAL's:
 *     a native PIT period is a whole number of its 1.19 MHz ticks, 0.02 %
 *     off at 1 kHz) and 1 % for a timer source whose rate differs from
 *     REAL's by calibration (the native ROM's TSC rate is good to 10^-5).
 *   - No tick before its slot of the grid (struct tick_state): that
 *     would be two ticks in one interval.
 *   - The median of the gaps between ticks within [p/2, 3p/2) within 1 %
 *     of p (+ 20 us, + half their spread: the median absolute deviation,
 *     for an emulator's delivery jitter): the rate, measured so that
 *     lost and replayed ticks do not count.  Losing expiries is
 *     legitimate when delivery is late (a periodic alarm more than a
 *     period late skips what it missed, the spec's rule), and an
 *     emulator sharing a busy host does it (bare QEMU TCG next to other
 *     TCG boots: its timer thread starved, QEMU's PIT replays the missed
 *     transitions at once and the PIC merges them; up to 74 % of a 1 kHz
 *     tick seen lost over 1 s) or delivers the missed expiries in a burst
 *     (QEMU's APIC timer: gaps of 100 us, each tick still after its own
 *     expiry, which the grid check allows).  A lost tick makes a gap of
 *     2p or more, a replayed one a gap near 0, a late one a short gap and
 *     a long one around p; a wrong period moves them all.
 *   - At least 3 ticks, one of them after the run's deadline: the source
 *     did not stop (the count's lower bound is no measure of a source
 *     when an emulator can stall for most of a second).
 */
#define TICKS_SLACK		2
#define TICKS_OVER_PERCENT	1
#define TICKS_MIN		3
#define GAP_TOLERANCE_PERCENT	1
#define GAP_JITTER_US		20

static void sort_u32(uint32_t *v, uint32_t n)
{
	uint32_t i, j, x;

	for (i = 1; i < n; i++) {
		x = v[i];
		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * The median of the gaps within [period/2, 3 period/2), and their median
 * absolute deviation from it; 0 for both if there is none.
 */
static uint32_t period_gaps_median(uint32_t *mad)
{
	static uint32_t g[TICK_GAPS_MAX];
	uint32_t n = 0, i, median;
	uint64_t lo = tick.period / 2, hi = tick.period + tick.period / 2;

	for (i = 0; i < tick.n_gaps; i++)
		if (tick.gaps[i] >= lo && tick.gaps[i] < hi)
			g[n++] = tick.gaps[i];
	*mad = 0;
	if (!n)
		return 0;
	sort_u32(g, n);
	median = g[n / 2];
	for (i = 0; i < n; i++)
		g[i] = g[i] > median ? g[i] - median : median - g[i];
	sort_u32(g, n);
	*mad = g[n / 2];
	return median;
}

uint64_t tick_run_until(uint64_t deadline)
{
	idle_until(deadline);
	if (tick.last < deadline)
		wait_for(&tick.ticks, tick.ticks + 1, DELIVERY_US);
	return real_now();
}

void check_tick_count(struct test *t, const char *what, uint64_t from,
		      uint64_t deadline, uint64_t to)
{
	uint64_t expected = udiv64(to - from, tick.period, 0);
	uint64_t over = TICKS_SLACK +
			udiv64(expected * TICKS_OVER_PERCENT, 100, 0);
	uint64_t tol = udiv64(tick.period * GAP_TOLERANCE_PERCENT, 100, 0) +
		       us_to_cycles(GAP_JITTER_US);
	uint32_t got = tick.ticks, median, mad;

	if (!check(t, got >= TICKS_MIN && got <= expected + over,
		   "%s: %u ticks in %u us of REAL, expected %u (at least %u, at most %u)",
		   what, got, (uint32_t)cycles_to_us(to - from),
		   (uint32_t)expected, TICKS_MIN, (uint32_t)(expected + over)))
		return;
	check(t, tick.last >= deadline,
	      "%s: no tick came in the %u ms after the run's end: the source stopped %u us before it",
	      what, DELIVERY_US / 1000,
	      (uint32_t)cycles_to_us(deadline - tick.last));
	check(t, tick.early == 0,
	      "%s: %u ticks came more than half a period before their expiry (the worst %u us early): more than one tick in an interval",
	      what, tick.early, (uint32_t)cycles_to_us(tick.early_by));
	median = period_gaps_median(&mad);
	tol += mad / 2;
	check(t, median + tol >= tick.period && median <= tick.period + tol,
	      "%s: the gaps between ticks (those within half a period of it) have a median of %u us, the period is %u us (%u ticks, %u us allowed)",
	      what, (uint32_t)cycles_to_us(median),
	      (uint32_t)cycles_to_us(tick.period), got,
	      (uint32_t)cycles_to_us(tol));
	/* The figures, for the record (tick accuracy). */
	note(t, "%s: %u ticks in %u us of REAL for %u expiries, median gap %u us (period %u us), none early",
	     what, got, (uint32_t)cycles_to_us(to - from), (uint32_t)expected,
	     (uint32_t)cycles_to_us(median),
	     (uint32_t)cycles_to_us(tick.period));
}
