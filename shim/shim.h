/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shim.h - the VMI front end's declarations: every call's entry point, with
 * the prototype shim/calls.def gives it, and what the front end's files
 * share.
 *
 * The image is linked at VMIX_SHIM_TEXT_VA and runs from any copy of it:
 * state and data are reached at their fixed linear addresses, code
 * PC-relative (rom-layout/rom_private.h, rom-layout/check-copy.py).
 *
 * Never: declare here what another room owns (xenif/, events/, time/,
 * mmu/ have their own headers).
 */
#ifndef VMIX_SHIM_H
#define VMIX_SHIM_H

#include <stdint.h>
#include "rom-layout/rom_private.h"
#include "xenif/console.h"
#include "xenif/domain.h"

#ifdef __i386__
#define VMI_ENTRY	__attribute__((regparm(3), used))
#else	/* host unit tests */
#define VMI_ENTRY	__attribute__((used))
#endif

/* Call numbers, from shim/calls.def: VMI_NR_<name>. */
enum vmi_call_nr {
#define VMI_CALL(n, name, conv, status, fault, file, ret, args, xen) VMI_NR_##name = n,
#include "shim/calls.def"
#undef VMI_CALL
};

/* The 6-byte operand of SetGDT/SetIDT/GetGDT/GetIDT (spec: VMI_DTR). */
struct vmi_dtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* Every call's entry point, as shim/calls.def declares it. */
#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) \
	ret VMI_ENTRY vmi_##name args;
#include "shim/calls.def"
#undef VMI_CALL

/* A GPV call's result: the value in EAX, the refusal in EDX. */
static inline uint64_t vmi_value(uint32_t value)
{
	return value;
}

static inline uint64_t vmi_refused(void)
{
	return 1ull << 32;
}

/* shim/cr.c: the control registers' start-of-day view (at Init). */
void cr_reset(void);

/* shim/diag.c */
const char *vmi_call_name(uint32_t nr);

/* Registers as vmi_unimplemented (shim/diag_entry.S) saves them. */
struct unimpl_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t nr;					/* pushed by the slot */
	uint32_t ret;					/* the guest's call */
};
NORETURN void VMI_ENTRY shim_unimplemented(struct unimpl_frame *f);

/* shim/ports.c: the port I/O front end behind shim/ports_entry.S. */
uint32_t VMI_ENTRY port_in(uint32_t port, uint32_t size);
int VMI_ENTRY port_out(uint32_t port, uint32_t size, uint32_t value);

#endif /* VMIX_SHIM_H */
