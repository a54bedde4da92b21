// SPDX-License-Identifier: GPL-2.0
/*
 * test_rtc.c - host unit tests for the MC146818 CMOS RTC model
 * (time/rtc.c).  Epoch values were worked out independently (Python's
 * calendar.timegm); the wallclock runs at a fixed distance from now_ns.
 *
 * Never: depend on the host's clock (every time is given).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "time/rtc.h"

#define SEC		1000000000ull
#define NOW0		(5 * SEC + 123)	/* system time at the start */
#define T_2000_02_29	951868799ull	/* 2000-02-29 23:59:59 Tue */
#define T_2026_12_01	1796123249ull	/* 2026-12-01 11:07:29 Tue */
#define T_2100_02_28	4107542399ull	/* 2100-02-28 23:59:59 Sun */

static struct rtc rtc;
static uint64_t wall_delta;	/* wall_ns - now_ns */

/* Reset with the wallclock at wall_ns when now_ns is NOW0. */
static void reset(uint64_t wall_ns)
{
	memset(&rtc, 0xa5, sizeof(rtc));	/* reset must set everything */
	rtc_reset(&rtc);
	wall_delta = wall_ns - NOW0;
}

static uint8_t rd(uint8_t idx, uint64_t now)
{
	assert_int_equal(rtc_write(&rtc, RTC_PORT_INDEX, idx, now + wall_delta,
				   now), 0);
	return rtc_read(&rtc, RTC_PORT_DATA, now + wall_delta, now);
}

static int wr_err(uint8_t idx, uint8_t val, uint64_t now)
{
	assert_int_equal(rtc_write(&rtc, RTC_PORT_INDEX, idx, now + wall_delta,
				   now), 0);
	return rtc_write(&rtc, RTC_PORT_DATA, val, now + wall_delta, now);
}

static void wr(uint8_t idx, uint8_t val, uint64_t now)
{
	assert_int_equal(wr_err(idx, val, now), 0);
}

static int expire(uint64_t now)
{
	return rtc_irq8_expire(&rtc, now + wall_delta, now);
}

static uint64_t deadline(uint64_t now)
{
	return rtc_irq8_deadline(&rtc, now);
}

/* The registers 0, 2, 4, 6, 7, 8, 9, 0x32 at now. */
static void check_time(uint64_t now, uint8_t sec, uint8_t min, uint8_t hour,
		       uint8_t wday, uint8_t mday, uint8_t mon, uint8_t year,
		       uint8_t century)
{
	assert_int_equal(rd(RTC_SECONDS, now), sec);
	assert_int_equal(rd(RTC_MINUTES, now), min);
	assert_int_equal(rd(RTC_HOURS, now), hour);
	assert_int_equal(rd(RTC_DAY_OF_WEEK, now), wday);
	assert_int_equal(rd(RTC_DAY_OF_MONTH, now), mday);
	assert_int_equal(rd(RTC_MONTH, now), mon);
	assert_int_equal(rd(RTC_YEAR, now), year);
	assert_int_equal(rd(RTC_CENTURY, now), century);
}

static void test_reset_registers(void **state)
{
	unsigned int i;

	(void)state;
	reset(T_2026_12_01 * SEC);
	assert_int_equal(rd(RTC_REG_A, NOW0), 0x26);
	assert_int_equal(rd(RTC_REG_B, NOW0), 0x02);
	assert_int_equal(rd(RTC_REG_C, NOW0), 0);
	assert_int_equal(rd(RTC_REG_D, NOW0), 0x80);
	assert_int_equal(rd(RTC_SECONDS_ALARM, NOW0), 0);
	assert_int_equal(rd(RTC_MINUTES_ALARM, NOW0), 0);
	assert_int_equal(rd(RTC_HOURS_ALARM, NOW0), 0);
	for (i = 0x0e; i < 0x80; i++)
		if (i != RTC_CENTURY)
			assert_int_equal(rd(i, NOW0), 0);
	assert_true(deadline(NOW0) == UINT64_MAX);
	assert_int_equal(expire(NOW0 + 10 * SEC), 0);
	assert_true(deadline(NOW0 + 10 * SEC) == UINT64_MAX);
	/* the guest's clock starts as the wallclock */
	check_time(NOW0, 0x29, 0x07, 0x11, 3, 0x01, 0x12, 0x26, 0x20);
	assert_int_equal(rtc_read(&rtc, RTC_PORT_INDEX, 0, NOW0), 0xff);
	assert_true(rtc_is_port(0x70) && rtc_is_port(0x71));
	assert_false(rtc_is_port(0x6f) || rtc_is_port(0x72) ||
		     rtc_is_port(0x170));
}

static void test_time_bcd_24h(void **state)
{
	(void)state;
	reset(T_2000_02_29 * SEC + SEC / 2);
	check_time(NOW0, 0x59, 0x59, 0x23, 3, 0x29, 0x02, 0x00, 0x20);
	/* one second later: March 1st (2000 is a leap year), Wednesday */
	check_time(NOW0 + SEC, 0x00, 0x00, 0x00, 4, 0x01, 0x03, 0x00, 0x20);
	reset(T_2026_12_01 * SEC);
	check_time(NOW0, 0x29, 0x07, 0x11, 3, 0x01, 0x12, 0x26, 0x20);
	check_time(NOW0 + SEC - 1, 0x29, 0x07, 0x11, 3, 0x01, 0x12, 0x26,
		   0x20);
	check_time(NOW0 + 31 * SEC, 0x00, 0x08, 0x11, 3, 0x01, 0x12, 0x26,
		   0x20);
	reset(0);
	check_time(NOW0, 0x00, 0x00, 0x00, 5, 0x01, 0x01, 0x70, 0x19);
	/* 2100 is not a leap year: February 28th, then March 1st */
	reset(T_2100_02_28 * SEC);
	check_time(NOW0, 0x59, 0x59, 0x23, 1, 0x28, 0x02, 0x00, 0x21);
	check_time(NOW0 + SEC, 0x00, 0x00, 0x00, 2, 0x01, 0x03, 0x00, 0x21);
	/* the end of 1999 */
	reset((T_2000_02_29 - 60 * 86400ull) * SEC);
	check_time(NOW0, 0x59, 0x59, 0x23, 6, 0x31, 0x12, 0x99, 0x19);
}

static void test_time_binary_12h(void **state)
{
	(void)state;
	reset(T_2026_12_01 * SEC);
	wr(RTC_REG_B, RTC_B_DM_BINARY | RTC_B_24H, NOW0);
	check_time(NOW0, 29, 7, 11, 3, 1, 12, 26, 20);
	wr(RTC_REG_B, RTC_B_DM_BINARY, NOW0);		/* 12 h */
	check_time(NOW0, 29, 7, 11, 3, 1, 12, 26, 20);	/* 11 AM */
	assert_int_equal(rd(RTC_HOURS, NOW0 + 3600 * SEC), 12 | RTC_HOUR_PM);
	assert_int_equal(rd(RTC_HOURS, NOW0 + 2 * 3600 * SEC),
			 1 | RTC_HOUR_PM);
	reset(T_2000_02_29 * SEC);
	wr(RTC_REG_B, RTC_B_DM_BINARY, NOW0);
	check_time(NOW0, 59, 59, 11 | RTC_HOUR_PM, 3, 29, 2, 0, 20);
	assert_int_equal(rd(RTC_HOURS, NOW0 + SEC), 12);	/* midnight */
	/* BCD, 12 h */
	wr(RTC_REG_B, 0, NOW0);
	check_time(NOW0, 0x59, 0x59, 0x11 | RTC_HOUR_PM, 3, 0x29, 0x02, 0x00,
		   0x20);
	assert_int_equal(rd(RTC_HOURS, NOW0 + SEC), 0x12);
	assert_int_equal(rd(RTC_HOURS, NOW0 + 12 * 3600 * SEC + SEC),
			 0x12 | RTC_HOUR_PM);			/* noon */
	reset(0);
	wr(RTC_REG_B, RTC_B_DM_BINARY | RTC_B_24H, NOW0);
	check_time(NOW0, 0, 0, 0, 5, 1, 1, 70, 19);
}

static void test_uip_window(void **state)
{
	uint64_t s = NOW0 + 7 * SEC;	/* a wall second boundary */

	(void)state;
	reset(T_2026_12_01 * SEC);
	assert_int_equal(rd(RTC_REG_A, s - RTC_UIP_NS - 1), 0x26);
	assert_int_equal(rd(RTC_REG_A, s - RTC_UIP_NS), RTC_A_UIP | 0x26);
	assert_int_equal(rd(RTC_REG_A, s - 1), RTC_A_UIP | 0x26);
	assert_int_equal(rd(RTC_REG_A, s), 0x26);
	assert_int_equal(rd(RTC_REG_A, s + SEC / 2), 0x26);
	/* UIP is not writable; bits 0-6 are */
	wr(RTC_REG_A, 0xff, s);
	assert_int_equal(rd(RTC_REG_A, s), 0x7f);
	wr(RTC_REG_A, 0x26, s);
	/* SET held: no updates, UIP reads 0 */
	wr(RTC_REG_B, RTC_B_SET | RTC_B_24H, s);
	assert_int_equal(rd(RTC_REG_A, s + SEC - 1), 0x26);
}

static void test_set_clock(void **state)
{
	uint64_t w = NOW0 + SEC / 3;

	(void)state;
	reset(T_2026_12_01 * SEC);
	/* SET: the registers stop and take the new time */
	wr(RTC_REG_B, RTC_B_SET | RTC_B_24H, w);
	assert_int_equal(rd(RTC_SECONDS, w + 5 * SEC), 0x29);
	wr(RTC_SECONDS, 0x58, w);
	wr(RTC_MINUTES, 0x59, w);
	wr(RTC_HOURS, 0x23, w);
	wr(RTC_DAY_OF_MONTH, 0x31, w);
	wr(RTC_MONTH, 0x12, w);
	wr(RTC_YEAR, 0x99, w);
	wr(RTC_CENTURY, 0x19, w);
	wr(RTC_DAY_OF_WEEK, 2, w);
	check_time(w + 9 * SEC, 0x58, 0x59, 0x23, 2, 0x31, 0x12, 0x99, 0x19);
	/* released 10 s on: the clock runs from the written time */
	wr(RTC_REG_B, RTC_B_24H, w + 10 * SEC);
	check_time(w + 10 * SEC, 0x58, 0x59, 0x23, 6, 0x31, 0x12, 0x99, 0x19);
	check_time(w + 11 * SEC, 0x59, 0x59, 0x23, 6, 0x31, 0x12, 0x99, 0x19);
	check_time(w + 12 * SEC, 0x00, 0x00, 0x00, 7, 0x01, 0x01, 0x00, 0x20);
	check_time(w + 86412 * SEC, 0x00, 0x00, 0x00, 1, 0x02, 0x01, 0x00,
		   0x20);
	/* the offset is in whole seconds: ticks stay on the wall's */
	assert_int_equal(rd(RTC_SECONDS, NOW0 + 13 * SEC - 1), 0x00);
	assert_int_equal(rd(RTC_SECONDS, NOW0 + 13 * SEC), 0x01);
	/* a write with SET clear moves the running clock */
	wr(RTC_MINUTES, 0x30, w + 12 * SEC);
	check_time(w + 13 * SEC, 0x01, 0x30, 0x00, 7, 0x01, 0x01, 0x00, 0x20);
	/* a day past the month's end rolls over: 2001-02-30 = 03-02 */
	wr(RTC_REG_B, RTC_B_SET | RTC_B_24H, w);
	wr(RTC_YEAR, 0x01, w);
	wr(RTC_MONTH, 0x02, w);
	wr(RTC_DAY_OF_MONTH, 0x30, w);
	wr(RTC_REG_B, RTC_B_24H, w);
	assert_int_equal(rd(RTC_MONTH, w), 0x03);
	assert_int_equal(rd(RTC_DAY_OF_MONTH, w), 0x02);
	/* the same in binary and 12 h: 1:02:03 PM 2030-06-15 */
	wr(RTC_REG_B, RTC_B_SET | RTC_B_DM_BINARY, w);
	wr(RTC_HOURS, 1 | RTC_HOUR_PM, w);
	wr(RTC_MINUTES, 2, w);
	wr(RTC_SECONDS, 3, w);
	wr(RTC_DAY_OF_MONTH, 15, w);
	wr(RTC_MONTH, 6, w);
	wr(RTC_YEAR, 30, w);
	wr(RTC_CENTURY, 20, w);
	wr(RTC_REG_B, RTC_B_DM_BINARY | RTC_B_24H, w);
	check_time(w, 3, 2, 13, 7, 15, 6, 30, 20);
	/* 12 AM is midnight, 12 PM noon */
	wr(RTC_REG_B, RTC_B_SET, w);
	wr(RTC_HOURS, 0x12, w);
	wr(RTC_REG_B, RTC_B_24H, w);
	assert_int_equal(rd(RTC_HOURS, w), 0x00);
	wr(RTC_REG_B, RTC_B_SET, w);
	wr(RTC_HOURS, 0x12 | RTC_HOUR_PM, w);
	wr(RTC_REG_B, RTC_B_24H, w);
	assert_int_equal(rd(RTC_HOURS, w), 0x12);
}

static void test_refused_time_values(void **state)
{
	(void)state;
	reset(T_2026_12_01 * SEC);
	wr(RTC_REG_B, RTC_B_SET | RTC_B_24H, NOW0);
	assert_int_equal(wr_err(RTC_SECONDS, 0x60, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_SECONDS, 0x1a, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_MINUTES, 0x60, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_HOURS, 0x24, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_DAY_OF_WEEK, 0, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_DAY_OF_WEEK, 8, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_DAY_OF_MONTH, 0, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_DAY_OF_MONTH, 0x32, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_MONTH, 0x13, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_YEAR, 0xa0, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_CENTURY, 0x9a, NOW0), RTC_ERR_VALUE);
	wr(RTC_REG_B, RTC_B_SET, NOW0);			/* 12 h */
	assert_int_equal(wr_err(RTC_HOURS, 0x13, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_HOURS, 0x00, NOW0), RTC_ERR_VALUE);
	wr(RTC_REG_B, RTC_B_SET | RTC_B_DM_BINARY | RTC_B_24H, NOW0);
	assert_int_equal(wr_err(RTC_SECONDS, 60, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_HOURS, 24, NOW0), RTC_ERR_VALUE);
	assert_int_equal(wr_err(RTC_YEAR, 100, NOW0), RTC_ERR_VALUE);
	/* nothing changed */
	wr(RTC_REG_B, RTC_B_24H, NOW0);
	check_time(NOW0, 0x29, 0x07, 0x11, 3, 0x01, 0x12, 0x26, 0x20);
	/* with SET clear too */
	assert_int_equal(wr_err(RTC_MINUTES, 0x75, NOW0), RTC_ERR_VALUE);
	assert_int_equal(rd(RTC_MINUTES, NOW0), 0x07);
}

/* Periodic interrupt at reg A's rate: the first two deadlines. */
static void check_periodic(uint8_t rate, uint64_t first, uint64_t second)
{
	uint64_t d;

	reset(T_2026_12_01 * SEC);	/* wall on a second boundary */
	wr(RTC_REG_A, 0x20 | rate, NOW0);
	wr(RTC_REG_B, RTC_B_PIE | RTC_B_24H, NOW0);
	d = deadline(NOW0);
	assert_true(d == NOW0 + first);
	assert_int_equal(expire(d - 1), 0);
	assert_true(deadline(d - 1) == d);
	assert_int_equal(expire(d), 1);
	/* IRQF is set: no new edge until reg C is read */
	assert_true(deadline(d) == UINT64_MAX);
	assert_int_equal(expire(NOW0 + second), 0);
	assert_int_equal(rd(RTC_REG_C, NOW0 + second - 1) & ~RTC_C_UF,
			 RTC_C_IRQF | RTC_C_PF);	/* (UF at 2 Hz) */
	assert_true(deadline(NOW0 + second - 1) == NOW0 + second);
	assert_int_equal(expire(NOW0 + second), 1);
}

static void test_periodic(void **state)
{
	(void)state;
	check_periodic(6, 976563, 1953125);		/* 1024 Hz */
	check_periodic(15, 500000000, 1000000000);	/* 2 Hz */
	check_periodic(3, 122071, 244141);		/* 8192 Hz */
	check_periodic(1, 3906250, 7812500);		/* 256 Hz */
	check_periodic(2, 7812500, 15625000);		/* 128 Hz */
	/* rate 0: none */
	reset(T_2026_12_01 * SEC);
	wr(RTC_REG_A, 0x20, NOW0);
	wr(RTC_REG_B, RTC_B_PIE | RTC_B_24H, NOW0);
	assert_true(deadline(NOW0) == UINT64_MAX);
	assert_int_equal(expire(NOW0 + 3 * SEC), 0);
	assert_int_equal(rd(RTC_REG_C, NOW0 + 3 * SEC), RTC_C_UF); /* no PF */
	/* PF is set with PIE clear too (polled), without an IRQ8 */
	reset(T_2026_12_01 * SEC);
	assert_int_equal(rd(RTC_REG_C, NOW0), 0);
	assert_int_equal(rd(RTC_REG_C, NOW0 + 976562), 0);
	assert_int_equal(expire(NOW0 + 976563), 0);
	assert_int_equal(rd(RTC_REG_C, NOW0 + 976563), RTC_C_PF);
	assert_int_equal(rd(RTC_REG_C, NOW0 + 976563), 0);
	/* the grid follows the wall's seconds, not the write */
	reset(T_2026_12_01 * SEC + 100000);
	wr(RTC_REG_B, RTC_B_PIE | RTC_B_24H, NOW0);
	assert_true(deadline(NOW0) == NOW0 + 976563 - 100000);
	/* enabling PIE with PF already set raises IRQ8 at once */
	reset(T_2026_12_01 * SEC);
	assert_int_equal(rd(RTC_REG_C, NOW0), 0);
	wr(RTC_REG_B, RTC_B_PIE | RTC_B_24H, NOW0 + 2 * SEC);
	assert_true(deadline(NOW0 + 2 * SEC) == NOW0 + 2 * SEC);
	assert_int_equal(expire(NOW0 + 2 * SEC), 1);
}

static void test_reg_c_read_clears(void **state)
{
	uint64_t t = NOW0 + 3 * SEC;

	(void)state;
	reset(T_2026_12_01 * SEC);
	wr(RTC_REG_B, RTC_B_PIE | RTC_B_UIE | RTC_B_24H, NOW0);
	/* many events, one edge */
	assert_int_equal(expire(t), 1);
	assert_int_equal(expire(t + SEC), 0);
	assert_int_equal(rd(RTC_REG_C, t + SEC),
			 RTC_C_IRQF | RTC_C_PF | RTC_C_UF);
	assert_int_equal(rd(RTC_REG_C, t + SEC), 0);
	/* the next event raises it again */
	assert_int_equal(expire(t + SEC + 976563), 1);
	assert_int_equal(rd(RTC_REG_C, t + SEC + 976563),
			 RTC_C_IRQF | RTC_C_PF);
	/* C cannot be written; the flags stay */
	assert_int_equal(expire(t + 2 * SEC), 1);
	assert_int_equal(wr_err(RTC_REG_C, 0, t + 2 * SEC), RTC_ERR_READONLY);
	assert_int_equal(rd(RTC_REG_C, t + 2 * SEC),
			 RTC_C_IRQF | RTC_C_PF | RTC_C_UF);
}

static void test_update_flag(void **state)
{
	uint64_t d;

	(void)state;
	reset(T_2026_12_01 * SEC + SEC / 4);
	wr(RTC_REG_A, 0x20, NOW0);		/* no periodic flag */
	wr(RTC_REG_B, RTC_B_UIE | RTC_B_24H, NOW0);
	d = deadline(NOW0);
	assert_true(d == NOW0 + 3 * SEC / 4);
	assert_int_equal(expire(d - 1), 0);
	assert_int_equal(expire(d), 1);
	assert_int_equal(rd(RTC_REG_C, d), RTC_C_IRQF | RTC_C_UF);
	assert_true(deadline(d) == d + SEC);
	/* setting SET clears UIE; no updates while it is held */
	wr(RTC_REG_B, RTC_B_SET | RTC_B_UIE | RTC_B_24H, d);
	assert_int_equal(rd(RTC_REG_B, d), RTC_B_SET | RTC_B_24H);
	wr(RTC_REG_B, RTC_B_SET | RTC_B_24H | RTC_B_DSE | RTC_B_SQWE, d);
	assert_int_equal(rd(RTC_REG_B, d),
			 RTC_B_SET | RTC_B_24H | RTC_B_DSE | RTC_B_SQWE);
	assert_int_equal(rd(RTC_REG_C, d + 3 * SEC) & RTC_C_UF, 0);
	/* UF with UIE clear: set, no IRQ8 */
	wr(RTC_REG_B, RTC_B_24H, d + 3 * SEC);
	assert_int_equal(expire(d + 4 * SEC), 0);
	assert_int_equal(rd(RTC_REG_C, d + 4 * SEC) & RTC_C_UF, RTC_C_UF);
	assert_true(deadline(d + 4 * SEC) == UINT64_MAX);
}

static void test_alarm(void **state)
{
	uint64_t d;

	(void)state;
	reset(T_2026_12_01 * SEC + SEC / 2);	/* 11:07:29.5 */
	wr(RTC_REG_A, 0x20, NOW0);		/* no periodic flag */
	wr(RTC_SECONDS_ALARM, 0x40, NOW0);
	wr(RTC_MINUTES_ALARM, 0x07, NOW0);
	wr(RTC_HOURS_ALARM, 0x11, NOW0);
	assert_int_equal(rd(RTC_SECONDS_ALARM, NOW0), 0x40);
	wr(RTC_REG_B, RTC_B_AIE | RTC_B_24H, NOW0);
	d = deadline(NOW0);
	assert_true(d == NOW0 + 10 * SEC + SEC / 2);	/* 11:07:40 */
	assert_int_equal(expire(d - 1), 0);
	assert_int_equal(rd(RTC_REG_C, d - 1) & RTC_C_AF, 0);
	assert_int_equal(expire(d), 1);
	assert_int_equal(rd(RTC_REG_C, d), RTC_C_IRQF | RTC_C_AF | RTC_C_UF);
	/* the same time tomorrow */
	assert_true(deadline(d) == d + 86400 * SEC);
	/* don't care: any hour and minute, second 0: 11:08:00 */
	wr(RTC_MINUTES_ALARM, 0xff, d);
	wr(RTC_HOURS_ALARM, RTC_ALARM_DONT_CARE, d);
	wr(RTC_SECONDS_ALARM, 0x00, d);
	assert_true(deadline(d) == d + 20 * SEC);
	/* every second */
	wr(RTC_SECONDS_ALARM, 0xc5, d);
	assert_true(deadline(d) == d + SEC);
	/* 12 h binary: 1:00:00 PM, from 11:07:40 */
	wr(RTC_REG_B, RTC_B_AIE | RTC_B_DM_BINARY, d);
	wr(RTC_SECONDS_ALARM, 0, d);
	wr(RTC_MINUTES_ALARM, 0, d);
	wr(RTC_HOURS_ALARM, 1 | RTC_HOUR_PM, d);
	assert_true(deadline(d) == d + (2 * 3600 - 7 * 60 - 40) * SEC);
	/* an alarm byte no time matches: never */
	wr(RTC_SECONDS_ALARM, 75, d);
	assert_true(deadline(d) == UINT64_MAX);
	assert_int_equal(expire(d + 2 * 86400 * SEC), 0);
	/* AF without AIE: set, no IRQ8 */
	wr(RTC_REG_B, RTC_B_24H, d);
	wr(RTC_SECONDS_ALARM, RTC_ALARM_DONT_CARE, d);
	wr(RTC_MINUTES_ALARM, RTC_ALARM_DONT_CARE, d);
	wr(RTC_HOURS_ALARM, RTC_ALARM_DONT_CARE, d);
	rd(RTC_REG_C, d);
	assert_int_equal(rd(RTC_REG_C, d), 0);
	assert_int_equal(expire(d + SEC), 0);
	assert_int_equal(rd(RTC_REG_C, d + SEC), RTC_C_AF | RTC_C_UF);
}

static void test_readonly_cd(void **state)
{
	(void)state;
	reset(T_2026_12_01 * SEC);
	assert_int_equal(wr_err(RTC_REG_C, 0xff, NOW0), RTC_ERR_READONLY);
	assert_int_equal(wr_err(RTC_REG_D, 0x00, NOW0), RTC_ERR_READONLY);
	assert_int_equal(rd(RTC_REG_C, NOW0), 0);
	assert_int_equal(rd(RTC_REG_D, NOW0), RTC_D_VRT);
	assert_int_equal(rtc_write(&rtc, 0x72, 0, 0, NOW0), RTC_ERR_PORT);
	assert_string_equal(rtc_strerror(0), "ok");
	assert_string_equal(rtc_strerror(RTC_ERR_READONLY),
			    "register C and D are read-only");
	assert_string_not_equal(rtc_strerror(RTC_ERR_VALUE),
				rtc_strerror(RTC_ERR_PORT));
	assert_string_equal(rtc_strerror(-99), "unknown RTC error");
}

static void test_cmos_ram(void **state)
{
	unsigned int i;

	(void)state;
	reset(T_2026_12_01 * SEC);
	for (i = 0x0e; i < 0x80; i++)
		if (i != RTC_CENTURY)
			wr(i, (uint8_t)(i * 7 + 1), NOW0);
	for (i = 0x0e; i < 0x80; i++)
		if (i != RTC_CENTURY)
			assert_int_equal(rd(i, NOW0), (uint8_t)(i * 7 + 1));
	/* 0x32 is the century, not RAM */
	assert_int_equal(rd(RTC_CENTURY, NOW0), 0x20);
	/* the NMI-disable bit of the index is not part of it */
	assert_int_equal(rtc_write(&rtc, RTC_PORT_INDEX,
				   RTC_NMI_DISABLE | 0x10, 0, NOW0), 0);
	assert_int_equal(rtc_write(&rtc, RTC_PORT_DATA, 0x5a, 0, NOW0), 0);
	assert_int_equal(rd(0x10, NOW0), 0x5a);
	assert_int_equal(rd(0x11, NOW0), (uint8_t)(0x11 * 7 + 1));
	/* the time is unchanged by RAM writes */
	check_time(NOW0, 0x29, 0x07, 0x11, 3, 0x01, 0x12, 0x26, 0x20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_registers),
		cmocka_unit_test(test_time_bcd_24h),
		cmocka_unit_test(test_time_binary_12h),
		cmocka_unit_test(test_uip_window),
		cmocka_unit_test(test_set_clock),
		cmocka_unit_test(test_refused_time_values),
		cmocka_unit_test(test_periodic),
		cmocka_unit_test(test_reg_c_read_clears),
		cmocka_unit_test(test_update_flag),
		cmocka_unit_test(test_alarm),
		cmocka_unit_test(test_readonly_cd),
		cmocka_unit_test(test_cmos_ram),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
