// SPDX-License-Identifier: GPL-2.0
/*
 * fake_xen.c - the hypercall and port-instruction recorder behind
 * tests/unit/fake_xen.h.
 */
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
#include "tests/unit/fake_xen.h"
#include "xenif/hypercall.h"
#include "xenif/pio.h"
#include "shim/shim.h"
#include "xenif/shared.h"
#include "xenif/stats.h"

struct fake_xen fake_xen;

/* The shim's state area, which the ROM build puts in the window. */
struct vmix_boot_block boot_block;
uint8_t shared_info_page[4096];
struct vmix_percpu vmix_percpu[VMIX_MAX_VCPUS];

/* events/deliver.c's counter and events/upcall.S's delivery, faked. */
uint32_t events_delivered, events_upcalls;
uint32_t events_timer_events, events_console_events;

/* events/evtchn.c's scan: Xen's pending bits are the tests' to set. */
void events_scan(void)
{
	this_vcpu()->evtchn_pending_sel = 0;
}

void events_deliver_now(void)
{
	fake_xen.delivers_now++;
	this_vcpu()->evtchn_upcall_pending = 0;
}

void fake_xen_reset(void)
{
	memset(&fake_xen, 0, sizeof(fake_xen));
	memset(&boot_block, 0, sizeof(boot_block));
	memset(vmix_percpu, 0, sizeof(vmix_percpu));
	events_delivered = 0;
	memset(xen_hypercall_count, 0, sizeof(xen_hypercall_count));
	memset(xen_sched_count, 0, sizeof(xen_sched_count));
	memset(xen_owner_stats, 0, sizeof(xen_owner_stats));
	xen_stats_owner = XEN_OWNER_NONE;
	xen_owner_name = 0;
}

static void record(int op, int cmd, uint32_t arg)
{
	struct fake_call *c;

	if (fake_xen.nr_calls == FAKE_MAX_CALLS) {
		fprintf(stderr, "fake_xen: too many hypercalls\n");
		abort();
	}
	c = &fake_xen.calls[fake_xen.nr_calls++];
	c->op = op;
	c->cmd = cmd;
	c->arg = arg;
}

/*
 * mmu_update (op = __HYPERVISOR_mmu_update: struct mmu_update) and
 * mmuext_op (struct mmuext_op) as Xen runs them: in order, stopping at the
 * request mmu_fail_at names with mmu_fail_rc, *done = requests applied.
 */
static long fake_mmu(unsigned int op, unsigned long reqs, unsigned long count,
		     unsigned long pdone)
{
	uint32_t *done = (uint32_t *)pdone;
	unsigned long i;
	long rc = 0;

	fake_xen.mmu_calls++;
	for (i = 0; i < count; i++) {
		struct fake_mmu *m;

		if (done)
			*done = (uint32_t)i;
		if (fake_xen.mmu_hook)
			fake_xen.mmu_hook((unsigned int)i);
		if (++fake_xen.mmu_requests == fake_xen.mmu_fail_at) {
			rc = fake_xen.mmu_fail_rc;
			break;
		}
		if (fake_xen.nr_mmu == FAKE_MAX_MMU) {
			fprintf(stderr, "fake_xen: too many mmu requests\n");
			abort();
		}
		m = &fake_xen.mmu[fake_xen.nr_mmu++];
		m->op = (int)op;
		if (op == __HYPERVISOR_mmu_update) {
			const struct mmu_update *u =
				(const struct mmu_update *)reqs + i;

			m->ptr = u->ptr;
			m->val = u->val;
		} else {
			const struct mmuext_op *x =
				(const struct mmuext_op *)reqs + i;

			m->ptr = x->cmd;
			m->val = x->arg1.linear_addr;
		}
		m->hypercall = fake_xen.mmu_calls;
		m->calls_before = fake_xen.nr_calls;
	}
	if (done)
		*done = (uint32_t)i;
	return rc;
}

/*
 * The one seam of xenif/hypercall.h: every hypercall the shim's C code
 * makes arrives here.  A multicall runs its entries through the same seam.
 */
long fake_hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5)
{
	(void)a4;
	(void)a5;
	switch (nr) {
	case __HYPERVISOR_console_io: {
		uint32_t len = (uint32_t)a2;
		const char *buf = (const char *)a3;

		record(nr, (int)a1, len);
		if (fake_xen.console_len + len < sizeof(fake_xen.console)) {
			memcpy(fake_xen.console + fake_xen.console_len, buf,
			       len);
			fake_xen.console_len += len;
			fake_xen.console[fake_xen.console_len] = '\0';
		}
		fake_xen.console_writes++;
		return 0;
	}
	case __HYPERVISOR_sched_op: {
		uint32_t reason = 0;

		if ((int)a1 == SCHEDOP_shutdown)
			reason = ((struct sched_shutdown *)a2)->reason;
		record(nr, (int)a1, reason);
		if ((int)a1 == SCHEDOP_block) {
			/* Xen unmasks; an interrupt reaches the guest. */
			this_vcpu()->evtchn_upcall_mask = 0;
			if (++fake_xen.blocks >= fake_xen.block_wakes)
				events_delivered++;
		}
		if ((int)a1 != SCHEDOP_shutdown)
			return 0;
		/* A crash after a failed shutdown must still end the test. */
		if (fake_xen.shutdown_error && reason != SHUTDOWN_crash)
			return fake_xen.shutdown_error;
		if (!fake_xen.shutdown_armed) {
			fprintf(stderr, "fake_xen: unexpected shutdown (%u)\n",
				reason);
			abort();
		}
		longjmp(fake_xen.shutdown_jmp, (int)reason + 1);
	}
	case __HYPERVISOR_callback_op:
		record(nr, (int)a1, ((struct callback_register *)a2)->type);
		return 0;
	case __HYPERVISOR_physdev_op:
		record(nr, (int)a1, ((struct physdev_set_iopl *)a2)->iopl);
		return 0;
	case __HYPERVISOR_multicall: {
		struct multicall_entry *e = (struct multicall_entry *)a1;
		unsigned long i;

		fake_xen.multicalls++;
		for (i = 0; i < a2; i++)
			e[i].result = fake_hypercall(
				(unsigned int)e[i].op, e[i].args[0],
				e[i].args[1], e[i].args[2], e[i].args[3],
				e[i].args[4]);
		return 0;
	}
	case __HYPERVISOR_mmu_update:
		return fake_mmu(nr, a1, a2, a3);
	case __HYPERVISOR_mmuext_op: {
		/* Applied, then recorded as before (fail_op included). */
		long rc = fake_mmu(nr, a1, a2, a3);

		if (rc)
			return rc;
	}
		/* fall through */
	default:
		if (nr == __HYPERVISOR_vcpu_op &&
		    (int)a1 == VCPUOP_set_singleshot_timer)
			fake_xen.singleshot_ns =
				((struct vcpu_set_singleshot_timer *)a3)
					->timeout_abs_ns;
		record(nr, (int)a1, (uint32_t)a2);
		if (fake_xen.fail_op == (int)nr && fake_xen.fail_countdown &&
		    !--fake_xen.fail_countdown)
			return fake_xen.fail_rc;
		return 0;
	}
}

uint32_t pio_in(uint16_t port, uint32_t size)
{
	struct fake_pio *p = &fake_xen.pio[fake_xen.nr_pio++ % FAKE_MAX_CALLS];
	uint32_t mask = size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1;

	p->out = 0;
	p->port = port;
	p->size = size;
	p->value = fake_xen.pio_in_value & mask;
	return p->value;
}

void pio_out(uint16_t port, uint32_t size, uint32_t v)
{
	struct fake_pio *p = &fake_xen.pio[fake_xen.nr_pio++ % FAKE_MAX_CALLS];

	p->out = 1;
	p->port = port;
	p->size = size;
	p->value = v;
}
