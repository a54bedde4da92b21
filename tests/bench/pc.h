/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pc.h - what the Multiboot builds (raw, VMI) share: the Multiboot
 * information read at start of day, the GDT layout and descriptor
 * words, the TSS, and the PC's timer and interrupt controller ports.
 *
 * Never: hold anything the direct-PV build needs; it is no PC.
 */
#ifndef BENCH_PC_H
#define BENCH_PC_H

#include <stdint.h>

#define GDT_ENTRIES	8
#define GDT_KERNEL_CS	1
#define GDT_KERNEL_DS	2
#define GDT_USER_CS	3
#define GDT_USER_DS	4
#define GDT_TSS		5
#define SEL(i)		((uint32_t)(i) << 3)

#define DESC_CODE	0x9a		/* present, code, execute/read */
#define DESC_DATA	0x92		/* present, data, read/write */
#define DESC_TSS32	0x89		/* present, available 32-bit TSS */
#define DESC_DPL3	0x60
#define GATE_INTR32	0x8e		/* present, 32-bit interrupt gate */
#define GATE_TRAP32	0x8f

#define COM1		0x3f8
#define COM1_LSR	(COM1 + 5)
#define LSR_THRE	0x20
#define DEBUG_EXIT	0xf4
#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1
#define PIC_EOI		0x20
#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_HZ		1193182u

struct tss {
	uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, io_bitmap_base;
} __attribute__((packed));

struct dtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

static inline uint64_t desc_seg(uint32_t base, uint32_t limit, uint8_t access,
				uint8_t flags)
{
	uint32_t lo = (limit & 0xffff) | (base << 16);
	uint32_t hi = ((base >> 16) & 0xff) | ((uint32_t)access << 8) |
		      (limit & 0xf0000) | ((uint32_t)flags << 20) |
		      (base & 0xff000000);

	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t desc_gate(uint32_t sel, uint32_t off, uint8_t type,
				 int dpl)
{
	uint32_t lo = (sel << 16) | (off & 0xffff);
	uint32_t hi = (off & 0xffff0000) | ((uint32_t)(type | (dpl << 5)) << 8);

	return ((uint64_t)hi << 32) | lo;
}

/*
 * The Multiboot information at start of day: the command line copied,
 * every available page above the kernel handed to the pool, the
 * memory's size in be_env.  Returns the kernel's end (physical).
 */
uint32_t mb_read(uint32_t magic, uint32_t info);

/* The PIC pair remapped to vectors 0x20/0x28, all masked but IRQ0. */
void pc_pic_values(uint8_t out[][2], int *n);

#endif /* BENCH_PC_H */
