/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpu.h - the guest's processor tables and their selectors: GDT, LDT, TSS
 * and IDT, the kernel's dynamic privilege level, and the setup that loads
 * them through VMI calls.
 *
 * GDT layout (32 entries, one page):
 *	0 null			1 kernel code (DPL 0)	2 kernel data (DPL 0)
 *	3 user code (DPL 3)	4 user data (DPL 3)	5 TSS (type 9)
 *	6 LDT (type 2)		7..31 spare, rewritten by the tests
 * Kernel descriptors are written with DPL 0; a platform ROM may raise it
 * to the kernel's ring (1 on Xen).  Kernel selectors that must match the
 * CPL (CS, SS, IRET frames) carry kernel_rpl.  Entries 3 and 4 follow the
 * kernel code entry by 16 and 24 bytes, as SYSEXIT requires.
 */
#ifndef VMITEST_CPU_H
#define VMITEST_CPU_H

#include <stdint.h>

#define GDT_ENTRIES		32
#define GDT_KERNEL_CS		1
#define GDT_KERNEL_DS		2
#define GDT_USER_CS		3
#define GDT_USER_DS		4
#define GDT_TSS			5
#define GDT_LDT			6
#define GDT_SPARE		7	/* first entry the tests may rewrite */

#define LDT_ENTRIES		4
#define IDT_ENTRIES		256

#define SEL_RPL_MASK		3
#define SEL_TI_LDT		4
#define SEL(index)		((uint16_t)((index) << 3))
#define KERNEL_CS		SEL(GDT_KERNEL_CS)
#define KERNEL_DS		SEL(GDT_KERNEL_DS)
#define USER_CS			(SEL(GDT_USER_CS) | 3)
#define USER_DS			(SEL(GDT_USER_DS) | 3)
#define TSS_SEL			SEL(GDT_TSS)
#define LDT_SEL			SEL(GDT_LDT)
#define LDT_SELECTOR(i, rpl)	((uint16_t)(SEL(i) | SEL_TI_LDT | (rpl)))

/* EFLAGS and control register bits the tests use. */
#define EFLAGS_IF		0x00000200u
#define EFLAGS_IOPL		0x00003000u
#define CR0_PE			0x00000001u
#define CR0_TS			0x00000008u
#define CR0_PG			0x80000000u
#define CR4_DE			0x00000008u
#define CR4_PAE			0x00000020u

/* 32-bit TSS. */
struct tss {
	uint16_t back_link, reserved0;
	uint32_t esp0;
	uint16_t ss0, reserved1;
	uint32_t esp1;
	uint16_t ss1, reserved2;
	uint32_t esp2;
	uint16_t ss2, reserved3;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint16_t es, reserved4, cs, reserved5, ss, reserved6;
	uint16_t ds, reserved7, fs, reserved8, gs, reserved9;
	uint16_t ldt, reserved10;
	uint16_t trace, io_bitmap_base;
} __attribute__((packed));

/* VMI_DTR: the 6-byte limit/base pair of SetGDT/GetGDT/SetIDT/GetIDT. */
struct vmi_dtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

#define PAGE_SIZE		4096
#define ENTRY_STACK_SIZE	8192

/*
 * Each table is the start of a page of its own (a hypervisor may
 * write-protect the pages of a loaded table); only the first
 * GDT_ENTRIES/LDT_ENTRIES/IDT_ENTRIES descriptors are in use.
 */
extern uint64_t gdt[PAGE_SIZE / 8];
extern uint64_t ldt[PAGE_SIZE / 8];
extern uint64_t idt[PAGE_SIZE / 8];
extern struct tss tss;

/* Ring the kernel runs in: CS RPL at entry (0 natively, 1 on Xen). */
extern unsigned int kernel_rpl;

/* 1 once cpu_setup() has loaded the tables. */
extern int cpu_ready;

/* Stack for kernel entries from ring 3 (outside user.two_tasks). */
extern uint8_t entry_stack[ENTRY_STACK_SIZE];

static inline uintptr_t entry_stack_top(void)
{
	return (uintptr_t)entry_stack + ENTRY_STACK_SIZE;
}

static inline uint16_t kernel_cs(void)
{
	return (uint16_t)(KERNEL_CS | kernel_rpl);
}

static inline uint16_t kernel_ss(void)
{
	return (uint16_t)(KERNEL_DS | kernel_rpl);
}

/* Build and load GDT, LDT, TSS and IDT (after Init); 0 on success. */
int cpu_setup(void);

/*
 * Writing the tables with WriteGDTEntry/WriteLDTEntry/WriteIDTEntry:
 * the _early parts before the table is loaded, the _late parts after.
 */
void gdt_fill_early(void);
void gdt_fill_late(void);
void ldt_fill_early(void);
void ldt_fill_late(void);
void idt_fill_early(void);
void idt_fill_late(void);

/* tss.esp0 = esp0 and UpdateKernelStack. */
void cpu_set_kernel_stack(uintptr_t esp0);

/*
 * After a case: forget fault expectations and hooks and silence the
 * interrupt sources a case used (irq_recover); after an aborted case
 * also reload the data segments, mask interrupts, reset the kernel
 * stack, TS and the IOPL mask.  Either way the guest is back in its root
 * address space once it runs on its own page tables (mm_recover).
 */
void cpu_recover(int aborted);

/* Load CS (far return), SS, and DS/ES/FS/GS (segments.S). */
void load_segments(uint32_t cs, uint32_t ss, uint32_t ds);

static inline uint16_t read_cs(void)
{
	uint16_t v;

	asm volatile("mov %%cs, %0" : "=r" (v));
	return v;
}

static inline uint16_t read_fs(void)
{
	uint16_t v;

	asm volatile("mov %%fs, %0" : "=r" (v));
	return v;
}

static inline uint16_t read_gs(void)
{
	uint16_t v;

	asm volatile("mov %%gs, %0" : "=r" (v));
	return v;
}

static inline uint16_t read_ds(void)
{
	uint16_t v;

	asm volatile("mov %%ds, %0" : "=r" (v));
	return v;
}

static inline uint16_t read_es(void)
{
	uint16_t v;

	asm volatile("mov %%es, %0" : "=r" (v));
	return v;
}

static inline void write_fs(uint16_t v)
{
	asm volatile("mov %0, %%fs" : : "r" (v) : "memory");
}

static inline void write_gs(uint16_t v)
{
	asm volatile("mov %0, %%gs" : : "r" (v) : "memory");
}

#endif /* VMITEST_CPU_H */
