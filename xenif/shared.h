/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shared.h - Xen's pages as the shim reaches them, at fixed linear
 * addresses in the shim's range: Xen's shared_info page, the per-vCPU pages
 * (vcpu_info registered into each: the virtual interrupt flag, the saved
 * CR2 and the time scale), the copy of the hypercall page, and the boot
 * block (what start_info said, recorded by the boot image).  Defined in
 * xenif/state.c, laid out by rom-layout/rom.ld.S.
 *
 * Never: hand out a pointer that is only valid in one address space.
 */
#ifndef VMIX_XENIF_SHARED_H
#define VMIX_XENIF_SHARED_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/vcpu.h>
#include "rom-layout/rom_private.h"

/*
 * One vCPU's page: its vcpu_info (registered with Xen at Init), its
 * runstate area (registered by time/clock.c: Xen writes it at this linear
 * address, mapped in every address space), then room.
 */
struct vmix_percpu {
	struct vcpu_info vcpu_info;
	struct vcpu_runstate_info runstate;
	uint8_t pad[4096 - sizeof(struct vcpu_info) -
		    sizeof(struct vcpu_runstate_info)];
};

extern uint8_t shared_info_page[4096];
extern struct vmix_percpu vmix_percpu[VMIX_MAX_VCPUS];
extern struct vmix_boot_block boot_block;

/* Uniprocessor today: vCPU 0. */
static inline struct vcpu_info *this_vcpu(void)
{
	return &vmix_percpu[0].vcpu_info;
}

static inline struct vcpu_runstate_info *this_runstate(void)
{
	return &vmix_percpu[0].runstate;
}

static inline struct shared_info *xen_shared_info(void)
{
	return (struct shared_info *)shared_info_page;
}

/* Register vCPU 0's vcpu_info at its per-vCPU page; 0 or Xen's error. */
long xen_register_vcpu_info(void);

static inline int xen_is_dom0(void)
{
	return boot_block.flags & VMIX_BOOT_DOM0;
}

#endif /* VMIX_XENIF_SHARED_H */
