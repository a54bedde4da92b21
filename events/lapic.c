// SPDX-License-Identifier: GPL-2.0
/*
 * lapic.c - register model of the local APIC behind VMI's APICRead and
 * APICWrite (see events/lapic.h for what is and is not modelled).
 *
 * Freestanding: linked into the ROM and built for host tests.  The timer
 * arithmetic uses shifts for the divider (a power of two) and
 * shim/lib/div64.h for the one 64-by-32 division, so no 64-bit division
 * operator appears here.
 *
 * Never: touch hardware, print, keep a pointer in its state, or change
 * anything in a write it refuses.
 */
#include <stddef.h>

#include "events/lapic.h"
#include "shim/lib/div64.h"

#define VEC_WORD_SHIFT		5	/* 32 vectors per word */
#define VEC_BIT_MASK		31u
#define PRIO_SHIFT		4	/* the priority class: vector >> 4 */
#define CLUSTER_SHIFT		4	/* cluster: bits 7-4 */
#define CLUSTER_MEMBERS		0xfu	/* members: bits 3-0 */
#define SVR_WRITABLE		(LAPIC_SVR_VECTOR | LAPIC_SVR_ENABLE | \
				 LAPIC_SVR_FOCUS_OFF)
#define TDCR_HIGH_TO_BIT2	1	/* TDCR bit 3 is bit 2 of the value */
#define TDCR_VALUE_BITS		7u

/* ---- 256-bit vector sets ---- */

static void vec_set(uint32_t *bits, unsigned int v)
{
	bits[v >> VEC_WORD_SHIFT] |= 1u << (v & VEC_BIT_MASK);
}

static void vec_clear(uint32_t *bits, unsigned int v)
{
	bits[v >> VEC_WORD_SHIFT] &= ~(1u << (v & VEC_BIT_MASK));
}

/* The highest vector set, or -1. */
static int vec_highest(const uint32_t *bits)
{
	int w;

	for (w = LAPIC_VEC_REGS - 1; w >= 0; w--)
		if (bits[w])
			return (w << VEC_WORD_SHIFT) +
			       (31 - __builtin_clz(bits[w]));
	return -1;
}

/* The highest vector set as a priority value (0 when none). */
static uint32_t vec_highest_or_0(const uint32_t *bits)
{
	int v = vec_highest(bits);

	return v < 0 ? 0 : (uint32_t)v;
}

/* ---- priorities ---- */

static uint32_t prio_class(uint32_t v)
{
	return (v & LAPIC_PRIO_CLASS) >> PRIO_SHIFT;
}

static uint32_t lapic_ppr(const struct lapic *a)
{
	uint32_t isrv = vec_highest_or_0(a->isr);

	if (prio_class(a->tpr) >= prio_class(isrv))
		return a->tpr;
	return isrv & LAPIC_PRIO_CLASS;
}

/* The SDM's formula, its "TPR[7:4] AND ISRV[7:4]" taken as written. */
static uint32_t lapic_apr(const struct lapic *a)
{
	uint32_t tpr = prio_class(a->tpr);
	uint32_t isrv = prio_class(vec_highest_or_0(a->isr));
	uint32_t irrv = prio_class(vec_highest_or_0(a->irr));
	uint32_t c;

	if (tpr >= irrv && tpr > isrv)
		return a->tpr;
	c = tpr & isrv;
	if (irrv > c)
		c = irrv;
	return c << PRIO_SHIFT;
}

/* ---- errors ---- */

/* Record errors; a bit new since the last ESR write signals LVT Error. */
static void lapic_error(struct lapic *a, uint32_t bits)
{
	uint32_t fresh = bits & ~a->esr_pending;

	a->esr_pending |= bits;
	/* Bounded: an illegal LVT Error vector sets an already set bit. */
	if (fresh)
		lapic_fire_lvt(a, LAPIC_LVT_ERROR);
}

/* ---- interrupts ---- */

int lapic_accept(struct lapic *a, uint8_t vector)
{
	if (!(a->svr & LAPIC_SVR_ENABLE))
		return LAPIC_ERR_DISABLED;
	if (vector < LAPIC_FIRST_LEGAL_VEC) {
		lapic_error(a, LAPIC_ESR_RECV_ILLEGAL);
		return LAPIC_ERR_ILLEGAL_VEC;
	}
	vec_set(a->irr, vector);
	vec_clear(a->tmr, vector);	/* edge-triggered */
	return 0;
}

int lapic_fire_lvt(struct lapic *a, unsigned int lvt)
{
	uint32_t e;

	if (lvt >= LAPIC_NR_LVT)
		return 0;
	e = a->lvt[lvt];
	if (e & LAPIC_LVT_MASKED)
		return 0;
	/* NMI, SMI, INIT and ExtINT entries are not modelled. */
	if ((e & LAPIC_DM_MASK) != LAPIC_DM_FIXED)
		return 0;
	return lapic_accept(a, (uint8_t)(e & LAPIC_VECTOR_MASK)) == 0;
}

int lapic_pending_vector(const struct lapic *a)
{
	int v = vec_highest(a->irr);

	if (v < 0 || prio_class((uint32_t)v) <= prio_class(lapic_ppr(a)))
		return -1;
	return v;
}

int lapic_ack(struct lapic *a)
{
	int v = lapic_pending_vector(a);

	if (v < 0)
		return -1;
	vec_clear(a->irr, (unsigned int)v);
	vec_set(a->isr, (unsigned int)v);
	return v;
}

/* ---- IPIs ---- */

/* Whether the ICR's destination includes this (the only) CPU. */
static int icr_targets_self(const struct lapic *a, uint32_t icr)
{
	uint32_t dest = a->icr_hi >> LAPIC_ID_SHIFT;
	uint32_t ldr = a->ldr >> LAPIC_ID_SHIFT;

	switch (icr & LAPIC_ICR_SH_MASK) {
	case LAPIC_ICR_SH_SELF:
	case LAPIC_ICR_SH_ALL:
		return 1;
	case LAPIC_ICR_SH_OTHERS:
		return 0;
	}
	if (dest == LAPIC_DEST_BROADCAST)
		return 1;
	if (!(icr & LAPIC_ICR_DEST_LOGICAL))
		return dest == a->id >> LAPIC_ID_SHIFT;
	switch (a->dfr & LAPIC_DFR_MODEL) {
	case LAPIC_DFR_FLAT:
		return (dest & ldr) != 0;
	case LAPIC_DFR_CLUSTER:
		return (dest >> CLUSTER_SHIFT) == (ldr >> CLUSTER_SHIFT) &&
		       (dest & ldr & CLUSTER_MEMBERS) != 0;
	}
	return 0;
}

static void icr_send(struct lapic *a)
{
	uint32_t icr = a->icr_lo;
	uint32_t dm = icr & LAPIC_DM_MASK;
	uint8_t vector = (uint8_t)(icr & LAPIC_VECTOR_MASK);
	int has_vector = dm == LAPIC_DM_FIXED || dm == LAPIC_DM_LOWEST;

	if (has_vector && vector < LAPIC_FIRST_LEGAL_VEC)
		lapic_error(a, LAPIC_ESR_SEND_ILLEGAL);
	if (!icr_targets_self(a, icr)) {
		/* No other CPU exists to accept it. */
		lapic_error(a, LAPIC_ESR_SEND_ACCEPT);
		return;
	}
	/* Lowest priority: this CPU is the only candidate. */
	if (has_vector)
		lapic_accept(a, vector);
	/* NMI, SMI, INIT, STARTUP to self: not modelled. */
}

/* ---- timer ---- */

/* log2 of the divider: TDCR value 0-6 divide by 2^(value+1), 7 by 1. */
static unsigned int timer_shift(const struct lapic *a)
{
	uint32_t v = (a->timer_divide & LAPIC_TDCR_LOW) |
		     ((a->timer_divide & LAPIC_TDCR_HIGH) >> TDCR_HIGH_TO_BIT2);

	return (v + 1) & TDCR_VALUE_BITS;
}

static int timer_periodic(const struct lapic *a)
{
	return (a->lvt[LAPIC_LVT_TIMER] & LAPIC_TIMER_MODE_MASK) ==
	       LAPIC_TIMER_PERIODIC;
}

static uint32_t timer_count(const struct lapic *a, uint64_t now)
{
	unsigned int shift = timer_shift(a);
	uint64_t left, ticks;

	if (a->timer_deadline_ns == LAPIC_TIMER_STOPPED || !a->timer_initial)
		return 0;
	if (now < a->timer_deadline_ns) {
		/* Whole ticks left, rounded up: the count drops per tick. */
		left = (a->timer_deadline_ns - now + (1ull << shift) - 1) >>
		       shift;
		/* Above the initial count only for a time before the start. */
		return left > a->timer_initial ? a->timer_initial :
						 (uint32_t)left;
	}
	if (!timer_periodic(a))
		return 0;
	/* A reload lapic_timer_expire has not processed yet. */
	ticks = (now - a->timer_deadline_ns) >> shift;
	return a->timer_initial - div64_32(&ticks, a->timer_initial);
}

uint64_t lapic_timer_deadline(const struct lapic *a)
{
	return a->timer_deadline_ns;
}

int lapic_timer_expire(struct lapic *a, uint64_t now_ns)
{
	unsigned int shift = timer_shift(a);
	uint64_t period, missed;
	int fired;

	if (a->timer_deadline_ns == LAPIC_TIMER_STOPPED ||
	    now_ns < a->timer_deadline_ns)
		return 0;
	fired = lapic_fire_lvt(a, LAPIC_LVT_TIMER);
	if (!timer_periodic(a) || !a->timer_initial) {
		a->timer_deadline_ns = LAPIC_TIMER_STOPPED;
		return fired;
	}
	/*
	 * Whole periods missed after the deadline.  The period is
	 * initial << shift, up to 2^39 ns, too wide for div64_32; but
	 * floor(floor(x / 2^shift) / initial) == floor(x / period), so a
	 * shift and one 64-by-32 division give it for every period.
	 */
	period = (uint64_t)a->timer_initial << shift;
	missed = (now_ns - a->timer_deadline_ns) >> shift;
	div64_32(&missed, a->timer_initial);
	a->timer_start_ns = a->timer_deadline_ns + missed * period;
	a->timer_deadline_ns = a->timer_start_ns + period;
	return fired;
}

static void write_initial_count(struct lapic *a, uint32_t val, uint64_t now)
{
	a->timer_initial = val;
	a->timer_start_ns = now;
	a->timer_deadline_ns = val ? now + ((uint64_t)val << timer_shift(a)) :
				     LAPIC_TIMER_STOPPED;
}

/* The count goes on from where it is, at the new rate. */
static void write_divide(struct lapic *a, uint32_t val, uint64_t now)
{
	uint32_t count;

	if (a->timer_deadline_ns == LAPIC_TIMER_STOPPED ||
	    now >= a->timer_deadline_ns) {
		/* Stopped, or an expiry is due: it keeps its deadline. */
		a->timer_divide = val & LAPIC_TDCR_MASK;
		return;
	}
	count = timer_count(a, now);
	a->timer_divide = val & LAPIC_TDCR_MASK;
	a->timer_deadline_ns = now + ((uint64_t)count << timer_shift(a));
}

/* ---- LVT ---- */

static uint32_t lvt_writable(unsigned int lvt)
{
	uint32_t bits = LAPIC_VECTOR_MASK | LAPIC_LVT_MASKED;

	switch (lvt) {
	case LAPIC_LVT_TIMER:
		return bits | LAPIC_TIMER_MODE_MASK;
	case LAPIC_LVT_THERMAL:
	case LAPIC_LVT_PERF:
		return bits | LAPIC_DM_MASK;
	case LAPIC_LVT_LINT0:
	case LAPIC_LVT_LINT1:
		return bits | LAPIC_DM_MASK | LAPIC_LVT_POLARITY_LOW |
		       LAPIC_LVT_TRIGGER_LEVEL;
	}
	return bits;		/* LVT Error */
}

static int write_lvt(struct lapic *a, unsigned int lvt, uint32_t val)
{
	if (lvt == LAPIC_LVT_TIMER) {
		uint32_t mode = val & LAPIC_TIMER_MODE_MASK;

		if (mode == LAPIC_TIMER_TSC_DEADLINE)
			return LAPIC_ERR_TSC_DEADLINE;
		if (mode == LAPIC_TIMER_MODE_RSVD)
			return LAPIC_ERR_TIMER_MODE;
	}
	val &= lvt_writable(lvt);
	if (!(a->svr & LAPIC_SVR_ENABLE))
		val |= LAPIC_LVT_MASKED;	/* cannot be unmasked */
	a->lvt[lvt] = val;
	return 0;
}

static void write_svr(struct lapic *a, uint32_t val)
{
	unsigned int i;

	a->svr = val & SVR_WRITABLE;
	if (!(a->svr & LAPIC_SVR_ENABLE))
		for (i = 0; i < LAPIC_NR_LVT; i++)
			a->lvt[i] |= LAPIC_LVT_MASKED;
}

/* ---- registers ---- */

static int is_lvt(uint32_t offset)
{
	return offset >= LAPIC_LVT_TIMER_REG && offset <= LAPIC_LVT_ERROR_REG;
}

static unsigned int lvt_index(uint32_t offset)
{
	return (offset - LAPIC_LVT_TIMER_REG) / LAPIC_REG_ALIGN;
}

/* The ISR, TMR or IRR word at offset, or NULL. */
static uint32_t *vec_reg(struct lapic *a, uint32_t offset)
{
	uint32_t end = LAPIC_VEC_REGS * LAPIC_REG_ALIGN;

	if (offset >= LAPIC_ISR && offset < LAPIC_ISR + end)
		return &a->isr[(offset - LAPIC_ISR) / LAPIC_REG_ALIGN];
	if (offset >= LAPIC_TMR && offset < LAPIC_TMR + end)
		return &a->tmr[(offset - LAPIC_TMR) / LAPIC_REG_ALIGN];
	if (offset >= LAPIC_IRR && offset < LAPIC_IRR + end)
		return &a->irr[(offset - LAPIC_IRR) / LAPIC_REG_ALIGN];
	return NULL;
}

void lapic_reset(struct lapic *a, uint32_t apic_id)
{
	unsigned int i;

	a->id = (apic_id << LAPIC_ID_SHIFT) & LAPIC_ID_MASK;
	a->tpr = 0;
	a->ldr = 0;
	a->dfr = LAPIC_DFR_MODEL | LAPIC_DFR_RESERVED;
	a->svr = LAPIC_SVR_RESET;
	a->esr = 0;
	a->esr_pending = 0;
	a->icr_lo = 0;
	a->icr_hi = 0;
	for (i = 0; i < LAPIC_NR_LVT; i++)
		a->lvt[i] = LAPIC_LVT_RESET;
	a->timer_initial = 0;
	a->timer_divide = 0;
	a->timer_start_ns = 0;
	a->timer_deadline_ns = LAPIC_TIMER_STOPPED;
	for (i = 0; i < LAPIC_VEC_REGS; i++) {
		a->irr[i] = 0;
		a->isr[i] = 0;
		a->tmr[i] = 0;
	}
}

int lapic_read(struct lapic *a, uint32_t offset, uint64_t now_ns,
	       uint32_t *val)
{
	uint32_t *vr = vec_reg(a, offset);

	if (offset & (LAPIC_REG_ALIGN - 1))
		return LAPIC_ERR_UNKNOWN;
	if (vr) {
		*val = *vr;
		return 0;
	}
	if (is_lvt(offset)) {
		*val = a->lvt[lvt_index(offset)];
		return 0;
	}
	switch (offset) {
	case LAPIC_ID:		*val = a->id; break;
	case LAPIC_LVR:		*val = LAPIC_LVR_VALUE; break;
	case LAPIC_TPR:		*val = a->tpr; break;
	case LAPIC_APR:		*val = lapic_apr(a); break;
	case LAPIC_PPR:		*val = lapic_ppr(a); break;
	case LAPIC_EOI:		*val = 0; break;	/* write-only */
	case LAPIC_RRD:		*val = 0; break;
	case LAPIC_LDR:		*val = a->ldr; break;
	case LAPIC_DFR:		*val = a->dfr; break;
	case LAPIC_SVR:		*val = a->svr; break;
	case LAPIC_ESR:		*val = a->esr; break;
	case LAPIC_ICR_LO:	*val = a->icr_lo; break;
	case LAPIC_ICR_HI:	*val = a->icr_hi; break;
	case LAPIC_TMICT:	*val = a->timer_initial; break;
	case LAPIC_TMCCT:	*val = timer_count(a, now_ns); break;
	case LAPIC_TDCR:	*val = a->timer_divide; break;
	default:
		return LAPIC_ERR_UNKNOWN;
	}
	return 0;
}

int lapic_write(struct lapic *a, uint32_t offset, uint32_t val,
		uint64_t now_ns)
{
	uint32_t dummy;
	int v;

	/* The offsets a read accepts are the registers. */
	if (lapic_read(a, offset, now_ns, &dummy))
		return LAPIC_ERR_UNKNOWN;
	if (vec_reg(a, offset))
		return LAPIC_ERR_READONLY;
	if (is_lvt(offset))
		return write_lvt(a, lvt_index(offset), val);
	switch (offset) {
	case LAPIC_LVR:
	case LAPIC_APR:
	case LAPIC_PPR:
	case LAPIC_RRD:
	case LAPIC_TMCCT:
		return LAPIC_ERR_READONLY;
	case LAPIC_ID:
		a->id = val & LAPIC_ID_MASK;
		break;
	case LAPIC_TPR:
		a->tpr = val & LAPIC_TPR_MASK;
		break;
	case LAPIC_EOI:
		v = vec_highest(a->isr);
		if (v < 0)
			return LAPIC_ERR_EOI_IDLE;
		vec_clear(a->isr, (unsigned int)v);
		break;
	case LAPIC_LDR:
		a->ldr = val & LAPIC_ID_MASK;
		break;
	case LAPIC_DFR:
		a->dfr = (val & LAPIC_DFR_MODEL) | LAPIC_DFR_RESERVED;
		break;
	case LAPIC_SVR:
		write_svr(a, val);
		break;
	case LAPIC_ESR:
		a->esr = a->esr_pending;
		a->esr_pending = 0;
		break;
	case LAPIC_ICR_LO:
		a->icr_lo = val & LAPIC_ICR_LO_WRITABLE;
		icr_send(a);
		break;
	case LAPIC_ICR_HI:
		a->icr_hi = val & LAPIC_ID_MASK;
		break;
	case LAPIC_TMICT:
		write_initial_count(a, val, now_ns);
		break;
	case LAPIC_TDCR:
		write_divide(a, val, now_ns);
		break;
	}
	return 0;
}

const char *lapic_strerror(int err)
{
	switch (err) {
	case 0:
		return "no error";
	case LAPIC_ERR_UNKNOWN:
		return "no local APIC register at this offset (reserved or not 16-byte aligned)";
	case LAPIC_ERR_READONLY:
		return "the register is read-only";
	case LAPIC_ERR_EOI_IDLE:
		return "EOI with no interrupt in service";
	case LAPIC_ERR_TSC_DEADLINE:
		return "LVT timer mode 10 (TSC-deadline) is not supported";
	case LAPIC_ERR_TIMER_MODE:
		return "LVT timer mode 11 is reserved";
	case LAPIC_ERR_DISABLED:
		return "the local APIC is software-disabled (SVR bit 8 clear)";
	case LAPIC_ERR_ILLEGAL_VEC:
		return "vectors 0-15 are illegal";
	}
	return "unknown local APIC error";
}

const char *lapic_reg_name(uint32_t offset)
{
	const uint32_t end = LAPIC_VEC_REGS * LAPIC_REG_ALIGN;

	if (offset & (LAPIC_REG_ALIGN - 1))
		return "reserved";
	if (offset >= LAPIC_ISR && offset < LAPIC_ISR + end)
		return "ISR";
	if (offset >= LAPIC_TMR && offset < LAPIC_TMR + end)
		return "TMR";
	if (offset >= LAPIC_IRR && offset < LAPIC_IRR + end)
		return "IRR";
	switch (offset) {
	case LAPIC_ID:			return "ID";
	case LAPIC_LVR:			return "version";
	case LAPIC_TPR:			return "TPR";
	case LAPIC_APR:			return "APR";
	case LAPIC_PPR:			return "PPR";
	case LAPIC_EOI:			return "EOI";
	case LAPIC_RRD:			return "remote read";
	case LAPIC_LDR:			return "LDR";
	case LAPIC_DFR:			return "DFR";
	case LAPIC_SVR:			return "SVR";
	case LAPIC_ESR:			return "ESR";
	case LAPIC_ICR_LO:		return "ICR low";
	case LAPIC_ICR_HI:		return "ICR high";
	case LAPIC_LVT_TIMER_REG:	return "LVT timer";
	case LAPIC_LVT_THERMAL_REG:	return "LVT thermal";
	case LAPIC_LVT_PERF_REG:	return "LVT performance counter";
	case LAPIC_LVT_LINT0_REG:	return "LVT LINT0";
	case LAPIC_LVT_LINT1_REG:	return "LVT LINT1";
	case LAPIC_LVT_ERROR_REG:	return "LVT error";
	case LAPIC_TMICT:		return "timer initial count";
	case LAPIC_TMCCT:		return "timer current count";
	case LAPIC_TDCR:		return "timer divide configuration";
	}
	return "reserved";
}
