// SPDX-License-Identifier: GPL-2.0
/*
 * names.c - the call names and status table carried in the ROM image,
 * generated from shim/calls.def.  The shim's diagnostics print the names;
 * romtool reads both through the private block (rom-layout/rom_private.h).
 * Fixed-width arrays: no pointers, so nothing to relocate.
 *
 * Never: hold a pointer (the tables are read in place, at any address).
 */
#include "shim/shim.h"

const char vmi_call_names[VMI_NR_SLOTS][VMIX_NAME_LEN] = {
#define VMI_CALL(n, name, conv, status, fault, file, ret, args, xen) [n] = #name,
#include "shim/calls.def"
#undef VMI_CALL
};

#define STATUS_IMPL	VMIX_CALL_IMPL
#define STATUS_NONE	VMIX_CALL_NONE
const uint8_t vmi_call_status[VMI_NR_SLOTS] = {
#define VMI_CALL(n, name, conv, status, fault, file, ret, args, xen) [n] = STATUS_##status,
#include "shim/calls.def"
#undef VMI_CALL
};
