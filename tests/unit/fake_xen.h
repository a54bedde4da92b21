/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fake_xen.h - records the hypercalls and port instructions the shim makes
 * when its C code is built for the host (VMIX_HOST_TEST), so unit tests can
 * assert on them.  SCHEDOP_shutdown never returns on Xen: here it jumps back
 * to the test through fake_xen.shutdown_jmp unless told to fail.
 */
#ifndef VMIX_FAKE_XEN_H
#define VMIX_FAKE_XEN_H

#include <setjmp.h>
#include <stdint.h>

#define FAKE_MAX_CALLS	64

struct fake_call {
	int op;			/* __HYPERVISOR_* */
	int cmd;
	uint32_t arg;		/* shutdown reason, iopl, callback type */
};

struct fake_pio {
	int out;
	uint16_t port;
	uint32_t size;
	uint32_t value;
};

/* One request mmu_update or mmuext_op applied (tests/unit/fake_xen.c). */
#define FAKE_MAX_MMU	4096
struct fake_mmu {
	int op;			/* __HYPERVISOR_mmu_update or _mmuext_op */
	uint64_t ptr;		/* mmu_update: ptr (maddr | cmd); mmuext: cmd */
	uint64_t val;		/* mmu_update: val; mmuext: arg1 */
	unsigned int hypercall;	/* which mmu_calls carried it (1-based) */
	unsigned int calls_before;	/* nr_calls when it was applied */
};

struct fake_xen {
	struct fake_call calls[FAKE_MAX_CALLS];
	unsigned int nr_calls;
	struct fake_pio pio[FAKE_MAX_CALLS];
	unsigned int nr_pio;
	char console[4096];		/* everything console_io wrote */
	unsigned int console_len;
	unsigned int console_writes;
	uint32_t pio_in_value;		/* what a non-COM1 IN returns */
	long shutdown_error;		/* nonzero: SCHEDOP_shutdown returns it */
	int shutdown_armed;		/* shutdown_jmp is valid */
	unsigned int multicalls;	/* multicall hypercalls seen */
	int fail_op;			/* make the fail_countdown-th call */
	unsigned int fail_countdown;	/* of hypercall fail_op return */
	long fail_rc;			/* fail_rc (0: never) */
	jmp_buf shutdown_jmp;
	/* mmu_update and mmuext_op: every request applied, in order. */
	struct fake_mmu mmu[FAKE_MAX_MMU];
	unsigned int nr_mmu;
	unsigned int mmu_calls;		/* mmu_update + mmuext_op calls */
	unsigned int mmu_requests;	/* requests tried, applied or not */
	unsigned int mmu_fail_at;	/* this request (1-based) fails, */
	long mmu_fail_rc;		/* with this, ending its call */
	/* Before each request, with *done = requests done so far: an event
	 * arriving while Xen has preempted the call. */
	void (*mmu_hook)(unsigned int request);
	/* SCHEDOP_block: the block_wakes-th one (1-based; 0: the first)
	 * "delivers an interrupt" (events_delivered++), as Xen's upcall
	 * would on the way back. */
	unsigned int block_wakes, blocks;
	unsigned int delivers_now;	/* events_deliver_now() calls */
	uint64_t singleshot_ns;		/* the last VCPUOP_set_singleshot_timer */
};

extern struct fake_xen fake_xen;

void fake_xen_reset(void);

/* Runs stmt; returns the shutdown reason it ended in, or -1 if it returned. */
#define FAKE_EXPECT_SHUTDOWN(stmt)					\
({									\
	int __r = setjmp(fake_xen.shutdown_jmp);			\
	if (__r == 0) {							\
		fake_xen.shutdown_armed = 1;				\
		stmt;							\
		__r = -1;						\
	} else {							\
		__r--;							\
	}								\
	fake_xen.shutdown_armed = 0;					\
	__r;								\
})

#endif /* VMIX_FAKE_XEN_H */
