/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpuid_entry.S - VMI_CPUID, whose register convention C cannot express:
 * EAX = leaf, ECX = subleaf; returns EAX, EBX, ECX, EDX; clobbers flags only.
 *
 * Xen's forced-emulation prefix makes the hypervisor emulate CPUID with the
 * PV guest's policy applied (a bare cpuid would show the host's features).
 * Leaf 1 gets the hypervisor-present bit; leaves 0x40000000-0x400000FF are
 * the shim's (shim/cpuid.c).
 *
 * Never: change a register outside EAX-EDX and the flags.
 */
#include "shim/lib/asm.h"

#define CPUID1_ECX_HYPERVISOR	0x80000000	/* leaf 1 ECX bit 31 */
#define LEAF_HV_FIRST		0x40000000
#define LEAF_HV_LAST		0x400000ff

	.text
	.code32

ENTRY(vmi_CPUID)
	cmpl	$LEAF_HV_FIRST, %eax
	jae	2f
	cmpl	$1, %eax
	je	1f
.Lcpuid_xen:
	ud2a
	.ascii	"xen"
	cpuid
	ret
1:	ud2a
	.ascii	"xen"
	cpuid
	orl	$CPUID1_ECX_HYPERVISOR, %ecx
	ret
2:	cmpl	$LEAF_HV_LAST, %eax
	ja	.Lcpuid_xen
	subl	$16, %esp		/* out[4] */
	movl	%ecx, %edx
	movl	%esp, %ecx
	call	cpuid_hv
	popl	%eax
	popl	%ebx
	popl	%ecx
	popl	%edx
	ret
END(vmi_CPUID)
