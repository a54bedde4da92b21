// SPDX-License-Identifier: GPL-2.0
/*
 * test_mm.c - the read-modify-write entry calls of mmu/mm.c (bit test and
 * set/clear, swap) on the host, with Xen recorded (tests/unit/fake_xen.c)
 * and the guest's page-table pages in a fixed low mapping: each call
 * reads the entry once (one pending-queue lookup, counted by wrapping
 * mmu_queue_pending at link time), sees what is queued for it, queues a
 * write-protect as MMU_PT_UPDATE_PRESERVE_AD without a hypercall, issues
 * the queue around a write that cannot be queued, changes a bit of a
 * present entry in its machine form exactly as translating it would, and
 * changes nothing when it is refused (a bad pointer, a bit, an entry Xen
 * would not take, an earlier queued write that Xen refused).  InvalPage
 * alone is its mmuext_op, after writes it rides in their batch.  And
 * AllocatePage/ReleasePage's requests (mappings read-only, pin; unpin,
 * mappings writable) in one multicall, undone when Xen refuses one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "tests/unit/fake_xen.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"
#include "mmu/mm.h"
#include "mmu/pte.h"
#include "mmu/queue.h"

#define GUEST_VA	0x30000000u	/* the linear map of the guest's pages */
#define NR_PAGES	16
#define SHIM_FIRST	14		/* pfns 14, 15: the shim's */
#define MFN(pfn)	(0x100u + (pfn))
#define L1_PFN		1		/* the registered page table */
#define DATA_PFN	5
#define PTEP(i)		(GUEST_VA + L1_PFN * 4096u + 8 * (i))
#define MADDR(i)	(((uint64_t)MFN(L1_PFN) << 12) + 8 * (i))
#define FLAGS		(PTE_P | PTE_RW | PTE_US | PTE_A)
#define BOOT_PTE_FLAGS_RW	(PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)

static uint32_t p2m[NR_PAGES];
static uint32_t m2p[MFN(NR_PAGES)];

/* mmu_queue_pending() calls: one per read of an entry. */
int __real_mmu_queue_pending(uint64_t maddr, uint64_t *val);
static unsigned int lookups;

int __wrap_mmu_queue_pending(uint64_t maddr, uint64_t *val)
{
	lookups++;
	return __real_mmu_queue_pending(maddr, val);
}

static volatile uint64_t *entry(uint32_t i)
{
	return (volatile uint64_t *)(uintptr_t)PTEP(i);
}

static uint64_t machine(uint32_t pfn, uint64_t flags)
{
	return ((uint64_t)MFN(pfn) << 12) | flags;
}

static uint64_t guest(uint32_t pfn, uint64_t flags)
{
	return ((uint64_t)pfn << 12) | flags;
}

static uint32_t mmu_hypercalls(void)
{
	return xen_hypercall_count[__HYPERVISOR_mmu_update] +
	       xen_hypercall_count[__HYPERVISOR_mmuext_op] +
	       xen_hypercall_count[__HYPERVISOR_multicall];
}

static void boot_block_fill(void)
{
	boot_block.nr_pages = NR_PAGES;
	boot_block.shim_first_pfn = SHIM_FIRST;
	boot_block.nr_boot_l1 = 0;
}

static int group_setup(void **state)
{
	uint32_t i;
	void *mem;

	(void)state;
	mem = mmap((void *)(uintptr_t)GUEST_VA, NR_PAGES * 4096,
		   PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (mem != (void *)(uintptr_t)GUEST_VA)
		return -1;
	for (i = 0; i < sizeof(m2p) / sizeof(m2p[0]); i++)
		m2p[i] = PTE_NO_MFN;
	for (i = 0; i < NR_PAGES; i++) {
		p2m[i] = MFN(i);
		m2p[MFN(i)] = i;
	}
	fake_xen_reset();
	boot_block_fill();
	mm_init();
	mm_set_frames(p2m, m2p, sizeof(m2p) / sizeof(m2p[0]));
	if (mm_set_linear(0, GUEST_VA, SHIM_FIRST, 0) != MM_OK)
		return -1;
	return mm_register(L1_PFN, MM_L1, 0, 0, 0) == MM_OK ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	mm_flush();			/* whatever a failed case left */
	fake_xen_reset();
	boot_block_fill();
	memset((void *)(uintptr_t)PTEP(0), 0, 4096);
	lookups = 0;
	return 0;
}

/*
 * Write-protect (TestAndClearPxELongBit(RW)) of a present entry: read
 * once, the old bit returned, the write queued as PRESERVE_AD with the
 * machine frame, no hypercall until the queue is issued.
 */
static void test_wrprotect_reads_once_and_queues(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, FLAGS);
	assert_int_equal(mm_change_bit(PTEP(3), 1, 0, &old,
				       "TestAndClearPxELongBit"), MM_OK);
	assert_true(old == guest(DATA_PFN, FLAGS));
	assert_int_equal(lookups, 1);
	assert_int_equal(mmu_hypercalls(), 0);
	assert_int_equal(mmu_queue_waiting(), 1);
	assert_int_equal(mm_flush(), MM_OK);
	assert_int_equal(mmu_hypercalls(), 1);
	assert_int_equal(fake_xen.nr_mmu, 1);
	assert_true(fake_xen.mmu[0].ptr ==
		    (MADDR(3) | MMU_PT_UPDATE_PRESERVE_AD));
	assert_true(fake_xen.mmu[0].val == machine(DATA_PFN, FLAGS & ~PTE_RW));
}

/* The entry's queued value is the one read (and rewritten), not memory's. */
static void test_rmw_sees_queued_write(void **state)
{
	uint64_t old = 0, v = guest(6, FLAGS | PTE_D);

	(void)state;
	*entry(3) = machine(DATA_PFN, FLAGS);
	assert_int_equal(mm_write(PTEP(3), v, "SetPxELong"), MM_OK);
	lookups = 0;
	assert_int_equal(mm_change_bit(PTEP(3), 1, 0, &old,
				       "TestAndClearPxELongBit"), MM_OK);
	assert_true(old == v);
	assert_int_equal(lookups, 1);
	assert_int_equal(mm_flush(), MM_OK);
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr == (MADDR(3) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[0].val == machine(6, FLAGS | PTE_D));
	assert_true(fake_xen.mmu[1].ptr ==
		    (MADDR(3) | MMU_PT_UPDATE_PRESERVE_AD));
	assert_true(fake_xen.mmu[1].val ==
		    machine(6, (FLAGS | PTE_D) & ~PTE_RW));
}

/*
 * Setting A cannot be merged by Xen: what was queued before is issued,
 * then the entry written and issued, in that order; still one read.
 */
static void test_accessed_bit_is_synchronous(void **state)
{
	uint64_t old = 1;

	(void)state;
	*entry(3) = machine(DATA_PFN, PTE_P | PTE_RW);
	assert_int_equal(mm_write(PTEP(4), guest(7, FLAGS), "SetPxELong"),
			 MM_OK);
	lookups = 0;
	assert_int_equal(mm_change_bit(PTEP(3), 5, 1, &old,
				       "TestAndSetPxELongBit"), MM_OK);
	assert_true(old == guest(DATA_PFN, PTE_P | PTE_RW));
	assert_int_equal(lookups, 1);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 2);
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr == (MADDR(4) | MMU_NORMAL_PT_UPDATE));
	assert_int_equal(fake_xen.mmu[0].hypercall, 1);
	assert_true(fake_xen.mmu[1].ptr == (MADDR(3) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].val ==
		    machine(DATA_PFN, PTE_P | PTE_RW | PTE_A));
	assert_int_equal(fake_xen.mmu[1].hypercall, 2);
}

/* A bit already as asked: read once, nothing written, no hypercall. */
static void test_unchanged_bit_writes_nothing(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, PTE_P | PTE_A);
	assert_int_equal(mm_change_bit(PTEP(3), 1, 0, &old,
				       "TestAndClearPxELongBit"), MM_OK);
	assert_true(old == guest(DATA_PFN, PTE_P | PTE_A));
	assert_int_equal(mm_change_bit(PTEP(3), 5, 1, &old,
				       "TestAndSetPxELongBit"), MM_OK);
	assert_int_equal(lookups, 2);
	assert_int_equal(mmu_hypercalls(), 0);
	assert_int_equal(mmu_queue_waiting(), 0);
}

/* A not-present (swap) entry's bit: issued at once, untranslated. */
static void test_not_present_entry_bit(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = 0x12340ull;
	assert_int_equal(mm_change_bit(PTEP(3), 10, 1, &old,
				       "TestAndSetPxELongBit"), MM_OK);
	assert_true(old == 0x12340ull);
	assert_int_equal(lookups, 1);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(fake_xen.nr_mmu, 1);
	assert_true(fake_xen.mmu[0].ptr == (MADDR(3) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[0].val == 0x12340ull + 0x400);
}

/* Swap: the queue issued, the entry read once, written and issued. */
static void test_swap_reads_once(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, FLAGS);
	assert_int_equal(mm_write(PTEP(4), guest(7, FLAGS), "SetPxELong"),
			 MM_OK);
	lookups = 0;
	assert_int_equal(mm_swap(PTEP(3), 0, &old, "DeactivatePxELongAtomic"),
			 MM_OK);
	assert_true(old == guest(DATA_PFN, FLAGS));
	assert_int_equal(lookups, 1);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr == (MADDR(4) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].ptr == (MADDR(3) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].val == 0);
	assert_int_equal(fake_xen.mmu[1].hypercall, 2);
}

/*
 * Xen refuses the write queued before a synchronous bit change: the
 * call fails with Xen's error and its own write is never queued.
 */
static void test_refused_flush_writes_nothing(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, PTE_P | PTE_RW);
	assert_int_equal(mm_write(PTEP(4), guest(7, FLAGS), "SetPxELong"),
			 MM_OK);
	fake_xen.mmu_fail_at = 1;
	fake_xen.mmu_fail_rc = -22;
	assert_int_equal(mm_change_bit(PTEP(3), 5, 1, &old,
				       "TestAndSetPxELongBit"), MM_XEN);
	assert_int_equal(mm_xen_error(), -22);
	assert_int_equal(fake_xen.nr_mmu, 0);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	assert_int_equal(mm_flush(), MM_OK);
	assert_int_equal(fake_xen.nr_mmu, 0);
}

/* Refusals before anything is read or queued, and an entry Xen refuses. */
static void test_refusals_change_nothing(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, FLAGS);
	assert_int_equal(mm_change_bit(PTEP(3), 64, 1, &old, "T"),
			 MM_BAD_ENTRY);
	assert_int_equal(mm_change_bit(GUEST_VA + SHIM_FIRST * 4096u, 1, 0,
				       &old, "T"), MM_NO_MAPPING);
	assert_int_equal(mm_change_bit(GUEST_VA + DATA_PFN * 4096u, 1, 0,
				       &old, "T"), MM_NOT_PT);
	assert_int_equal(mm_swap(GUEST_VA + DATA_PFN * 4096u, 0, &old, "S"),
			 MM_NOT_PT);
	assert_int_equal(lookups, 0);
	/* Bit 62 is Xen's _PAGE_GNTTAB: refused, nothing queued. */
	assert_int_equal(mm_change_bit(PTEP(3), 62, 1, &old,
				       "TestAndSetPxELongBit"), MM_BAD_ENTRY);
	assert_int_equal(mm_pte_status(), PTE_XEN_REFUSES);
	assert_int_equal(lookups, 1);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(mmu_hypercalls(), 0);
	assert_true(*entry(3) == machine(DATA_PFN, FLAGS));
}

/*
 * Bits of present L1 entries changed in place (the machine entry read,
 * that bit changed) give what translating the guest's new value gives:
 * NX set; RW set on a mapping of a page table (taken off again, as every
 * write of such an entry does).
 */
static void test_bit_in_place_as_translated(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = machine(DATA_PFN, FLAGS);
	*entry(4) = machine(L1_PFN, PTE_P | PTE_A);
	assert_int_equal(mm_change_bit(PTEP(3), 63, 1, &old,
				       "TestAndSetPxELongBit"), MM_OK);
	assert_true(old == guest(DATA_PFN, FLAGS));
	assert_int_equal(mm_change_bit(PTEP(4), 1, 1, &old,
				       "TestAndSetPxELongBit"), MM_OK);
	assert_true(old == guest(L1_PFN, PTE_P | PTE_A));
	assert_int_equal(mmu_hypercalls(), 0);
	assert_int_equal(mm_flush(), MM_OK);
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr ==
		    (MADDR(3) | MMU_PT_UPDATE_PRESERVE_AD));
	assert_true(fake_xen.mmu[0].val == machine(DATA_PFN, FLAGS | PTE_NX));
	assert_true(fake_xen.mmu[1].ptr ==
		    (MADDR(4) | MMU_PT_UPDATE_PRESERVE_AD));
	assert_true(fake_xen.mmu[1].val == machine(L1_PFN, PTE_P | PTE_A));
}

/*
 * Entries the in-place change does not take go through the translation
 * and are refused as before, with nothing queued: a frame that is not
 * the guest's (read back as the machine frame), one of the shim's
 * frames, Xen's grant bit.
 */
static void test_untranslated_entries_refused(void **state)
{
	uint64_t old = 0;

	(void)state;
	*entry(3) = ((uint64_t)0x1f0 << 12) | FLAGS;	/* not in the M2P */
	*entry(4) = machine(SHIM_FIRST, FLAGS);
	*entry(5) = machine(DATA_PFN, FLAGS | PTE_XEN_GNTTAB);
	assert_int_equal(mm_change_bit(PTEP(3), 1, 0, &old, "T"), MM_BAD_PFN);
	assert_true(old == (((uint64_t)0x1f0 << 12) | FLAGS));
	assert_int_equal(mm_change_bit(PTEP(4), 1, 0, &old, "T"),
			 MM_SHIM_FRAME);
	assert_true(old == guest(SHIM_FIRST, FLAGS));
	assert_int_equal(mm_change_bit(PTEP(5), 1, 0, &old, "T"),
			 MM_BAD_ENTRY);
	assert_int_equal(mm_pte_status(), PTE_XEN_REFUSES);
	assert_int_equal(mmu_queue_waiting(), 0);
	assert_int_equal(mmu_hypercalls(), 0);
}

/*
 * InvalPage with nothing queued is the mmuext_op itself; with writes
 * queued it rides after them in their batch.  A refusal is Xen's error.
 */
static void test_invlpg_alone_or_after_writes(void **state)
{
	(void)state;
	assert_int_equal(mm_invlpg(0xc0001000u), MM_OK);
	assert_int_equal(mmu_hypercalls(), 1);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmuext_op], 1);
	assert_int_equal(fake_xen.nr_mmu, 1);
	assert_true(fake_xen.mmu[0].ptr == MMUEXT_INVLPG_LOCAL);
	assert_true(fake_xen.mmu[0].val == 0xc0001000u);
	assert_int_equal(mm_write(PTEP(4), guest(7, FLAGS), "SetPxELong"),
			 MM_OK);
	assert_int_equal(mm_flush_tlb(), MM_OK);
	assert_int_equal(fake_xen.multicalls, 1);	/* write, flush */
	assert_int_equal(mmu_hypercalls(), 2);
	assert_true(fake_xen.mmu[1].ptr == (MADDR(4) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[2].ptr == MMUEXT_TLB_FLUSH_LOCAL);
	fake_xen.mmu_fail_at = 4;
	fake_xen.mmu_fail_rc = -14;
	assert_int_equal(mm_invlpg(0xc0002000u), MM_XEN);
	assert_int_equal(mm_xen_error(), -14);
	assert_int_equal(fake_xen.nr_mmu, 3);
}

/* ---- registering and releasing a page ---------------------------- */

#define REG_PFN		8		/* a spare page to register */
#define BOOT_L1_MFN	0x1f8u		/* the boot L1 mapping pfns 0-511 */
#define BOOT_L1E(pfn)	(((uint64_t)BOOT_L1_MFN << 12) + 8 * (pfn))

/* The k-th recorded hypercall was update_va_mapping of va, rw or not. */
static void mapped(unsigned int k, uint32_t va, uint32_t pfn, int rw)
{
	assert_true(k < fake_xen.nr_calls);
	assert_int_equal(fake_xen.calls[k].op, __HYPERVISOR_update_va_mapping);
	assert_int_equal((uint32_t)fake_xen.calls[k].cmd, va);
	assert_int_equal(fake_xen.calls[k].arg,
			 (MFN(pfn) << 12) | PTE_P | PTE_A | PTE_D |
			 (rw ? PTE_RW : 0));
}

static void with_boot_l1(void)
{
	boot_block.nr_boot_l1 = 1;
	boot_block.boot_l1_mfn[0] = BOOT_L1_MFN;
}

/*
 * AllocatePage's requests in one multicall, in Xen's order: the boot
 * L1's entry and the linear map's read-only, then the pin.  ReleasePage's
 * likewise: the unpin, then both mappings writable again.
 */
static void test_register_release_one_multicall(void **state)
{
	(void)state;
	with_boot_l1();
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_OK);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(mmu_hypercalls(), 1);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_update_va_mapping],
			 0);		/* carried by the multicall */
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr ==
		    (BOOT_L1E(REG_PFN) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[0].val ==
		    machine(REG_PFN, PTE_P | PTE_US | PTE_A | PTE_D));
	mapped(0, GUEST_VA + REG_PFN * 4096u, REG_PFN, 0);
	assert_int_equal(fake_xen.mmu[1].op, __HYPERVISOR_mmuext_op);
	assert_true(fake_xen.mmu[1].ptr == MMUEXT_PIN_L1_TABLE);
	assert_true(fake_xen.mmu[1].val == MFN(REG_PFN));
	assert_int_equal(fake_xen.mmu[1].calls_before, 1);	/* after it */
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_REGISTERED);

	fake_xen_reset();
	boot_block_fill();
	with_boot_l1();
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_OK);
	assert_int_equal(fake_xen.multicalls, 1);
	assert_int_equal(mmu_hypercalls(), 1);
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[0].ptr == MMUEXT_UNPIN_TABLE);
	assert_true(fake_xen.mmu[1].ptr ==
		    (BOOT_L1E(REG_PFN) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].val ==
		    machine(REG_PFN, BOOT_PTE_FLAGS_RW));
	mapped(1, GUEST_VA + REG_PFN * 4096u, REG_PFN, 1);
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_NOT_REGISTERED);
}

/* What was queued before goes first, on its own (its errors are its own). */
static void test_register_issues_queue_first(void **state)
{
	(void)state;
	assert_int_equal(mm_write(PTEP(4), guest(7, FLAGS), "SetPxELong"),
			 MM_OK);
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_OK);
	assert_int_equal(xen_hypercall_count[__HYPERVISOR_mmu_update], 1);
	assert_int_equal(fake_xen.multicalls, 1);	/* va + pin */
	assert_true(fake_xen.mmu[0].ptr == (MADDR(4) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].ptr == MMUEXT_PIN_L1_TABLE);
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_OK);
}

/*
 * Xen refuses the pin: AllocatePage fails with Xen's error, the mappings
 * are writable again, the page is not registered (it can be again).
 */
static void test_register_refused_undone(void **state)
{
	(void)state;
	with_boot_l1();
	fake_xen.mmu_fail_at = 2;		/* the boot L1 entry, the pin */
	fake_xen.mmu_fail_rc = -22;
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_XEN);
	assert_int_equal(mm_xen_error(), -22);
	assert_non_null(strstr(fake_xen.console, "vmi: AllocatePage: queued hypercall 26 (entry 2 of the batch) failed: Xen error -22"));
	/* Read-only, (no pin), then writable again. */
	assert_int_equal(fake_xen.nr_mmu, 2);
	assert_true(fake_xen.mmu[1].ptr ==
		    (BOOT_L1E(REG_PFN) | MMU_NORMAL_PT_UPDATE));
	assert_true(fake_xen.mmu[1].val ==
		    machine(REG_PFN, BOOT_PTE_FLAGS_RW));
	mapped(fake_xen.nr_calls - 1, GUEST_VA + REG_PFN * 4096u, REG_PFN, 1);
	assert_int_equal(mm_write(GUEST_VA + REG_PFN * 4096u, 0, "SetPxELong"),
			 MM_NOT_PT);
	fake_xen.mmu_fail_at = 0;
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_OK);
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_OK);
}

/*
 * ReleasePage of a page Xen still types (linked into an L2): the
 * writable mapping is refused after the unpin; the page is made
 * read-only and pinned again and stays registered: MM_LINKED with Xen's
 * error.
 */
static void test_release_linked_repinned(void **state)
{
	unsigned int n;

	(void)state;
	with_boot_l1();
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_OK);
	fake_xen_reset();
	boot_block_fill();
	with_boot_l1();
	fake_xen.mmu_fail_at = 2;		/* the unpin, the boot L1 RW */
	fake_xen.mmu_fail_rc = -16;
	fake_xen.fail_op = __HYPERVISOR_update_va_mapping;
	fake_xen.fail_countdown = 1;		/* and the linear map's */
	fake_xen.fail_rc = -16;
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_LINKED);
	assert_int_equal(mm_xen_error(), -16);
	n = fake_xen.nr_mmu;
	assert_int_equal(n, 3);		/* unpin; RO again; pin */
	assert_true(fake_xen.mmu[0].ptr == MMUEXT_UNPIN_TABLE);
	assert_true(fake_xen.mmu[1].val ==
		    machine(REG_PFN, PTE_P | PTE_US | PTE_A | PTE_D));
	assert_true(fake_xen.mmu[2].ptr == MMUEXT_PIN_L1_TABLE);
	mapped(fake_xen.nr_calls - 2, GUEST_VA + REG_PFN * 4096u, REG_PFN, 0);
	/* Still a page table. */
	assert_int_equal(mm_register(REG_PFN, MM_L1, 0, 0, 0), MM_REGISTERED);
	fake_xen.mmu_fail_at = 0;
	assert_int_equal(mm_release(REG_PFN, MM_L1), MM_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_wrprotect_reads_once_and_queues,
				       setup),
		cmocka_unit_test_setup(test_rmw_sees_queued_write, setup),
		cmocka_unit_test_setup(test_accessed_bit_is_synchronous, setup),
		cmocka_unit_test_setup(test_unchanged_bit_writes_nothing,
				       setup),
		cmocka_unit_test_setup(test_not_present_entry_bit, setup),
		cmocka_unit_test_setup(test_swap_reads_once, setup),
		cmocka_unit_test_setup(test_refused_flush_writes_nothing,
				       setup),
		cmocka_unit_test_setup(test_refusals_change_nothing, setup),
		cmocka_unit_test_setup(test_bit_in_place_as_translated, setup),
		cmocka_unit_test_setup(test_untranslated_entries_refused,
				       setup),
		cmocka_unit_test_setup(test_invlpg_alone_or_after_writes,
				       setup),
		cmocka_unit_test_setup(test_register_release_one_multicall,
				       setup),
		cmocka_unit_test_setup(test_register_issues_queue_first, setup),
		cmocka_unit_test_setup(test_register_refused_undone, setup),
		cmocka_unit_test_setup(test_release_linked_repinned, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
