/* SPDX-License-Identifier: GPL-2.0 */
/*
 * upcall.S - Xen's event and failsafe callbacks.
 *
 * VMI_Init registers both so that Xen never bounces to an unset address.
 * Until event-channel delivery exists (events issue) nothing is bound, so
 * either callback firing is unexpected: it is reported with the interrupted
 * EIP from Xen's frame and the domain is crashed (events/fault.c).
 *
 * Never: return to the guest from here (there is nothing to deliver yet).
 */
#include "shim/lib/asm.h"

	.text
	.code32

/* Xen's frame on a ring-1 stack: EIP, CS, EFLAGS (+ ESP, SS from ring 3). */
ENTRY(xen_event_callback)
	cld
	movl	$FLAT_RING1_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	0(%esp), %edx
	xorl	%eax, %eax
	call	events_unexpected_callback
END(xen_event_callback)

/* Failsafe frame: DS, ES, FS, GS, then EIP, CS, EFLAGS ... */
ENTRY(xen_failsafe_callback)
	cld
	movl	$FLAT_RING1_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	16(%esp), %edx
	movl	$1, %eax
	call	events_unexpected_callback
END(xen_failsafe_callback)
