/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xenstore.h - the shim's one use of xenstore: a domU's control/shutdown.
 *
 * `xl shutdown` and `xl reboot` write "poweroff" or "reboot" into the
 * domain's control/shutdown.  A VMI kernel has no PV control interface
 * and the shim's PC has no power button (no ACPI), so the shim itself
 * ends the domain as asked (SCHEDOP_shutdown poweroff or reboot; "halt"
 * is a poweroff), after a `vmi: xenstore:` line on the console; other
 * requests ("suspend") are refused on the console and left to xl's
 * timeout.  docs/domu.md, "xl shutdown and xl reboot", says why.
 *
 * The ring is the page start_info.store_mfn names (the boot block's
 * store_mfn), mapped by the boot image at VMIX_SHIM_STORE_VA; its event
 * channel is the boot block's store_evtchn, bound by the toolstack.
 *
 * Never: touch xenstore in dom0 (there is no ring), block on anything
 * but Xen and xenstored, or act on a value it did not read itself.
 */
#ifndef VMIX_XENIF_XENSTORE_H
#define VMIX_XENIF_XENSTORE_H

#include <stdint.h>

/* Init: watch control/shutdown (a domU with a store ring only). */
void xenstore_init(void);
/* The store channel's event: take xenstored's replies and act on them. */
void xenstore_event(void);

#endif /* VMIX_XENIF_XENSTORE_H */
