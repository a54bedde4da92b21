// SPDX-License-Identifier: GPL-2.0
/*
 * timer.c - the deadlines of the shim's time sources on one Xen single-shot
 * timer (see time/timer.h).
 *
 * Only the sources with a deadline are looked at (has_deadline's bits).
 *
 * Never: ask Xen for a timer nobody is waiting for.
 */
#include "time/timer.h"
#include "xenif/console.h"
#include "xenif/domain.h"
#include "xenif/hypercall.h"

/*
 * The ROM has no initialised data: "never" is the absence of a deadline,
 * so that zeroed state means no deadline and no Xen timer.
 */
static uint64_t deadline[TIMER_NR_SOURCES];
static uint32_t has_deadline;		/* 1 << src */
static uint64_t programmed;		/* what Xen's timer is set to ... */
static uint8_t is_programmed;		/* ... if it is set */
static uint8_t in_event;	/* timer_take_due .. timer_sync: defer */
uint32_t timer_programmed;
uint32_t timer_events;			/* timer_take_due calls with work */
uint64_t timer_late_total, timer_late_max;	/* ns past the deadline */

void timer_sync(void)
{
	uint64_t first = TIMER_NEVER;
	uint32_t left;
	unsigned int i;
	long rc;

	in_event = 0;
	for (left = has_deadline; left; left &= left - 1) {
		i = (unsigned int)__builtin_ctz(left);
		if (deadline[i] < first)
			first = deadline[i];
	}
	if (is_programmed ? first == programmed : first == TIMER_NEVER)
		return;
	if (first == TIMER_NEVER) {
		rc = hyp_vcpu_op(VCPUOP_stop_singleshot_timer, 0, 0);
	} else {
		/* A deadline already past fires at once (no VCPU_SSHOTTMR_future). */
		struct vcpu_set_singleshot_timer t = {
			.timeout_abs_ns = first, .flags = 0,
		};

		rc = hyp_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t);
		timer_programmed++;
	}
	if (rc)
		xen_crash("vmi: timer: VCPUOP_%s_singleshot_timer(%08x%08x) failed: Xen error %ld\n",
			  first == TIMER_NEVER ? "stop" : "set",
			  (uint32_t)(first >> 32), (uint32_t)first, rc);
	programmed = first;
	is_programmed = first != TIMER_NEVER;
}

void timer_set(enum timer_source src, uint64_t deadline_ns)
{
	deadline[src] = deadline_ns;
	if (deadline_ns == TIMER_NEVER)
		has_deadline &= ~(1u << src);
	else
		has_deadline |= 1u << src;
	if (!in_event)
		timer_sync();
}

uint32_t timer_take_due(uint64_t now_ns)
{
	uint32_t due = 0, left;
	unsigned int i;

	in_event = 1;
	/* Xen's single shot has fired (or will be re-set in timer_sync). */
	is_programmed = 0;
	for (left = has_deadline; left; left &= left - 1) {
		uint64_t late;

		i = (unsigned int)__builtin_ctz(left);
		if (deadline[i] > now_ns)
			continue;
		late = now_ns - deadline[i];
		due |= 1u << i;
		has_deadline &= ~(1u << i);
		timer_late_total += late;
		if (late > timer_late_max)
			timer_late_max = late;
	}
	if (due)
		timer_events++;
	return due;
}

long timer_init(void)
{
	long rc = hyp_vcpu_op(VCPUOP_stop_periodic_timer, 0, 0);

	if (rc)
		console_printf("vmi: Init: VCPUOP_stop_periodic_timer failed: Xen error %ld\n",
			       rc);
	return rc;
}
