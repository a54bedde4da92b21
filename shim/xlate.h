/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xlate.h - pure translations of the guest's descriptors and gates into what
 * Xen accepts from a 32-bit PV guest whose kernel runs in ring 1.  No Xen
 * calls, no shim state: host unit tests cover them (tests/unit/test_xlate.c).
 */
#ifndef VMIX_XLATE_H
#define VMIX_XLATE_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/foreign/x86_32.h>

#define KERNEL_RPL		1	/* the guest kernel's ring on Xen */
#define XEN_FIRST_RESERVED_GDT	FIRST_RESERVED_GDT_ENTRY	/* Xen's from here */
#define XEN_FLAT_RING1_CS	FLAT_RING1_CS_X86_32	/* Xen's ring-1 code */
#define LDT_MAX_ENTRIES		8192
#define IDT_ENTRIES		256

enum xlate_result {
	XLATE_OK,	/* *out is the form to give Xen */
	XLATE_SHADOW_NULL,	/* kept in the guest's view only (TSS, LDT) */
	XLATE_BAD,	/* not representable on Xen: *why says why */
};

/*
 * A GDT or LDT descriptor (lo, hi as the guest wrote them) into the shadow
 * descriptor Xen validates: DPL 0 becomes 1; system descriptors that Xen
 * keeps itself (TSS, LDT) are shadowed as not present; 64-bit code and
 * reserved system types are refused.
 */
int xlate_descriptor(uint32_t lo, uint32_t hi, uint64_t *out,
		     const char **why);

/* Xen's struct trap_info (shim/idt.c checks the layout). */
#define XLATE_TRAP_DPL		3u	/* flags: who may raise it with INT n */
#define XLATE_TRAP_MASK_EVENTS	4u	/* flags: mask events on entry */
struct xlate_trap {
	uint8_t vector;
	uint8_t flags;		/* DPL in bits 0-1; XLATE_TRAP_MASK_EVENTS */
	uint16_t cs;
	uint32_t address;	/* 0: no handler */
};

/*
 * An IDT gate into a trap-table entry: 32-bit interrupt gates mask events
 * on entry, trap gates do not; a not-present gate has no handler; task
 * gates and 16-bit gates are refused.  The target selector's RPL 0 and
 * the gate's DPL 0 are raised to the kernel's ring (so that the ring-1
 * kernel may INT to a gate a ring-0 kernel could); a selector that names one of Xen's own GDT
 * entries (other than Xen's flat ring-1 code) is refused, by Xen's own rule
 * for gates (set_trap_table would take it and deliver through Xen's
 * segment).
 */
int xlate_gate(uint32_t vector, uint32_t lo, uint32_t hi,
	       struct xlate_trap *out, const char **why);

/* Fields of a descriptor, for the shim's own checks. */
static inline uint32_t desc_base(uint32_t lo, uint32_t hi)
{
	return (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000);
}

static inline uint32_t desc_limit(uint32_t lo, uint32_t hi)
{
	uint32_t limit = (lo & 0xffff) | (hi & 0x000f0000);

	return (hi & 0x00800000) ? (limit << 12) | 0xfff : limit;
}

static inline uint32_t desc_type(uint32_t hi)
{
	return (hi >> 8) & 0x1f;	/* S bit and the 4-bit type */
}

static inline int desc_present(uint32_t hi)
{
	return (hi >> 15) & 1;
}

#endif /* VMIX_XLATE_H */
