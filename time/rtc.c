// SPDX-License-Identifier: GPL-2.0
/*
 * rtc.c - register model of the MC146818 CMOS RTC (see time/rtc.h for
 * what is modelled and the reset state).
 *
 * The guest's clock is wallclock seconds + offset_s; dates come from days
 * since 1970 with the civil-from-days algorithm (proleptic Gregorian:
 * leap every 4 years, not every 100, but every 400).  Reg C's flags are
 * accounted lazily: each expire, reg C read and interrupt-control write
 * asks what happened between acct_wall_ns and now.
 *
 * Never: change Xen's clock, do I/O, hypercalls or printing, or divide
 * 64-bit values other than with div64_32().
 */
#include "shim/lib/div64.h"
#include "time/rtc.h"

#define NS_PER_SEC	1000000000u
#define SECS_PER_DAY	86400u
#define BASE_HZ		32768u
#define BASE_SHIFT	15		/* 2^15 = BASE_HZ */
#define DAYS_PER_ERA	146097		/* 400 years */
/* Five eras before 1970: every time from year 0 on splits unsigned. */
#define BIAS_DAYS	(5 * DAYS_PER_ERA)
#define NO_ALARM	(-1)
#define ALARM_ANY	(-2)

/* ---- dates ---- */

static int32_t days_from_civil(int32_t y, uint32_t m, uint32_t d)
{
	int32_t era;
	uint32_t yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (uint32_t)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + (int32_t)doe - 719468;
}

static void civil_from_days(int32_t z, int32_t *y, uint32_t *m,
			    uint32_t *d)
{
	int32_t era;
	uint32_t doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
	doe = (uint32_t)(z - era * DAYS_PER_ERA);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int32_t)yoe + era * 400 + (*m <= 2);
}

static void split_days(int64_t secs, int32_t *days, uint32_t *tod)
{
	uint64_t u = (uint64_t)(secs + (int64_t)BIAS_DAYS * SECS_PER_DAY);

	*tod = div64_32(&u, SECS_PER_DAY);
	*days = (int32_t)u - BIAS_DAYS;
}

static void time_from_secs(int64_t secs, struct rtc_time *t)
{
	int32_t days, y;
	uint32_t tod, m, d;

	split_days(secs, &days, &tod);
	civil_from_days(days, &y, &m, &d);
	t->sec = tod % 60;
	t->min = tod / 60 % 60;
	t->hour = tod / 3600;
	t->wday = (uint8_t)(((days % 7) + 7 + 4) % 7 + 1); /* 1970: Thu */
	t->mday = (uint8_t)d;
	t->mon = (uint8_t)m;
	t->year = (uint8_t)(y % 100);
	t->century = (uint8_t)(y / 100 % 100);
}

static int64_t secs_from_time(const struct rtc_time *t)
{
	int32_t days = days_from_civil(t->century * 100 + t->year, t->mon,
				       t->mday);

	return (int64_t)days * SECS_PER_DAY + t->hour * 3600u +
	       t->min * 60u + t->sec;
}

/* ---- wall time ---- */

static uint64_t wall_secs(uint64_t wall_ns, uint32_t *sub_ns)
{
	uint32_t rem = div64_32(&wall_ns, NS_PER_SEC);

	if (sub_ns)
		*sub_ns = rem;
	return wall_ns;
}

static int64_t guest_secs(const struct rtc *r, uint64_t wall_ns)
{
	return (int64_t)wall_secs(wall_ns, 0) + r->offset_s;
}

/* The 32768 Hz divider's tick at wall_ns, in phase with the seconds. */
static uint64_t base_tick(uint64_t wall_ns)
{
	uint32_t sub;
	uint64_t s = wall_secs(wall_ns, &sub), frac = (uint64_t)sub * BASE_HZ;

	div64_32(&frac, NS_PER_SEC);
	return (s << BASE_SHIFT) + frac;
}

/* The first wall ns at which base_tick() reaches the tick. */
static uint64_t base_tick_ns(uint64_t tick)
{
	uint64_t frac = (tick & (BASE_HZ - 1)) * NS_PER_SEC + BASE_HZ - 1;

	return (tick >> BASE_SHIFT) * NS_PER_SEC + (frac >> BASE_SHIFT);
}

/* log2 of the periodic interval in base ticks, -1 for none. */
static int rate_shift(const struct rtc *r)
{
	uint8_t rate = r->ram[RTC_REG_A] & RTC_A_RATE;

	if (!rate)
		return -1;
	if (rate <= 2)
		return rate + 6;	/* 256 Hz, 128 Hz */
	return rate - 1;
}

/* ---- register formats ---- */

static uint8_t encode(const struct rtc *r, uint8_t v)
{
	if (r->ram[RTC_REG_B] & RTC_B_DM_BINARY)
		return v;
	return (uint8_t)((v / 10) << 4 | v % 10);
}

/* 0 and *v, or -1 for a byte that is not a number in the format. */
static int decode(const struct rtc *r, uint8_t b, uint8_t *v)
{
	if (r->ram[RTC_REG_B] & RTC_B_DM_BINARY) {
		*v = b;
		return 0;
	}
	if ((b & 0x0f) > 9 || (b >> 4) > 9)
		return -1;
	*v = (uint8_t)((b >> 4) * 10 + (b & 0x0f));
	return 0;
}

static int twelve_hour(const struct rtc *r)
{
	return !(r->ram[RTC_REG_B] & RTC_B_24H);
}

static uint8_t encode_hour(const struct rtc *r, uint8_t h)
{
	if (!twelve_hour(r))
		return encode(r, h);
	return encode(r, h % 12 ? h % 12 : 12) | (h >= 12 ? RTC_HOUR_PM : 0);
}

/* 0 and *h (0-23), or -1. */
static int decode_hour(const struct rtc *r, uint8_t b, uint8_t *h)
{
	uint8_t v;

	if (!twelve_hour(r))
		return decode(r, b, h) || *h > 23 ? -1 : 0;
	if (decode(r, b & ~RTC_HOUR_PM, &v) || v < 1 || v > 12)
		return -1;
	*h = (uint8_t)(v % 12 + (b & RTC_HOUR_PM ? 12 : 0));
	return 0;
}

/* ---- the clock ---- */

static void current_time(const struct rtc *r, uint64_t wall_ns,
			 struct rtc_time *t)
{
	if (r->ram[RTC_REG_B] & RTC_B_SET)
		*t = r->held;
	else
		time_from_secs(guest_secs(r, wall_ns), t);
}

static int is_time_reg(uint8_t idx)
{
	return idx == RTC_SECONDS || idx == RTC_MINUTES ||
	       idx == RTC_HOURS || (idx >= RTC_DAY_OF_WEEK &&
				    idx <= RTC_YEAR) || idx == RTC_CENTURY;
}

static uint8_t *time_field(struct rtc_time *t, uint8_t idx)
{
	switch (idx) {
	case RTC_SECONDS:
		return &t->sec;
	case RTC_MINUTES:
		return &t->min;
	case RTC_HOURS:
		return &t->hour;
	case RTC_DAY_OF_WEEK:
		return &t->wday;
	case RTC_DAY_OF_MONTH:
		return &t->mday;
	case RTC_MONTH:
		return &t->mon;
	case RTC_YEAR:
		return &t->year;
	default:
		return &t->century;
	}
}

static uint8_t read_time(const struct rtc *r, uint8_t idx, uint64_t wall_ns)
{
	struct rtc_time t;

	current_time(r, wall_ns, &t);
	if (idx == RTC_HOURS)
		return encode_hour(r, t.hour);
	return encode(r, *time_field(&t, idx));
}

/* 0 and the field's binary value, or RTC_ERR_VALUE. */
static int parse_time(const struct rtc *r, uint8_t idx, uint8_t b,
		      uint8_t *v)
{
	uint8_t lo = 0, hi = 99;

	if (idx == RTC_HOURS)
		return decode_hour(r, b, v) ? RTC_ERR_VALUE : 0;
	if (idx == RTC_SECONDS || idx == RTC_MINUTES)
		hi = 59;
	else if (idx == RTC_DAY_OF_WEEK)
		lo = 1, hi = 7;
	else if (idx == RTC_DAY_OF_MONTH)
		lo = 1, hi = 31;
	else if (idx == RTC_MONTH)
		lo = 1, hi = 12;
	if (decode(r, b, v) || *v < lo || *v > hi)
		return RTC_ERR_VALUE;
	return 0;
}

/* An alarm byte: its value, ALARM_ANY, or NO_ALARM (it never matches). */
static int alarm_value(const struct rtc *r, uint8_t idx)
{
	uint8_t b = r->ram[idx], v;

	if ((b & RTC_ALARM_DONT_CARE) == RTC_ALARM_DONT_CARE)
		return ALARM_ANY;
	if (idx == RTC_HOURS_ALARM)
		return decode_hour(r, b, &v) ? NO_ALARM : v;
	return decode(r, b, &v) || v > 59 ? NO_ALARM : v;
}

static int field_ok(int alarm, uint32_t v)
{
	return alarm == ALARM_ANY || alarm == (int)v;
}

/* The first guest second after `after` the alarm matches; 0 if none. */
static int next_alarm(const struct rtc *r, int64_t after, int64_t *at)
{
	int ah = alarm_value(r, RTC_HOURS_ALARM);
	int am = alarm_value(r, RTC_MINUTES_ALARM);
	int as = alarm_value(r, RTC_SECONDS_ALARM);
	uint32_t tod, h, m, s, lo;
	int32_t days;

	if (ah == NO_ALARM || am == NO_ALARM || as == NO_ALARM)
		return 0;
	split_days(after + 1, &days, &tod);
	/* today from tod on, then tomorrow from midnight: 48 hours */
	for (h = tod / 3600; h < 48; h++) {
		if (!field_ok(ah, h % 24))
			continue;
		for (m = h == tod / 3600 ? tod / 60 % 60 : 0; m < 60; m++) {
			if (!field_ok(am, m))
				continue;
			lo = h == tod / 3600 && m == tod / 60 % 60 ?
			     tod % 60 : 0;
			s = as == ALARM_ANY ? lo : (uint32_t)as;
			if (s < lo)
				continue;
			*at = after + 1 + (int64_t)(h * 3600 + m * 60 + s) -
			      tod;
			return 1;
		}
	}
	return 0;
}

/* ---- flags and IRQ8 ---- */

static void update_irqf(struct rtc *r, uint64_t now_ns)
{
	uint8_t b = r->ram[RTC_REG_B], c = r->ram[RTC_REG_C];
	int on = ((b & RTC_B_PIE) && (c & RTC_C_PF)) ||
		 ((b & RTC_B_AIE) && (c & RTC_C_AF)) ||
		 ((b & RTC_B_UIE) && (c & RTC_C_UF));

	if (!on || (c & RTC_C_IRQF))
		return;
	r->ram[RTC_REG_C] |= RTC_C_IRQF;
	if (!r->irq_pending) {
		r->irq_pending = 1;
		r->irq_ns = now_ns;
	}
}

/* Set reg C's flags for the events in (acct_wall_ns, wall_ns]. */
static void account(struct rtc *r, uint64_t wall_ns, uint64_t now_ns)
{
	uint64_t old = r->acct_wall_ns;
	int64_t alarm;
	int sh = rate_shift(r);

	r->wall_minus_now = wall_ns - now_ns;
	r->acct_wall_ns = wall_ns;
	if (!r->synced || wall_ns <= old) {
		r->synced = 1;	/* first call, or the clock went back */
		return;
	}
	if (sh >= 0 && base_tick(wall_ns) >> sh > base_tick(old) >> sh)
		r->ram[RTC_REG_C] |= RTC_C_PF;
	if (!(r->ram[RTC_REG_B] & RTC_B_SET) &&
	    wall_secs(wall_ns, 0) > wall_secs(old, 0)) {
		r->ram[RTC_REG_C] |= RTC_C_UF;
		if (next_alarm(r, guest_secs(r, old), &alarm) &&
		    alarm <= guest_secs(r, wall_ns))
			r->ram[RTC_REG_C] |= RTC_C_AF;
	}
	update_irqf(r, now_ns);
}

uint64_t rtc_irq8_deadline(const struct rtc *r, uint64_t now_ns)
{
	uint8_t b = r->ram[RTC_REG_B];
	uint64_t best = UINT64_MAX, cand, acct = r->acct_wall_ns;
	int64_t alarm;
	int sh = rate_shift(r);

	(void)now_ns;	/* events are found from the accounting point */
	if (r->irq_pending)
		return r->irq_ns;
	if (!r->synced || (r->ram[RTC_REG_C] & RTC_C_IRQF))
		return UINT64_MAX;
	if ((b & RTC_B_PIE) && sh >= 0) {
		cand = base_tick_ns(((base_tick(acct) >> sh) + 1) << sh);
		best = cand < best ? cand : best;
	}
	if (!(b & RTC_B_SET) && (b & RTC_B_UIE)) {
		cand = (wall_secs(acct, 0) + 1) * NS_PER_SEC;
		best = cand < best ? cand : best;
	}
	if (!(b & RTC_B_SET) && (b & RTC_B_AIE) &&
	    next_alarm(r, guest_secs(r, acct), &alarm)) {
		cand = (uint64_t)(alarm - r->offset_s) * NS_PER_SEC;
		best = cand < best ? cand : best;
	}
	return best == UINT64_MAX ? best : best - r->wall_minus_now;
}

int rtc_irq8_expire(struct rtc *r, uint64_t wall_ns, uint64_t now_ns)
{
	int rose;

	account(r, wall_ns, now_ns);
	rose = r->irq_pending;
	r->irq_pending = 0;
	return rose;
}

/* ---- ports ---- */

void rtc_reset(struct rtc *r)
{
	unsigned int i;

	for (i = 0; i < RTC_RAM_SIZE; i++)
		r->ram[i] = 0;
	r->ram[RTC_REG_A] = RTC_A_RESET;
	r->ram[RTC_REG_B] = RTC_B_RESET;
	r->index = 0;
	r->nmi_disabled = 0;
	r->offset_s = 0;
	time_from_secs(0, &r->held);
	r->synced = 0;
	r->irq_pending = 0;
	r->acct_wall_ns = 0;
	r->wall_minus_now = 0;
	r->irq_ns = 0;
}

int rtc_is_port(uint16_t port)
{
	return port == RTC_PORT_INDEX || port == RTC_PORT_DATA;
}

uint8_t rtc_read(struct rtc *r, uint16_t port, uint64_t wall_ns,
		 uint64_t now_ns)
{
	uint8_t idx = r->index, v;
	uint32_t sub;

	if (port != RTC_PORT_DATA)
		return 0xff;	/* the index port is write-only */
	if (is_time_reg(idx))
		return read_time(r, idx, wall_ns);
	switch (idx) {
	case RTC_REG_A:
		v = r->ram[RTC_REG_A];
		wall_secs(wall_ns, &sub);
		if (!(r->ram[RTC_REG_B] & RTC_B_SET) &&
		    sub >= NS_PER_SEC - RTC_UIP_NS)
			v |= RTC_A_UIP;
		return v;
	case RTC_REG_C:
		account(r, wall_ns, now_ns);
		v = r->ram[RTC_REG_C];
		r->ram[RTC_REG_C] = 0;
		return v;
	case RTC_REG_D:
		return RTC_D_VRT;
	}
	return r->ram[idx];	/* alarms, reg B, CMOS RAM */
}

static void write_b(struct rtc *r, uint8_t val, uint64_t wall_ns,
		    uint64_t now_ns)
{
	uint8_t old = r->ram[RTC_REG_B];

	account(r, wall_ns, now_ns);
	if (val & RTC_B_SET)
		val &= ~RTC_B_UIE;
	if ((val & RTC_B_SET) && !(old & RTC_B_SET))
		current_time(r, wall_ns, &r->held);
	if (!(val & RTC_B_SET) && (old & RTC_B_SET))
		r->offset_s = secs_from_time(&r->held) -
			      (int64_t)wall_secs(wall_ns, 0);
	r->ram[RTC_REG_B] = val;
	update_irqf(r, now_ns);
}

static int write_time(struct rtc *r, uint8_t idx, uint8_t val,
		      uint64_t wall_ns, uint64_t now_ns)
{
	struct rtc_time t;
	uint8_t v;
	int err = parse_time(r, idx, val, &v);

	if (err)
		return err;
	if (r->ram[RTC_REG_B] & RTC_B_SET) {
		*time_field(&r->held, idx) = v;
		return 0;
	}
	/* the running clock: that field changes now */
	account(r, wall_ns, now_ns);
	current_time(r, wall_ns, &t);
	*time_field(&t, idx) = v;
	r->offset_s = secs_from_time(&t) - (int64_t)wall_secs(wall_ns, 0);
	return 0;
}

int rtc_write(struct rtc *r, uint16_t port, uint8_t val, uint64_t wall_ns,
	      uint64_t now_ns)
{
	uint8_t idx = r->index;

	if (port == RTC_PORT_INDEX) {
		r->index = val & RTC_INDEX_MASK;
		r->nmi_disabled = !!(val & RTC_NMI_DISABLE);
		return 0;
	}
	if (port != RTC_PORT_DATA)
		return RTC_ERR_PORT;
	if (is_time_reg(idx))
		return write_time(r, idx, val, wall_ns, now_ns);
	switch (idx) {
	case RTC_REG_C:
	case RTC_REG_D:
		return RTC_ERR_READONLY;
	case RTC_REG_B:
		write_b(r, val, wall_ns, now_ns);
		return 0;
	case RTC_REG_A:
		val &= RTC_A_WRITABLE;
		break;
	case RTC_SECONDS_ALARM:
	case RTC_MINUTES_ALARM:
	case RTC_HOURS_ALARM:
		break;
	default:
		r->ram[idx] = val;	/* CMOS RAM */
		return 0;
	}
	/* rate or alarm: account under the old setting first */
	account(r, wall_ns, now_ns);
	r->ram[idx] = val;
	return 0;
}

const char *rtc_strerror(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case RTC_ERR_PORT:
		return "not an RTC port";
	case RTC_ERR_READONLY:
		return "register C and D are read-only";
	case RTC_ERR_VALUE:
		return "value out of range for the time register";
	}
	return "unknown RTC error";
}
