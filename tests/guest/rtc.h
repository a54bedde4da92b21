/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtc.h - the MC146818 CMOS real-time clock: registers, and reading the
 * date and time into seconds since the epoch (rtc.c).  The register
 * access is the caller's: the native ROM reads the ports directly at
 * Init, time.rtc_wallclock reads them through VMI INB/OUTB.
 *
 * Never: read the time registers while an update is in progress.
 */
#ifndef VMITEST_RTC_H
#define VMITEST_RTC_H

#include <stdint.h>

#define CMOS_INDEX		0x70
#define CMOS_DATA		0x71

#define RTC_SECONDS		0x00
#define RTC_MINUTES		0x02
#define RTC_HOURS		0x04
#define RTC_DAY			0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_C		0x0c
#define RTC_CENTURY		0x32	/* the ACPI FADT's default */

#define RTC_A_UIP		0x80	/* update in progress */
#define RTC_A_RATE_MASK		0x0f
#define RTC_B_PIE		0x40	/* periodic interrupt enable */
#define RTC_B_BINARY		0x04	/* DM: binary, not BCD */
#define RTC_B_24H		0x02
#define RTC_HOUR_PM		0x80	/* 12-hour mode */

struct rtc_time {
	uint32_t year, month, day, hour, min, sec;
};

/* Reads CMOS register reg. */
typedef uint8_t (*cmos_read_fn)(uint8_t reg);

/*
 * Read the clock: wait (bounded) for UIP clear, read every field, and
 * again until two reads agree; decode BCD and 12-hour mode as register B
 * says.  0 on success, -1 if the clock never settled.
 */
int rtc_read(cmos_read_fn rd, struct rtc_time *tm);

/* Seconds since 1970-01-01T00:00:00Z of a decoded time (UTC). */
uint64_t rtc_to_epoch(const struct rtc_time *tm);

#define NSEC_PER_SEC		1000000000u

#endif /* VMITEST_RTC_H */
