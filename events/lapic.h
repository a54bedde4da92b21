/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lapic.h - register model of the local APIC (xAPIC, integrated, 6 LVT
 * entries) behind VMI's APICRead and APICWrite.
 *
 * A pure model: the caller passes the register offset (address & 0xfff)
 * and the current monotonic time in ns, and owns the state.  Register
 * values are kept as the guest reads them (the ID in bits 24-31, ...).
 *
 * Modelled (Intel SDM vol. 3, "Advanced Programmable Interrupt Controller"):
 *   - ID (bits 24-31, writable), version (read-only 0x00050014), TPR,
 *     PPR = TPR, or the highest in-service class when that is above TPR's,
 *     APR by the SDM's formula taken literally (TPR when TPR's class is at
 *     least IRRV's and above ISRV's, else max(TPR & ISRV, IRRV) as a class;
 *     the "&" is the SDM's), LDR (bits 24-31), DFR (bits 28-31; the low
 *     bits read as 1), RRD (reads 0).
 *   - SVR: all 8 vector bits writable (xAPIC), bit 8 software enable,
 *     bit 9 focus checking (stored).  While software-disabled every LVT
 *     mask bit is set and stays set, and fixed interrupts are not
 *     accepted; IRR and ISR keep what they hold.
 *   - IRR/ISR/TMR: fixed interrupts are accepted into IRR (edge-triggered:
 *     TMR stays 0), the INTA (lapic_ack) moves the highest one whose class
 *     is above PPR's to ISR, EOI clears the highest ISR bit.  Vectors 0-15
 *     are dropped with ESR "receive illegal vector".
 *   - ESR: errors accumulate in esr_pending; a write (any value) moves them
 *     into the readable esr and clears the accumulator, so back-to-back
 *     writes clear it.  A newly set error bit signals LVT Error.
 *   - ICR: only this CPU exists.  A fixed (or lowest-priority) IPI whose
 *     destination includes it (shorthand self or all, physical ID equal to
 *     ours, logical flat/cluster match with LDR, destination 0xff) is
 *     accepted here; when no destination is this CPU, ESR "send accept
 *     error" is set.  NMI, SMI, INIT and STARTUP go nowhere (to others:
 *     send accept error).  A vector 0-15 in a fixed IPI sets "send illegal
 *     vector" (and, delivered to self, "receive illegal vector").  The
 *     write is accepted either way; delivery status reads 0.
 *   - LVT: vector, delivery mode (thermal, perf, LINT0/1), polarity and
 *     trigger (LINT0/1), mask, timer mode (one-shot, periodic).  Delivery
 *     status and remote IRR are read-only and read 0.  TSC-deadline and
 *     the reserved timer mode are refused.  lapic_fire_lvt delivers fixed
 *     mode only (NMI, SMI, INIT, ExtINT entries are not modelled).
 *   - Timer: LAPIC_TIMER_HZ before the divider.  An initial-count write
 *     starts the count at now (0 stops it); the current count is computed
 *     from the deadline; a divide write while counting keeps the count and
 *     goes on at the new rate.  Periodic reloads stay on the period grid.
 *
 * Not modelled: level-triggered acceptance (TMR, remote IRR), other CPUs,
 * NMI/SMI/INIT/ExtINT delivery, the spurious vector, ESR "illegal register
 * address" (an access to an unknown offset is refused and changes nothing),
 * x2APIC, TSC-deadline mode, EOI broadcast suppression.
 *
 * Never: touch hardware, print, or keep a pointer in its state.
 */
#ifndef VMIX_EVENTS_LAPIC_H
#define VMIX_EVENTS_LAPIC_H

#include <stdint.h>

/* Register offsets (address & 0xfff), each 16-byte aligned. */
#define LAPIC_ID		0x020
#define LAPIC_LVR		0x030
#define LAPIC_TPR		0x080
#define LAPIC_APR		0x090
#define LAPIC_PPR		0x0a0
#define LAPIC_EOI		0x0b0
#define LAPIC_RRD		0x0c0
#define LAPIC_LDR		0x0d0
#define LAPIC_DFR		0x0e0
#define LAPIC_SVR		0x0f0
#define LAPIC_ISR		0x100	/* 8 registers: 0x100-0x170 */
#define LAPIC_TMR		0x180	/* 0x180-0x1f0 */
#define LAPIC_IRR		0x200	/* 0x200-0x270 */
#define LAPIC_ESR		0x280
#define LAPIC_ICR_LO		0x300
#define LAPIC_ICR_HI		0x310
#define LAPIC_LVT_TIMER_REG	0x320
#define LAPIC_LVT_THERMAL_REG	0x330
#define LAPIC_LVT_PERF_REG	0x340
#define LAPIC_LVT_LINT0_REG	0x350
#define LAPIC_LVT_LINT1_REG	0x360
#define LAPIC_LVT_ERROR_REG	0x370
#define LAPIC_TMICT		0x380	/* timer initial count */
#define LAPIC_TMCCT		0x390	/* timer current count */
#define LAPIC_TDCR		0x3e0	/* timer divide configuration */

#define LAPIC_REG_ALIGN		0x10
#define LAPIC_VEC_REGS		8	/* ISR, TMR, IRR: 256 bits */

/* LVT entries: the lvt[] index of each, and its register. */
#define LAPIC_LVT_TIMER		0
#define LAPIC_LVT_THERMAL	1
#define LAPIC_LVT_PERF		2
#define LAPIC_LVT_LINT0		3
#define LAPIC_LVT_LINT1		4
#define LAPIC_LVT_ERROR		5
#define LAPIC_NR_LVT		6
#define LAPIC_LVT_REG(i)	(LAPIC_LVT_TIMER_REG + (i) * LAPIC_REG_ALIGN)

/* Version register: integrated APIC, max LVT entry (entries - 1). */
#define LAPIC_VERSION		0x14
#define LAPIC_LVR_MAXLVT_SHIFT	16
#define LAPIC_LVR_VALUE		(LAPIC_VERSION | \
				 ((LAPIC_NR_LVT - 1) << LAPIC_LVR_MAXLVT_SHIFT))

#define LAPIC_ID_MASK		0xff000000u	/* ID, LDR, ICR high */
#define LAPIC_ID_SHIFT		24
#define LAPIC_TPR_MASK		0xffu
#define LAPIC_PRIO_CLASS	0xf0u		/* the priority class */
#define LAPIC_DFR_MODEL		0xf0000000u
#define LAPIC_DFR_RESERVED	0x0fffffffu	/* read as 1 */
#define LAPIC_DFR_FLAT		0xf0000000u
#define LAPIC_DFR_CLUSTER	0x00000000u

#define LAPIC_SVR_VECTOR	0xffu
#define LAPIC_SVR_ENABLE	0x100u
#define LAPIC_SVR_FOCUS_OFF	0x200u
#define LAPIC_SVR_RESET		0xffu

/* ESR bits. */
#define LAPIC_ESR_SEND_ACCEPT	0x04u
#define LAPIC_ESR_RECV_ACCEPT	0x08u
#define LAPIC_ESR_SEND_ILLEGAL	0x20u
#define LAPIC_ESR_RECV_ILLEGAL	0x40u

/* ICR low and LVT fields. */
#define LAPIC_VECTOR_MASK	0xffu
#define LAPIC_FIRST_LEGAL_VEC	16
#define LAPIC_DM_MASK		0x700u		/* delivery mode */
#define LAPIC_DM_FIXED		0x000u
#define LAPIC_DM_LOWEST		0x100u
#define LAPIC_DM_SMI		0x200u
#define LAPIC_DM_NMI		0x400u
#define LAPIC_DM_INIT		0x500u
#define LAPIC_DM_STARTUP	0x600u
#define LAPIC_DM_EXTINT		0x700u
#define LAPIC_ICR_DEST_LOGICAL	0x800u
#define LAPIC_DELIV_STATUS	0x1000u		/* read-only: 0 */
#define LAPIC_ICR_LEVEL_ASSERT	0x4000u
#define LAPIC_ICR_TRIGGER_LEVEL	0x8000u
#define LAPIC_ICR_SH_MASK	0xc0000u	/* destination shorthand */
#define LAPIC_ICR_SH_NONE	0x00000u
#define LAPIC_ICR_SH_SELF	0x40000u
#define LAPIC_ICR_SH_ALL	0x80000u
#define LAPIC_ICR_SH_OTHERS	0xc0000u
#define LAPIC_ICR_LO_WRITABLE	(LAPIC_VECTOR_MASK | LAPIC_DM_MASK | \
				 LAPIC_ICR_DEST_LOGICAL | \
				 LAPIC_ICR_LEVEL_ASSERT | \
				 LAPIC_ICR_TRIGGER_LEVEL | LAPIC_ICR_SH_MASK)
#define LAPIC_DEST_BROADCAST	0xffu

#define LAPIC_LVT_POLARITY_LOW	0x2000u		/* LINT0/1 */
#define LAPIC_LVT_REMOTE_IRR	0x4000u	/* LINT0/1, read-only */
#define LAPIC_LVT_TRIGGER_LEVEL	0x8000u		/* LINT0/1 */
#define LAPIC_LVT_MASKED	0x10000u
#define LAPIC_LVT_RESET		LAPIC_LVT_MASKED
#define LAPIC_TIMER_MODE_MASK	0x60000u
#define LAPIC_TIMER_ONESHOT	0x00000u
#define LAPIC_TIMER_PERIODIC	0x20000u
#define LAPIC_TIMER_TSC_DEADLINE 0x40000u
#define LAPIC_TIMER_MODE_RSVD	0x60000u

/* Divide configuration: bits 0, 1 and 3 (value = bit3:bit1:bit0). */
#define LAPIC_TDCR_LOW		0x3u
#define LAPIC_TDCR_HIGH		0x8u
#define LAPIC_TDCR_MASK		(LAPIC_TDCR_LOW | LAPIC_TDCR_HIGH)
#define LAPIC_TDCR_DIV_1	0xbu

/* The timer's input clock before the divider: 1 tick per ns (as QEMU's). */
#define LAPIC_TIMER_HZ		1000000000u
#define LAPIC_TIMER_STOPPED	UINT64_MAX

/* Errors (negative returns). */
#define LAPIC_ERR_UNKNOWN	(-1)	/* no register at the offset */
#define LAPIC_ERR_READONLY	(-2)
#define LAPIC_ERR_EOI_IDLE	(-3)
#define LAPIC_ERR_TSC_DEADLINE	(-4)
#define LAPIC_ERR_TIMER_MODE	(-5)	/* reserved timer mode 11 */
#define LAPIC_ERR_DISABLED	(-6)	/* SVR bit 8 clear: not accepted */
#define LAPIC_ERR_ILLEGAL_VEC	(-7)	/* vector 0-15: dropped */

struct lapic {
	uint32_t id;		/* ID register: bits 24-31 */
	uint32_t tpr;
	uint32_t ldr;		/* bits 24-31 */
	uint32_t dfr;		/* bits 28-31, low bits always 1 */
	uint32_t svr;
	uint32_t esr;		/* what the guest reads */
	uint32_t esr_pending;	/* errors since the last ESR write */
	uint32_t icr_lo;	/* delivery status never set */
	uint32_t icr_hi;	/* destination in bits 24-31 */
	uint32_t lvt[LAPIC_NR_LVT];
	uint32_t timer_initial;
	uint32_t timer_divide;	/* the divide configuration register */
	/* The last initial-count write or periodic reload. */
	uint64_t timer_start_ns;
	/* When the count reaches 0, or LAPIC_TIMER_STOPPED. */
	uint64_t timer_deadline_ns;
	uint32_t irr[LAPIC_VEC_REGS];
	uint32_t isr[LAPIC_VEC_REGS];
	uint32_t tmr[LAPIC_VEC_REGS];
};

/* Power-on state; apic_id is the ID number (0-255). */
void lapic_reset(struct lapic *a, uint32_t apic_id);
/* 0 and *val, or LAPIC_ERR_UNKNOWN with *val untouched. */
int lapic_read(struct lapic *a, uint32_t offset, uint64_t now_ns,
	       uint32_t *val);
/* 0, or a negative LAPIC_ERR_*: a refused write changes nothing. */
int lapic_write(struct lapic *a, uint32_t offset, uint32_t val,
		uint64_t now_ns);
/* The reason for a LAPIC_ERR_* (fixed text). */
const char *lapic_strerror(int err);
/* The register's name ("version", "ISR", ...), "reserved" when unknown. */
const char *lapic_reg_name(uint32_t offset);

/* A fixed, edge-triggered interrupt arrives: 0, or negative when dropped. */
int lapic_accept(struct lapic *a, uint8_t vector);
/* The source behind LVT entry lvt signals: 1 when its vector was accepted. */
int lapic_fire_lvt(struct lapic *a, unsigned int lvt);
/* The highest IRR vector whose class is above PPR's, or -1. */
int lapic_pending_vector(const struct lapic *a);
/* INTA: moves the pending vector from IRR to ISR and returns it, or -1. */
int lapic_ack(struct lapic *a);

/* When the timer next reaches 0, or LAPIC_TIMER_STOPPED. */
uint64_t lapic_timer_deadline(const struct lapic *a);
/*
 * At or after the deadline: LVTT fires once however many periods passed
 * (1 when its vector was accepted); periodic mode re-arms at the first
 * point of the period grid after now_ns, one-shot stops.
 */
int lapic_timer_expire(struct lapic *a, uint64_t now_ns);

#endif /* VMIX_EVENTS_LAPIC_H */
