// SPDX-License-Identifier: GPL-2.0
/*
 * test_pit8254.c - host unit tests for the 8254 PIT and port 0x61 model
 * (time/pit8254.c).  Times are worked out here independently, in 128-bit
 * arithmetic, from PIT_HZ.
 *
 * Never: depend on the host's clock (every time is given).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "time/pit8254.h"

#define T0	1000000007ull	/* an arbitrary, unaligned start */
#define HZ100	11932u		/* (PIT_HZ + 50) / 100 */
#define HZ1000	1193u		/* (PIT_HZ + 500) / 1000 */

static struct pit8254 pit;

static void reset(void)
{
	memset(&pit, 0xa5, sizeof(pit));	/* reset must set everything */
	pit_reset(&pit);
}

/* The input tick at ns: floor(ns * PIT_HZ / 10^9). */
static uint64_t tick(uint64_t ns)
{
	return (uint64_t)((unsigned __int128)ns * PIT_HZ / 1000000000u);
}

/* The first ns at which the input clock is k ticks past t0's tick. */
static uint64_t at(uint64_t t0, uint64_t k)
{
	unsigned __int128 x = (unsigned __int128)(tick(t0) + k) * 1000000000u;

	return (uint64_t)((x + PIT_HZ - 1) / PIT_HZ);
}

static void wr(uint16_t port, uint8_t val, uint64_t now)
{
	assert_int_equal(pit_write(&pit, port, val, now), 0);
}

static uint8_t rd(uint16_t port, uint64_t now)
{
	return pit_read(&pit, port, now);
}

/* Channel ch: control word cw, then the count in lobyte-hibyte order. */
static void program(unsigned int ch, uint8_t cw, uint16_t count,
		    uint64_t now)
{
	wr(PIT_PORT_CONTROL, cw, now);
	wr(PIT_PORT_CH0 + ch, count & 0xff, now);
	wr(PIT_PORT_CH0 + ch, count >> 8, now);
}

static uint16_t rd16(unsigned int ch, uint64_t now)
{
	uint16_t lo = rd(PIT_PORT_CH0 + ch, now);

	return (uint16_t)(lo | rd(PIT_PORT_CH0 + ch, now) << 8);
}

static uint8_t status(unsigned int ch, uint64_t now)
{
	wr(PIT_PORT_CONTROL, 0xc0 | PIT_RB_NO_COUNT | PIT_RB_CH(ch), now);
	return rd(PIT_PORT_CH0 + ch, now);
}

static void test_reset_state(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	for (i = 0; i < 3; i++)	/* OUT, NULL COUNT, lohi, mode 3 */
		assert_int_equal(status(i, T0), 0xf6);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, T0 + 10000000000ull), 0);
	/* port 0x61: gate and speaker off, OUT2 high, refresh toggling */
	assert_int_equal(rd(PIT_PORT_61, T0), PIT_P61_REFRESH | PIT_P61_OUT2);
	assert_int_equal(rd(PIT_PORT_61, T0), PIT_P61_OUT2);
	assert_int_equal(rd(PIT_PORT_CONTROL, T0), 0xff);
	assert_true(pit_is_port(0x40) && pit_is_port(0x41) &&
		    pit_is_port(0x42) && pit_is_port(0x43) &&
		    pit_is_port(0x61));
	assert_false(pit_is_port(0x3f) || pit_is_port(0x44) ||
		     pit_is_port(0x60) || pit_is_port(0x62));
}

static void test_access_modes(void **state)
{
	(void)state;
	reset();
	/* lobyte: the high byte is 0, reads give the low byte each time */
	wr(PIT_PORT_CONTROL, 0x50, T0);		/* ch1, lobyte, mode 0 */
	wr(0x41, 0x34, T0);
	assert_int_equal(status(1, T0), 0x10 | PIT_ST_NULL_COUNT);
	assert_int_equal(rd(0x41, T0), 0x34);
	assert_int_equal(rd(0x41, T0), 0x34);
	assert_int_equal(rd(0x41, at(T0, 4)), 0x30);
	/* hibyte: count 0x1200, reads give the high byte */
	wr(PIT_PORT_CONTROL, 0x64, T0);		/* ch1, hibyte, mode 2 */
	wr(0x41, 0x12, T0);
	assert_int_equal(rd(0x41, T0), 0x12);
	assert_int_equal(rd(0x41, at(T0, 0x100)), 0x11);
	/* lobyte then hibyte: written and read low first */
	wr(PIT_PORT_CONTROL, 0x74, T0);		/* ch1, lohi, mode 2 */
	wr(0x41, 0x78, T0);
	wr(0x41, 0x56, T0);
	assert_int_equal(rd(0x41, T0), 0x78);
	assert_int_equal(rd(0x41, T0), 0x56);
	assert_int_equal(rd16(1, at(T0, 0x10)), 0x5668);
	/* a control word restarts the byte order */
	assert_int_equal(rd(0x41, T0), 0x78);
	wr(PIT_PORT_CONTROL, 0x74, T0);
	assert_int_equal(rd(0x41, T0), 0x00);	/* no count: low byte */
	wr(0x41, 0x02, T0);
	wr(PIT_PORT_CONTROL, 0x74, T0);	/* drops the half count */
	wr(0x41, 0x00, T0);
	wr(0x41, 0x01, T0);
	assert_int_equal(rd16(1, T0), 0x0100);
}

static void test_counter_latch(void **state)
{
	(void)state;
	reset();
	program(0, 0x34, 1000, T0);		/* ch0, lohi, mode 2 */
	wr(PIT_PORT_CONTROL, 0x00, at(T0, 100));	/* latch ch0 */
	wr(PIT_PORT_CONTROL, 0x00, at(T0, 200));	/* ignored: held */
	assert_int_equal(rd(0x40, at(T0, 300)), 900 & 0xff);
	assert_int_equal(rd(0x40, at(T0, 400)), 900 >> 8);
	/* released: live again */
	assert_int_equal(rd16(0, at(T0, 500)), 500);
	/* a latch in lobyte mode is one byte */
	wr(PIT_PORT_CONTROL, 0x54, T0);		/* ch1, lobyte, mode 2 */
	wr(0x41, 200, T0);
	wr(PIT_PORT_CONTROL, 0x40, at(T0, 50));
	assert_int_equal(rd(0x41, at(T0, 60)), 150);
	assert_int_equal(rd(0x41, at(T0, 60)), 140);
}

static void test_readback_status(void **state)
{
	uint64_t t;

	(void)state;
	reset();
	wr(PIT_PORT_CONTROL, 0x30, T0);		/* ch0, lohi, mode 0 */
	/* OUT low in mode 0, no count yet */
	assert_int_equal(status(0, T0), 0x30 | PIT_ST_NULL_COUNT);
	program(0, 0x30, 4096, T0);
	assert_int_equal(status(0, T0), 0x30 | PIT_ST_NULL_COUNT);
	assert_int_equal(status(0, at(T0, 1)), 0x30);	/* count loaded */
	assert_int_equal(status(0, at(T0, 4096) - 1), 0x30);
	assert_int_equal(status(0, at(T0, 4096)), 0x30 | PIT_ST_OUTPUT);
	/* status and count together: status first, then the count */
	t = at(T0, 4000);
	wr(PIT_PORT_CONTROL, 0xc0 | PIT_RB_CH(0), t);
	assert_int_equal(rd(0x40, at(T0, 4100)), 0x30);
	assert_int_equal(rd16(0, at(T0, 4200)), 96);
	/* several channels at once; a second latch keeps the first */
	program(2, 0xb6, 100, T0);		/* ch2, lohi, mode 3 */
	wr(PIT_PORT_CONTROL, 0xc0 | PIT_RB_NO_COUNT | PIT_RB_CH(0) |
	   PIT_RB_CH(2), at(T0, 4000));
	wr(PIT_PORT_CONTROL, 0xc0 | PIT_RB_NO_COUNT | PIT_RB_CH(0),
	   at(T0, 5000));			/* OUT0 is high by now */
	assert_int_equal(rd(0x40, at(T0, 5000)), 0x30);
	assert_int_equal(status(0, at(T0, 5000)), 0xb0);
	/* channel 2's gate is low: mode 3 holds OUT high */
	assert_int_equal(rd(0x42, at(T0, 5000)), 0x36 | PIT_ST_OUTPUT);
	/* a read-back naming no channel latches nothing */
	wr(PIT_PORT_CONTROL, 0xc0, at(T0, 5000));
	assert_int_equal(rd16(0, at(T0, 5096)), 65536 + 4096 - 5096);
}

static void test_count_decreases(void **state)
{
	uint64_t k, t;
	uint16_t v, last = 0xffff;

	(void)state;
	reset();
	program(0, 0x34, 50000, T0);
	for (k = 0; k < 50000; k += 997) {
		t = at(T0, k);
		v = rd16(0, t);
		assert_int_equal(v, 50000 - k);
		assert_true(v < last);
		last = v;
		/* one ns earlier is still the tick before */
		if (k)
			assert_int_equal(rd16(0, t - 1), 50000 - k + 1);
	}
	/* it reloads: mode 2 never reads 0 */
	assert_int_equal(rd16(0, at(T0, 49999)), 1);
	assert_int_equal(rd16(0, at(T0, 50000)), 50000);
}

/* Edges k = 1..n at k * count ticks; the ns before each is not due. */
static void check_periodic(uint8_t cw, uint16_t count)
{
	uint64_t k, d;

	reset();
	program(0, cw, count, T0);
	for (k = 1; k <= 50; k++) {
		d = at(T0, k * count);
		assert_true(pit_irq0_deadline(&pit) == d);
		assert_int_equal(pit_irq0_expire(&pit, d - 1), 0);
		assert_true(pit_irq0_deadline(&pit) == d);
		assert_int_equal(pit_irq0_expire(&pit, d), 1);
		assert_int_equal(pit_irq0_expire(&pit, d), 0);
	}
}

static void test_mode2_rate(void **state)
{
	(void)state;
	check_periodic(0x34, HZ100);
	assert_true(at(0, HZ100) == 10000151);		/* 100 Hz */
	check_periodic(0x34, HZ1000);
	assert_true(at(0, HZ1000) == 999848);		/* 1000 Hz */
	/* OUT2 low for the last tick of each period only */
	reset();
	program(0, 0x34, 100, T0);
	assert_int_equal(status(0, at(T0, 98)) & PIT_ST_OUTPUT, PIT_ST_OUTPUT);
	assert_int_equal(status(0, at(T0, 99)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(status(0, at(T0, 100)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
	/* mode 6 is mode 2, and says 6 in the status */
	reset();
	program(0, 0x3c, HZ100, T0);
	assert_int_equal(status(0, T0) & PIT_CW_MODE_MASK, 6 << 1);
	assert_true(pit_irq0_deadline(&pit) == at(T0, HZ100));
}

static void test_mode3_square_wave(void **state)
{
	(void)state;
	check_periodic(0x36, HZ100);
	check_periodic(0x36, HZ1000);
	check_periodic(0x3e, HZ1000);		/* mode 7 = 3 */
	/* high for the first half, low for the second, counting by 2 */
	reset();
	program(0, 0x36, 100, T0);
	assert_int_equal(rd16(0, T0), 100);
	assert_int_equal(rd16(0, at(T0, 10)), 80);
	assert_int_equal(status(0, at(T0, 49)) & PIT_ST_OUTPUT, PIT_ST_OUTPUT);
	assert_int_equal(status(0, at(T0, 50)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(rd16(0, at(T0, 60)), 80);
	assert_int_equal(status(0, at(T0, 99)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(status(0, at(T0, 100)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
	/* odd count: high (n + 1) / 2 ticks, reading 5 4 2, 4 2 */
	program(0, 0x36, 5, T0);
	assert_int_equal(rd16(0, T0), 5);
	assert_int_equal(rd16(0, at(T0, 1)), 4);
	assert_int_equal(rd16(0, at(T0, 2)), 2);
	assert_int_equal(rd16(0, at(T0, 3)), 4);
	assert_int_equal(rd16(0, at(T0, 4)), 2);
	assert_int_equal(status(0, at(T0, 2)) & PIT_ST_OUTPUT, PIT_ST_OUTPUT);
	assert_int_equal(status(0, at(T0, 3)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(status(0, at(T0, 4)) & PIT_ST_OUTPUT, 0);
}

static void test_mode0_one_shot(void **state)
{
	uint64_t d = at(T0, 1000);

	(void)state;
	reset();
	program(0, 0x30, 1000, T0);
	assert_true(pit_irq0_deadline(&pit) == d);
	assert_int_equal(pit_irq0_expire(&pit, d - 1), 0);
	assert_int_equal(status(0, d - 1) & PIT_ST_OUTPUT, 0);
	assert_int_equal(pit_irq0_expire(&pit, d + 5), 1);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 70000)), 0);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 1000000)), 0);
	assert_int_equal(status(0, at(T0, 70000)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
	/* the counter goes on, wrapping */
	assert_int_equal(rd16(0, at(T0, 1001)), 0xffff);
	/* a new count re-arms it */
	program(0, 0x30, 10, at(T0, 2000));
	assert_true(pit_irq0_deadline(&pit) == at(at(T0, 2000), 10));
	assert_int_equal(pit_irq0_expire(&pit, at(at(T0, 2000), 10)), 1);
}

static void test_mode4_strobe(void **state)
{
	(void)state;
	reset();
	program(0, 0x38, 500, T0);
	assert_int_equal(status(0, at(T0, 499)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
	assert_int_equal(status(0, at(T0, 500)) & PIT_ST_OUTPUT, 0);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 501));
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 501)), 1);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 200000)), 0);
}

static void test_mode5_silent(void **state)
{
	(void)state;
	reset();
	program(0, 0x34, HZ100, T0);		/* running at 100 Hz */
	assert_int_equal(pit_irq0_expire(&pit, at(T0, HZ100)), 1);
	/* what a VMI kernel writes: 0x3a, then a count */
	program(0, 0x3a, 0xffff, at(T0, HZ100 + 10));
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 100 * HZ100)), 0);
	assert_int_equal(pit_irq0_expire(&pit, T0 + 3600000000000ull), 0);
	assert_int_equal(status(0, at(T0, 100 * HZ100)),
			 0x3a | PIT_ST_OUTPUT | PIT_ST_NULL_COUNT);
	/* mode 1 is silent the same way */
	program(0, 0x32, 100, T0);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 1000)), 0);
	/* ... and right after reset, without a count */
	reset();
	wr(PIT_PORT_CONTROL, 0x3a, T0);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 1000000)), 0);
}

static void test_count0_is_65536(void **state)
{
	(void)state;
	reset();
	program(0, 0x34, 0, T0);
	assert_int_equal(rd16(0, T0), 0);
	assert_int_equal(rd16(0, at(T0, 1)), 0xffff);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 65536));
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 65536)), 1);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 2 * 65536));
	/* lobyte mode 0: 0 counts 65536 too, 0x0100 in hibyte mode */
	wr(PIT_PORT_CONTROL, 0x10, T0);
	wr(0x40, 0, T0);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 65536));
	wr(PIT_PORT_CONTROL, 0x20, T0);
	wr(0x40, 1, T0);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 256));
}

static void test_missed_periods(void **state)
{
	uint64_t late = at(T0, 5 * HZ100 + HZ100 / 2);

	(void)state;
	reset();
	program(0, 0x34, HZ100, T0);
	assert_int_equal(pit_irq0_expire(&pit, late), 1);	/* one edge */
	assert_int_equal(pit_irq0_expire(&pit, late), 0);
	/* the grid is kept: the next edge is the 6th */
	assert_true(pit_irq0_deadline(&pit) == at(T0, 6 * HZ100));
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 6 * HZ100) - 1), 0);
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 6 * HZ100)), 1);
	/* hours later, exactly on an edge: one, and the next one after */
	late = at(T0, 400000ull * HZ100);
	assert_int_equal(pit_irq0_expire(&pit, late), 1);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 400001ull * HZ100));
	assert_int_equal(rd16(0, late), HZ100);
}

static void test_bcd(void **state)
{
	(void)state;
	reset();
	program(0, 0x35, 0x1000, T0);	/* lohi, mode 2, BCD 1000 */
	assert_int_equal(status(0, T0) & PIT_CW_BCD, PIT_CW_BCD);
	assert_int_equal(rd16(0, T0), 0x1000);
	assert_int_equal(rd16(0, at(T0, 1)), 0x0999);
	assert_int_equal(rd16(0, at(T0, 911)), 0x0089);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 1000));
	/* BCD 0 is 10000 */
	program(0, 0x35, 0, T0);
	assert_int_equal(rd16(0, at(T0, 1)), 0x9999);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 10000));
	/* mode 0 BCD wraps at 10000 */
	program(0, 0x31, 0x0005, T0);
	assert_int_equal(rd16(0, at(T0, 6)), 0x9999);
	/* a byte that is not BCD is refused */
	wr(PIT_PORT_CONTROL, 0x35, T0);
	assert_int_equal(pit_write(&pit, 0x40, 0x1a, T0), PIT_ERR_BCD);
	wr(0x40, 0x50, T0);
	assert_int_equal(pit_write(&pit, 0x40, 0xa0, T0), PIT_ERR_BCD);
	wr(0x40, 0x00, T0);
	/* (the control word ended mode 0's low OUT: an edge at T0) */
	assert_true(pit_irq0_deadline(&pit) == T0);
	assert_int_equal(pit_irq0_expire(&pit, T0), 1);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 50));
}

static void test_channel2_calibration(void **state)
{
	uint64_t t1 = T0 + 777, k;
	uint8_t v, toggle;

	(void)state;
	reset();
	/* as a kernel calibrates: gate on, speaker off, mode 0 on ch2 */
	wr(PIT_PORT_61, (rd(PIT_PORT_61, T0) & ~PIT_P61_SPEAKER) |
	   PIT_P61_GATE2, T0);
	program(2, 0xb0, HZ100, t1);		/* 10 ms */
	toggle = rd(PIT_PORT_61, t1) & PIT_P61_REFRESH;
	for (k = 0; k < HZ100; k += 1000) {
		v = rd(PIT_PORT_61, at(t1, k));
		assert_int_equal(v & PIT_P61_OUT2, 0);
		assert_int_equal(v & PIT_P61_GATE2, PIT_P61_GATE2);
		assert_int_equal(v & PIT_P61_REFRESH,
				 toggle ? 0 : PIT_P61_REFRESH);
		toggle = v & PIT_P61_REFRESH;
	}
	assert_int_equal(rd(PIT_PORT_61, at(t1, HZ100) - 1) & PIT_P61_OUT2, 0);
	assert_int_equal(rd(PIT_PORT_61, at(t1, HZ100)) & PIT_P61_OUT2,
			 PIT_P61_OUT2);
	/* channel 2 never raises IRQ0 */
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	assert_int_equal(pit_irq0_expire(&pit, at(t1, 2 * HZ100)), 0);
	/* bits 0-3 are stored, 4-7 are not written */
	wr(PIT_PORT_61, 0xff, at(t1, 2 * HZ100));
	assert_int_equal(rd(PIT_PORT_61, at(t1, 2 * HZ100)) & ~PIT_P61_REFRESH,
			 PIT_P61_WRITABLE | PIT_P61_OUT2);
	/* the gate low suspends mode 0; high resumes */
	reset();
	program(2, 0xb0, 1000, t1);
	assert_int_equal(rd16(2, at(t1, 500)), 1000);	/* gate low */
	wr(PIT_PORT_61, PIT_P61_GATE2, at(t1, 500));
	assert_int_equal(rd16(2, at(t1, 800)), 700);
	wr(PIT_PORT_61, 0, at(t1, 800));
	assert_int_equal(rd16(2, at(t1, 5000)), 700);
	assert_int_equal(rd(PIT_PORT_61, at(t1, 5000)) & PIT_P61_OUT2, 0);
	wr(PIT_PORT_61, PIT_P61_GATE2, at(t1, 5000));
	assert_int_equal(rd(PIT_PORT_61, at(t1, 5699)) & PIT_P61_OUT2, 0);
	assert_int_equal(rd(PIT_PORT_61, at(t1, 5700)) & PIT_P61_OUT2,
			 PIT_P61_OUT2);
	/* mode 1 on ch2 is triggered by the gate's rising edge */
	wr(PIT_PORT_61, 0, t1);
	program(2, 0xb2, 100, t1);
	assert_int_equal(status(2, at(t1, 10)) & PIT_ST_OUTPUT, PIT_ST_OUTPUT);
	wr(PIT_PORT_61, PIT_P61_GATE2, at(t1, 10));
	assert_int_equal(status(2, at(t1, 11)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(rd16(2, at(t1, 60)), 50);
	assert_int_equal(status(2, at(t1, 110)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
	/* a new count is used from the next trigger */
	wr(0x42, 40, at(t1, 120));
	wr(0x42, 0, at(t1, 120));
	wr(PIT_PORT_61, 0, at(t1, 125));
	wr(PIT_PORT_61, PIT_P61_GATE2, at(t1, 130));
	assert_int_equal(rd16(2, at(t1, 150)), 20);
	assert_int_equal(status(2, at(t1, 169)) & PIT_ST_OUTPUT, 0);
	assert_int_equal(status(2, at(t1, 170)) & PIT_ST_OUTPUT,
			 PIT_ST_OUTPUT);
}

static void test_refused_writes(void **state)
{
	uint64_t d;

	(void)state;
	reset();
	program(0, 0x34, HZ100, T0);
	d = pit_irq0_deadline(&pit);
	/* read-back with the reserved bit: nothing latched */
	assert_int_equal(pit_write(&pit, PIT_PORT_CONTROL, 0xc3, T0),
			 PIT_ERR_READBACK);
	assert_int_equal(pit_write(&pit, PIT_PORT_CONTROL, 0xe3, T0),
			 PIT_ERR_READBACK);
	assert_int_equal(rd16(0, at(T0, 10)), HZ100 - 10);
	/* count 1 in modes 2 and 3: the running count stays */
	assert_int_equal(pit_write(&pit, 0x40, 0x01, T0), 0);
	assert_int_equal(pit_write(&pit, 0x40, 0x00, T0), PIT_ERR_COUNT);
	assert_true(pit_irq0_deadline(&pit) == d);
	wr(0x40, HZ1000 >> 8, T0);	/* still waiting for the high */
	assert_true(pit_irq0_deadline(&pit) == at(T0, (HZ1000 >> 8) << 8 | 1));
	wr(PIT_PORT_CONTROL, 0x16, T0);		/* lobyte, mode 3 */
	assert_int_equal(pit_write(&pit, 0x40, 0x01, T0), PIT_ERR_COUNT);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	wr(0x40, 0x02, T0);			/* 2 is fine */
	assert_true(pit_irq0_deadline(&pit) == at(T0, 2));
	/* count 1 in mode 0 is fine */
	wr(PIT_PORT_CONTROL, 0x10, T0);
	wr(0x40, 0x01, T0);
	assert_true(pit_irq0_deadline(&pit) == at(T0, 1));
	/* not a PIT port */
	assert_int_equal(pit_write(&pit, 0x44, 0, T0), PIT_ERR_PORT);
	assert_int_equal(pit_read(&pit, 0x44, T0), 0xff);
	assert_string_equal(pit_strerror(0), "ok");
	assert_string_equal(pit_strerror(PIT_ERR_READBACK),
			    "read-back command with reserved bit 0 set");
	assert_string_not_equal(pit_strerror(PIT_ERR_PORT),
				pit_strerror(PIT_ERR_COUNT));
	assert_string_equal(pit_strerror(-99), "unknown PIT error");
}

static void test_write_makes_edge(void **state)
{
	uint64_t t = at(T0, 100);

	(void)state;
	reset();
	program(0, 0x30, 1000, T0);		/* mode 0: OUT low */
	wr(PIT_PORT_CONTROL, 0x34, t);		/* mode 2: OUT high */
	assert_true(pit_irq0_deadline(&pit) == t);
	assert_int_equal(pit_irq0_expire(&pit, t), 1);
	assert_true(pit_irq0_deadline(&pit) == UINT64_MAX);
	/* an edge that came before a reprogramming is still reported */
	reset();
	program(0, 0x34, 100, T0);
	program(0, 0x34, 100, at(T0, 150));
	assert_true(pit_irq0_deadline(&pit) == at(T0, 100));
	/* the restarted count's edge at 250 joins the waiting one */
	program(0, 0x34, 5000, at(T0, 300));
	assert_true(pit_irq0_deadline(&pit) == at(T0, 100));
	assert_int_equal(pit_irq0_expire(&pit, at(T0, 300)), 1);
	assert_true(pit_irq0_deadline(&pit) == at(at(T0, 300), 5000));
	assert_int_equal(pit_irq0_expire(&pit, at(at(T0, 300), 4999)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_state),
		cmocka_unit_test(test_access_modes),
		cmocka_unit_test(test_counter_latch),
		cmocka_unit_test(test_readback_status),
		cmocka_unit_test(test_count_decreases),
		cmocka_unit_test(test_mode2_rate),
		cmocka_unit_test(test_mode3_square_wave),
		cmocka_unit_test(test_mode0_one_shot),
		cmocka_unit_test(test_mode4_strobe),
		cmocka_unit_test(test_mode5_silent),
		cmocka_unit_test(test_count0_is_65536),
		cmocka_unit_test(test_missed_periods),
		cmocka_unit_test(test_bcd),
		cmocka_unit_test(test_channel2_calibration),
		cmocka_unit_test(test_refused_writes),
		cmocka_unit_test(test_write_makes_edge),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
