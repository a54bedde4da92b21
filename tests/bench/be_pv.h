/* SPDX-License-Identifier: GPL-2.0 */
/*
 * be_pv.h - the direct-PV backend's inline primitives, as a XenoLinux
 * kernel has them: the interrupt flag is vcpu_info's evtchn_upcall_mask
 * (a store; enabling re-checks evtchn_upcall_pending and has Xen deliver
 * what is pending), and the way back from a trap is pv_iret
 * (pv_entry.S: unmask, re-check, native iret).
 *
 * Never: leave an event pending unseen when unmasking.
 */
#ifndef BENCH_BE_PV_H
#define BENCH_BE_PV_H

/* vcpu_info[0] is at the start of the shared_info page, mapped here. */
#define PV_UPCALL_PENDING	(pv_shared_info + 0)
#define PV_UPCALL_MASK		(pv_shared_info + 1)

#ifdef __ASSEMBLY__
#define BE_IRET	jmp pv_iret
#else
#include <stdint.h>

extern volatile uint8_t pv_shared_info[];
void pv_force_upcall(void);

static inline void be_irq_disable(void)
{
	*PV_UPCALL_MASK = 1;
	asm volatile("" ::: "memory");
}

static inline void be_irq_enable(void)
{
	asm volatile("" ::: "memory");
	*PV_UPCALL_MASK = 0;
	asm volatile("" ::: "memory");
	if (*PV_UPCALL_PENDING)
		pv_force_upcall();
}
#endif

#endif /* BENCH_BE_PV_H */
