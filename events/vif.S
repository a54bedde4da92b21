/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vif.S - the virtual interrupt flag: EnableInterrupts, DisableInterrupts,
 * GetInterruptMask, SetInterruptMask.
 *
 * The guest's IF is Xen's per-vCPU event mask, vcpu_info.evtchn_upcall_mask
 * (1 = events masked = interrupts disabled), in the shared_info page that the
 * shim registers at a fixed linear address (vCPU 0's per-vCPU page).  These
 * calls clobber only the flags and may run on any data segment, so they
 * address the mask through %ss: one store or load each.  Enabling then
 * tests evtchn_upcall_pending, which Xen sets for a pending event channel
 * and events/deliver.c for a model interrupt still to deliver: when set,
 * the interrupt is delivered before the call returns (the spec: enabling
 * "will deliver any pending interrupts"), by events/upcall.S.  An event
 * that arrives between the store and the test is delivered by Xen itself
 * there, which is as good.
 *
 * Never: touch a register other than the flags (and EAX for GetInterruptMask).
 */
#include "shim/lib/asm.h"

	.text
	.code32

ENTRY(vmi_DisableInterrupts)
	movb	$1, %ss:VCPU0_UPCALL_MASK
	ret
END(vmi_DisableInterrupts)

ENTRY(vmi_EnableInterrupts)
	movb	$0, %ss:VCPU0_UPCALL_MASK
	testb	$0xff, %ss:VCPU0_UPCALL_PENDING
	jnz	events_deliver_pending
	ret
END(vmi_EnableInterrupts)

/* Returns 0x200 (EFLAGS.IF) when events are unmasked, else 0. */
ENTRY(vmi_GetInterruptMask)
	movzbl	%ss:VCPU0_UPCALL_MASK, %eax
	xorl	$1, %eax
	andl	$1, %eax
	shll	$9, %eax
	ret
END(vmi_GetInterruptMask)

/* EAX = mask: bit 9 (0x200) set enables, clear disables. */
ENTRY(vmi_SetInterruptMask)
	testl	$0x200, %eax
	jnz	vmi_EnableInterrupts
	jmp	vmi_DisableInterrupts
END(vmi_SetInterruptMask)
