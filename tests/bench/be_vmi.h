/* SPDX-License-Identifier: GPL-2.0 */
/*
 * be_vmi.h - the VMI backend's inline primitives: an indirect call
 * through the slot of the ROM in use (as a VMI kernel's patched call
 * sites do), with the register conventions of the spec's Appendix A:
 * the interrupt-flag calls change the flags only; IRET is entered by
 * CALL with the native frame above the return address.
 */
#ifndef BENCH_BE_VMI_H
#define BENCH_BE_VMI_H

#ifdef __ASSEMBLY__
#define BE_IRET	call *vmi_fn_iret
#else
#include <stdint.h>

extern uintptr_t vmi_fn_iret, vmi_fn_cli, vmi_fn_sti;

static inline void be_irq_disable(void)
{
	asm volatile("call *%0" : : "m" (vmi_fn_cli) : "cc", "memory");
}

static inline void be_irq_enable(void)
{
	asm volatile("call *%0" : : "m" (vmi_fn_sti) : "cc", "memory");
}
#endif

#endif /* BENCH_BE_VMI_H */
