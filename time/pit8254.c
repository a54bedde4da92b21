// SPDX-License-Identifier: GPL-2.0
/*
 * pit8254.c - register model of the 8254 PIT and port 0x61 (see
 * time/pit8254.h for what is modelled and the reset state).
 *
 * A channel's state is a timeline: T, the input ticks counted, is base
 * while stopped and base + tick(now) - load_tick while running, where
 * tick(ns) = floor(ns * PIT_HZ / 10^9) is the input clock's own grid; OUT, the
 * counter and the next rising edge are functions of T, the mode and the
 * count.  Every change that moves the timeline first records an edge that
 * is due (sync_edge), then records an edge the change itself makes.
 *
 * Never: do I/O, hypercalls or printing, or divide 64-bit values other
 * than with div64_32().
 */
#include "shim/lib/div64.h"
#include "time/pit8254.h"

#define NS_PER_SEC	1000000000u
#define BIN_MODULUS	65536u
#define BCD_MODULUS	10000u

/* The input tick at ns: floor(ns * PIT_HZ / 10^9), without overflow. */
static uint64_t ns_to_ticks(uint64_t ns)
{
	uint64_t s = ns;
	uint64_t rem = div64_32(&s, NS_PER_SEC);

	rem *= PIT_HZ;
	div64_32(&rem, NS_PER_SEC);
	return s * PIT_HZ + rem;
}

/* The first ns at which ns_to_ticks() reaches the tick. */
static uint64_t ticks_to_ns(uint64_t ticks)
{
	uint64_t q = ticks;
	uint64_t rem = div64_32(&q, PIT_HZ);

	rem = rem * NS_PER_SEC + PIT_HZ - 1;
	div64_32(&rem, PIT_HZ);
	return q * NS_PER_SEC + rem;
}

static uint32_t mod64(uint64_t n, uint32_t d)
{
	return div64_32(&n, d);
}

/* Modes 6 and 7 are 2 and 3. */
static uint8_t eff_mode(const struct pit_channel *c)
{
	return c->mode >= 6 ? c->mode - 4 : c->mode;
}

static int periodic(const struct pit_channel *c)
{
	return eff_mode(c) == 2 || eff_mode(c) == 3;
}

static uint64_t ticks_now(const struct pit_channel *c, uint64_t now_ns)
{
	uint64_t tick = ns_to_ticks(now_ns);

	if (!c->running || tick <= c->load_tick)
		return c->base;
	return c->base + tick - c->load_tick;
}

/* When T reaches t (t >= base) on the running timeline. */
static uint64_t ns_of(const struct pit_channel *c, uint64_t t)
{
	return ticks_to_ns(c->load_tick + t - c->base);
}

static int out_level(const struct pit_channel *c, uint64_t now_ns)
{
	uint64_t t = ticks_now(c, now_ns);
	uint32_t n = c->active, phase;

	if (!c->loaded)
		return eff_mode(c) != 0;
	switch (eff_mode(c)) {
	case 0:
		return t >= n;
	case 1:
		return !c->triggered || t >= n;
	case 4:
		return t != n;
	case 5:
		return !c->triggered || t != n;
	}
	if (!c->gate)
		return 1;	/* modes 2, 3: a low gate forces OUT high */
	phase = mod64(t, n);
	if (eff_mode(c) == 2)
		return phase != n - 1;
	return phase < (n + 1) / 2;
}

/* The counter as counted (1..65536), before the read format. */
static uint32_t counter_value(const struct pit_channel *c, uint64_t now_ns)
{
	uint32_t m = c->bcd ? BCD_MODULUS : BIN_MODULUS;
	uint64_t t = ticks_now(c, now_ns);
	uint32_t n = c->active, phase, half;

	if (!c->loaded)
		return 0;
	if (periodic(c)) {
		phase = mod64(t, n);
		if (eff_mode(c) == 2)
			return n - phase;
		/*
		 * mode 3: down by 2 per tick within each half period (an odd
		 * count reads n, n - 1, n - 3, ... then n - 1, n - 3, ...)
		 */
		half = (n + 1) / 2;
		if (phase < half)
			return phase ? n + (n & 1) - 2 * phase : n;
		return (n & ~1u) - 2 * (phase - half);
	}
	if ((eff_mode(c) == 1 || eff_mode(c) == 5) && !c->triggered)
		return n;
	return (n + m - mod64(t, m)) % m;
}

static uint16_t to_bcd(uint32_t v)
{
	v %= BCD_MODULUS;
	return (uint16_t)((v / 1000) << 12 | (v / 100 % 10) << 8 |
			  (v / 10 % 10) << 4 | v % 10);
}

static uint16_t counter_read_format(const struct pit_channel *c,
				    uint64_t now_ns)
{
	uint32_t v = counter_value(c, now_ns);

	return c->bcd ? to_bcd(v) : (uint16_t)v;
}

static int bcd_byte_ok(uint8_t b)
{
	return (b & 0x0f) <= 9 && (b >> 4) <= 9;
}

/* The first edge of a run that starts at T = 0. */
static uint64_t first_edge(const struct pit_channel *c)
{
	switch (eff_mode(c)) {
	case 0:
	case 1:
	case 2:
	case 3:
		return c->active;
	default:		/* 4, 5: the strobe's end */
		return (uint64_t)c->active + 1;
	}
}

/* Record an edge of the grid that is due, and move past it. */
static void sync_edge(struct pit_channel *c, uint64_t now_ns)
{
	uint64_t t, q;

	if (!c->running || c->next_edge == PIT_NO_EDGE)
		return;
	t = ticks_now(c, now_ns);
	if (c->next_edge > t)
		return;
	if (!c->edge_pending) {
		c->edge_pending = 1;
		c->edge_ns = ns_of(c, c->next_edge);
	}
	if (!periodic(c)) {
		c->next_edge = PIT_NO_EDGE;
		return;
	}
	q = t;
	div64_32(&q, c->active);
	c->next_edge = (q + 1) * c->active;
}

/* After a change: OUT rising because of it is an edge too. */
static void note_rise(struct pit_channel *c, int was_high, uint64_t now_ns)
{
	if (!was_high && out_level(c, now_ns) && !c->edge_pending) {
		c->edge_pending = 1;
		c->edge_ns = now_ns;
	}
}

/* Start a run at T = 0 now (counting only while the gate lets it). */
static void start_run(struct pit_channel *c, uint64_t now_ns, int running)
{
	c->base = 0;
	c->load_tick = ns_to_ticks(now_ns);
	c->running = running;
	c->next_edge = first_edge(c);
}

static void set_gate(struct pit_channel *c, uint8_t level, uint64_t now_ns)
{
	int was_high;
	uint8_t mode = eff_mode(c);

	if (level == c->gate)
		return;
	sync_edge(c, now_ns);
	was_high = out_level(c, now_ns);
	if (!level && (mode == 0 || mode == 4 || periodic(c))) {
		c->base = ticks_now(c, now_ns);		/* freeze */
		c->running = 0;
	}
	c->gate = level;
	if (level && c->loaded) {
		if (mode == 0 || mode == 4) {
			c->load_tick = ns_to_ticks(now_ns);	/* resume */
			c->running = 1;
		} else {
			if (mode == 1 || mode == 5) {
				c->active = c->count;
				c->triggered = 1;
				c->null_count = 0;
			}
			start_run(c, now_ns, 1);
		}
	}
	note_rise(c, was_high, now_ns);
}

static void control_word(struct pit_channel *c, uint8_t val,
			 uint64_t now_ns)
{
	int was_high;

	sync_edge(c, now_ns);
	was_high = out_level(c, now_ns);
	c->rw = (val & PIT_CW_RW_MASK) >> PIT_CW_RW_SHIFT;
	c->mode = (val & PIT_CW_MODE_MASK) >> PIT_CW_MODE_SHIFT;
	c->bcd = !!(val & PIT_CW_BCD);
	c->loaded = 0;
	c->running = 0;
	c->triggered = 0;
	c->null_count = 1;
	c->write_msb = 0;
	c->read_msb = 0;
	c->latch_bytes = 0;
	c->status_latched = 0;
	c->base = 0;
	c->next_edge = PIT_NO_EDGE;
	note_rise(c, was_high, now_ns);
}

static void latch_count(struct pit_channel *c, uint64_t now_ns)
{
	if (c->latch_bytes)
		return;		/* the first latch holds until read */
	c->latch = counter_read_format(c, now_ns);
	c->latch_bytes = c->rw == PIT_RW_LOHI ? 2 : 1;
}

static int null_count_now(struct pit_channel *c, uint64_t now_ns)
{
	uint8_t mode = eff_mode(c);

	if (!c->null_count)
		return 0;
	if (!c->loaded || mode == 1 || mode == 5)
		return 1;	/* modes 1, 5: loaded by the trigger */
	if (ns_to_ticks(now_ns) > c->written_tick)
		c->null_count = 0;
	return c->null_count;
}

static void latch_status(struct pit_channel *c, uint64_t now_ns)
{
	if (c->status_latched)
		return;
	c->status = (uint8_t)(c->rw << PIT_CW_RW_SHIFT |
			      c->mode << PIT_CW_MODE_SHIFT |
			      (c->bcd ? PIT_CW_BCD : 0));
	if (out_level(c, now_ns))
		c->status |= PIT_ST_OUTPUT;
	if (null_count_now(c, now_ns))
		c->status |= PIT_ST_NULL_COUNT;
	c->status_latched = 1;
}

static int write_control(struct pit8254 *p, uint8_t val, uint64_t now_ns)
{
	unsigned int sc = val >> PIT_CW_SC_SHIFT, i;

	if (sc == PIT_CW_SC_READBACK) {
		if (val & PIT_RB_RESERVED)
			return PIT_ERR_READBACK;
		for (i = 0; i < PIT_NR_CHANNELS; i++) {
			if (!(val & PIT_RB_CH(i)))
				continue;
			if (!(val & PIT_RB_NO_STATUS))
				latch_status(&p->ch[i], now_ns);
			if (!(val & PIT_RB_NO_COUNT))
				latch_count(&p->ch[i], now_ns);
		}
		return 0;
	}
	if (((val & PIT_CW_RW_MASK) >> PIT_CW_RW_SHIFT) == PIT_RW_LATCH)
		latch_count(&p->ch[sc], now_ns);
	else
		control_word(&p->ch[sc], val, now_ns);
	return 0;
}

static void load_count(struct pit_channel *c, uint32_t n, uint64_t now_ns)
{
	int was_high;
	uint8_t mode = eff_mode(c);

	sync_edge(c, now_ns);
	was_high = out_level(c, now_ns);
	c->count = n;
	c->null_count = 1;
	c->written_tick = ns_to_ticks(now_ns);
	if (mode == 1 || mode == 5) {
		if (!c->triggered)
			c->active = n;	/* else the run keeps its own */
		c->loaded = 1;
	} else {
		c->active = n;
		c->loaded = 1;
		start_run(c, now_ns, c->gate);
	}
	note_rise(c, was_high, now_ns);
}

static int write_counter(struct pit_channel *c, uint8_t val,
			 uint64_t now_ns)
{
	uint16_t raw;
	uint32_t n;

	if (c->bcd && !bcd_byte_ok(val))
		return PIT_ERR_BCD;
	if (c->rw == PIT_RW_LOHI && !c->write_msb) {
		c->write_low = val;
		c->write_msb = 1;
		return 0;
	}
	if (c->rw == PIT_RW_LO)
		raw = val;
	else if (c->rw == PIT_RW_HI)
		raw = (uint16_t)(val << 8);
	else
		raw = (uint16_t)(c->write_low | val << 8);
	if (c->bcd)
		n = (raw >> 12) * 1000 + (raw >> 8 & 0xf) * 100 +
		    (raw >> 4 & 0xf) * 10 + (raw & 0xf);
	else
		n = raw;
	if (!n)
		n = c->bcd ? BCD_MODULUS : BIN_MODULUS;
	if (n == 1 && periodic(c))
		return PIT_ERR_COUNT;
	c->write_msb = 0;
	load_count(c, n, now_ns);
	return 0;
}

static uint8_t read_counter(struct pit_channel *c, uint64_t now_ns)
{
	uint16_t v;
	int high;

	if (c->status_latched) {
		c->status_latched = 0;
		return c->status;
	}
	if (c->latch_bytes) {
		high = c->rw == PIT_RW_HI ||
		       (c->rw == PIT_RW_LOHI && c->latch_bytes == 1);
		c->latch_bytes--;
		return high ? c->latch >> 8 : c->latch & 0xff;
	}
	v = counter_read_format(c, now_ns);
	high = c->rw == PIT_RW_HI;
	if (c->rw == PIT_RW_LOHI) {
		high = c->read_msb;
		c->read_msb = !c->read_msb;
	}
	return high ? v >> 8 : v & 0xff;
}

void pit_reset(struct pit8254 *p)
{
	unsigned int i;

	for (i = 0; i < PIT_NR_CHANNELS; i++) {
		struct pit_channel *c = &p->ch[i];

		/* field by field: the ROM has no memset for a struct copy */
		c->count = BIN_MODULUS;
		c->active = BIN_MODULUS;
		c->mode = 3;
		c->rw = PIT_RW_LOHI;
		c->bcd = 0;
		c->gate = i != 2;
		c->loaded = 0;
		c->running = 0;
		c->triggered = 0;
		c->null_count = 1;
		c->write_msb = 0;
		c->write_low = 0;
		c->read_msb = 0;
		c->latch_bytes = 0;
		c->latch = 0;
		c->status_latched = 0;
		c->status = 0;
		c->edge_pending = 0;
		c->edge_ns = 0;
		c->load_tick = 0;
		c->written_tick = 0;
		c->base = 0;
		c->next_edge = PIT_NO_EDGE;
	}
	p->port61 = 0;
}

int pit_is_port(uint16_t port)
{
	return (port >= PIT_PORT_CH0 && port <= PIT_PORT_CONTROL) ||
	       port == PIT_PORT_61;
}

uint8_t pit_read(struct pit8254 *p, uint16_t port, uint64_t now_ns)
{
	if (port >= PIT_PORT_CH0 && port <= PIT_PORT_CH2)
		return read_counter(&p->ch[port - PIT_PORT_CH0], now_ns);
	if (port == PIT_PORT_61) {
		p->port61 ^= PIT_P61_REFRESH;
		return (uint8_t)(p->port61 |
				 (out_level(&p->ch[2], now_ns) ?
				  PIT_P61_OUT2 : 0));
	}
	return 0xff;	/* the control port is write-only */
}

int pit_write(struct pit8254 *p, uint16_t port, uint8_t val,
	      uint64_t now_ns)
{
	if (port >= PIT_PORT_CH0 && port <= PIT_PORT_CH2)
		return write_counter(&p->ch[port - PIT_PORT_CH0], val, now_ns);
	if (port == PIT_PORT_CONTROL)
		return write_control(p, val, now_ns);
	if (port == PIT_PORT_61) {
		set_gate(&p->ch[2], val & PIT_P61_GATE2, now_ns);
		p->port61 = (uint8_t)((p->port61 & PIT_P61_REFRESH) |
				      (val & PIT_P61_WRITABLE));
		return 0;
	}
	return PIT_ERR_PORT;
}

const char *pit_strerror(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case PIT_ERR_PORT:
		return "not a PIT port";
	case PIT_ERR_READBACK:
		return "read-back command with reserved bit 0 set";
	case PIT_ERR_BCD:
		return "count byte is not BCD";
	case PIT_ERR_COUNT:
		return "count 1 in mode 2 or 3";
	}
	return "unknown PIT error";
}

uint64_t pit_irq0_deadline(const struct pit8254 *p)
{
	const struct pit_channel *c = &p->ch[0];

	if (c->edge_pending)
		return c->edge_ns;
	if (!c->running || c->next_edge == PIT_NO_EDGE)
		return UINT64_MAX;
	return ns_of(c, c->next_edge);
}

int pit_irq0_expire(struct pit8254 *p, uint64_t now_ns)
{
	struct pit_channel *c = &p->ch[0];
	int rose;

	sync_edge(c, now_ns);
	rose = c->edge_pending;
	c->edge_pending = 0;
	return rose;
}
