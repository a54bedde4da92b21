// SPDX-License-Identifier: GPL-2.0
/*
 * native_time.c - the native ROM's time calls on bare hardware (see the
 * header of native_rom.S for the model and its deviations): the TSC as
 * the REAL and AVAILABLE counters (cycles since Init; STOLEN is 0), its
 * rate calibrated at Init against PIT channel 2, the wallclock from the
 * CMOS clock read at Init plus the TSC since, and the two alarms (one per
 * counter) on PIT channel 0 (VMI_ALARM_WIRED_IRQ0) or the local APIC
 * timer (VMI_ALARM_WIRED_LVTT).
 *
 * The ROM never sees the interrupts its alarms raise (they go through the
 * guest's IDT), so "has this one-shot fired" is asked of the hardware:
 * the PIT's OUT pin (read-back status), the APIC's current count.
 *
 * Never: print, make a VMI call or enable interrupts (this is the ROM);
 * never leave PIT channel 0 or the APIC timer running for an alarm that
 * is not armed.
 */
#include "apic.h"
#include "kmath.h"
#include "native_rom.h"
#include "pit.h"
#include "rtc.h"

#define CALIBRATE_LATCH		(PIT_HZ / 50)	/* 20 ms of channel 2 */
#define CALIBRATE_POLLS		20000000	/* give up: no PIT */
#define CALIBRATE_TRIES		20
#define CALIBRATE_PRECISION	20000		/* 50 ppm of the window */
#define APIC_CALIBRATE_DIV	100		/* 10 ms of TSC */
#define APIC_DIV_MAX		128
#define PIT_PERIOD_MIN		2		/* mode 2: count 1 is illegal */
#define CR0_PG			0x80000000u
#define CPUID_1_EDX_APIC	(1u << 9)

enum native_wire {
	WIRE_PIT,		/* PIT channel 0 -> IRQ0 */
	WIRE_LVTT,		/* the local APIC timer -> the LVTT vector */
};

#define NO_OWNER		(-1)
#define NR_ALARMS		2	/* REAL and AVAILABLE */

struct native_alarm {
	int armed;		/* set and not cancelled or displaced */
	int periodic;
	int wire;
};

struct native_time {
	uint64_t tsc0;		/* REAL = AVAILABLE = TSC - tsc0 */
	uint64_t rtc_tsc;	/* the TSC when the CMOS clock was read */
	uint64_t rtc_ns;	/* what it said, ns since the epoch */
	uint32_t apic_hz;	/* APIC timer input at divide 1; 0: unknown */
	uintptr_t apic;		/* linear page of the APIC; 0: not named yet */
	int owner[2];		/* per wire: the alarm driving it */
	uint32_t lvtt_mode;	/* LVTT timer mode the LVTT alarm uses */
	struct native_alarm alarm[NR_ALARMS];
};

static struct native_time nt;
uint64_t native_cycle_hz;

/* TDCR encodings for divide 1, 2, 4, ... 128. */
static const uint8_t tdcr_for_shift[8] = {
	0xb, 0x0, 0x1, 0x2, 0x3, 0x8, 0x9, 0xa
};

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a" (lo), "=d" (hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
	return ((uint64_t)hi << 32) | lo;
}

static int cpu_has_apic(void)
{
	uint32_t a = 1, b, c = 0, d;

	asm volatile("cpuid" : "+a" (a), "=b" (b), "+c" (c), "=d" (d));
	return !!(d & CPUID_1_EDX_APIC);
}

static uint32_t read_cr0(void)
{
	uint32_t v;

	asm volatile("mov %%cr0, %0" : "=r" (v));
	return v;
}

static volatile uint32_t *apic_at(uintptr_t base, uint32_t off)
{
	return (volatile uint32_t *)(base + off);
}

static uint8_t cmos_read(uint8_t reg)
{
	native_outb(reg, CMOS_INDEX);
	return native_inb(CMOS_DATA);
}

static uint64_t cycles(void)
{
	return rdtsc() - nt.tsc0;
}

/* ---- calibration ----------------------------------------------------- */

/*
 * The TSC against PIT channel 2: mode 0 for CALIBRATE_LATCH ticks (20
 * ms), gated and read through port 0x61.  Each end of the interval is
 * bracketed by TSC reads: the count's last byte is written between t0
 * and t1; OUT2 rose after the previous poll read the PIT, so after the
 * TSC read taken before that poll (a port access can stall, after its
 * read of the PIT as well as before), and before the TSC read after the
 * poll that saw it high.  The estimate takes the middles, its
 * uncertainty is half of both brackets.  An emulator stretches a bracket
 * now and then (bare QEMU on a busy host: a port access waiting 4-16 ms
 * for the emulator's lock), so the measurement is repeated until the
 * uncertainty is below 1/CALIBRATE_PRECISION of the interval, the best
 * kept.  Returns the rate, 0 if channel 2 never reached its count.
 */
static uint64_t calibrate_tsc_once(uint64_t *uncertainty)
{
	uint64_t t0, t1, before_prev, a, b;
	uint32_t i;
	uint8_t port_b = native_inb(PORT_B);

	native_outb((port_b & ~PORT_B_SPEAKER) | PORT_B_GATE2, PORT_B);
	native_outb(PIT_SEL_CH2 | PIT_ACCESS_LOHI | PIT_MODE_0, PIT_MODE);
	native_outb(CALIBRATE_LATCH & 0xff, PIT_CH2);
	t0 = rdtsc();
	native_outb(CALIBRATE_LATCH >> 8, PIT_CH2);	/* counting starts */
	t1 = rdtsc();
	before_prev = t0;
	a = t1;
	for (i = 0; i < CALIBRATE_POLLS; i++) {
		before_prev = i ? a : t0;
		a = rdtsc();
		if (native_inb(PORT_B) & PORT_B_OUT2)
			break;
	}
	b = rdtsc();
	native_outb(port_b, PORT_B);
	if (i == CALIBRATE_POLLS)
		return 0;
	*uncertainty = ((t1 - t0) + (b - before_prev)) / 2;
	return mul_div64((before_prev + b) / 2 - (t0 + t1) / 2, PIT_HZ,
			 CALIBRATE_LATCH);
}

static void calibrate_tsc(void)
{
	uint64_t hz, unc = 0, best_unc = ~0ull, window;
	unsigned int n;

	for (n = 0; n < CALIBRATE_TRIES; n++) {
		hz = calibrate_tsc_once(&unc);
		if (!hz)
			return;			/* no PIT: no VMI timer (rate 0) */
		if (unc < best_unc) {
			best_unc = unc;
			native_cycle_hz = hz;
		}
		window = mul_div64(hz, CALIBRATE_LATCH, PIT_HZ);
		if (best_unc * CALIBRATE_PRECISION < window)
			return;
	}
}

/* A read of the APIC timer's current count between two TSC reads. */
struct apic_sample {
	uint64_t tsc;		/* the middle of the bracket */
	uint64_t unc;		/* half its width */
	uint32_t count;
};

static void apic_sample(struct apic_sample *s)
{
	uint64_t a = rdtsc();

	s->count = *apic_at(nt.apic, APIC_TMCCT);
	s->tsc = rdtsc();
	s->unc = (s->tsc - a) / 2;
	s->tsc -= s->unc;
}

/*
 * The APIC timer against the (calibrated) TSC, at divide 1 counting down
 * from ~0 with the LVTT masked, over 1/APIC_CALIBRATE_DIV s, bracketed
 * and retried as the TSC's calibration is.  The guest's LVTT and divide
 * are put back.
 */
static void calibrate_apic(void)
{
	struct apic_sample s0, s1;
	uint64_t span, best_unc = ~0ull;
	uint32_t lvtt, tdcr;
	unsigned int n;

	if (!nt.apic || !native_cycle_hz)
		return;
	span = udiv64(native_cycle_hz, APIC_CALIBRATE_DIV, 0);
	lvtt = *apic_at(nt.apic, APIC_LVTT);
	tdcr = *apic_at(nt.apic, APIC_TDCR);
	*apic_at(nt.apic, APIC_LVTT) = lvtt | APIC_LVT_MASKED;
	*apic_at(nt.apic, APIC_TDCR) = APIC_TDCR_DIV_1;
	for (n = 0; n < CALIBRATE_TRIES; n++) {
		*apic_at(nt.apic, APIC_TMICT) = APIC_COUNT_MAX;
		apic_sample(&s0);
		while (rdtsc() - s0.tsc < span)
			;
		apic_sample(&s1);
		if (s0.count <= s1.count || s0.unc + s1.unc >= best_unc)
			continue;
		best_unc = s0.unc + s1.unc;
		nt.apic_hz = (uint32_t)mul_div64(s0.count - s1.count,
						 native_cycle_hz,
						 s1.tsc - s0.tsc);
		if (best_unc * CALIBRATE_PRECISION < span)
			break;
	}
	*apic_at(nt.apic, APIC_TMICT) = 0;
	*apic_at(nt.apic, APIC_TDCR) = tdcr;
	*apic_at(nt.apic, APIC_LVTT) = lvtt;
}

/* ---- PIT channel 0 ---------------------------------------------------- */

static void pit_load(uint8_t mode, uint32_t count)
{
	native_outb(PIT_SEL_CH0 | PIT_ACCESS_LOHI | mode, PIT_MODE);
	native_outb(count & 0xff, PIT_CH0);		/* 65536 is 0 */
	native_outb((count >> 8) & 0xff, PIT_CH0);
}

static uint8_t pit_status(void)
{
	native_outb(PIT_READ_BACK | PIT_RB_NO_COUNT | PIT_RB_CH0, PIT_MODE);
	return native_inb(PIT_CH0);
}

/*
 * Stop channel 0 without a rising edge on OUT (which the 8259 takes for
 * an interrupt).  A real 8254 stops a counter at a mode 0 control word,
 * OUT low, until a count is written (read-back shows "null count"); for
 * a periodic alarm (mode 2, OUT high) a mode 1 control word keeps OUT
 * high and, channel 0's gate being tied high, never starts.  QEMU's 8254
 * does not stop a counter at a control word (read-back never shows null
 * count): its next transition is worked out in the new mode from the old
 * count, so a mode 1 control word follows, under which an expired count
 * leaves OUT low.  That works for a periodic alarm past its first period;
 * a one-shot's next transition is its count, which QEMU reaches as count
 * - 1 first (nanosecond rounding), where mode 1 raises OUT: on QEMU a
 * one-shot cancelled before it fired can still raise IRQ0 once, at its
 * old expiry (a deviation stated in native_rom.S).
 */
static void pit_stop(int periodic)
{
	if (!periodic) {
		native_outb(PIT_SEL_CH0 | PIT_ACCESS_LOHI | PIT_MODE_0,
			    PIT_MODE);
		if (pit_status() & PIT_STATUS_NULL_COUNT)
			return;
	}
	native_outb(PIT_SEL_CH0 | PIT_ACCESS_LOHI | PIT_MODE_1, PIT_MODE);
}

static uint32_t clamp(uint64_t v, uint32_t lo, uint32_t hi)
{
	return v < lo ? lo : v > hi ? hi : (uint32_t)v;
}

/* cycles * rate / native_cycle_hz, rounded to nearest. */
static uint64_t cycles_to(uint64_t cycles, uint32_t rate)
{
	return (mul_div64(cycles, 2ull * rate, native_cycle_hz) + 1) >> 1;
}

/*
 * One-shot: mode 0, OUT rises once at terminal count; the count is
 * rounded up, so it never fires before the expiry.  Periodic: mode 2,
 * first tick one period after the call.  Both at most 65536 ticks.
 */
static void pit_arm(int periodic, uint64_t cycles)
{
	if (periodic)
		pit_load(PIT_MODE_2, clamp(cycles_to(cycles, PIT_HZ),
					   PIT_PERIOD_MIN, PIT_MAX_COUNT));
	else
		pit_load(PIT_MODE_0, clamp(mul_div64_up(cycles, PIT_HZ,
							native_cycle_hz),
					   1, PIT_MAX_COUNT));
}

/* ---- the local APIC timer --------------------------------------------- */

/*
 * A one-shot already due: the LVTT's vector at once, as a self-IPI
 * (fixed delivery, the same ISR and EOI as the timer's), unless the LVTT
 * is masked, which drops a timer interrupt.  No emulator timer between
 * the call and the interrupt, which on QEMU costs tens of microseconds.
 */
static void lvtt_fire_now(void)
{
	uint32_t lvtt = *apic_at(nt.apic, APIC_LVTT);

	*apic_at(nt.apic, APIC_TMICT) = 0;
	if (!(lvtt & APIC_LVT_MASKED))
		*apic_at(nt.apic, APIC_ICR_LOW) = APIC_ICR_SELF |
			APIC_ICR_ASSERT | APIC_ICR_FIXED |
			(lvtt & APIC_LVT_VECTOR_MASK);
}

/*
 * 1 if armed; 0 if the APIC is unknown or its rate cannot be found.  The
 * divide and the LVTT's mode are written only when they change (writing
 * TMICT restarts the count by itself).
 */
static int lvtt_arm(int periodic, uint64_t cycles)
{
	uint64_t ticks;
	uint32_t shift = 0, lvtt, mode;

	if (!nt.apic)
		return 0;
	if (!nt.apic_hz)
		calibrate_apic();	/* first use: Init could not reach it */
	if (!nt.apic_hz)
		return 0;
	if (!periodic && cycles == 0) {
		nt.lvtt_mode = APIC_LVTT_ONESHOT;
		lvtt_fire_now();
		return 1;
	}
	ticks = periodic ? cycles_to(cycles, nt.apic_hz) :
		mul_div64_up(cycles, nt.apic_hz, native_cycle_hz);
	while ((ticks >> shift) > APIC_COUNT_MAX && (1u << shift) < APIC_DIV_MAX)
		shift++;
	mode = periodic ? APIC_LVTT_PERIODIC : APIC_LVTT_ONESHOT;
	nt.lvtt_mode = mode;
	if (*apic_at(nt.apic, APIC_TDCR) != tdcr_for_shift[shift])
		*apic_at(nt.apic, APIC_TDCR) = tdcr_for_shift[shift];
	lvtt = *apic_at(nt.apic, APIC_LVTT);
	if ((lvtt & APIC_LVTT_MODE_MASK) != mode)
		*apic_at(nt.apic, APIC_LVTT) = (lvtt & ~APIC_LVTT_MODE_MASK) |
					       mode;
	*apic_at(nt.apic, APIC_TMICT) = clamp(ticks >> shift, 1,
					      APIC_COUNT_MAX);
	return 1;
}

/* ---- the alarms ------------------------------------------------------- */

/* The hardware of alarm c stopped, if it still drives it; c disarmed. */
static void alarm_stop(uint32_t c)
{
	struct native_alarm *a = &nt.alarm[c];

	if (a->armed && nt.owner[a->wire] == (int)c) {
		if (a->wire == WIRE_PIT)
			pit_stop(a->periodic);
		else
			*apic_at(nt.apic, APIC_TMICT) = 0;
		nt.owner[a->wire] = NO_OWNER;
	}
	a->armed = 0;
}

/* A one-shot's hardware reached its count (fired, perhaps undelivered). */
static int oneshot_fired(const struct native_alarm *a)
{
	if (a->wire == WIRE_PIT)
		return !!(pit_status() & PIT_STATUS_OUT);
	return *apic_at(nt.apic, APIC_TMCCT) == 0;
}

static int counter_has_alarm(uint32_t c)
{
	return c == VMI_CYCLES_REAL || c == VMI_CYCLES_AVAILABLE;
}

NATIVE_CALL void native_set_alarm(uint32_t flags, uint64_t expiry, uint64_t period)
{
	uint32_t c = flags & VMI_ALARM_COUNTER_MASK;
	int wire = flags & VMI_ALARM_WIRED_LVTT ? WIRE_LVTT : WIRE_PIT;
	int periodic = (flags & VMI_ALARM_IS_PERIODIC) && period != 0;
	struct native_alarm *a;
	uint64_t now, delay;
	int other;

	if (!counter_has_alarm(c) || !native_cycle_hz)
		return;				/* STOLEN, unknown: a nop */
	a = &nt.alarm[c];
	/* Re-arming replaces; on the same wire the new program does. */
	if (a->armed && a->wire == wire && nt.owner[wire] == (int)c)
		nt.owner[wire] = NO_OWNER;
	else
		alarm_stop(c);
	now = cycles();
	delay = expiry > now ? expiry - now : 0;
	other = nt.owner[wire];
	if (other != NO_OWNER)
		alarm_stop((uint32_t)other);	/* displaced: one timer */
	if (wire == WIRE_PIT)
		pit_arm(periodic, periodic ? period : delay);
	else if (!lvtt_arm(periodic, periodic ? period : delay))
		return;
	nt.owner[wire] = (int)c;
	a->armed = 1;
	a->periodic = periodic;
	a->wire = wire;
}

NATIVE_CALL uint32_t native_cancel_alarm(uint32_t flags)
{
	uint32_t c = flags & VMI_ALARM_COUNTER_MASK;
	int fired;

	if (!counter_has_alarm(c) || !nt.alarm[c].armed)
		return 0;
	fired = !nt.alarm[c].periodic && oneshot_fired(&nt.alarm[c]);
	alarm_stop(c);
	return !fired;
}

/* The guest programmed PIT channel 0 itself: the IRQ0 alarm is gone. */
void native_pit_claimed(void)
{
	int c = nt.owner[WIRE_PIT];

	if (c != NO_OWNER) {
		nt.alarm[c].armed = 0;
		nt.owner[WIRE_PIT] = NO_OWNER;
	}
}

/* ... or the APIC timer (TMICT, TDCR): the LVTT alarm is gone. */
void native_lvtt_claimed(void)
{
	int c = nt.owner[WIRE_LVTT];

	if (c != NO_OWNER) {
		nt.alarm[c].armed = 0;
		nt.owner[WIRE_LVTT] = NO_OWNER;
	}
}

uint32_t native_lvtt_merge(uint32_t value)
{
	if (nt.owner[WIRE_LVTT] == NO_OWNER)
		return value;
	return (value & ~APIC_LVTT_MODE_MASK) | nt.lvtt_mode;
}

void native_apic_seen(uintptr_t reg)
{
	nt.apic = reg & ~(uintptr_t)APIC_PAGE_MASK;
}

/* ---- counters and the wallclock ----------------------------------------- */

NATIVE_CALL uint64_t native_get_cycle_counter(uint32_t counter)
{
	if (counter == VMI_CYCLES_REAL || counter == VMI_CYCLES_AVAILABLE)
		return cycles();
	return 0;				/* STOLEN, unknown */
}

NATIVE_CALL uint64_t native_get_wallclock_time(void)
{
	if (!native_cycle_hz)
		return nt.rtc_ns;
	return nt.rtc_ns + mul_div64(rdtsc() - nt.rtc_tsc, NSEC_PER_SEC,
				     native_cycle_hz);
}

/* ---- Init ---------------------------------------------------------------- */

NATIVE_CALL void native_time_init(void)
{
	struct rtc_time tm;
	uint64_t base;

	native_pic_reset();
	nt.owner[WIRE_PIT] = NO_OWNER;
	nt.owner[WIRE_LVTT] = NO_OWNER;
	nt.alarm[VMI_CYCLES_REAL].armed = 0;
	nt.alarm[VMI_CYCLES_AVAILABLE].armed = 0;
	pit_stop(0);			/* the firmware's tick */
	native_cycle_hz = 0;
	nt.apic_hz = 0;
	nt.apic = 0;
	calibrate_tsc();
	/* With paging off the APIC's physical page is at hand. */
	if (!(read_cr0() & CR0_PG) && cpu_has_apic()) {
		base = rdmsr(MSR_IA32_APIC_BASE);
		if (base & APIC_BASE_ENABLE) {
			nt.apic = (uintptr_t)(base & APIC_BASE_ADDR_MASK);
			calibrate_apic();
			nt.apic = 0;	/* the guest names its own mapping */
		}
	}
	nt.tsc0 = rdtsc();
	nt.rtc_tsc = nt.tsc0;
	nt.rtc_ns = 0;
	if (rtc_read(cmos_read, &tm) == 0) {
		nt.rtc_tsc = rdtsc();
		nt.rtc_ns = rtc_to_epoch(&tm) * NSEC_PER_SEC;
	}
}
