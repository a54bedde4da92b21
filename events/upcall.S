/*
 * upcall.S - Xen's event and failsafe callbacks.
 *
 * VMI_Init registers both so that Xen never bounces to an unset address.
 * Until event-channel delivery exists (events issue) nothing is bound, so
 * either callback firing is unexpected: it is reported with the interrupted
 * EIP from Xen's frame and the domain is crashed (shim/diag.c).
 */
#include "asm.h"

	.text
	.code32

/* Xen's frame on a ring-1 stack: EIP, CS, EFLAGS (+ ESP, SS from ring 3). */
	.globl	xen_event_callback
	.hidden	xen_event_callback
xen_event_callback:
	cld
	movl	$FLAT_RING1_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	0(%esp), %edx
	xorl	%eax, %eax
	call	shim_unexpected_callback

/* Failsafe frame: DS, ES, FS, GS, then EIP, CS, EFLAGS ... */
	.globl	xen_failsafe_callback
	.hidden	xen_failsafe_callback
xen_failsafe_callback:
	cld
	movl	$FLAT_RING1_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	16(%esp), %edx
	movl	$1, %eax
	call	shim_unexpected_callback
