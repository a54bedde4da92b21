/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pit8254.h - register model of the 8254 programmable interval timer
 * (ports 0x40-0x43) and the PC's port 0x61 (channel 2's gate, the speaker
 * enable, OUT2 and the refresh toggle), behind the shim's port calls.
 *
 * Pure: the caller passes the monotonic system time in ns (now_ns) and
 * arms one timer at pit_irq0_deadline(); when it fires it calls
 * pit_irq0_expire() and raises IRQ0 on a 1.  No pointers in the state.
 *
 * Modelled:
 *   - the control word (channel, access mode, mode 0-5 with 6/7 aliasing
 *     2/3, BCD), the counter latch command and the read-back command
 *     (latch count and/or status of any channels); the status byte;
 *     reads and writes in lobyte, hibyte and lobyte-then-hibyte modes,
 *     live or latched (a latched status is read before a latched count).
 *   - Counting: the input clock ticks at PIT_HZ, tick(ns) = ns * PIT_HZ /
 *     10^9 (exact, rounded down); T, the ticks counted since the count
 *     was loaded, is tick(now) minus the load's tick, recomputed on every
 *     access, so no error accumulates.  The
 *     count is loaded the moment its last byte is written (the chip takes
 *     one more input tick: NULL COUNT reads 1 until that tick has passed).
 *     Count 0 means 65536 (10000 in BCD).
 *   - Mode 0: OUT low from the control word, rises once when T reaches the
 *     count (the chip: count + 1 ticks after the write); the counter goes
 *     on wrapping.  Mode 4: OUT low for the one tick T == count, rising
 *     at count + 1.  Modes 2 and 3: period = count ticks, a rising edge
 *     at every multiple of the count (mode 2: low for the last tick of
 *     each period; mode 3: high for the first (count + 1) / 2 ticks).
 *     Modes 1 and 5 start on a rising gate edge only: channel 0's and 1's
 *     gates are always high and never rise, so OUT stays high and no IRQ0
 *     ever comes (what a VMI kernel's 0x3a does to silence the PIT).
 *   - A count written while a channel counts restarts it at once (modes
 *     0, 2, 3, 4; the chip finishes the current period first in modes 2
 *     and 3); in modes 1 and 5 it is used from the next trigger.
 *   - Channel 2's gate is port 0x61 bit 0: low suspends modes 0 and 4,
 *     stops modes 2 and 3 with OUT high; a rising edge restarts modes 2
 *     and 3 and triggers modes 1 and 5.
 *   - IRQ0 is the rising edge of OUT0, at the grid of edges or when a
 *     write makes OUT0 rise (a control word ending mode 0's low output);
 *     an edge is kept until pit_irq0_expire() reports it, and edges missed
 *     together are reported as one, the grid kept.
 *
 * Reset: every channel stopped, no count loaded (mode 3, lobyte then
 * hibyte, binary, OUT high, NULL COUNT), port 0x61 zero (channel 2's gate
 * low): no IRQ0 until the guest programs channel 0, and silencing it with
 * mode 5 makes no edge.
 *
 * Not modelled: writing the first of two count bytes does not stop a
 * count; the refresh toggle flips on each read of port 0x61, not with
 * time; the speaker.
 *
 * Never: do I/O, hypercalls or printing, or divide 64-bit values other
 * than with div64_32().
 */
#ifndef VMIX_TIME_PIT8254_H
#define VMIX_TIME_PIT8254_H

#include <stdint.h>

#define PIT_HZ 1193182u

#define PIT_PORT_CH0		0x40
#define PIT_PORT_CH2		0x42
#define PIT_PORT_CONTROL	0x43
#define PIT_PORT_61		0x61

#define PIT_NR_CHANNELS		3

/* Control word (port 0x43). */
#define PIT_CW_SC_SHIFT		6	/* channel; 3: read-back */
#define PIT_CW_SC_READBACK	3
#define PIT_CW_RW_SHIFT		4	/* access mode */
#define PIT_CW_RW_MASK		0x30
#define PIT_CW_MODE_SHIFT	1
#define PIT_CW_MODE_MASK	0x0e
#define PIT_CW_BCD		0x01

/* Access modes (control word bits 5-4). */
#define PIT_RW_LATCH		0	/* counter latch command */
#define PIT_RW_LO		1
#define PIT_RW_HI		2
#define PIT_RW_LOHI		3

/* Read-back command: 0xC0 | these. */
#define PIT_RB_NO_COUNT		0x20	/* 0 latches the count */
#define PIT_RB_NO_STATUS	0x10	/* 0 latches the status */
#define PIT_RB_CH(n)		(0x02 << (n))
#define PIT_RB_RESERVED		0x01	/* must be 0 */

/* Status byte; bits 5-0 are the control word's. */
#define PIT_ST_OUTPUT		0x80
#define PIT_ST_NULL_COUNT	0x40

/* Port 0x61. */
#define PIT_P61_GATE2		0x01
#define PIT_P61_SPEAKER		0x02
#define PIT_P61_WRITABLE	0x0f	/* stored; 2-3 unused here */
#define PIT_P61_REFRESH		0x10	/* toggles on each read */
#define PIT_P61_OUT2		0x20	/* read-only */

#define PIT_NO_EDGE		UINT64_MAX

/* pit_write's refusals (nothing changed). */
#define PIT_ERR_PORT		(-1)	/* not a PIT port */
#define PIT_ERR_READBACK	(-2)	/* read-back, reserved bit set */
#define PIT_ERR_BCD		(-3)	/* BCD count digit above 9 */
#define PIT_ERR_COUNT		(-4)	/* count 1 in mode 2 or 3 */

struct pit8254 {
	struct pit_channel {
		uint32_t count;		/* count register, 1..65536 */
		uint32_t active;	/* the count of the current run */
		uint8_t mode;		/* mode bits as written, 0-7 */
		uint8_t rw;		/* PIT_RW_LO/HI/LOHI */
		uint8_t bcd;
		uint8_t gate;
		uint8_t loaded;		/* count since control word */
		uint8_t running;	/* T = base + ticks since load_tick */
		uint8_t triggered;	/* modes 1, 5: started by the gate */
		uint8_t null_count;
		uint8_t write_msb;	/* lohi: next written byte is high */
		uint8_t write_low;	/* the low byte written before it */
		uint8_t read_msb;	/* lohi live read: next is high */
		uint8_t latch_bytes;	/* latched bytes left to read */
		uint16_t latch;		/* latched count, as read */
		uint8_t status_latched;
		uint8_t status;
		uint8_t edge_pending;	/* OUT rose, not yet reported */
		uint64_t edge_ns;	/* when the pending edge happened */
		uint64_t load_tick;	/* input tick the interval began */
		uint64_t written_tick;	/* of the last count write */
		uint64_t base;		/* T counted before load_tick */
		uint64_t next_edge;	/* T of the next rising edge */
	} ch[PIT_NR_CHANNELS];
	uint8_t port61;		/* PIT_P61_WRITABLE, the toggle */
};

void pit_reset(struct pit8254 *p);
/* 0x40-0x43 and 0x61 */
int pit_is_port(uint16_t port);
/* 0xff for the write-only control port and ports that are not the PIT's */
uint8_t pit_read(struct pit8254 *p, uint16_t port, uint64_t now_ns);
/* 0 or a negative PIT_ERR_* (refused, nothing changed) */
int pit_write(struct pit8254 *p, uint16_t port, uint8_t val,
	      uint64_t now_ns);
const char *pit_strerror(int err);

/*
 * Absolute ns of the next rising edge of OUT0 (IRQ0), a past time when an
 * edge is waiting to be reported, UINT64_MAX when none will come.
 */
uint64_t pit_irq0_deadline(const struct pit8254 *p);
/*
 * At or after the deadline: 1 if OUT0 rose since the last call (one edge
 * however many periods passed; the next deadline is the next edge of the
 * grid after now_ns), 0 otherwise.
 */
int pit_irq0_expire(struct pit8254 *p, uint64_t now_ns);

#endif /* VMIX_TIME_PIT8254_H */
