// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - VMI_Init: enter paravirtual mode on Xen.
 *
 * The PV boot image has already mapped the shim's range (the image, its
 * state with Xen's hypercall page copy and shared_info, the P2M list) and
 * filled the boot block.  Init checks that block, registers vCPU 0's
 * vcpu_info at its per-vCPU page, registers Xen's event and failsafe
 * callbacks (events/), sets the start-of-day control register view and
 * asks for a virtual IOPL of 1 so the ring-1 kernel's port accesses are
 * emulated by Xen rather than faulted.  It returns 0, or -1
 * when the shim cannot run (the guest then falls back to its native ROM, as
 * the spec allows).
 *
 * Never: fail in a way a second Init cannot recover from: every step can
 * be taken again (vcpu_info, which Xen registers once, is skipped then).
 */
#include "events/events.h"
#include "time/counters.h"
#include "time/timer.h"
#include "mmu/mm.h"
#include "shim/shim.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"
#include "xenif/stats.h"
#include "xenif/xenstore.h"

static uint8_t shim_ready;

/*
 * Where the copy of the image that is running starts: the image is linked
 * at VMIX_SHIM_TEXT_VA, and the guest may call any copy (the window through
 * any mapping, or its own).
 */
static uint32_t running_image(void)
{
	uint32_t here, linked;

	asm volatile("call 1f\n1:\tpopl %0\n\tmovl $1b, %1"
		     : "=r"(here), "=r"(linked));
	return here - linked + VMIX_SHIM_TEXT_VA;
}

int32_t VMI_ENTRY vmi_Init(void)
{
	struct physdev_set_iopl iopl = { .iopl = 1 };
	long rc;

	if (boot_block.magic != VMIX_BOOT_MAGIC ||
	    boot_block.version != VMIX_BOOT_VERSION)
		return -1;	/* not started by the vmi-xen boot image */
	if (shim_ready)
		return 0;

	xen_owner_name = vmi_call_name;
	rc = hyp_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc) {
		console_printf("vmi: Init: PHYSDEVOP_set_iopl(1) failed: Xen error %ld\n",
			       rc);
		return -1;
	}
	rc = xen_register_vcpu_info();
	if (rc) {
		console_printf("vmi: Init: VCPUOP_register_vcpu_info(vcpu 0, mfn %x) failed: Xen error %ld\n",
			       boot_block.percpu_mfn[0], rc);
		return -1;
	}
	if (events_init() || time_clock_init() || timer_init())
		return -1;
	cr_reset();
	mm_init();
	xenstore_init();


	shim_ready = 1;
	console_printf("vmi: VMI ROM %u.%u called at %08x (window copy at guest-physical %05x, shim at %08x), %s, %u pages: Init done\n",
		       VMI_API_REV_MAJOR, VMI_API_REV_MINOR, running_image(),
		       boot_block.rom_gpa, VMIX_SHIM_TEXT_VA,
		       xen_is_dom0() ? "dom0" : "domU", boot_block.nr_pages);
	return 0;
}
