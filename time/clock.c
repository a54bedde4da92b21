// SPDX-License-Identifier: GPL-2.0
/*
 * clock.c - Xen's clocks as VMI's counters and wallclock (the arithmetic:
 * time/counters.c): system time from this vCPU's vcpu_time_info and the
 * TSC, stolen time from the runstate area Xen keeps at a fixed linear
 * address in the shim's per-vCPU page, the wallclock from shared_info.
 *
 * Never: read vcpu_time_info, the runstate area or the wallclock outside
 * their version (update) loops, or mix two snapshots in one reading.
 */
#include "time/counters.h"
#include "time/pvclock.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

#define barrier()	__asm__ volatile("" : : : "memory")

static uint64_t stolen_base;	/* runnable + offline at Init */
static uint32_t wc_seen_sec, wc_seen_nsec;

uint64_t time_system_ns(void)
{
	struct vcpu_time_info copy;
	uint64_t tsc;

	pvclock_snapshot(&this_vcpu()->time, &copy, &tsc);
	return pvclock_system_ns(&copy, tsc);
}

static uint64_t read_u64(volatile uint64_t *p)
{
	volatile uint32_t *w = (volatile uint32_t *)p;
	uint32_t lo, hi;

	do {
		hi = w[1];
		lo = w[0];
	} while (hi != w[1]);
	return (uint64_t)hi << 32 | lo;
}

/*
 * One consistent reading: the runstate copy and the system time are taken
 * between two equal state_entry_time values without Xen's update flag, so
 * no descheduling happened in between (Xen rewrites the area on every
 * switch).
 */
static void snapshot(struct vcpu_runstate_info *rs, uint64_t *now)
{
	volatile struct vcpu_runstate_info *live = this_runstate();
	uint64_t entry;
	unsigned int i;

	do {
		entry = read_u64(&live->state_entry_time);
		barrier();
		rs->state = live->state;
		for (i = 0; i < 4; i++)
			rs->time[i] = read_u64(&live->time[i]);
		*now = time_system_ns();
		barrier();
	} while ((entry & XEN_RUNSTATE_UPDATE) ||
		 entry != read_u64(&live->state_entry_time));
	rs->state_entry_time = entry;
}

void time_read_counters(struct time_counters *c)
{
	struct vcpu_runstate_info rs;
	uint64_t now;

	snapshot(&rs, &now);
	counters_compute(now, &rs, stolen_base, c);
}

static void wallclock(uint32_t *sec, uint32_t *nsec)
{
	volatile struct shared_info *s = xen_shared_info();
	uint32_t version;

	do {
		version = s->wc_version;
		barrier();
		*sec = s->wc_sec;
		*nsec = s->wc_nsec;
		barrier();
	} while ((version & 1) || version != s->wc_version);
}

/* Xen's wallclock is the epoch time at system time 0: add system time. */
uint64_t time_wallclock_ns(void)
{
	uint32_t sec, nsec;

	wallclock(&sec, &nsec);
	return (uint64_t)sec * 1000000000ull + nsec + time_system_ns();
}

int time_wallclock_updated(void)
{
	uint32_t sec, nsec;
	int changed;

	wallclock(&sec, &nsec);
	changed = sec != wc_seen_sec || nsec != wc_seen_nsec;
	wc_seen_sec = sec;
	wc_seen_nsec = nsec;
	return changed;
}

long time_clock_init(void)
{
	struct vcpu_register_runstate_memory_area area;
	struct vcpu_runstate_info rs;
	uint64_t now;
	long rc;

	area.addr.p = 0;
	area.addr.v = this_runstate();
	/* The update flag makes a torn read visible; older Xen lacks it. */
	hyp_vm_assist(VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);
	rc = hyp_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &area);
	if (rc) {
		console_printf("vmi: Init: VCPUOP_register_runstate_memory_area(%08x) failed: Xen error %ld\n",
			       (uint32_t)(uintptr_t)this_runstate(), rc);
		return rc;
	}
	snapshot(&rs, &now);
	stolen_base = runstate_stolen_ns(&rs, now);
	wallclock(&wc_seen_sec, &wc_seen_nsec);
	return 0;
}
