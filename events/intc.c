// SPDX-License-Identifier: GPL-2.0
/*
 * intc.c - the guest's PIC pair and local APIC, the sources wired to them
 * and the next vector (see events/intc.h).
 *
 * Never: deliver a vector the controllers would not (masked, blocked by
 * one in service, below the APIC's priority).
 */
#include "events/intc.h"
#include "events/lapic.h"
#include "events/pic8259.h"
#include "time/counters.h"
#include "time/timer.h"
#include "xenif/shared.h"

#define APIC_ID_BSP	0

static struct pic8259_pair pic;
static struct lapic lapic;
static uint8_t ready;
uint32_t intc_acked, intc_raised;

static void intc_ready(void)
{
	if (ready)
		return;
	pic_reset(&pic);
	lapic_reset(&lapic, APIC_ID_BSP);
	/* Virtual wire: the BIOS leaves LINT0 as ExtINT, unmasked. */
	lapic.lvt[LAPIC_LVT_LINT0] = LAPIC_DM_EXTINT;
	ready = 1;
}

/* Does the PIC's INTR reach the CPU? */
static int pic_wired(void)
{
	uint32_t lint0 = lapic.lvt[LAPIC_LVT_LINT0];

	if (!(lapic.svr & LAPIC_SVR_ENABLE))
		return 1;
	return !(lint0 & LAPIC_LVT_MASKED) &&
	       (lint0 & LAPIC_DM_MASK) == LAPIC_DM_EXTINT;
}

static int pending(void)
{
	int v = lapic_pending_vector(&lapic);

	if (v < 0 && pic_wired())
		v = pic_pending_vector(&pic);
	return v;
}

/* Only ever sets the flag: when it is set already, there is nothing to do. */
void intc_update(void)
{
	struct vcpu_info *v = this_vcpu();

	intc_ready();
	if (!v->evtchn_upcall_pending && pending() >= 0)
		v->evtchn_upcall_pending = 1;
}

int intc_ack(void)
{
	int v;

	intc_ready();
	v = lapic_ack(&lapic);		/* -1, changing nothing, when idle */
	if (v < 0 && pic_wired())
		v = pic_ack(&pic);
	if (v >= 0)
		intc_acked++;
	return v;
}

int intc_pic_is_port(uint16_t port)
{
	return pic_is_port(port);
}

uint8_t intc_pic_read(uint16_t port)
{
	uint8_t v;

	intc_ready();
	v = pic_read(&pic, port);	/* a poll read acknowledges */
	intc_update();
	return v;
}

int intc_pic_write(uint16_t port, uint8_t val)
{
	int rc;

	intc_ready();
	rc = pic_write(&pic, port, val);
	intc_update();
	return rc;
}

int intc_pic_try(const uint16_t *ports, const uint8_t *vals, unsigned int n)
{
	struct pic8259_pair trial;
	unsigned int i;
	int rc;

	intc_ready();
	trial = pic;
	for (i = 0; i < n; i++) {
		rc = pic_write(&trial, ports[i], vals[i]);
		if (rc && rc != PIC_ERR_EOI_IDLE)
			return rc;
	}
	return 0;
}

const char *intc_pic_strerror(int err)
{
	return pic_strerror(err);
}

static void apic_timer_sync(void)
{
	timer_set(TIMER_LAPIC, lapic_timer_deadline(&lapic));
}

int intc_apic_read(uint32_t offset, uint32_t *val)
{
	intc_ready();
	return lapic_read(&lapic, offset, time_system_ns(), val);
}

int intc_apic_write(uint32_t offset, uint32_t val)
{
	int rc;

	intc_ready();
	rc = lapic_write(&lapic, offset, val, time_system_ns());
	if (!rc)
		apic_timer_sync();
	intc_update();
	return rc;
}

const char *intc_apic_strerror(int err)
{
	return lapic_strerror(err);
}

const char *intc_apic_reg_name(uint32_t offset)
{
	return lapic_reg_name(offset);
}

void intc_pulse_irq(unsigned int irq)
{
	intc_ready();
	intc_raised++;
	pic_pulse_irq(&pic, irq);
	intc_update();
}

void intc_set_irq(unsigned int irq, int level)
{
	intc_ready();
	pic_set_irq(&pic, irq, level);
	intc_update();
}

void intc_fire_lvt(unsigned int lvt)
{
	intc_ready();
	intc_raised++;
	lapic_fire_lvt(&lapic, lvt);
	intc_update();
}

void intc_apic_timer_expire(uint64_t now_ns)
{
	intc_ready();
	lapic_timer_expire(&lapic, now_ns);
	apic_timer_sync();
	intc_update();
}
