/* SPDX-License-Identifier: GPL-2.0 */
/*
 * diag_entry.S - vmi_unimplemented, where every not-implemented or reserved
 * slot goes ("push $N; jmp vmi_unimplemented"): it saves the registers for
 * the diagnostic (shim/diag.c), which crashes the domain.
 *
 * Never: return to the guest.
 */
#include "shim/lib/asm.h"

	.text
	.code32

ENTRY(vmi_unimplemented)
	pushal
	cld
	movl	%esp, %eax
	call	shim_unimplemented
	ud2a
END(vmi_unimplemented)
