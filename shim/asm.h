/*
 * asm.h - helpers for the shim's assembly: reaching ROM state
 * position-independently without disturbing anything but %eax and flags.
 */
#ifndef VMIX_ASM_H
#define VMIX_ASM_H

#define HYPERCALL_IRET	23		/* __HYPERVISOR_iret */
#define FLAT_RING1_DS	0xe021		/* Xen's flat ring-1 data selector */

/* vcpu_info[0] starts the shared_info page; the mask is its second byte. */
#define UPCALL_MASK	(shared_info_page@GOTOFF + 1)

/* Leaves the GOT address in %eax (ROM state is at sym@GOTOFF(%eax)). */
.macro	got_in_eax
	call	1f
1:	popl	%eax
	addl	$_GLOBAL_OFFSET_TABLE_ + (. - 1b), %eax
.endm

.macro	entry name
	.globl	\name
	.hidden	\name
\name:
.endm

#endif /* VMIX_ASM_H */
