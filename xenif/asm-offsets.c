// SPDX-License-Identifier: GPL-2.0
/*
 * asm-offsets.c - Xen structure offsets for the assembly, derived from Xen's
 * public headers (never typed in): compiled to assembly, the build turns the
 * "->NAME value" markers into build/gen/asm-offsets.h.
 *
 * Never: end up in the ROM (it is compiled to assembly and read).
 */
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>

#define DEFINE(sym, val)						\
	asm volatile("\n->" #sym " %c0" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(VCPU_INFO_UPCALL_PENDING,
	       offsetof(struct vcpu_info, evtchn_upcall_pending));
	DEFINE(VCPU_INFO_UPCALL_MASK,
	       offsetof(struct vcpu_info, evtchn_upcall_mask));
	DEFINE(SHARED_INFO_VCPU0, offsetof(struct shared_info, vcpu_info));
}
