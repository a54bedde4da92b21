// SPDX-License-Identifier: GPL-2.0
/*
 * rtc.c - reading the CMOS clock and turning its date into seconds since
 * the epoch (see rtc.h).  Used by the native ROM at Init and by the
 * time.rtc_wallclock case, each with its own register access.
 *
 * Never: divide 64-bit values (no libgcc); never print (the native ROM
 * runs it before the console exists).
 */
#include "rtc.h"

#define RTC_UIP_WAIT	1000000	/* polls: UIP lasts 2 ms at most */
#define RTC_TRIES	8
#define RTC_DEFAULT_CENTURY	20

static uint32_t bcd(uint32_t v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

static int read_raw(cmos_read_fn rd, uint8_t raw[7])
{
	unsigned int i;

	for (i = 0; i < RTC_UIP_WAIT; i++)
		if (!(rd(RTC_REG_A) & RTC_A_UIP))
			break;
	if (i == RTC_UIP_WAIT)
		return -1;
	raw[0] = rd(RTC_SECONDS);
	raw[1] = rd(RTC_MINUTES);
	raw[2] = rd(RTC_HOURS);
	raw[3] = rd(RTC_DAY);
	raw[4] = rd(RTC_MONTH);
	raw[5] = rd(RTC_YEAR);
	raw[6] = rd(RTC_CENTURY);
	return 0;
}

int rtc_read(cmos_read_fn rd, struct rtc_time *tm)
{
	uint8_t a[7], b[7], regb;
	uint32_t hour, century;
	unsigned int i, k, same = 0;

	if (read_raw(rd, a))
		return -1;
	for (i = 0; i < RTC_TRIES && !same; i++) {
		if (read_raw(rd, b))
			return -1;
		same = 1;
		for (k = 0; k < 7; k++) {
			if (a[k] != b[k])
				same = 0;
			a[k] = b[k];
		}
	}
	if (!same)
		return -1;
	regb = rd(RTC_REG_B);
	hour = a[2] & ~RTC_HOUR_PM;
	century = a[6];
	if (!(regb & RTC_B_BINARY)) {
		tm->sec = bcd(a[0]);
		tm->min = bcd(a[1]);
		hour = bcd(hour);
		tm->day = bcd(a[3]);
		tm->month = bcd(a[4]);
		tm->year = bcd(a[5]);
		century = bcd(century);
	} else {
		tm->sec = a[0];
		tm->min = a[1];
		tm->day = a[3];
		tm->month = a[4];
		tm->year = a[5];
	}
	if (!(regb & RTC_B_24H)) {
		if (hour == 12)
			hour = 0;
		if (a[2] & RTC_HOUR_PM)
			hour += 12;
	}
	tm->hour = hour;
	if (century < 19 || century > 21)
		century = RTC_DEFAULT_CENTURY;
	tm->year += century * 100;
	return 0;
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static uint32_t days_from_civil(uint32_t y, uint32_t m, uint32_t d)
{
	uint32_t era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

uint64_t rtc_to_epoch(const struct rtc_time *tm)
{
	uint64_t days = days_from_civil(tm->year, tm->month, tm->day);

	return days * 86400 + tm->hour * 3600 + tm->min * 60 + tm->sec;
}
