/*
 * vif.S - the virtual interrupt flag.
 *
 * The guest's IF is Xen's per-vCPU event mask, vcpu_info.evtchn_upcall_mask
 * (1 = events masked = interrupts disabled), in the shared_info page that the
 * boot image aliases into the ROM window (shared_info_page).  These calls
 * clobber only the flags and may run on any data segment, so they address
 * the page PC-relative through %ss.  Delivery of pending events on enable
 * belongs to event-channel support (events issue).
 */
#include "asm.h"

	.text
	.code32

	.globl	vmi_DisableInterrupts
	.hidden	vmi_DisableInterrupts
vmi_DisableInterrupts:
	pushl	%eax
	got_in_eax
	movb	$1, %ss:UPCALL_MASK(%eax)
	popl	%eax
	ret

	.globl	vmi_EnableInterrupts
	.hidden	vmi_EnableInterrupts
vmi_EnableInterrupts:
	pushl	%eax
	got_in_eax
	movb	$0, %ss:UPCALL_MASK(%eax)
	popl	%eax
	ret

/* Returns 0x200 (EFLAGS.IF) when events are unmasked, else 0. */
	.globl	vmi_GetInterruptMask
	.hidden	vmi_GetInterruptMask
vmi_GetInterruptMask:
	got_in_eax
	movzbl	%ss:UPCALL_MASK(%eax), %eax
	xorl	$1, %eax
	andl	$1, %eax
	shll	$9, %eax
	ret

/* EAX = mask: bit 9 (0x200) set enables, clear disables. */
	.globl	vmi_SetInterruptMask
	.hidden	vmi_SetInterruptMask
vmi_SetInterruptMask:
	testl	$0x200, %eax
	jnz	vmi_EnableInterrupts
	jmp	vmi_DisableInterrupts
