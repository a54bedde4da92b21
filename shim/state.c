/*
 * state.c - the shim's page-aligned state in the ROM window: the copy of
 * Xen's hypercall page, the page aliased to Xen's shared_info frame and the
 * boot block the PV boot image fills.  rom-layout/rom.ld places these after
 * the checksummed image.
 */
#include "shim.h"

__attribute__((section(".bss.page"), aligned(4096)))
char hypercall_page[4096];

__attribute__((section(".bss.page"), aligned(4096)))
uint8_t shared_info_page[4096];

struct vmix_boot_block boot_block;
