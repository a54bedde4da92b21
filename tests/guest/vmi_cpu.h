/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmi_cpu.h - C wrappers for the descriptor, CPU control and privilege
 * transition calls (Appendix B prototypes, regparm(3)): EAX, EDX, ECX,
 * then the fourth argument at 4(%esp); 64-bit values in EDX:EAX.
 *
 * IRET and SYSEXIT do not return; they are entered from assembly
 * (trap_entry.S, user_entry.S) through vmi_iret_fn and vmi_sysexit_fn.
 */
#ifndef VMITEST_VMI_CPU_H
#define VMITEST_VMI_CPU_H

#include <stdint.h>
#include "cpu.h"
#include "vmi.h"

/* Slot addresses of IRET and SYSEXIT in the ROM in use (cpu_setup.c). */
extern uintptr_t vmi_iret_fn;
extern uintptr_t vmi_sysexit_fn;

/* Call slot nr with EAX, EDX, ECX and one argument on the stack. */
static inline uint32_t vmi_call4(unsigned int nr, uint32_t eax, uint32_t edx,
				 uint32_t ecx, uint32_t arg4)
{
	uintptr_t fn = vmi_slot(nr);

	asm volatile("pushl %[arg4]\n\t"
		     "call *%[fn]\n\t"
		     "addl $4, %%esp"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (fn), [arg4] "r" (arg4)
		     : "cc", "memory");
	return eax;
}

/* Descriptor related calls. */
static inline void vmi_set_gdt(const struct vmi_dtr *d)
{
	vmi_call(VMI_CALL_SetGDT, (uintptr_t)d, 0, 0);
}

static inline void vmi_set_idt(const struct vmi_dtr *d)
{
	vmi_call(VMI_CALL_SetIDT, (uintptr_t)d, 0, 0);
}

static inline void vmi_get_gdt(struct vmi_dtr *d)
{
	vmi_call(VMI_CALL_GetGDT, (uintptr_t)d, 0, 0);
}

static inline void vmi_get_idt(struct vmi_dtr *d)
{
	vmi_call(VMI_CALL_GetIDT, (uintptr_t)d, 0, 0);
}

static inline void vmi_set_ldt(uint16_t sel)
{
	vmi_call(VMI_CALL_SetLDT, sel, 0, 0);
}

static inline void vmi_set_tr(uint16_t sel)
{
	vmi_call(VMI_CALL_SetTR, sel, 0, 0);
}

static inline uint16_t vmi_get_ldt(void)
{
	return (uint16_t)vmi_call(VMI_CALL_GetLDT, 0, 0, 0);
}

static inline uint16_t vmi_get_tr(void)
{
	return (uint16_t)vmi_call(VMI_CALL_GetTR, 0, 0, 0);
}

static inline void vmi_write_gdt_entry(void *table, uint32_t entry,
				       uint32_t lo, uint32_t hi)
{
	vmi_call4(VMI_CALL_WriteGDTEntry, (uintptr_t)table, entry, lo, hi);
}

static inline void vmi_write_ldt_entry(void *table, uint32_t entry,
				       uint32_t lo, uint32_t hi)
{
	vmi_call4(VMI_CALL_WriteLDTEntry, (uintptr_t)table, entry, lo, hi);
}

static inline void vmi_write_idt_entry(void *table, uint32_t entry,
				       uint32_t lo, uint32_t hi)
{
	vmi_call4(VMI_CALL_WriteIDTEntry, (uintptr_t)table, entry, lo, hi);
}

/* Stack / privilege transition calls. */
static inline void vmi_update_kernel_stack(struct tss *t, uint32_t esp0)
{
	vmi_call(VMI_CALL_UpdateKernelStack, (uintptr_t)t, esp0, 0);
}

static inline void vmi_set_iopl_mask(uint32_t mask)
{
	vmi_call(VMI_CALL_SetIOPLMask, mask, 0, 0);
}

/* CPU control calls. */
static inline void vmi_set_cr0(uint32_t v)
{
	vmi_call(VMI_CALL_SetCR0, v, 0, 0);
}

static inline void vmi_set_cr2(uint32_t v)
{
	vmi_call(VMI_CALL_SetCR2, v, 0, 0);
}

static inline void vmi_set_cr4(uint32_t v)
{
	vmi_call(VMI_CALL_SetCR4, v, 0, 0);
}

static inline uint32_t vmi_get_cr0(void)
{
	return vmi_call(VMI_CALL_GetCR0, 0, 0, 0);
}

static inline uint32_t vmi_get_cr2(void)
{
	return vmi_call(VMI_CALL_GetCR2, 0, 0, 0);
}

static inline uint32_t vmi_get_cr4(void)
{
	return vmi_call(VMI_CALL_GetCR4, 0, 0, 0);
}

static inline void vmi_clts(void)
{
	vmi_call(VMI_CALL_CLTS, 0, 0, 0);
}

static inline void vmi_set_dr(uint32_t num, uint32_t value)
{
	vmi_call(VMI_CALL_SetDR, num, value, 0);
}

static inline uint32_t vmi_get_dr(uint32_t num)
{
	return vmi_call(VMI_CALL_GetDR, num, 0, 0);
}

static inline void vmi_wrmsr(uint32_t msr, uint64_t value)
{
	vmi_call(VMI_CALL_WRMSR, (uint32_t)value, (uint32_t)(value >> 32),
		 msr);
}

static inline uint64_t vmi_rdmsr(uint32_t msr)
{
	return vmi_call64(VMI_CALL_RDMSR, 0, 0, msr);
}

/* RDPMC: the prototype's dummy 64-bit first argument is EDX:EAX. */
static inline uint64_t vmi_rdpmc(uint64_t dummy, uint32_t counter)
{
	return vmi_call64(VMI_CALL_RDPMC, (uint32_t)dummy,
			  (uint32_t)(dummy >> 32), counter);
}

static inline uint64_t vmi_rdtsc(void)
{
	return vmi_call64(VMI_CALL_RDTSC, 0, 0, 0);
}

static inline void vmi_wbinvd(void)
{
	vmi_call(VMI_CALL_WBINVD, 0, 0, 0);
}

#endif /* VMITEST_VMI_CPU_H */
