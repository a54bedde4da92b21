/* SPDX-License-Identifier: GPL-2.0 */
/*
 * be_vmi.h - the VMI backend's inline primitives: an indirect call
 * through the slot of the ROM in use (as a VMI kernel's patched call
 * sites do), with the register conventions of the spec's Appendix A:
 * the interrupt-flag calls change the flags only; IRET is entered by
 * CALL with the native frame above the return address.  Defining
 * BE_INLINE_MMU tells be.h that the page-table calls are here.
 *
 * Never: assume a clobber list the spec does not give.
 */
#ifndef BENCH_BE_VMI_H
#define BENCH_BE_VMI_H

#define BE_INLINE_MMU	1

#ifdef __ASSEMBLY__
#define BE_IRET	call *vmi_fn_iret
#else
#include <stdint.h>

extern uintptr_t vmi_fn_iret, vmi_fn_cli, vmi_fn_sti;

/*
 * The page-table and trap calls made on the operations' paths, by slot
 * address (filled at be_early): inline indirect calls, as VMI Linux's
 * paravirt call sites.  be_vmi.c has the rest.
 */
struct vmi_fast {
	uintptr_t set_pxe, get_pxe, clear_bit, flush, invlpg, flush_tlb;
	uintptr_t get_cr2;
};
extern struct vmi_fast vmi_fast;

#define VMI_FLUSH_TLB_BIT	0x01
#define VMI_FLUSH_PT_BIT	0x80

static inline uint32_t vmi_fast3(uintptr_t fn, uint32_t eax, uint32_t edx,
				 uint32_t ecx)
{
	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "m" (fn) : "cc", "memory");
	return eax;
}

static inline uint64_t be_pte_read(uint64_t *ptep)
{
	uint32_t eax = (uint32_t)(uintptr_t)ptep, edx = 0, ecx = 0;

	asm volatile("call *%[fn]"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "m" (vmi_fast.get_pxe) : "cc", "memory");
	return ((uint64_t)edx << 32) | eax;
}

static inline void be_pte_write(uint64_t *ptep, uint64_t val)
{
	vmi_fast3(vmi_fast.set_pxe, (uint32_t)val, (uint32_t)(val >> 32),
		  (uint32_t)(uintptr_t)ptep);
}

static inline void be_pte_wrprotect(uint64_t *ptep)
{
	vmi_fast3(vmi_fast.clear_bit, 1, (uint32_t)(uintptr_t)ptep, 0);
}

static inline void be_mmu_commit(void)
{
	vmi_fast3(vmi_fast.flush, VMI_FLUSH_PT_BIT, 0, 0);
}

static inline void be_invlpg(uint32_t va)
{
	vmi_fast3(vmi_fast.invlpg, va, 0, 0);
}

static inline void be_flush_tlb(void)
{
	vmi_fast3(vmi_fast.flush_tlb, VMI_FLUSH_TLB_BIT, 0, 0);
}

static inline uint32_t be_fault_addr(void)
{
	return vmi_fast3(vmi_fast.get_cr2, 0, 0, 0);
}

static inline void be_irq_disable(void)
{
	asm volatile("call *%0" : : "m" (vmi_fn_cli) : "cc", "memory");
}

static inline void be_irq_enable(void)
{
	asm volatile("call *%0" : : "m" (vmi_fn_sti) : "cc", "memory");
}
#endif

#endif /* BENCH_BE_VMI_H */
