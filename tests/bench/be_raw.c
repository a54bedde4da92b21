// SPDX-License-Identifier: GPL-2.0
/*
 * be_raw.c - the raw backend: every operation done by the native
 * instruction in ring 0 on bare hardware (QEMU), no VMI at all.  Its
 * own GDT, TSS and IDT; entries written as Linux's native PAE set_pte
 * does (high word, then low); the PIT's channel 0 as the alarm.
 *
 * Never: count anything; bare hardware has no hypercalls.
 */
#include "tests/bench/be.h"
#include "tests/bench/pc.h"

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8)));
static uint64_t idt[256] __attribute__((aligned(8)));
static struct tss tss __attribute__((aligned(128)));

static inline void outb(uint8_t v, uint16_t port)
{
	asm volatile("outb %0, %1" : : "a" (v), "Nd" (port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	asm volatile("inb %1, %0" : "=a" (v) : "Nd" (port));
	return v;
}

void be_putc(char c)
{
	if (c == '\n')
		be_putc('\r');
	while (!(inb(COM1_LSR) & LSR_THRE))
		;
	outb((uint8_t)c, COM1);
}

void be_end(int failed)
{
	outb(failed ? 1 : 0, DEBUG_EXIT);
	for (;;)
		asm volatile("cli; hlt");
}

int be_counts(struct be_counts *c)
{
	(void)c;
	return 0;
}

static void load_tables(void)
{
	struct dtr g = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt };

	gdt[GDT_KERNEL_CS] = desc_seg(0, 0xfffff, DESC_CODE, 0xc);
	gdt[GDT_KERNEL_DS] = desc_seg(0, 0xfffff, DESC_DATA, 0xc);
	gdt[GDT_USER_CS] = desc_seg(0, 0xfffff, DESC_CODE | DESC_DPL3, 0xc);
	gdt[GDT_USER_DS] = desc_seg(0, 0xfffff, DESC_DATA | DESC_DPL3, 0xc);
	gdt[GDT_TSS] = desc_seg((uint32_t)(uintptr_t)&tss, sizeof(tss) - 1,
				DESC_TSS32, 0);
	tss.ss0 = SEL(GDT_KERNEL_DS);
	tss.io_bitmap_base = sizeof(tss);
	asm volatile("lgdt %0\n\t"
		     "ljmp %1, $1f\n"
		     "1:\tmov %2, %%ss\n\t"
		     "mov %3, %%ds\n\t"
		     "mov %3, %%es\n\t"
		     "mov %3, %%fs\n\t"
		     "mov %3, %%gs\n\t"
		     "ltr %w4"
		     : : "m" (g), "i" (SEL(GDT_KERNEL_CS)),
		       "r" (SEL(GDT_KERNEL_DS)), "r" (SEL(GDT_USER_DS) | 3),
		       "r" (SEL(GDT_TSS)) : "memory");
	be_env.kernel_cs = SEL(GDT_KERNEL_CS);
	be_env.kernel_ss = SEL(GDT_KERNEL_DS);
	be_env.user_cs = SEL(GDT_USER_CS) | 3;
	be_env.user_ds = SEL(GDT_USER_DS) | 3;
}

void be_early(uint32_t magic, uint32_t info)
{
	uint32_t kend = mb_read(magic, info);

	be_env.name = "raw";
	outb(0xff, PIC1_DATA);
	outb(0xff, PIC2_DATA);
	load_tables();
	mm_build_root(kend);
}

/* ---- page tables -------------------------------------------------------- */

uint64_t be_pte_read(uint64_t *ptep)
{
	return *(volatile uint64_t *)ptep;
}

void be_pte_write(uint64_t *ptep, uint64_t val)
{
	volatile uint32_t *w = (volatile uint32_t *)ptep;

	if (val & PTE_P) {
		w[1] = (uint32_t)(val >> 32);
		w[0] = (uint32_t)val;
	} else {
		w[0] = (uint32_t)val;
		w[1] = (uint32_t)(val >> 32);
	}
}

void be_pte_wrprotect(uint64_t *ptep)
{
	asm volatile("lock btrl %1, %0" : "+m" (*(uint32_t *)ptep)
		     : "Ir" (PTE_BIT_RW) : "memory");
}

void be_mmu_commit(void)
{
}

void be_invlpg(uint32_t va)
{
	asm volatile("invlpg (%0)" : : "r" (va) : "memory");
}

void be_flush_tlb(void)
{
	uint32_t cr3;

	asm volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r" (cr3) : : "memory");
}

void be_set_cr3(struct proc *p)
{
	asm volatile("mov %0, %%cr3" : : "r" (p->pdpt << PAGE_SHIFT)
		     : "memory");
}

void be_pt_register(uint32_t pfn, int level)
{
	(void)pfn;
	(void)level;
}

void be_pt_release(uint32_t pfn, int level)
{
	(void)pfn;
	(void)level;
}

/* A PDPT holds the user L2 in slot 1 and the root's kernel L2 in slot 3. */
void be_pdpt_create(struct proc *p)
{
	uint64_t *e = pfn_va(p->pdpt);

	e[1] = ((uint64_t)p->l2 << PAGE_SHIFT) | PTE_P;
	e[3] = ((uint64_t)procs[0].back[0] << PAGE_SHIFT) | PTE_P;
}

void be_pdpt_destroy(struct proc *p)
{
	(void)p;
}

/* ---- processor ---------------------------------------------------------- */

void be_set_gate(int vec, void (*fn)(void), int dpl, int intr)
{
	idt[vec] = desc_gate(SEL(GDT_KERNEL_CS), (uint32_t)(uintptr_t)fn,
			     intr ? GATE_INTR32 : GATE_TRAP32, dpl);
}

void be_load_gates(void)
{
	struct dtr d = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };

	asm volatile("lidt %0" : : "m" (d));
}

void be_set_kstack(uint32_t esp0)
{
	tss.esp0 = esp0;
}

uint32_t be_fault_addr(void)
{
	uint32_t va;

	asm volatile("mov %%cr2, %0" : "=r" (va));
	return va;
}

/* ---- time: PIT channel 0, mode 0 (one-shot), on IRQ0 of the PIC --------- */

int be_timer_init(void)
{
	outb(0x11, PIC1_CMD);
	outb(VEC_TIMER, PIC1_DATA);
	outb(0x04, PIC1_DATA);
	outb(0x01, PIC1_DATA);
	outb(0x11, PIC2_CMD);
	outb(VEC_TIMER + 8, PIC2_DATA);
	outb(0x02, PIC2_DATA);
	outb(0x01, PIC2_DATA);
	outb(0xfe, PIC1_DATA);
	outb(0xff, PIC2_DATA);
	return 0;
}

void be_timer_arm(uint32_t ns)
{
	uint32_t count = (uint32_t)(((uint64_t)ns * PIT_HZ) >> 30) + 1;

	outb(0x30, PIT_CMD);		/* channel 0, lo/hi, mode 0 */
	outb((uint8_t)count, PIT_CH0);
	outb((uint8_t)(count >> 8), PIT_CH0);
}

void be_timer_eoi(void)
{
	outb(PIC_EOI, PIC1_CMD);
}

void be_upcall(struct frame *f)
{
	(void)f;
	panic("bench: an event callback on bare hardware");
}
