/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pf.S - the page-fault entry Xen's trap table holds for vector 14 while
 * the guest has a #PF handler: queued page-table writes must reach Xen
 * before a fault reaches the guest (spec: "page faults ... implicitly flush
 * all pending updates").  With nothing queued the fault goes on to the
 * guest's handler with Xen's frame untouched; otherwise the queue is
 * issued and the faulting instruction runs again (the fault may have been
 * the queued write's not being there yet; if not, it faults again, with
 * nothing queued, and reaches the guest).  CR2 is Xen's (vcpu_info).
 *
 * Never: change a register or the frame on the way to the guest's handler.
 */
#include "shim/lib/asm.h"

	.text
	.code32

/* Xen's frame: error code, EIP, CS, EFLAGS (+ ESP, SS from ring 3). */
ENTRY(xen_page_fault)
	cmpl	$0, %ss:mc_queued	/* page-table writes are multicall entries */
	jne	1f
	jmp	*%ss:events_pf_handler
1:	pushal
	pushl	%ds
	pushl	%es
	movl	%ss, %eax		/* the kernel's flat data, for C */
	movl	%eax, %ds
	movl	%eax, %es
	cld
	call	events_fault_flush
	popl	%es
	popl	%ds
	popal
	leal	4(%esp), %esp		/* drop the error code: retry */
	jmp	events_iret_frame
END(xen_page_fault)
