/* SPDX-License-Identifier: GPL-2.0 */
/*
 * desc.h - encoding segment descriptors and gates as the two 32-bit words
 * WriteGDTEntry/WriteLDTEntry/WriteIDTEntry take.
 */
#ifndef VMITEST_DESC_H
#define VMITEST_DESC_H

#include <stdint.h>

/* Access byte (descriptor bits 40-47). */
#define DESC_P			0x80
#define DESC_DPL(d)		((uint8_t)((d) << 5))
#define DESC_S			0x10	/* code or data */
#define DESC_CODE_XR		0x0a	/* execute/read */
#define DESC_DATA_RW		0x02	/* read/write */
#define DESC_LDT		0x02	/* system: LDT */
#define DESC_TSS32		0x09	/* system: available 32-bit TSS */
#define GATE_TASK		0x05	/* task gate (selector of a TSS) */
#define GATE_CALL32		0x0c	/* 32-bit call gate */
#define GATE_INTR32		0x0e	/* interrupt gate: IF cleared on entry */
#define GATE_TRAP32		0x0f	/* trap gate: IF unchanged */

/* Flags nibble (descriptor bits 52-55). */
#define DESC_G			0x8	/* 4 KiB granularity */
#define DESC_D			0x4	/* 32-bit */
#define DESC_L			0x2	/* 64-bit code */

struct desc_words {
	uint32_t lo;
	uint32_t hi;
};

static inline struct desc_words desc_seg(uint32_t base, uint32_t limit,
					 uint8_t access, uint8_t flags)
{
	struct desc_words d;

	d.lo = (limit & 0xffff) | (base << 16);
	d.hi = ((base >> 16) & 0xff) | ((uint32_t)access << 8) |
	       (limit & 0xf0000) | ((uint32_t)(flags & 0xf) << 20) |
	       (base & 0xff000000);
	return d;
}

/* Flat 4 GiB 32-bit code or data segment of privilege dpl. */
static inline struct desc_words desc_flat(int code, unsigned int dpl)
{
	return desc_seg(0, 0xfffff, DESC_P | DESC_S | DESC_DPL(dpl) |
			(code ? DESC_CODE_XR : DESC_DATA_RW), DESC_G | DESC_D);
}

static inline struct desc_words desc_gate(uint16_t sel, uint32_t offset,
					  uint8_t type, unsigned int dpl)
{
	struct desc_words d;

	d.lo = ((uint32_t)sel << 16) | (offset & 0xffff);
	d.hi = (offset & 0xffff0000) |
	       ((uint32_t)(DESC_P | DESC_DPL(dpl) | type) << 8);
	return d;
}

static inline uint64_t desc_u64(struct desc_words d)
{
	return ((uint64_t)d.hi << 32) | d.lo;
}

#endif /* VMITEST_DESC_H */
