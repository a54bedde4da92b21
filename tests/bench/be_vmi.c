// SPDX-License-Identifier: GPL-2.0
/*
 * be_vmi.c - the VMI backend: every operation is a VMI call (ROM API
 * 13.0) through the ROM in use.  The ROM is found as the VMI Linux
 * kernel finds it (the option-ROM window in 2 KiB steps, Init called in
 * place through the high mapping, then romLength * 512 bytes copied into
 * the kernel's own image and every later call made through the copy);
 * without one, the kernel's own native ROM (native_rom.S) is used, as
 * transparent paravirtualization has it.  Page tables the VMI Linux way:
 * SetLinearMapping of the phys map, AllocatePage before a table is
 * linked, ReleasePage after, a PDPT cloned from the root's slot 3.
 *
 * On vmi-xen the shim's counters are read through its own MSRs
 * (rom-layout/rom_private.h), which cost no hypercall.
 *
 * Never: execute a privileged instruction; the kernel may run in ring 1.
 */
#include "rom-layout/rom_private.h"
#include "tests/bench/be.h"
#include "tests/bench/pc.h"

enum vmi_call_nr {
#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) VMI_CALL_##name = nr,
#include "shim/calls.def"
#undef VMI_CALL
};

#define VMI_PAGE_PT		0x01
#define VMI_PAGE_PD		0x02
#define VMI_PAGE_PAE		0x04
#define VMI_PAGE_PDP		0x04
#define VMI_FLUSH_TLB		0x01
#define VMI_FLUSH_PT_UPDATES	0x80
#define VMI_CYCLES_REAL		0
#define VMI_ALARM_WIRED_IRQ0	0x00000000
#define VMI_ALARM_IS_ONESHOT	0x00000000
#define ROM_AREA_SIZE		0x10000

extern const uint8_t native_rom[];

uintptr_t vmi_rom_base, vmi_fn_iret, vmi_fn_cli, vmi_fn_sti;
struct vmi_fast vmi_fast;
static uint8_t rom_area[ROM_AREA_SIZE] __attribute__((aligned(4096)));
static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(8)));
static uint64_t idt[256] __attribute__((aligned(8)));
static struct tss tss __attribute__((aligned(128)));
static uint32_t kernel_rpl;
static int vmi_xen;			/* the ROM is vmi-xen's: counters */
static uint64_t cycle_hz;

static inline uint32_t call3(unsigned int nr, uint32_t eax, uint32_t edx,
			     uint32_t ecx)
{
	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (vmi_rom_base + nr * VMI_SLOT_SIZE)
		     : "cc", "memory");
	return eax;
}

static inline uint64_t call64(unsigned int nr, uint32_t eax, uint32_t edx,
			      uint32_t ecx)
{
	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (vmi_rom_base + nr * VMI_SLOT_SIZE)
		     : "cc", "memory");
	return ((uint64_t)edx << 32) | eax;
}

/* Calls with two more arguments on the stack (regparm(3) and the rest). */
static inline void call5(unsigned int nr, uint32_t eax, uint32_t edx,
			 uint32_t ecx, uint32_t s0, uint32_t s1)
{
	asm volatile("pushl %[s1]\n\t"
		     "pushl %[s0]\n\t"
		     "call *%[fn]\n\t"
		     "addl $8, %%esp"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (vmi_rom_base + nr * VMI_SLOT_SIZE),
		       [s0] "ri" (s0), [s1] "ri" (s1)
		     : "cc", "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
	return call64(VMI_CALL_RDMSR, 0, 0, msr);
}

/* ---- the ROM ------------------------------------------------------------ */

static const volatile uint8_t *phys(uint32_t pa)
{
	asm("" : "+r" (pa));
	return (const volatile uint8_t *)(uintptr_t)pa;
}

static uint32_t rd32(uint32_t pa)
{
	const volatile uint8_t *p = phys(pa);

	return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t rom_find(void)
{
	uint32_t rom, len, i;
	uint8_t sum;

	for (rom = VMI_ROM_WINDOW_START; rom < VMI_ROM_WINDOW_END;
	     rom += VMI_ROM_SCAN_STEP) {
		if (phys(rom)[0] != 0x55 || phys(rom)[1] != 0xaa)
			continue;
		len = phys(rom)[VMI_HDR_ROM_LENGTH] * 512u;
		if (!len || rom + len > VMI_ROM_WINDOW_END ||
		    rd32(rom + VMI_HDR_VMI_SIG) != VMI_SIGNATURE ||
		    phys(rom)[VMI_HDR_API_MAJOR] != VMI_API_REV_MAJOR)
			continue;
		for (sum = 0, i = 0; i < len; i++)
			sum += phys(rom)[i];
		if (!sum)
			return rom;
	}
	return 0;
}

static void rom_select(void)
{
	uint32_t rom = rom_find(), len, priv, i;
	const volatile uint8_t *src;

	if (rom) {
		len = phys(rom)[VMI_HDR_ROM_LENGTH] * 512u;
		vmi_rom_base = BENCH_PHYS_BASE + rom;
		if (len <= ROM_AREA_SIZE &&
		    (int)call3(VMI_CALL_Init, 0, 0, 0) != -1) {
			src = phys(BENCH_PHYS_BASE + rom);
			for (i = 0; i < len; i++)
				rom_area[i] = src[i];
			vmi_rom_base = (uintptr_t)rom_area;
			priv = rd32(rom + VMI_HDR_PRIVATE);
			vmi_xen = priv && priv < len &&
				  rd32(rom + priv) == VMIX_PRIV_MAGIC;
			be_env.name = vmi_xen ? "vmi (vmi-xen shim)" : "vmi";
			return;
		}
	}
	vmi_rom_base = (uintptr_t)native_rom;
	call3(VMI_CALL_Init, 0, 0, 0);
	be_env.name = "vmi (native ROM)";
}

/* ---- console and end ---------------------------------------------------- */

void be_putc(char c)
{
	if (c == '\n')
		be_putc('\r');
	while (!(call3(VMI_CALL_INB, 0, COM1_LSR, 0) & LSR_THRE))
		;
	call3(VMI_CALL_OUTB, (uint8_t)c, COM1, 0);
}

void be_end(int failed)
{
	(void)failed;
	call3(VMI_CALL_Shutdown, 0, 0, 0);
	for (;;)
		call3(VMI_CALL_Halt, 0, 0, 0);
}

int be_counts(struct be_counts *c)
{
	uint32_t nr;

	if (!vmi_xen)
		return 0;
	c->hypercalls = 0;
	for (nr = 0; nr < 64; nr++)
		c->hypercalls += rdmsr(VMIX_MSR_HYPERCALLS + nr);
	c->mc_entries = rdmsr(VMIX_MSR_MC_ENTRIES);
	c->pte_writes = rdmsr(VMIX_MSR_PTE_WRITES);
	return 1;
}

/* ---- start of day ------------------------------------------------------- */

static void write_gdt(unsigned int i, uint64_t d)
{
	call5(VMI_CALL_WriteGDTEntry, (uint32_t)(uintptr_t)gdt, i,
	      (uint32_t)d, (uint32_t)(d >> 32), 0);
}

static void load_tables(void)
{
	struct dtr g = { sizeof(gdt) - 1, (uint32_t)(uintptr_t)gdt };
	uint32_t cs;

	asm volatile("mov %%cs, %0" : "=r" (cs));
	kernel_rpl = cs & 3;
	write_gdt(0, 0);
	write_gdt(GDT_KERNEL_CS, desc_seg(0, 0xfffff, DESC_CODE, 0xc));
	write_gdt(GDT_KERNEL_DS, desc_seg(0, 0xfffff, DESC_DATA, 0xc));
	write_gdt(GDT_USER_CS, desc_seg(0, 0xfffff, DESC_CODE | DESC_DPL3,
					0xc));
	write_gdt(GDT_USER_DS, desc_seg(0, 0xfffff, DESC_DATA | DESC_DPL3,
					0xc));
	write_gdt(GDT_TSS, desc_seg((uint32_t)(uintptr_t)&tss,
				    sizeof(tss) - 1, DESC_TSS32, 0));
	write_gdt(6, 0);
	write_gdt(7, 0);
	call3(VMI_CALL_SetGDT, (uint32_t)(uintptr_t)&g, 0, 0);
	be_env.kernel_cs = SEL(GDT_KERNEL_CS) | kernel_rpl;
	be_env.kernel_ss = SEL(GDT_KERNEL_DS) | kernel_rpl;
	be_env.user_cs = SEL(GDT_USER_CS) | 3;
	be_env.user_ds = SEL(GDT_USER_DS) | 3;
	asm volatile("pushl %0\n\t"
		     "pushl $1f\n\t"
		     "lret\n"
		     "1:\tmov %1, %%ss\n\t"
		     "mov %2, %%ds\n\t"
		     "mov %2, %%es\n\t"
		     "mov %2, %%fs\n\t"
		     "mov %2, %%gs"
		     : : "r" (be_env.kernel_cs), "r" (be_env.kernel_ss),
		       "r" (be_env.user_ds) : "memory");
	tss.ss0 = be_env.kernel_ss;
	tss.io_bitmap_base = sizeof(tss);
	call3(VMI_CALL_SetTR, SEL(GDT_TSS), 0, 0);
}

void be_early(uint32_t magic, uint32_t info)
{
	uint32_t kend = mb_read(magic, info);

	rom_select();
	vmi_fn_iret = vmi_rom_base + VMI_CALL_IRET * VMI_SLOT_SIZE;
	vmi_fn_cli = vmi_rom_base + VMI_CALL_DisableInterrupts * VMI_SLOT_SIZE;
	vmi_fn_sti = vmi_rom_base + VMI_CALL_EnableInterrupts * VMI_SLOT_SIZE;
	vmi_fast.set_pxe = vmi_rom_base + VMI_CALL_SetPxELong * VMI_SLOT_SIZE;
	vmi_fast.get_pxe = vmi_rom_base + VMI_CALL_GetPxELong * VMI_SLOT_SIZE;
	vmi_fast.clear_bit = vmi_rom_base +
			     VMI_CALL_TestAndClearPxELongBit * VMI_SLOT_SIZE;
	vmi_fast.flush = vmi_rom_base +
			 VMI_CALL_FlushDeferredCalls * VMI_SLOT_SIZE;
	vmi_fast.invlpg = vmi_rom_base + VMI_CALL_InvalPage * VMI_SLOT_SIZE;
	vmi_fast.flush_tlb = vmi_rom_base + VMI_CALL_FlushTLB * VMI_SLOT_SIZE;
	vmi_fast.get_cr2 = vmi_rom_base + VMI_CALL_GetCR2 * VMI_SLOT_SIZE;
	load_tables();
	call5(VMI_CALL_SetLinearMapping, 0, BENCH_PHYS_BASE,
	      be_env.mem_pages < PHYS_MAP_PAGES ? be_env.mem_pages :
	      PHYS_MAP_PAGES, 0, 0);
	mm_build_root(kend);
}

/* ---- page tables -------------------------------------------------------- */

void be_set_cr3(struct proc *p)
{
	call3(VMI_CALL_SetCR3, p->pdpt << PAGE_SHIFT, 0, 0);
}

static uint32_t pt_flags(int level)
{
	return VMI_PAGE_PAE | (level == 1 ? VMI_PAGE_PT : VMI_PAGE_PD);
}

void be_pt_register(uint32_t pfn, int level)
{
	call5(VMI_CALL_AllocatePage, pfn, pt_flags(level), 0, 0, 0);
}

void be_pt_release(uint32_t pfn, int level)
{
	call3(VMI_CALL_ReleasePage, pfn, pt_flags(level), 0);
}

/*
 * pgd_alloc: the root links its kernel L2 itself; every other PDPT is
 * cloned from the root's slot 3 at registration.  Then the user L2.
 */
void be_pdpt_create(struct proc *p)
{
	uint64_t *e = pfn_va(p->pdpt);

	if (p == &procs[0]) {
		call5(VMI_CALL_AllocatePage, p->pdpt, VMI_PAGE_PDP, 0, 0, 0);
		be_pte_write(e + 3, ((uint64_t)p->back[0] << PAGE_SHIFT) |
			     PTE_P);
	} else {
		e[3] = ((uint64_t)procs[0].back[0] << PAGE_SHIFT) | PTE_P;
		call5(VMI_CALL_AllocatePage, p->pdpt, VMI_PAGE_PDP,
		      procs[0].pdpt, 3, 1);
	}
	be_pte_write(e + 1, ((uint64_t)p->l2 << PAGE_SHIFT) | PTE_P);
}

void be_pdpt_destroy(struct proc *p)
{
	call3(VMI_CALL_ReleasePage, p->pdpt, VMI_PAGE_PDP, 0);
}

/* ---- processor ---------------------------------------------------------- */

void be_set_gate(int vec, void (*fn)(void), int dpl, int intr)
{
	uint64_t d = desc_gate(SEL(GDT_KERNEL_CS) | kernel_rpl,
			       (uint32_t)(uintptr_t)fn,
			       intr ? GATE_INTR32 : GATE_TRAP32, dpl);

	idt[vec] = d;
}

void be_load_gates(void)
{
	struct dtr d = { sizeof(idt) - 1, (uint32_t)(uintptr_t)idt };
	uint32_t v;

	for (v = 0; v < 256; v++)
		call5(VMI_CALL_WriteIDTEntry, (uint32_t)(uintptr_t)idt, v,
		      (uint32_t)idt[v], (uint32_t)(idt[v] >> 32), 0);
	call3(VMI_CALL_SetIDT, (uint32_t)(uintptr_t)&d, 0, 0);
}

void be_set_kstack(uint32_t esp0)
{
	tss.esp0 = esp0;
	call3(VMI_CALL_UpdateKernelStack, (uint32_t)(uintptr_t)&tss, esp0, 0);
}

/* ---- time: a one-shot REAL alarm on IRQ0 of the PIC --------------------- */

static void outb(uint8_t v, uint16_t port)
{
	call3(VMI_CALL_OUTB, v, port, 0);
}

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
	cycle_hz = call64(VMI_CALL_GetCycleFrequency, 0, 0, 0);
	return cycle_hz ? 0 : -1;
}

void be_timer_arm(uint32_t ns)
{
	uint64_t now = call64(VMI_CALL_GetCycleCounter, VMI_CYCLES_REAL, 0, 0);
	uint64_t exp = now + (((uint64_t)ns * (uint32_t)(cycle_hz >> 10)) >> 20);

	call5(VMI_CALL_SetAlarm, VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
	      VMI_CYCLES_REAL, (uint32_t)exp, (uint32_t)(exp >> 32), 0, 0);
}

void be_timer_eoi(void)
{
	outb(PIC_EOI, PIC1_CMD);
}

void be_upcall(struct frame *f)
{
	(void)f;
	panic("bench: an event callback on the VMI backend");
}

/* The native ROM's SetAlarm (native_rom.S): the raw backend's PIT arming. */
void native_pit_arm(uint32_t ns);

void native_pit_arm(uint32_t ns)
{
	uint32_t count = (uint32_t)(((uint64_t)ns * PIT_HZ) >> 30) + 1;

	asm volatile("outb %b0, %w1" : : "a" (0x30), "Nd" (PIT_CMD));
	asm volatile("outb %b0, %w1" : : "a" (count), "Nd" (PIT_CH0));
	asm volatile("outb %b0, %w1" : : "a" (count >> 8), "Nd" (PIT_CH0));
}
