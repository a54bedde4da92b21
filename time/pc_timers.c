// SPDX-License-Identifier: GPL-2.0
/*
 * pc_timers.c - the PIT and the RTC on Xen's clocks (see time/pc_timers.h).
 *
 * Never: read the models with any time but Xen's system time (PIT) and
 * Xen's wallclock (RTC).
 */
#include "time/counters.h"
#include "time/pc_timers.h"
#include "time/pit8254.h"
#include "time/rtc.h"
#include "time/timer.h"

static struct pit8254 pit;
static struct rtc rtc;
static uint8_t ready;

static void pc_ready(void)
{
	if (ready)
		return;
	pit_reset(&pit);
	rtc_reset(&rtc);
	ready = 1;
}

int time_pit_is_port(uint16_t port)
{
	return pit_is_port(port);
}

uint8_t time_pit_read(uint16_t port)
{
	pc_ready();
	return pit_read(&pit, port, time_system_ns());
}

int time_pit_write(uint16_t port, uint8_t val)
{
	int rc;

	pc_ready();
	rc = pit_write(&pit, port, val, time_system_ns());
	timer_set(TIMER_PIT, pit_irq0_deadline(&pit));
	return rc;
}

int time_pit_try(const uint16_t *ports, const uint8_t *vals, unsigned int n)
{
	struct pit8254 trial;
	uint64_t now = time_system_ns();
	unsigned int i;
	int rc;

	pc_ready();
	trial = pit;
	for (i = 0; i < n; i++) {
		rc = pit_write(&trial, ports[i], vals[i], now);
		if (rc)
			return rc;
	}
	return 0;
}

const char *time_pit_strerror(int err)
{
	return pit_strerror(err);
}

int time_pit_expire(uint64_t now_ns)
{
	int edge;

	pc_ready();
	edge = pit_irq0_expire(&pit, now_ns);
	timer_set(TIMER_PIT, pit_irq0_deadline(&pit));
	return edge;
}

int time_rtc_is_port(uint16_t port)
{
	return rtc_is_port(port);
}

static void rtc_sync(uint64_t now)
{
	timer_set(TIMER_RTC, rtc_irq8_deadline(&rtc, now));
}

uint8_t time_rtc_read(uint16_t port)
{
	uint64_t now = time_system_ns();
	uint8_t v;

	pc_ready();
	v = rtc_read(&rtc, port, time_wallclock_ns(), now);
	rtc_sync(now);
	return v;
}

int time_rtc_write(uint16_t port, uint8_t val)
{
	uint64_t now = time_system_ns();
	int rc;

	pc_ready();
	rc = rtc_write(&rtc, port, val, time_wallclock_ns(), now);
	rtc_sync(now);
	return rc;
}

int time_rtc_try(const uint16_t *ports, const uint8_t *vals, unsigned int n)
{
	struct rtc trial;
	uint64_t now = time_system_ns(), wall = time_wallclock_ns();
	unsigned int i;
	int rc;

	pc_ready();
	trial = rtc;
	for (i = 0; i < n; i++) {
		rc = rtc_write(&trial, ports[i], vals[i], wall, now);
		if (rc)
			return rc;
	}
	return 0;
}

const char *time_rtc_strerror(int err)
{
	return rtc_strerror(err);
}

int time_rtc_expire(uint64_t now_ns)
{
	int edge;

	pc_ready();
	edge = rtc_irq8_expire(&rtc, time_wallclock_ns(), now_ns);
	rtc_sync(now_ns);
	return edge;
}
