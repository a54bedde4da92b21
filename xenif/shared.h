/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shared.h - Xen's pages as the shim reaches them: the shared_info page the
 * boot image aliases into the ROM window (vCPU 0's vcpu_info holds the
 * virtual interrupt flag, the saved CR2 and the time scale), the copy of the
 * hypercall page, and the boot block (what start_info said, recorded by the
 * boot image).  Defined in xenif/state.c, laid out by rom-layout/rom.ld.
 *
 * Never: hand out a pointer that is only valid in one address space.
 */
#ifndef VMIX_XENIF_SHARED_H
#define VMIX_XENIF_SHARED_H

#include <stdint.h>
#include <xen/xen.h>
#include "rom-layout/rom_private.h"

#ifdef __i386__
#define XENIF_HIDDEN	__attribute__((visibility("hidden")))
#else
#define XENIF_HIDDEN
#endif

extern uint8_t shared_info_page[4096] XENIF_HIDDEN;
extern struct vmix_boot_block boot_block XENIF_HIDDEN;

static inline struct vcpu_info *this_vcpu(void)
{
	return &((struct shared_info *)shared_info_page)->vcpu_info[0];
}

static inline int xen_is_dom0(void)
{
	return boot_block.flags & VMIX_BOOT_DOM0;
}

#endif /* VMIX_XENIF_SHARED_H */
