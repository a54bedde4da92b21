// SPDX-License-Identifier: GPL-2.0
/*
 * state.c - the Xen pages and facts at the start of the shim's state
 * (VMIX_SHIM_STATE_VA): the copy of Xen's hypercall page, the page the boot
 * image maps to Xen's shared_info frame, the per-vCPU pages (vcpu_info is
 * registered at the start of each) and the boot block.
 * rom-layout/rom.ld.S places them in this order (the layout contract in
 * rom-layout/rom_private.h; romtool verify checks it).
 *
 * Never: move these pages: the layout contract fixes their order.
 */
#include "xenif/hypercall.h"
#include "xenif/shared.h"

/* rom_private.h is shared with tools and the guest: check it against Xen. */
_Static_assert(sizeof(struct vmix_percpu) == 4096, "one page per vCPU");
_Static_assert(XEN_COMPAT_HOLE_START == __HYPERVISOR_VIRT_START_PAE,
	       "XEN_COMPAT_HOLE_START must be Xen's compat hypervisor start");

__attribute__((section(".state.hypercall_page"), aligned(4096)))
char hypercall_page[4096];

__attribute__((section(".state.shared_info"), aligned(4096)))
uint8_t shared_info_page[4096];

__attribute__((section(".state.percpu"), aligned(4096)))
struct vmix_percpu vmix_percpu[VMIX_MAX_VCPUS];

__attribute__((section(".state.boot_block")))
struct vmix_boot_block boot_block;

long xen_register_vcpu_info(void)
{
	struct vcpu_register_vcpu_info info = {
		.mfn = boot_block.percpu_mfn[0],
		.offset = 0,
	};
	struct vcpu_info *v = this_vcpu();
	static uint8_t registered;	/* Xen takes one registration a vCPU */
	long rc;

	if (registered)
		return 0;
	rc = hyp_vcpu_op(VCPUOP_register_vcpu_info, 0, &info);
	if (rc)
		return rc;
	registered = 1;
	/*
	 * Xen marks every event pending in the new vcpu_info, so that none
	 * is missed across the move.  No event channel is bound yet (event
	 * delivery: events issue), so there is nothing to deliver.
	 */
	v->evtchn_pending_sel = 0;
	v->evtchn_upcall_pending = 0;
	return 0;
}
