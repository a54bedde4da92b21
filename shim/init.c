/*
 * init.c - VMI_Init: enter paravirtual mode on Xen.
 *
 * The PV boot image has already placed the ROM, copied Xen's hypercall page
 * into it, aliased shared_info into the window and filled the boot block.
 * Init checks that block, registers Xen's event and failsafe callbacks (so
 * that Xen never bounces to an unset address) and asks for a virtual IOPL of
 * 1 so the ring-1 kernel's port accesses are emulated by Xen rather than
 * faulted.  It returns 0, or -1 when the shim cannot run (the guest then
 * falls back to its native ROM, as the spec allows).
 */
#include "shim.h"
#include "hypercall.h"

extern char rom_start[] HIDDEN;
extern char xen_event_callback[] HIDDEN, xen_failsafe_callback[] HIDDEN;

static uint8_t shim_ready;

static long register_callback(uint16_t type, uint16_t flags, void *entry)
{
	struct callback_register cb = {
		.type = type,
		.flags = flags,
		.address = { .cs = FLAT_RING1_CS, .eip = (unsigned long)entry },
	};
	long rc = hyp_callback_op(CALLBACKOP_register, &cb);

	if (rc)
		shim_printk("vmi: Init: CALLBACKOP_register(type %u, %08x) "
			    "failed: Xen error %ld\n", type,
			    (uint32_t)(uintptr_t)entry, rc);
	return rc;
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

	if (register_callback(CALLBACKTYPE_event, CALLBACKF_mask_events,
			      xen_event_callback) ||
	    register_callback(CALLBACKTYPE_failsafe, 0, xen_failsafe_callback))
		return -1;

	rc = hyp_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc) {
		shim_printk("vmi: Init: PHYSDEVOP_set_iopl(1) failed: "
			    "Xen error %ld\n", rc);
		return -1;
	}

	shim_ready = 1;
	shim_printk("vmi: VMI ROM %u.%u at %08x (guest-physical %05x), %s, "
		    "%u pages: Init done\n", VMI_API_REV_MAJOR,
		    VMI_API_REV_MINOR, (uint32_t)(uintptr_t)rom_start,
		    boot_block.rom_gpa, shim_is_dom0() ? "dom0" : "domU",
		    boot_block.nr_pages);
	return 0;
}
