// SPDX-License-Identifier: GPL-2.0
/*
 * test_lapic.c - host unit tests for the local APIC model (events/lapic.c):
 * reset values, priorities (TPR, PPR, APR), acceptance, INTA and EOI,
 * refusals that change nothing, software disable, LVT masks and bits,
 * IPIs through the ICR, ESR latching and illegal vectors, and the timer
 * (one-shot, periodic grid, divider, stop, TSC-deadline refused).
 *
 * Never: depend on another test's state (every test resets the model).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "events/lapic.h"

#define OWN_ID		3
#define SVR_ON		(LAPIC_SVR_ENABLE | 0xff)

static struct lapic a;

static void reset(void)
{
	/* reset must not rely on zeroed memory */
	memset(&a, 0xa5, sizeof(a));
	lapic_reset(&a, OWN_ID);
}

/* Reset and software-enable, spurious vector 0xff. */
static void reset_enabled(void)
{
	reset();
	assert_int_equal(lapic_write(&a, LAPIC_SVR, SVR_ON, 0), 0);
}

static uint32_t rd_at(uint32_t offset, uint64_t now)
{
	uint32_t val = 0xdeadbeef;

	assert_int_equal(lapic_read(&a, offset, now, &val), 0);
	return val;
}

static uint32_t rd(uint32_t offset)
{
	return rd_at(offset, 0);
}

static void wr_at(uint32_t offset, uint32_t val, uint64_t now)
{
	assert_int_equal(lapic_write(&a, offset, val, now), 0);
}

static void wr(uint32_t offset, uint32_t val)
{
	wr_at(offset, val, 0);
}

/* Whether vector v is set in the ISR, TMR or IRR seen through registers. */
static int vec_bit(uint32_t base, unsigned int v)
{
	return (rd(base + (v / 32) * 0x10) >> (v % 32)) & 1;
}

/* The ESR after the latching write. */
static uint32_t esr(void)
{
	wr(LAPIC_ESR, 0);
	return rd(LAPIC_ESR);
}

/* A write that must be refused with err and change nothing. */
static void refused(uint32_t offset, uint32_t val, int err)
{
	struct lapic before = a;

	assert_int_equal(lapic_write(&a, offset, val, 12345), err);
	assert_memory_equal(&before, &a, sizeof(a));
}

static void test_reset_values(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	assert_int_equal(rd(LAPIC_ID), OWN_ID << 24);
	assert_int_equal(rd(LAPIC_LVR), 0x00050014);
	assert_int_equal(rd(LAPIC_TPR), 0);
	assert_int_equal(rd(LAPIC_APR), 0);
	assert_int_equal(rd(LAPIC_PPR), 0);
	assert_int_equal(rd(LAPIC_EOI), 0);
	assert_int_equal(rd(LAPIC_RRD), 0);
	assert_int_equal(rd(LAPIC_LDR), 0);
	assert_int_equal(rd(LAPIC_DFR), 0xffffffff);
	assert_int_equal(rd(LAPIC_SVR), 0xff);
	for (i = 0; i < 8; i++) {
		assert_int_equal(rd(LAPIC_ISR + i * 0x10), 0);
		assert_int_equal(rd(LAPIC_TMR + i * 0x10), 0);
		assert_int_equal(rd(LAPIC_IRR + i * 0x10), 0);
	}
	assert_int_equal(rd(LAPIC_ESR), 0);
	assert_int_equal(rd(LAPIC_ICR_LO), 0);
	assert_int_equal(rd(LAPIC_ICR_HI), 0);
	for (i = 0; i < LAPIC_NR_LVT; i++)
		assert_int_equal(rd(LAPIC_LVT_REG(i)), 0x10000);
	assert_int_equal(rd(LAPIC_TMICT), 0);
	assert_int_equal(rd(LAPIC_TMCCT), 0);
	assert_int_equal(rd(LAPIC_TDCR), 0);
	assert_true(lapic_timer_deadline(&a) == UINT64_MAX);
	assert_int_equal(lapic_pending_vector(&a), -1);
	assert_int_equal(lapic_ack(&a), -1);
}

static void test_register_bits(void **state)
{
	(void)state;
	reset();
	wr(LAPIC_ID, 0xffffffff);
	assert_int_equal(rd(LAPIC_ID), 0xff000000);
	wr(LAPIC_ID, 0x05000000);
	assert_int_equal(rd(LAPIC_ID), 0x05000000);
	wr(LAPIC_TPR, 0x1ff);
	assert_int_equal(rd(LAPIC_TPR), 0xff);
	wr(LAPIC_LDR, 0xffffffff);
	assert_int_equal(rd(LAPIC_LDR), 0xff000000);
	wr(LAPIC_DFR, 0);
	assert_int_equal(rd(LAPIC_DFR), 0x0fffffff);
	/* xAPIC: all 8 spurious-vector bits are writable; bits 10+ are not */
	wr(LAPIC_SVR, 0xffffffff);
	assert_int_equal(rd(LAPIC_SVR), 0x3ff);
	wr(LAPIC_SVR, 0x1f0);
	assert_int_equal(rd(LAPIC_SVR), 0x1f0);
	wr(LAPIC_ICR_HI, 0xffffffff);
	assert_int_equal(rd(LAPIC_ICR_HI), 0xff000000);
	wr(LAPIC_TDCR, 0xffffffff);
	assert_int_equal(rd(LAPIC_TDCR), 0xb);
	wr(LAPIC_TMICT, 0xffffffff);
	assert_int_equal(rd(LAPIC_TMICT), 0xffffffff);
}

static void test_lvt_writable_bits(void **state)
{
	(void)state;
	reset_enabled();
	/* timer: vector, mask, mode (periodic); no delivery mode */
	wr(LAPIC_LVT_TIMER_REG, 0xfffbffff);
	assert_int_equal(rd(LAPIC_LVT_TIMER_REG), 0x300ff);
	wr(LAPIC_LVT_THERMAL_REG, 0xffffffff);
	assert_int_equal(rd(LAPIC_LVT_THERMAL_REG), 0x107ff);
	wr(LAPIC_LVT_PERF_REG, 0xffffffff);
	assert_int_equal(rd(LAPIC_LVT_PERF_REG), 0x107ff);
	/* LINT0/1 add polarity and trigger; remote IRR and status read 0 */
	wr(LAPIC_LVT_LINT0_REG, 0xffffffff);
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x1a7ff);
	wr(LAPIC_LVT_LINT1_REG, 0xffffffff);
	assert_int_equal(rd(LAPIC_LVT_LINT1_REG), 0x1a7ff);
	wr(LAPIC_LVT_ERROR_REG, 0xffffffff);
	assert_int_equal(rd(LAPIC_LVT_ERROR_REG), 0x100ff);
	wr(LAPIC_LVT_LINT0_REG, 0x00000731);	/* unmasked ExtINT */
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x731);
}

static void test_ppr_tracks_tpr_and_isr(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_TPR, 0x35);
	assert_int_equal(rd(LAPIC_PPR), 0x35);
	assert_int_equal(lapic_accept(&a, 0x51), 0);
	assert_int_equal(rd(LAPIC_PPR), 0x35);	/* IRR does not count */
	assert_int_equal(lapic_ack(&a), 0x51);
	/* ISR class 5 above TPR class 3: the class, sub-class 0 */
	assert_int_equal(rd(LAPIC_PPR), 0x50);
	/* TPR class equal to the ISR class: TPR with its sub-class */
	wr(LAPIC_TPR, 0x5a);
	assert_int_equal(rd(LAPIC_PPR), 0x5a);
	wr(LAPIC_TPR, 0x61);
	assert_int_equal(rd(LAPIC_PPR), 0x61);
	wr(LAPIC_TPR, 0);
	assert_int_equal(rd(LAPIC_PPR), 0x50);
	wr(LAPIC_EOI, 0);
	assert_int_equal(rd(LAPIC_PPR), 0);
}

static void test_apr(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_TPR, 0x35);
	assert_int_equal(rd(LAPIC_APR), 0x35);	/* nothing pending */
	assert_int_equal(lapic_accept(&a, 0x21), 0);
	/* IRR class below TPR's */
	assert_int_equal(rd(LAPIC_APR), 0x35);
	assert_int_equal(lapic_accept(&a, 0x61), 0);
	/* IRRV class 6 above TPR: max(3 & 0, 6) */
	assert_int_equal(rd(LAPIC_APR), 0x60);
	assert_int_equal(lapic_ack(&a), 0x61);
	/* ISRV 6 above TPR 3, IRRV 2: max(3 & 6, 2) = 2 (the SDM's AND) */
	assert_int_equal(rd(LAPIC_APR), 0x20);
	wr(LAPIC_TPR, 0x75);
	assert_int_equal(rd(LAPIC_APR), 0x75);	/* TPR above both */
}

static void test_accept_ack_priority_order(void **state)
{
	(void)state;
	reset_enabled();
	assert_int_equal(lapic_accept(&a, 0x31), 0);
	assert_int_equal(lapic_accept(&a, 0x85), 0);
	assert_int_equal(lapic_accept(&a, 0x40), 0);
	assert_int_equal(lapic_accept(&a, 0x40), 0);	/* merges */
	assert_true(vec_bit(LAPIC_IRR, 0x31));
	assert_true(vec_bit(LAPIC_IRR, 0x85));
	assert_true(vec_bit(LAPIC_IRR, 0x40));
	assert_false(vec_bit(LAPIC_TMR, 0x40));		/* edge */
	assert_int_equal(lapic_pending_vector(&a), 0x85);
	assert_int_equal(lapic_ack(&a), 0x85);
	assert_false(vec_bit(LAPIC_IRR, 0x85));
	assert_true(vec_bit(LAPIC_ISR, 0x85));
	/* lower classes wait while 0x85 is in service */
	assert_int_equal(lapic_pending_vector(&a), -1);
	assert_int_equal(lapic_ack(&a), -1);
	/* a higher class nests */
	assert_int_equal(lapic_accept(&a, 0x91), 0);
	assert_int_equal(lapic_ack(&a), 0x91);
	wr(LAPIC_EOI, 0);
	wr(LAPIC_EOI, 0);
	assert_int_equal(lapic_ack(&a), 0x40);
	wr(LAPIC_EOI, 0);
	assert_int_equal(lapic_ack(&a), 0x31);
	wr(LAPIC_EOI, 0);
	assert_int_equal(lapic_ack(&a), -1);
	assert_int_equal(lapic_write(&a, LAPIC_EOI, 0, 0), LAPIC_ERR_EOI_IDLE);
}

static void test_same_class_waits(void **state)
{
	(void)state;
	reset_enabled();
	assert_int_equal(lapic_accept(&a, 0x41), 0);
	assert_int_equal(lapic_accept(&a, 0x4f), 0);
	assert_int_equal(lapic_ack(&a), 0x4f);
	/* 0x41 is in the class in service, not above it */
	assert_int_equal(lapic_pending_vector(&a), -1);
	wr(LAPIC_EOI, 0);
	assert_int_equal(lapic_ack(&a), 0x41);
}

static void test_tpr_blocks(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_TPR, 0x50);
	assert_int_equal(lapic_accept(&a, 0x55), 0);
	assert_int_equal(lapic_accept(&a, 0x3f), 0);
	/* class 5 is not above 5 */
	assert_int_equal(lapic_pending_vector(&a), -1);
	assert_int_equal(lapic_ack(&a), -1);
	assert_true(vec_bit(LAPIC_IRR, 0x55));	/* held, not lost */
	assert_int_equal(lapic_accept(&a, 0x60), 0);
	assert_int_equal(lapic_ack(&a), 0x60);
	wr(LAPIC_EOI, 0);
	wr(LAPIC_TPR, 0x4f);
	assert_int_equal(lapic_ack(&a), 0x55);
	wr(LAPIC_EOI, 0);
	/* 0x3f is still below */
	assert_int_equal(lapic_pending_vector(&a), -1);
	wr(LAPIC_TPR, 0);
	assert_int_equal(lapic_ack(&a), 0x3f);
}

static void test_eoi_clears_highest(void **state)
{
	(void)state;
	reset_enabled();
	assert_int_equal(lapic_accept(&a, 0x40), 0);
	assert_int_equal(lapic_ack(&a), 0x40);
	assert_int_equal(lapic_accept(&a, 0x90), 0);
	assert_int_equal(lapic_ack(&a), 0x90);
	assert_int_equal(lapic_accept(&a, 0x70), 0);
	assert_int_equal(lapic_pending_vector(&a), -1);	/* below 0x90 */
	wr(LAPIC_EOI, 0x12345678);		/* any value */
	assert_false(vec_bit(LAPIC_ISR, 0x90));
	assert_true(vec_bit(LAPIC_ISR, 0x40));
	assert_int_equal(rd(LAPIC_PPR), 0x40);
	/* unblocked: 0x70 is above the class still in service */
	assert_int_equal(lapic_pending_vector(&a), 0x70);
	wr(LAPIC_EOI, 0);
	assert_false(vec_bit(LAPIC_ISR, 0x40));
	assert_true(vec_bit(LAPIC_IRR, 0x70));
}

static void test_eoi_idle_refused(void **state)
{
	(void)state;
	reset_enabled();
	/* pending, not in service */
	assert_int_equal(lapic_accept(&a, 0x40), 0);
	refused(LAPIC_EOI, 0, LAPIC_ERR_EOI_IDLE);
	assert_non_null(strstr(lapic_strerror(LAPIC_ERR_EOI_IDLE), "EOI"));
	assert_int_equal(lapic_ack(&a), 0x40);
	wr(LAPIC_EOI, 0);
	refused(LAPIC_EOI, 0, LAPIC_ERR_EOI_IDLE);
}

static void test_readonly_refused(void **state)
{
	static const uint32_t ro[] = {
		LAPIC_LVR, LAPIC_APR, LAPIC_PPR, LAPIC_RRD, LAPIC_TMCCT,
	};
	unsigned int i;

	(void)state;
	reset_enabled();
	/* some state for a write to corrupt */
	wr(LAPIC_TPR, 0x20);
	assert_int_equal(lapic_accept(&a, 0x81), 0);
	assert_int_equal(lapic_ack(&a), 0x81);
	assert_int_equal(lapic_accept(&a, 0x42), 0);
	wr(LAPIC_TMICT, 1000);
	for (i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
		refused(ro[i], 0, LAPIC_ERR_READONLY);
		refused(ro[i], 0xffffffff, LAPIC_ERR_READONLY);
	}
	for (i = 0; i < 8; i++) {
		refused(LAPIC_ISR + i * 0x10, 0, LAPIC_ERR_READONLY);
		refused(LAPIC_TMR + i * 0x10, 0xffffffff, LAPIC_ERR_READONLY);
		refused(LAPIC_IRR + i * 0x10, 0, LAPIC_ERR_READONLY);
	}
	assert_string_equal(lapic_reg_name(LAPIC_LVR), "version");
	assert_string_equal(lapic_reg_name(LAPIC_IRR + 0x70), "IRR");
	assert_non_null(strstr(lapic_strerror(LAPIC_ERR_READONLY),
			       "read-only"));
}

static void test_unknown_and_unaligned(void **state)
{
	static const uint32_t bad[] = {
		0x000, 0x010, 0x040, 0x050, 0x060, 0x070, 0x290, 0x2f0,
		0x3a0, 0x3b0, 0x3c0, 0x3d0, 0x3f0, 0x400, 0xff0,
		0x1020, 0xffffffff, 0x024, 0x081, 0x08c, 0x3e4, 0x104,
		0x30f,
	};
	unsigned int i;

	(void)state;
	reset_enabled();
	wr(LAPIC_TMICT, 1000);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct lapic before = a;
		uint32_t val = 0x5a5a5a5a;

		assert_int_equal(lapic_read(&a, bad[i], 0, &val),
				 LAPIC_ERR_UNKNOWN);
		assert_int_equal(val, 0x5a5a5a5a);
		assert_memory_equal(&before, &a, sizeof(a));
		refused(bad[i], 0xffffffff, LAPIC_ERR_UNKNOWN);
		assert_string_equal(lapic_reg_name(bad[i]), "reserved");
	}
	/* ESR "illegal register address" is not raised: nothing changed */
	assert_int_equal(esr(), 0);
}

static void test_software_disable(void **state)
{
	unsigned int i;

	(void)state;
	reset();
	/* disabled at reset: nothing is accepted, LVTs cannot be unmasked */
	assert_int_equal(lapic_accept(&a, 0x40), LAPIC_ERR_DISABLED);
	assert_false(vec_bit(LAPIC_IRR, 0x40));
	wr(LAPIC_LVT_LINT0_REG, 0x31);
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x10031);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_LINT0), 0);

	wr(LAPIC_SVR, SVR_ON);
	wr(LAPIC_LVT_LINT0_REG, 0x31);
	wr(LAPIC_LVT_TIMER_REG, 0x20032);
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x31);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_LINT0), 1);
	assert_int_equal(lapic_accept(&a, 0x50), 0);

	/* disabling masks every LVT, keeps their other bits and IRR */
	wr(LAPIC_SVR, 0xff);
	for (i = 0; i < LAPIC_NR_LVT; i++)
		assert_true(rd(LAPIC_LVT_REG(i)) & LAPIC_LVT_MASKED);
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x10031);
	assert_int_equal(rd(LAPIC_LVT_TIMER_REG), 0x30032);
	assert_int_equal(lapic_accept(&a, 0x60), LAPIC_ERR_DISABLED);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_LINT0), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x60));
	assert_true(vec_bit(LAPIC_IRR, 0x31));
	assert_int_equal(lapic_pending_vector(&a), 0x50);

	/* enabling again leaves the masks set */
	wr(LAPIC_SVR, SVR_ON);
	assert_int_equal(rd(LAPIC_LVT_LINT0_REG), 0x10031);
}

static void test_lvt_mask_blocks_fire(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_PERF_REG, 0x10040);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_PERF), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x40));
	wr(LAPIC_LVT_PERF_REG, 0x40);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_PERF), 1);
	assert_true(vec_bit(LAPIC_IRR, 0x40));
	/* NMI delivery is not a vector into IRR */
	wr(LAPIC_LVT_LINT1_REG, LAPIC_DM_NMI | 0x50);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_LINT1), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x50));
	/* no such entry */
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_NR_LVT), 0);
}

static void test_self_ipi(void **state)
{
	(void)state;
	reset_enabled();
	/* shorthand self; delivery status reads 0 */
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_SELF | LAPIC_DELIV_STATUS | 0x41);
	assert_true(vec_bit(LAPIC_IRR, 0x41));
	assert_int_equal(rd(LAPIC_ICR_LO), LAPIC_ICR_SH_SELF | 0x41);
	/* physical destination == own ID */
	wr(LAPIC_ICR_HI, OWN_ID << 24);
	wr(LAPIC_ICR_LO, 0x42);
	assert_true(vec_bit(LAPIC_IRR, 0x42));
	/* all including self; physical broadcast */
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_ALL | 0x43);
	assert_true(vec_bit(LAPIC_IRR, 0x43));
	wr(LAPIC_ICR_HI, 0xff000000);
	wr(LAPIC_ICR_LO, 0x44);
	assert_true(vec_bit(LAPIC_IRR, 0x44));
	/* logical, flat model: LDR bit 1 */
	wr(LAPIC_LDR, 0x02000000);
	wr(LAPIC_ICR_HI, 0x06000000);
	wr(LAPIC_ICR_LO, LAPIC_ICR_DEST_LOGICAL | 0x45);
	assert_true(vec_bit(LAPIC_IRR, 0x45));
	/* logical, cluster model: cluster 2, member bit 1 */
	wr(LAPIC_DFR, 0);
	wr(LAPIC_LDR, 0x22000000);
	wr(LAPIC_ICR_HI, 0x23000000);
	wr(LAPIC_ICR_LO, LAPIC_ICR_DEST_LOGICAL | 0x46);
	assert_true(vec_bit(LAPIC_IRR, 0x46));
	assert_int_equal(esr(), 0);
}

static void test_ipi_to_others(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_ICR_HI, 5 << 24);
	wr(LAPIC_ICR_LO, 0x41);		/* accepted, goes nowhere */
	assert_false(vec_bit(LAPIC_IRR, 0x41));
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_OTHERS | 0x42);
	assert_false(vec_bit(LAPIC_IRR, 0x42));
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	/* INIT and STARTUP to another CPU: nobody there */
	wr(LAPIC_ICR_LO, LAPIC_DM_INIT | LAPIC_ICR_LEVEL_ASSERT);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	wr(LAPIC_ICR_LO, LAPIC_DM_STARTUP | 0x9a);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	assert_false(vec_bit(LAPIC_IRR, 0x9a));
	/* logical destinations that miss this CPU */
	wr(LAPIC_LDR, 0x01000000);
	wr(LAPIC_ICR_HI, 0x02000000);
	wr(LAPIC_ICR_LO, LAPIC_ICR_DEST_LOGICAL | 0x43);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	wr(LAPIC_DFR, 0);
	wr(LAPIC_LDR, 0x21000000);
	wr(LAPIC_ICR_HI, 0x31000000);		/* other cluster */
	wr(LAPIC_ICR_LO, LAPIC_ICR_DEST_LOGICAL | 0x43);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT);
	assert_false(vec_bit(LAPIC_IRR, 0x43));
}

static void test_esr_latches_on_write(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_ICR_HI, 7 << 24);
	wr(LAPIC_ICR_LO, 0x41);
	/* not readable until an ESR write latches it */
	assert_int_equal(rd(LAPIC_ESR), 0);
	wr(LAPIC_ESR, 0xffffffff);
	assert_int_equal(rd(LAPIC_ESR), LAPIC_ESR_SEND_ACCEPT);
	/* reading again: the same */
	assert_int_equal(rd(LAPIC_ESR), LAPIC_ESR_SEND_ACCEPT);
	/* a new error accumulates unseen; the latch shows only it */
	assert_int_equal(lapic_accept(&a, 3), LAPIC_ERR_ILLEGAL_VEC);
	assert_int_equal(rd(LAPIC_ESR), LAPIC_ESR_SEND_ACCEPT);
	wr(LAPIC_ESR, 0);
	assert_int_equal(rd(LAPIC_ESR), LAPIC_ESR_RECV_ILLEGAL);
	/* back-to-back writes clear it */
	wr(LAPIC_ESR, 0);
	assert_int_equal(rd(LAPIC_ESR), 0);
}

static void test_error_interrupt(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_ERROR_REG, 0xfe);
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_OTHERS | 0x41);
	assert_true(vec_bit(LAPIC_IRR, 0xfe));
	assert_int_equal(lapic_ack(&a), 0xfe);
	wr(LAPIC_EOI, 0);
	/* the same error again before an ESR write: no new interrupt */
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_OTHERS | 0x41);
	assert_false(vec_bit(LAPIC_IRR, 0xfe));
	/* an illegal LVT Error vector ends, with "receive illegal vector" */
	wr(LAPIC_ESR, 0);
	wr(LAPIC_LVT_ERROR_REG, 0x05);
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_OTHERS | 0x41);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ACCEPT | LAPIC_ESR_RECV_ILLEGAL);
	assert_int_equal(lapic_pending_vector(&a), -1);
}

static void test_illegal_vectors(void **state)
{
	unsigned int v;

	(void)state;
	reset_enabled();
	for (v = 0; v < 16; v++)
		assert_int_equal(lapic_accept(&a, (uint8_t)v),
				 LAPIC_ERR_ILLEGAL_VEC);
	assert_int_equal(rd(LAPIC_IRR), 0);
	assert_int_equal(esr(), LAPIC_ESR_RECV_ILLEGAL);
	/* the first legal vector */
	assert_int_equal(lapic_accept(&a, 16), 0);
	assert_true(vec_bit(LAPIC_IRR, 16));
	/* from an LVT entry: receive illegal vector */
	wr(LAPIC_LVT_LINT0_REG, 0x0a);
	assert_int_equal(lapic_fire_lvt(&a, LAPIC_LVT_LINT0), 0);
	assert_int_equal(esr(), LAPIC_ESR_RECV_ILLEGAL);
	/* sent to another CPU: send illegal vector (and nobody accepts) */
	wr(LAPIC_ICR_HI, 9 << 24);
	wr(LAPIC_ICR_LO, 0x03);
	assert_int_equal(esr(), LAPIC_ESR_SEND_ILLEGAL | LAPIC_ESR_SEND_ACCEPT);
	/* sent to self: sent and received illegal */
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_SELF | 0x03);
	assert_int_equal(esr(),
			 LAPIC_ESR_SEND_ILLEGAL | LAPIC_ESR_RECV_ILLEGAL);
	assert_int_equal(rd(LAPIC_IRR), 1u << 16);
	/* no vector in an NMI: no illegal-vector error */
	wr(LAPIC_ICR_LO, LAPIC_ICR_SH_SELF | LAPIC_DM_NMI);
	assert_int_equal(esr(), 0);
}

static void test_timer_one_shot(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, 0x30);
	wr(LAPIC_TDCR, 0x3);				/* divide by 16 */
	wr_at(LAPIC_TMICT, 1000, 1000);
	assert_true(lapic_timer_deadline(&a) == 1000 + 16 * 1000);
	assert_true(a.timer_start_ns == 1000);
	assert_int_equal(rd_at(LAPIC_TMCCT, 1000), 1000);
	/* within the first tick */
	assert_int_equal(rd_at(LAPIC_TMCCT, 1015), 1000);
	assert_int_equal(rd_at(LAPIC_TMCCT, 1016), 999);
	assert_int_equal(rd_at(LAPIC_TMCCT, 1000 + 16 * 10 + 15), 990);
	assert_int_equal(rd_at(LAPIC_TMCCT, 16999), 1);
	assert_int_equal(rd_at(LAPIC_TMCCT, 17000), 0);
	assert_int_equal(rd_at(LAPIC_TMCCT, 99999), 0);
	/* early: nothing */
	assert_int_equal(lapic_timer_expire(&a, 16999), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x30));
	/* due: fires once, then stopped */
	assert_int_equal(lapic_timer_expire(&a, 17005), 1);
	assert_true(vec_bit(LAPIC_IRR, 0x30));
	assert_true(lapic_timer_deadline(&a) == UINT64_MAX);
	assert_int_equal(lapic_ack(&a), 0x30);
	assert_int_equal(lapic_timer_expire(&a, 50000), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x30));
	assert_int_equal(rd_at(LAPIC_TMCCT, 50000), 0);
	assert_int_equal(rd_at(LAPIC_TMICT, 50000), 1000);
	/* an initial-count write restarts it */
	wr_at(LAPIC_TMICT, 10, 60000);
	assert_true(lapic_timer_deadline(&a) == 60000 + 160);
	assert_int_equal(rd_at(LAPIC_TMCCT, 60016), 9);
}

static void test_timer_periodic_grid(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_PERIODIC | 0x30);
	wr(LAPIC_TDCR, LAPIC_TDCR_DIV_1);
	wr_at(LAPIC_TMICT, 100, 0);
	assert_true(lapic_timer_deadline(&a) == 100);
	assert_int_equal(lapic_timer_expire(&a, 100), 1);
	assert_true(lapic_timer_deadline(&a) == 200);
	assert_int_equal(rd_at(LAPIC_TMCCT, 150), 50);
	assert_int_equal(lapic_ack(&a), 0x30);
	wr(LAPIC_EOI, 0);
	/* late by 5 ns: the next deadline stays on the grid */
	assert_int_equal(lapic_timer_expire(&a, 205), 1);
	assert_true(lapic_timer_deadline(&a) == 300);
	assert_true(a.timer_start_ns == 200);
	/* a reload not yet processed: the count has reloaded */
	assert_int_equal(rd_at(LAPIC_TMCCT, 310), 90);
}

static void test_timer_periodic_long_gap(void **state)
{
	uint64_t period, start, deadline, now;

	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_PERIODIC | 0x30);
	wr(LAPIC_TDCR, LAPIC_TDCR_DIV_1);
	wr_at(LAPIC_TMICT, 100, 0);
	/* ten periods missed: one interrupt, the deadline after now */
	assert_int_equal(lapic_timer_expire(&a, 1137), 1);
	assert_true(lapic_timer_deadline(&a) == 1200);
	assert_int_equal(lapic_timer_expire(&a, 1137), 0);	/* no burst */
	assert_int_equal(lapic_ack(&a), 0x30);
	assert_int_equal(lapic_ack(&a), -1);
	/* exactly on a grid point: the next one */
	wr(LAPIC_EOI, 0);
	assert_int_equal(lapic_timer_expire(&a, 1500), 1);
	assert_true(lapic_timer_deadline(&a) == 1600);

	/* a period beyond 32 bits of ns: 0xffffffff ticks of 128 ns */
	wr(LAPIC_TDCR, 0xa);				/* divide by 128 */
	start = 5000;
	wr_at(LAPIC_TMICT, 0xffffffff, start);
	period = 0xffffffffull << 7;
	deadline = start + period;
	assert_true(lapic_timer_deadline(&a) == deadline);
	now = deadline + 1000 * period + 12345;
	assert_int_equal(lapic_timer_expire(&a, now), 1);
	assert_true(lapic_timer_deadline(&a) == start + 1002 * period);
	assert_true(a.timer_start_ns == start + 1001 * period);
	assert_int_equal(rd_at(LAPIC_TMCCT, start + 1001 * period + 128 * 7),
			 0xffffffff - 7);
}

static void test_timer_divide_values(void **state)
{
	static const struct {
		uint32_t tdcr;
		unsigned int shift;
	} div[] = {
		{ 0x0, 1 }, { 0x1, 2 }, { 0x2, 3 }, { 0x3, 4 },
		{ 0x8, 5 }, { 0x9, 6 }, { 0xa, 7 }, { 0xb, 0 },
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(div) / sizeof(div[0]); i++) {
		uint64_t tick = 1ull << div[i].shift;

		reset_enabled();
		/* bit 2 is not a divider bit */
		wr(LAPIC_TDCR, div[i].tdcr | 0x4);
		assert_int_equal(rd(LAPIC_TDCR), div[i].tdcr);
		wr_at(LAPIC_TMICT, 1000, 0);
		assert_true(lapic_timer_deadline(&a) == 1000 * tick);
		assert_int_equal(rd_at(LAPIC_TMCCT, 3 * tick), 997);
		assert_int_equal(rd_at(LAPIC_TMCCT, 4 * tick - 1), 997);
	}
}

static void test_timer_divide_while_counting(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_TDCR, LAPIC_TDCR_DIV_1);
	wr_at(LAPIC_TMICT, 1000, 0);
	assert_int_equal(rd_at(LAPIC_TMCCT, 500), 500);
	wr_at(LAPIC_TDCR, 0x0, 500);			/* divide by 2 */
	assert_int_equal(rd_at(LAPIC_TMCCT, 500), 500);
	assert_int_equal(rd_at(LAPIC_TMCCT, 700), 400);
	assert_true(lapic_timer_deadline(&a) == 1500);
}

static void test_timer_initial_zero_stops(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_PERIODIC | 0x30);
	wr_at(LAPIC_TMICT, 100, 0);
	assert_true(lapic_timer_deadline(&a) == 200);	/* divide by 2 */
	wr_at(LAPIC_TMICT, 0, 50);
	assert_true(lapic_timer_deadline(&a) == UINT64_MAX);
	assert_int_equal(rd_at(LAPIC_TMCCT, 60), 0);
	assert_int_equal(lapic_timer_expire(&a, 1000), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x30));
}

static void test_timer_masked_keeps_counting(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, LAPIC_LVT_MASKED | LAPIC_TIMER_PERIODIC | 0x30);
	wr(LAPIC_TDCR, LAPIC_TDCR_DIV_1);
	wr_at(LAPIC_TMICT, 100, 0);
	assert_int_equal(lapic_timer_expire(&a, 100), 0);
	assert_false(vec_bit(LAPIC_IRR, 0x30));
	assert_true(lapic_timer_deadline(&a) == 200);
	wr(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_PERIODIC | 0x30);
	assert_int_equal(lapic_timer_expire(&a, 200), 1);
	assert_true(vec_bit(LAPIC_IRR, 0x30));
}

static void test_tsc_deadline_refused(void **state)
{
	(void)state;
	reset_enabled();
	wr(LAPIC_LVT_TIMER_REG, 0x30);
	wr_at(LAPIC_TMICT, 100, 0);
	refused(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_TSC_DEADLINE | 0x31,
		LAPIC_ERR_TSC_DEADLINE);
	refused(LAPIC_LVT_TIMER_REG, LAPIC_TIMER_MODE_RSVD | 0x31,
		LAPIC_ERR_TIMER_MODE);
	assert_int_equal(rd(LAPIC_LVT_TIMER_REG), 0x30);
	assert_non_null(strstr(lapic_strerror(LAPIC_ERR_TSC_DEADLINE),
			       "TSC-deadline"));
}

static void test_strerror(void **state)
{
	static const int errs[] = {
		LAPIC_ERR_UNKNOWN, LAPIC_ERR_READONLY, LAPIC_ERR_EOI_IDLE,
		LAPIC_ERR_TSC_DEADLINE, LAPIC_ERR_TIMER_MODE,
		LAPIC_ERR_DISABLED, LAPIC_ERR_ILLEGAL_VEC,
	};
	const char *other = lapic_strerror(-100);
	unsigned int i, j;

	(void)state;
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		assert_true(errs[i] < 0);
		assert_true(strlen(lapic_strerror(errs[i])) > 0);
		assert_string_not_equal(lapic_strerror(errs[i]), other);
		for (j = 0; j < i; j++)
			assert_string_not_equal(lapic_strerror(errs[i]),
						lapic_strerror(errs[j]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reset_values),
		cmocka_unit_test(test_register_bits),
		cmocka_unit_test(test_lvt_writable_bits),
		cmocka_unit_test(test_ppr_tracks_tpr_and_isr),
		cmocka_unit_test(test_apr),
		cmocka_unit_test(test_accept_ack_priority_order),
		cmocka_unit_test(test_same_class_waits),
		cmocka_unit_test(test_tpr_blocks),
		cmocka_unit_test(test_eoi_clears_highest),
		cmocka_unit_test(test_eoi_idle_refused),
		cmocka_unit_test(test_readonly_refused),
		cmocka_unit_test(test_unknown_and_unaligned),
		cmocka_unit_test(test_software_disable),
		cmocka_unit_test(test_lvt_mask_blocks_fire),
		cmocka_unit_test(test_self_ipi),
		cmocka_unit_test(test_ipi_to_others),
		cmocka_unit_test(test_esr_latches_on_write),
		cmocka_unit_test(test_error_interrupt),
		cmocka_unit_test(test_illegal_vectors),
		cmocka_unit_test(test_timer_one_shot),
		cmocka_unit_test(test_timer_periodic_grid),
		cmocka_unit_test(test_timer_periodic_long_gap),
		cmocka_unit_test(test_timer_divide_values),
		cmocka_unit_test(test_timer_divide_while_counting),
		cmocka_unit_test(test_timer_initial_zero_stops),
		cmocka_unit_test(test_timer_masked_keeps_counting),
		cmocka_unit_test(test_tsc_deadline_refused),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
