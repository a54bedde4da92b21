/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtc.h - register model of the MC146818 CMOS real-time clock (ports
 * 0x70 index, 0x71 data) and its 128 bytes of CMOS RAM, behind the
 * shim's port calls.
 *
 * Pure: the caller passes the wallclock (wall_ns, ns since the Unix
 * epoch, UTC) and the monotonic system time (now_ns); the model keeps
 * the guest's clock as a whole-second offset from the wallclock, so its
 * seconds tick with Xen's and Xen's clock is never changed.  One timer:
 * the caller arms it at rtc_irq8_deadline() and calls rtc_irq8_expire(),
 * raising IRQ8 on a 1.  No pointers in the state.
 *
 * Modelled:
 *   - Port 0x70: index (bits 0-6); bit 7, NMI disable, stored only.
 *     Port 0x70 is write-only and reads 0xff.
 *   - Time registers 0 seconds, 2 minutes, 4 hours (12 h mode: 1-12 and
 *     bit 7 PM), 6 day of week (1 = Sunday), 7 day of month, 8 month, 9
 *     year (two digits), 0x32 century: from wallclock + offset, in BCD or
 *     binary (reg B DM) and 12 or 24 hours (reg B bit 1).  While reg B
 *     SET is held they stop and take writes; releasing SET sets the
 *     offset from them (a day past the month's end rolls over; the day
 *     of week is recomputed).  A time write with SET clear changes that
 *     field of the running clock at once.  A value outside its field's
 *     range is refused.
 *   - Alarm registers 1, 3, 5: stored as written; 0xC0-0xFF is "don't
 *     care"; they match the time at each second update.
 *   - Reg A: UIP (bit 7) reads 1 in the last 244 us before each second
 *     boundary of the wallclock (0 while SET is held); bits 0-6 stored,
 *     the rate select gives the periodic rate (0 none, 1 256 Hz, 2 128 Hz,
 *     3-15 32768 >> (rate - 1) Hz); the divider bits are stored only (the
 *     clock always runs).
 *   - Reg B: SET (setting it clears UIE), PIE, AIE, UIE, SQWE (stored),
 *     DM, 24/12, DSE (stored, no daylight saving).
 *   - Reg C: IRQF, PF, AF, UF; read-only, cleared by reading.  PF is set
 *     at every periodic interval, UF at every second update, AF when the
 *     alarm matches, whether or not their interrupts are enabled; IRQF
 *     when an enabled one is set.  The periodic grid is aligned to the
 *     wallclock's second boundaries.  While SET is held there are no
 *     updates (no UF, no AF).
 *   - Reg D: VRT (0x80), read-only.  Writes to C and D are refused.
 *   - 0x0E-0x7F except 0x32: CMOS RAM, reset to 0.
 *   - IRQ8: the rise of IRQF (0 -> 1), one edge until reg C is read.
 *
 * Reset: reg A 0x26 (32768 Hz base, 1024 Hz rate), reg B 0x02 (24 h,
 * BCD, no interrupts), reg C 0, reg D 0x80, the guest's clock = the
 * wallclock, CMOS RAM and alarms 0, index 0.
 *
 * Never: change Xen's clock, do I/O, hypercalls or printing, or divide
 * 64-bit values other than with div64_32().
 */
#ifndef VMIX_TIME_RTC_H
#define VMIX_TIME_RTC_H

#include <stdint.h>

#define RTC_PORT_INDEX		0x70
#define RTC_PORT_DATA		0x71
#define RTC_INDEX_MASK		0x7f
#define RTC_NMI_DISABLE		0x80

/* Register indexes. */
#define RTC_SECONDS		0x00
#define RTC_SECONDS_ALARM	0x01
#define RTC_MINUTES		0x02
#define RTC_MINUTES_ALARM	0x03
#define RTC_HOURS		0x04
#define RTC_HOURS_ALARM		0x05
#define RTC_DAY_OF_WEEK		0x06
#define RTC_DAY_OF_MONTH	0x07
#define RTC_MONTH		0x08
#define RTC_YEAR		0x09
#define RTC_REG_A		0x0a
#define RTC_REG_B		0x0b
#define RTC_REG_C		0x0c
#define RTC_REG_D		0x0d
#define RTC_CENTURY		0x32
#define RTC_RAM_SIZE		128

#define RTC_A_UIP		0x80	/* read-only */
#define RTC_A_DIVIDER		0x70
#define RTC_A_RATE		0x0f
#define RTC_A_WRITABLE		0x7f

#define RTC_B_SET		0x80
#define RTC_B_PIE		0x40
#define RTC_B_AIE		0x20
#define RTC_B_UIE		0x10
#define RTC_B_SQWE		0x08
#define RTC_B_DM_BINARY		0x04
#define RTC_B_24H		0x02
#define RTC_B_DSE		0x01

#define RTC_C_IRQF		0x80
#define RTC_C_PF		0x40
#define RTC_C_AF		0x20
#define RTC_C_UF		0x10

#define RTC_D_VRT		0x80

#define RTC_HOUR_PM		0x80	/* 12 h mode */
#define RTC_ALARM_DONT_CARE	0xc0	/* both bits set: any value */

#define RTC_A_RESET		0x26
#define RTC_B_RESET		RTC_B_24H
#define RTC_UIP_NS		244000u

/* rtc_write's refusals (nothing changed). */
#define RTC_ERR_PORT		(-1)	/* not an RTC port */
#define RTC_ERR_READONLY	(-2)	/* reg C or D */
#define RTC_ERR_VALUE		(-3)	/* out of the time field's range */

struct rtc {
	uint8_t index;		/* port 0x70 bits 0-6 */
	uint8_t nmi_disabled;	/* port 0x70 bit 7, stored only */
	/*
	 * CMOS bytes: alarms, reg A bits 0-6, reg B, reg C's flags, RAM.
	 * The time registers' bytes are computed, not kept here.
	 */
	uint8_t ram[RTC_RAM_SIZE];
	int64_t offset_s;	/* guest clock - wallclock, seconds */
	/* The time while SET is held, in binary, 24 h. */
	struct rtc_time {
		uint8_t sec, min, hour, wday, mday, mon, year, century;
	} held;
	uint8_t synced;		/* acct_wall_ns is set */
	uint8_t irq_pending;	/* IRQF rose, not yet reported */
	uint64_t acct_wall_ns;	/* flags accounted up to this wall time */
	uint64_t wall_minus_now; /* wall_ns - now_ns at the last call */
	uint64_t irq_ns;	/* now-ns when the pending rise happened */
};

void rtc_reset(struct rtc *r);
/* 0x70, 0x71 */
int rtc_is_port(uint16_t port);
uint8_t rtc_read(struct rtc *r, uint16_t port, uint64_t wall_ns,
		 uint64_t now_ns);
/* 0 or a negative RTC_ERR_* (refused, nothing changed) */
int rtc_write(struct rtc *r, uint16_t port, uint8_t val, uint64_t wall_ns,
	      uint64_t now_ns);
const char *rtc_strerror(int err);

/*
 * Absolute now-ns of the next IRQ8 (periodic if PIE, update-ended if UIE,
 * alarm if AIE), found from the last time the flags were accounted: a
 * past time when one is due or waiting to be reported; UINT64_MAX if none
 * is enabled, or IRQF is already set (no new edge until reg C is read).
 */
uint64_t rtc_irq8_deadline(const struct rtc *r, uint64_t now_ns);
/*
 * At or after the deadline: set reg C's flags for what happened since the
 * last accounting; 1 if IRQF rose (one edge however many events), else 0.
 */
int rtc_irq8_expire(struct rtc *r, uint64_t wall_ns, uint64_t now_ns);

#endif /* VMIX_TIME_RTC_H */
