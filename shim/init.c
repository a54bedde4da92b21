// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - VMI_Init: enter paravirtual mode on Xen.
 *
 * The PV boot image has already placed the ROM, copied Xen's hypercall page
 * into it, aliased shared_info into the window and filled the boot block.
 * Init checks that block, registers Xen's event and failsafe callbacks
 * (events/) and asks for a virtual IOPL of 1 so the ring-1 kernel's port
 * accesses are emulated by Xen rather than faulted.  It returns 0, or -1
 * when the shim cannot run (the guest then falls back to its native ROM, as
 * the spec allows).
 *
 * Never: fail after changing something the native ROM would not undo.
 */
#include "events/events.h"
#include "shim/shim.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

extern char rom_start[];

static uint8_t shim_ready;

int32_t VMI_ENTRY vmi_Init(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	long rc;

	if (boot_block.magic != VMIX_BOOT_MAGIC ||
	    boot_block.version != VMIX_BOOT_VERSION)
		return -1;	/* not started by the vmi-xen boot image */
	if (shim_ready)
		return 0;

	if (events_init())
		return -1;

	rc = hyp_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc) {
		console_printf("vmi: Init: PHYSDEVOP_set_iopl(1) failed: Xen error %ld\n",
			       rc);
		return -1;
	}

	shim_ready = 1;
	console_printf("vmi: VMI ROM %u.%u at %08x (guest-physical %05x), %s, %u pages: Init done\n",
		       VMI_API_REV_MAJOR, VMI_API_REV_MINOR,
		       (uint32_t)(uintptr_t)rom_start, boot_block.rom_gpa,
		       xen_is_dom0() ? "dom0" : "domU", boot_block.nr_pages);
	return 0;
}
