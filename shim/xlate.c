// SPDX-License-Identifier: GPL-2.0
/*
 * xlate.c - guest descriptors and gates into Xen's forms (see xlate.h).
 *
 * Never: call Xen or keep state: it is pure, for host tests and fuzzing.
 */
#include "shim/xlate.h"

#define DESC_S		0x00001000u	/* code/data (not system) */
#define DESC_DPL	0x00006000u
#define DESC_P		0x00008000u
#define DESC_L		0x00200000u	/* 64-bit code */
#define DESC_CODE	0x00000800u	/* S=1: code (not data) */
#define SEL_TI		0x4u		/* selector names the LDT */

/* System descriptor types (S = 0). */
#define SYS_TSS16_AVAIL	0x1
#define SYS_LDT		0x2
#define SYS_TSS16_BUSY	0x3
#define SYS_CALL16	0x4
#define SYS_TASK_GATE	0x5
#define SYS_INT16	0x6
#define SYS_TRAP16	0x7
#define SYS_TSS_AVAIL	0x9
#define SYS_TSS_BUSY	0xb
#define SYS_CALL_GATE	0xc
#define SYS_INT_GATE	0xe
#define SYS_TRAP_GATE	0xf

static uint32_t raise_dpl(uint32_t hi)
{
	if (((hi & DESC_DPL) >> 13) < KERNEL_RPL)
		hi = (hi & ~DESC_DPL) | (KERNEL_RPL << 13);
	return hi;
}

static uint16_t raise_rpl(uint16_t sel)
{
	if ((sel & 3) < KERNEL_RPL)
		sel = (sel & ~3) | KERNEL_RPL;
	return sel;
}

int xlate_descriptor(uint32_t lo, uint32_t hi, uint64_t *out,
		     const char **why)
{
	*why = "";
	if (!(hi & DESC_P)) {
		/* Not present: always faults, Xen takes it as it is. */
		*out = ((uint64_t)hi << 32) | lo;
		return XLATE_OK;
	}
	if (hi & DESC_S) {
		if ((hi & DESC_CODE) && (hi & DESC_L)) {
			*why = "64-bit code segment (L=1) in a 32-bit guest";
			return XLATE_BAD;
		}
		*out = ((uint64_t)raise_dpl(hi) << 32) | lo;
		return XLATE_OK;
	}
	switch ((hi >> 8) & 0xf) {
	case SYS_TSS16_AVAIL:
	case SYS_TSS16_BUSY:
	case SYS_TSS_AVAIL:
	case SYS_TSS_BUSY:
	case SYS_LDT:
		*out = 0;
		return XLATE_SHADOW_NULL;
	case SYS_CALL_GATE:
		/* Xen emulates call gates; it checks the target itself. */
		*out = ((uint64_t)hi << 32) |
		       ((uint32_t)raise_rpl(lo >> 16) << 16) | (lo & 0xffff);
		return XLATE_OK;
	case SYS_CALL16:
		*why = "16-bit call gate";
		return XLATE_BAD;
	case SYS_TASK_GATE:
	case SYS_INT16:
	case SYS_TRAP16:
	case SYS_INT_GATE:
	case SYS_TRAP_GATE:
		*why = "gate descriptor outside the IDT";
		return XLATE_BAD;
	default:
		*why = "reserved system descriptor type";
		return XLATE_BAD;
	}
}

int xlate_gate(uint32_t vector, uint32_t lo, uint32_t hi,
	       struct xlate_trap *out, const char **why)
{
	uint32_t type = (hi >> 8) & 0x1f;

	*why = "";
	out->vector = (uint8_t)vector;
	out->flags = 0;
	out->cs = 0;
	out->address = 0;
	if (vector >= IDT_ENTRIES) {
		*why = "vector beyond the 256-entry IDT";
		return XLATE_BAD;
	}
	if (!(hi & DESC_P))
		return XLATE_OK;		/* no handler */
	switch (type) {
	case SYS_INT_GATE:
	case SYS_TRAP_GATE:
		break;
	case SYS_TASK_GATE:
		*why = "task gate (no hardware task switching on Xen)";
		return XLATE_BAD;
	case SYS_INT16:
	case SYS_TRAP16:
		*why = "16-bit interrupt or trap gate";
		return XLATE_BAD;
	default:
		*why = "not an interrupt, trap or task gate";
		return XLATE_BAD;
	}
	out->cs = raise_rpl(lo >> 16);
	out->address = (lo & 0xffff) | (hi & 0xffff0000);
	/*
	 * DPL 0 becomes 1, as for descriptors: a native kernel (ring 0) may
	 * INT to any gate, and on Xen the kernel is ring 1, so Xen must let
	 * ring 1 through; ring 3 is still kept out.
	 */
	out->flags = (hi & DESC_DPL) >> 13;
	if (out->flags < KERNEL_RPL)
		out->flags = KERNEL_RPL;
	if (type == SYS_INT_GATE)
		out->flags |= XLATE_TRAP_MASK_EVENTS;
	if ((out->cs >> 3) >= XEN_FIRST_RESERVED_GDT &&
	    out->cs != XEN_FLAT_RING1_CS && !(out->cs & SEL_TI)) {
		*why = "handler selector names one of Xen's own GDT entries";
		return XLATE_BAD;
	}
	if (!out->address) {
		*why = "present gate with handler address 0";
		return XLATE_BAD;
	}
	return XLATE_OK;
}
