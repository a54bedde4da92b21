/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpuid.h - CPUID as Xen shows it to a PV guest: the forced-emulation
 * prefix (ud2; "xen"; cpuid) makes Xen emulate the instruction with the
 * guest's CPUID policy applied (a bare cpuid would show the host's).
 *
 * Never: use a bare cpuid in the ROM.
 */
#ifndef VMIX_XENIF_CPUID_H
#define VMIX_XENIF_CPUID_H

#include <stdint.h>

static inline void xen_cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	asm volatile("ud2a; .ascii \"xen\"; cpuid"
		     : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
		     : "0"(leaf), "2"(sub));
}

#endif /* VMIX_XENIF_CPUID_H */
