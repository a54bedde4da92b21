// SPDX-License-Identifier: GPL-2.0
/*
 * state.c - the Xen pages and facts the ROM carries in its state area (past
 * the sealed image, in the window): the copy of Xen's hypercall page, the
 * page the boot image aliases to Xen's shared_info frame, and the boot
 * block.  rom-layout/rom.ld places them in this order (the layout contract
 * in rom-layout/rom_private.h; romtool verify checks it).
 *
 * Never: move these pages: the layout contract fixes their order.
 */
#include "xenif/shared.h"

/* rom_private.h is shared with tools and the guest: check it against Xen. */
_Static_assert(XEN_COMPAT_HOLE_START == __HYPERVISOR_VIRT_START_PAE,
	       "XEN_COMPAT_HOLE_START must be Xen's compat hypervisor start");

__attribute__((section(".state.hypercall_page"), aligned(4096)))
char hypercall_page[4096];

__attribute__((section(".state.shared_info"), aligned(4096)))
uint8_t shared_info_page[4096];

__attribute__((section(".state.boot_block")))
struct vmix_boot_block boot_block;
