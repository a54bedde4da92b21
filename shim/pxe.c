// SPDX-License-Identifier: GPL-2.0
/*
 * pxe.c - the MMU calls: SetLinearMapping, AllocatePage, ReleasePage, the
 * PxELong family, SetCR3/GetCR3, InvalPage, FlushTLB, FlushDeferredCalls,
 * and the 2-level PxE calls, which a 32-bit PV guest on 64-bit Xen cannot
 * have (PAE only): they are refused with #GP, so a non-PAE VMI kernel
 * takes #GP at its first page-table write.
 *
 * The page tables themselves are mmu/mm.c's: this file turns its answers
 * into the VMI outcomes: #GP at the call for the calls whose slots can
 * raise it (shim/calls.def), a domain crash with the reason for the ones
 * that return a 64-bit value (no register is left for a refusal) and for
 * AllocatePage (a kernel that cannot register a page table cannot go on).
 *
 * Never: print a refusal without the call, its arguments and the reason
 * (and Xen's error code when Xen refused).
 */
#include "mmu/mm.h"
#include "mmu/pte.h"
#include "shim/lib/printk.h"
#include "shim/shim.h"
#include "events/events.h"

#define VMI_PAGE_PT	0x01
#define VMI_PAGE_PD	0x02
#define VMI_PAGE_PAE	0x04	/* VMI_PAGE_PDP has the same value */
#define VMI_PAGE_PDP	0x04
#define VMI_PAGE_LEVELS	0x0f

/* "<reason>[: Xen error <n>]" for a status. */
static const char *why(int rc, char *buf, uint32_t size)
{
	if (rc == MM_XEN && mm_xen_error())
		vmix_snprintf(buf, size, "Xen refused: Xen error %ld",
			      mm_xen_error());
	else if (rc == MM_LINKED && mm_xen_error())
		vmix_snprintf(buf, size, "%s: Xen error %ld",
			      mm_status_text(rc), mm_xen_error());
	else if (rc == MM_XEN)
		vmix_snprintf(buf, size, "Xen refused a queued update (its error is on the line above)");
	else
		vmix_snprintf(buf, size, "%s", mm_status_text(rc));
	return buf;
}

#define REASON(rc)	why((rc), reason, sizeof(reason))

/* The page-table level a VMI_PAGE_* flag word names (MM_NONE: none). */
static uint32_t level_of_flags(uint32_t flags)
{
	switch (flags & VMI_PAGE_LEVELS) {
	case VMI_PAGE_PAE | VMI_PAGE_PT:
		return MM_L1;
	case VMI_PAGE_PAE | VMI_PAGE_PD:
		return MM_L2;
	case VMI_PAGE_PDP:
		return MM_L3;
	}
	return MM_NONE;
}

int VMI_ENTRY vmi_SetLinearMapping(uint32_t slot, uint32_t va, uint32_t pages,
				   uint32_t ppn)
{
	EVENTS_HELD;
	char reason[96];
	int rc = mm_set_linear(slot, va, pages, ppn);

	if (rc)
		console_printf("vmi: SetLinearMapping(slot=%u, va=%08x, pages=%u, ppn=%x): %s; injecting #GP\n",
			       slot, va, pages, ppn, REASON(rc));
	return rc ? -1 : 0;
}

void VMI_ENTRY vmi_AllocatePage(uint32_t ppn, uint32_t flags, uint32_t root,
				uint32_t base, uint32_t count)
{
	EVENTS_HELD;
	uint32_t level = level_of_flags(flags);
	char reason[96];
	int rc = level ? mm_register(ppn, level, root, base, count) :
			 MM_BAD_LEVEL;

	if (rc)
		xen_crash("vmi: AllocatePage(ppn=%x, flags=%x, root=%x, base=%u, count=%u): %s\n",
			  ppn, flags, root, base, count, REASON(rc));
}

int VMI_ENTRY vmi_ReleasePage(uint32_t ppn, uint32_t flags)
{
	EVENTS_HELD;
	uint32_t level = level_of_flags(flags);
	char reason[96];
	int rc = level ? mm_release(ppn, level) : MM_BAD_LEVEL;

	if (rc)
		console_printf("vmi: ReleasePage(ppn=%x, flags=%x): %s; injecting #GP\n",
			       ppn, flags, REASON(rc));
	return rc ? -1 : 0;
}

/* The reason a PxE entry was refused: mm's, or mmu/pte.h's for the entry. */
static const char *entry_why(int rc, char *buf, uint32_t size)
{
	if (rc == MM_BAD_ENTRY)
		return pte_status_text(PTE_L1, mm_pte_status());
	return why(rc, buf, size);
}

int VMI_ENTRY vmi_SetPxELong(uint64_t pte, uint64_t *ptep)
{
	EVENTS_HELD;
	char reason[96];
	int rc = mm_write((uint32_t)(uintptr_t)ptep, pte, "SetPxELong");

	if (rc)
		console_printf("vmi: SetPxELong(pte=%llx, ptep=%p): %s; injecting #GP\n",
			       pte, ptep, entry_why(rc, reason, sizeof(reason)));
	return rc ? -1 : 0;
}

uint64_t VMI_ENTRY vmi_GetPxELong(const uint64_t *ptep)
{
	EVENTS_HELD;
	char reason[96];
	uint64_t val = 0;
	int rc = mm_read((uint32_t)(uintptr_t)ptep, &val);

	if (rc)
		xen_crash("vmi: GetPxELong(ptep=%p): %s\n", ptep, REASON(rc));
	return val;
}

static uint64_t swap(const char *call, uint64_t *ptep, uint64_t val)
{
	char reason[96];
	uint64_t old = 0;
	int rc = mm_swap((uint32_t)(uintptr_t)ptep, val, &old, call);

	if (rc)
		xen_crash("vmi: %s(pte=%llx, ptep=%p): %s\n", call, val, ptep,
			  entry_why(rc, reason, sizeof(reason)));
	return old;
}

uint64_t VMI_ENTRY vmi_SwapPxELongAtomic(uint64_t pte, uint64_t *ptep)
{
	EVENTS_HELD;
	return swap("SwapPxELongAtomic", ptep, pte);
}

uint64_t VMI_ENTRY vmi_DeactivatePxELongAtomic(uint64_t *ptep)
{
	EVENTS_HELD;
	return swap("DeactivatePxELongAtomic", ptep, 0);
}

/* The old value of bit (0-63); the entry rewritten if it changes. */
static uint64_t test_and(const char *call, uint32_t bit, uint64_t *ptep,
			 int set)
{
	uint64_t old = 0;
	char reason[96];
	int rc = mm_change_bit((uint32_t)(uintptr_t)ptep, bit, set, &old, call);

	if (rc) {
		console_printf("vmi: %s(bit=%u, ptep=%p): %s; injecting #GP\n",
			       call, bit, ptep, bit > 63 ?
			       "a PAE entry has bits 0-63" :
			       entry_why(rc, reason, sizeof(reason)));
		return vmi_refused();
	}
	return vmi_value(!!(old & (1ull << bit)));
}

uint64_t VMI_ENTRY vmi_TestAndSetPxELongBit(uint32_t bit, uint64_t *ptep)
{
	EVENTS_HELD;
	return test_and("TestAndSetPxELongBit", bit, ptep, 1);
}

uint64_t VMI_ENTRY vmi_TestAndClearPxELongBit(uint32_t bit, uint64_t *ptep)
{
	EVENTS_HELD;
	return test_and("TestAndClearPxELongBit", bit, ptep, 0);
}

int VMI_ENTRY vmi_SetCR3(uint32_t val)
{
	EVENTS_HELD;
	char reason[96];
	int rc = mm_load_cr3(val);

	if (rc)
		console_printf("vmi: SetCR3(%08x): %s; injecting #GP\n", val,
			       REASON(rc));
	return rc ? -1 : 0;
}

uint32_t VMI_ENTRY vmi_GetCR3(void)
{
	EVENTS_HELD;
	return mm_cr3();
}

static void must(int rc, const char *call, uint32_t arg)
{
	char reason[96];

	if (rc)
		xen_crash("vmi: %s(%08x): %s\n", call, arg, REASON(rc));
}

void VMI_ENTRY vmi_InvalPage(uint32_t va)
{
	EVENTS_HELD;
	must(mm_invlpg(va), "InvalPage", va);
}

void VMI_ENTRY vmi_FlushTLB(uint32_t how)
{
	EVENTS_HELD;
	must(mm_flush_tlb(), "FlushTLB", how);
}

void VMI_ENTRY vmi_FlushDeferredCalls(void)
{
	EVENTS_HELD;
	must(mm_flush(), "FlushDeferredCalls", 0);
}

/* ---- 2-level paging: not on a 32-bit PV guest of 64-bit Xen ------- */

#define NO_2LEVEL	"2-level (non-PAE) paging does not exist for a 32-bit PV guest on 64-bit Xen; a VMI kernel must use the PxELong calls"

int VMI_ENTRY vmi_SetPxE(uint32_t pte, uint32_t *ptep)
{
	EVENTS_HELD;
	console_printf("vmi: SetPxE(pte=%08x, ptep=%p): %s; injecting #GP\n",
		       pte, ptep, NO_2LEVEL);
	return -1;
}

uint64_t VMI_ENTRY vmi_GetPxE(const uint32_t *ptep)
{
	EVENTS_HELD;
	console_printf("vmi: GetPxE(ptep=%p): %s; injecting #GP\n", ptep,
		       NO_2LEVEL);
	return vmi_refused();
}

uint64_t VMI_ENTRY vmi_SwapPxE(uint32_t pte, uint32_t *ptep)
{
	EVENTS_HELD;
	console_printf("vmi: SwapPxE(pte=%08x, ptep=%p): %s; injecting #GP\n",
		       pte, ptep, NO_2LEVEL);
	return vmi_refused();
}

uint64_t VMI_ENTRY vmi_TestAndSetPxEBit(uint32_t bit, uint32_t *ptep)
{
	EVENTS_HELD;
	console_printf("vmi: TestAndSetPxEBit(bit=%u, ptep=%p): %s; injecting #GP\n",
		       bit, ptep, NO_2LEVEL);
	return vmi_refused();
}

uint64_t VMI_ENTRY vmi_TestAndClearPxEBit(uint32_t bit, uint32_t *ptep)
{
	EVENTS_HELD;
	console_printf("vmi: TestAndClearPxEBit(bit=%u, ptep=%p): %s; injecting #GP\n",
		       bit, ptep, NO_2LEVEL);
	return vmi_refused();
}
