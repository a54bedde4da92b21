/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmi_mmu.h - C wrappers for the MMU calls (Appendix B prototypes,
 * regparm(3)), the flag values of the rev 13 interface header and the PAE
 * entry bits.
 *
 *   SetPxELong(pte, ptep)             EDX:EAX value, ECX pointer
 *   GetPxELong(ptep)                  EAX pointer -> EDX:EAX
 *   SwapPxELongAtomic(pte, ptep)      EDX:EAX value, ECX pointer -> old
 *   DeactivatePxELongAtomic(ptep)     EAX pointer -> old, entry cleared
 *   TestAndSetPxELongBit(bit, ptep)   EAX bit, EDX pointer -> old bit
 *   TestAndClearPxELongBit(bit, ptep) EAX bit, EDX pointer -> old bit
 *   AllocatePage(ppn, flags, root, base, count)
 *                                     EAX, EDX, ECX, 4(%esp), 8(%esp)
 *   ReleasePage(ppn, flags)           EAX, EDX
 *   SetLinearMapping(slot, va, pages, ppn)  EAX, EDX, ECX, 4(%esp)
 *   InvalPage(va), FlushTLB(how), SetCR3(pa): EAX; GetCR3 -> EAX
 *   FlushDeferredCalls: (void) in the rev 13 prototype; VMI Linux passes
 *   VMI_FLUSH_PT_UPDATES in EAX, and so does the guest.
 *
 * Entry values are pseudo-physical (pa | flags); pointers to entries are
 * guest linear addresses inside a range given to SetLinearMapping.
 */
#ifndef VMITEST_VMI_MMU_H
#define VMITEST_VMI_MMU_H

#include <stdint.h>
#include "vmi.h"
#include "vmi_cpu.h"

/* vmi_interface_rev13.h */
#define VMI_PAGE_PT		0x01
#define VMI_PAGE_PD		0x02
#define VMI_PAGE_PAE		0x04
#define VMI_PAGE_PDP		0x04
#define VMI_FLUSH_TLB		0x01
#define VMI_FLUSH_GLOBAL	0x02
#define VMI_FLUSH_PT_UPDATES	0x80

#define VMI_LINEAR_MAP_SLOTS	4

/* PAE entry bits (Intel SDM vol. 3, 4.4). */
#define PTE_P		(1ull << 0)
#define PTE_RW		(1ull << 1)
#define PTE_US		(1ull << 2)
#define PTE_PWT		(1ull << 3)
#define PTE_PCD		(1ull << 4)
#define PTE_A		(1ull << 5)
#define PTE_D		(1ull << 6)
#define PTE_PS		(1ull << 7)	/* L2: a 2 MiB page */
#define PTE_G		(1ull << 8)
#define PTE_NX		(1ull << 63)
#define PTE_FRAME	0x000ffffffffff000ull
#define PTE_AD		(PTE_A | PTE_D)

#define PTE_BIT_RW	1
#define PTE_BIT_A	5
#define PTE_BIT_D	6
#define PTE_BIT_NX	63

#define PAGE_SHIFT	12

static inline uint32_t pte_pfn(uint64_t v)
{
	return (uint32_t)((v & PTE_FRAME) >> PAGE_SHIFT);
}

static inline void vmi_set_pxe_long(uint64_t *ptep, uint64_t v)
{
	vmi_call(VMI_CALL_SetPxELong, (uint32_t)v, (uint32_t)(v >> 32),
		 (uintptr_t)ptep);
}

static inline uint64_t vmi_get_pxe_long(const uint64_t *ptep)
{
	return vmi_call64(VMI_CALL_GetPxELong, (uintptr_t)ptep, 0, 0);
}

static inline uint64_t vmi_swap_pxe_long(uint64_t *ptep, uint64_t v)
{
	return vmi_call64(VMI_CALL_SwapPxELongAtomic, (uint32_t)v,
			  (uint32_t)(v >> 32), (uintptr_t)ptep);
}

static inline uint64_t vmi_deactivate_pxe_long(uint64_t *ptep)
{
	return vmi_call64(VMI_CALL_DeactivatePxELongAtomic, (uintptr_t)ptep,
			  0, 0);
}

static inline uint32_t vmi_test_and_set_pxe_long_bit(uint64_t *ptep,
						     unsigned int bit)
{
	return vmi_call(VMI_CALL_TestAndSetPxELongBit, bit, (uintptr_t)ptep,
			0);
}

static inline uint32_t vmi_test_and_clear_pxe_long_bit(uint64_t *ptep,
						       unsigned int bit)
{
	return vmi_call(VMI_CALL_TestAndClearPxELongBit, bit,
			(uintptr_t)ptep, 0);
}

static inline void vmi_allocate_page(uint32_t ppn, uint32_t flags,
				     uint32_t root, uint32_t base,
				     uint32_t count)
{
	uintptr_t fn = vmi_slot(VMI_CALL_AllocatePage);
	uint32_t a = ppn, d = flags, c = root;

	asm volatile("pushl %[count]\n\t"
		     "pushl %[base]\n\t"
		     "call *%[fn]\n\t"
		     "addl $8, %%esp"
		     : "+a" (a), "+d" (d), "+c" (c)
		     : [fn] "r" (fn), [base] "ri" (base), [count] "ri" (count)
		     : "cc", "memory");
}

static inline void vmi_release_page(uint32_t ppn, uint32_t flags)
{
	vmi_call(VMI_CALL_ReleasePage, ppn, flags, 0);
}

static inline void vmi_set_linear_mapping(uint32_t slot, uintptr_t va,
					  uint32_t pages, uint32_t ppn)
{
	vmi_call4(VMI_CALL_SetLinearMapping, slot, va, pages, ppn);
}

static inline void vmi_inval_page(uintptr_t va)
{
	vmi_call(VMI_CALL_InvalPage, va, 0, 0);
}

static inline void vmi_flush_tlb(uint32_t how)
{
	vmi_call(VMI_CALL_FlushTLB, how, 0, 0);
}

static inline void vmi_flush_deferred(void)
{
	vmi_call(VMI_CALL_FlushDeferredCalls, VMI_FLUSH_PT_UPDATES, 0, 0);
}

static inline void vmi_set_cr3(uint32_t pa)
{
	vmi_call(VMI_CALL_SetCR3, pa, 0, 0);
}

static inline uint32_t vmi_get_cr3(void)
{
	return vmi_call(VMI_CALL_GetCR3, 0, 0, 0);
}

#endif /* VMITEST_VMI_MMU_H */
