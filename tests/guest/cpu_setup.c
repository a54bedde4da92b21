// SPDX-License-Identifier: GPL-2.0
/*
 * cpu_setup.c - loading the guest's own processor tables right after
 * Init, and putting the processor back in shape after a case.
 *
 * Order: GDT entries written, SetGDT, CS/SS/DS/ES/FS/GS reloaded with
 * kernel_rpl, spare entries written into the live GDT; LDT entries,
 * SetLDT; TSS ss0/esp0, SetTR, UpdateKernelStack; exception gates,
 * SetIDT, system call gates written into the live IDT.
 */
#include "cpu.h"
#include "fault.h"
#include "irq.h"
#include "mm.h"
#include "need.h"
#include "printf.h"
#include "rom.h"
#include "trap.h"
#include "user.h"
#include "vmi_cpu.h"

struct tss tss __attribute__((aligned(PAGE_SIZE)));
uint8_t entry_stack[ENTRY_STACK_SIZE] __attribute__((aligned(PAGE_SIZE)));
unsigned int kernel_rpl;
int cpu_ready;
uintptr_t vmi_iret_fn;
uintptr_t vmi_sysexit_fn;

static const int setup_calls[] = {
	VMI_CALL_WriteGDTEntry, VMI_CALL_SetGDT, VMI_CALL_WriteLDTEntry,
	VMI_CALL_SetLDT, VMI_CALL_SetTR, VMI_CALL_UpdateKernelStack,
	VMI_CALL_WriteIDTEntry, VMI_CALL_SetIDT, VMI_CALL_IRET, -1
};

void cpu_set_kernel_stack(uintptr_t esp0)
{
	tss.esp0 = esp0;
	vmi_update_kernel_stack(&tss, esp0);
}

int cpu_setup(void)
{
	struct vmi_dtr gdtr = { GDT_ENTRIES * 8 - 1, (uintptr_t)gdt };
	struct vmi_dtr idtr = { IDT_ENTRIES * 8 - 1, (uintptr_t)idt };
	int missing;

	kernel_rpl = read_cs() & SEL_RPL_MASK;
	vmi_iret_fn = vmi_slot(VMI_CALL_IRET);
	vmi_sysexit_fn = vmi_slot(VMI_CALL_SYSEXIT);

	missing = first_missing_call(setup_calls);
	if (missing >= 0) {
		kprintf("vmitest: processor setup skipped: the ROM does not implement %s (%d)\n",
			vmi_call_name(missing), missing);
		return -1;
	}

	gdt_fill_early();
	vmi_set_gdt(&gdtr);
	load_segments(kernel_cs(), kernel_ss(), KERNEL_DS);
	gdt_fill_late();

	ldt_fill_early();
	vmi_set_ldt(LDT_SEL);
	ldt_fill_late();

	tss.ss0 = kernel_ss();
	tss.io_bitmap_base = sizeof(tss);	/* no I/O bitmap */
	tss.esp0 = entry_stack_top();
	vmi_set_tr(TSS_SEL);
	cpu_set_kernel_stack(entry_stack_top());

	idt_fill_early();
	vmi_set_idt(&idtr);
	idt_fill_late();

	cpu_ready = 1;
	kprintf("vmitest: processor tables loaded: kernel ring %u, GDT 0x%08x, IDT 0x%08x, TSS 0x%08x\n",
		kernel_rpl, (unsigned int)gdtr.base,
		(unsigned int)idtr.base, (unsigned int)(uintptr_t)&tss);
	return 0;
}

void cpu_recover(int aborted)
{
	fault_disarm();
	trap_clear_hooks();
	user_reset();
	if (aborted && cpu_ready) {
		asm volatile("mov %0, %%ds; mov %0, %%es; mov %0, %%fs; mov %0, %%gs"
			     : : "r" ((uint32_t)KERNEL_DS) : "memory");
		vmi_disable_interrupts();
		cpu_set_kernel_stack(entry_stack_top());
		if (rom_call_implemented(VMI_CALL_CLTS))
			vmi_clts();
		if (rom_call_implemented(VMI_CALL_SetIOPLMask))
			vmi_set_iopl_mask(0);
	}
	if (cpu_ready)
		irq_recover();
	mm_recover(aborted);
}
