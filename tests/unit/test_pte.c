// SPDX-License-Identifier: GPL-2.0
/*
 * test_pte.c - PAE entries between the guest's view and Xen's (mmu/pte.c):
 * every combination of the 12 low bits and of bits 52-63 at every level,
 * both ways, with a few frames; not-present entries passed through; pfns
 * the guest does not have; machine frames the M2P does not give back.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mmu/pte.h"

#define NR_PFNS		16
#define NR_MFNS		0x200000	/* 8 GiB of machine memory */
#define HOLE_PFN	5		/* a P2M hole (ballooned out) */
#define STALE_MFN	0x1800		/* M2P says pfn 3, the P2M disagrees */
#define XEN_MFN		0x0100		/* Xen's own: the M2P has no pfn */
#define UNTOUCHED	0xdeadbeefcafef00dull

static uint32_t p2m[NR_PFNS];
static uint32_t m2p[NR_MFNS];
static const struct pte_frames frames = {
	.p2m = p2m, .nr_pfns = NR_PFNS, .m2p = m2p, .nr_mfns = NR_MFNS,
};

/* Scattered machine frames, the last one above 4 GiB. */
static uint32_t mfn_of(uint32_t pfn)
{
	return pfn == NR_PFNS - 1 ? NR_MFNS - 1 : 0x1000 + 7 * pfn;
}

static int setup(void **state)
{
	uint32_t i;

	(void)state;
	for (i = 0; i < NR_MFNS; i++)
		m2p[i] = 0xffffffffu;
	for (i = 0; i < NR_PFNS; i++) {
		p2m[i] = mfn_of(i);
		m2p[mfn_of(i)] = i;
	}
	p2m[HOLE_PFN] = PTE_NO_MFN;
	m2p[STALE_MFN] = 3;
	return 0;
}

/* The guest frames the loops use: the first, one inside, the last. */
static const uint32_t test_pfns[] = { 0, 9, NR_PFNS - 1 };

static uint64_t entry(uint32_t low, uint32_t high, uint64_t frame)
{
	return ((uint64_t)high << 52) | (frame << PTE_FRAME_SHIFT) | low;
}

/*
 * Every low-bit and high-bit combination at one level: present entries
 * translated with every other bit kept (or refused as the level says, with
 * *out untouched), not-present ones passed through, and the machine entry
 * translated back to the guest's.
 */
static void all_flags(uint32_t level, uint64_t refused, uint64_t reserved,
		      uint64_t large)
{
	unsigned int t;

	for (t = 0; t < sizeof(test_pfns) / sizeof(test_pfns[0]); t++) {
		uint32_t pfn = test_pfns[t];
		uint32_t low, high;

		for (high = 0; high < 4096; high++) {
			for (low = 0; low < 4096; low++) {
				uint64_t e = entry(low, high, pfn);
				uint64_t m = UNTOUCHED, g = UNTOUCHED;
				uint64_t want = (e & ~PTE_FRAME) |
					((uint64_t)mfn_of(pfn) <<
					 PTE_FRAME_SHIFT);
				int rc = pte_to_machine(&frames, level, e, &m);

				if (!(e & PTE_P)) {
					if (rc != PTE_OK || m != e)
						fail_msg("L%u %016llx: not present, got %d %016llx",
							 level,
							 (unsigned long long)e,
							 rc,
							 (unsigned long long)m);
					assert_int_equal(pte_to_guest(&frames,
						level, e, &g), PTE_OK);
					assert_true(g == e);
					continue;
				}
				if (e & reserved) {
					assert_int_equal(rc, PTE_RESERVED);
					assert_true(m == UNTOUCHED);
					continue;
				}
				if (e & large) {
					assert_int_equal(rc, PTE_LARGE_PAGE);
					assert_true(m == UNTOUCHED);
					continue;
				}
				if (e & refused) {
					assert_int_equal(rc, PTE_XEN_REFUSES);
					assert_true(m == UNTOUCHED);
					continue;
				}
				if (rc != PTE_OK || m != want)
					fail_msg("L%u %016llx: want %016llx, got %d %016llx",
						 level, (unsigned long long)e,
						 (unsigned long long)want, rc,
						 (unsigned long long)m);
				assert_int_equal(pte_to_guest(&frames, level,
							      m, &g), PTE_OK);
				if (g != e)
					fail_msg("L%u %016llx: back as %016llx",
						 level, (unsigned long long)e,
						 (unsigned long long)g);
			}
		}
	}
}

static void test_l1_all_flags(void **state)
{
	(void)state;
	all_flags(PTE_L1, PTE_XEN_GNTTAB, 0, 0);
}

static void test_l2_all_flags(void **state)
{
	(void)state;
	all_flags(PTE_L2, PTE_PWT | PTE_PCD | PTE_G, 0, PTE_PS);
}

static void test_l3_all_flags(void **state)
{
	(void)state;
	all_flags(PTE_L3, PTE_PWT | PTE_PCD,
		  ~(PTE_P | PTE_PWT | PTE_PCD | PTE_AVAIL | PTE_FRAME), 0);
}

/* Entries as a Linux PAE kernel writes them. */
static void test_typical_entries(void **state)
{
	uint64_t m, g;

	(void)state;
	/* Kernel data: P RW A D G NX. */
	assert_int_equal(pte_l1_to_machine(&frames, 0x8000000000002163ull,
					   &m), PTE_OK);
	assert_true(m == (0x8000000000000163ull |
			  ((uint64_t)mfn_of(2) << PTE_FRAME_SHIFT)));
	assert_int_equal(pte_l1_to_guest(&frames, m, &g), PTE_OK);
	assert_true(g == 0x8000000000002163ull);
	/* A page table under a PDE: P RW US A D. */
	assert_int_equal(pte_l2_to_machine(&frames, 0x0000000000007067ull,
					   &m), PTE_OK);
	assert_true(m == (0x67 | ((uint64_t)mfn_of(7) << PTE_FRAME_SHIFT)));
	/* A PDPTE: P only. */
	assert_int_equal(pte_l3_to_machine(&frames, 0x0000000000004001ull,
					   &m), PTE_OK);
	assert_true(m == (0x1 | ((uint64_t)mfn_of(4) << PTE_FRAME_SHIFT)));
}

/* Swap entries and other not-present values: the guest's, every bit. */
static void test_not_present_passthrough(void **state)
{
	static const uint64_t vals[] = {
		0, 0x2ull, 0xfffffffffffffffeull, 0x7ffffffffffff000ull,
		/* frame bits naming pfns the guest does not have */
		(uint64_t)NR_PFNS << PTE_FRAME_SHIFT,
		(uint64_t)HOLE_PFN << PTE_FRAME_SHIFT | PTE_PS | PTE_PWT,
	};
	uint32_t level;
	unsigned int i;

	(void)state;
	for (level = PTE_L1; level <= PTE_L3; level++) {
		for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
			uint64_t m = UNTOUCHED, g = UNTOUCHED;

			assert_int_equal(pte_to_machine(&frames, level,
							vals[i], &m), PTE_OK);
			assert_true(m == vals[i]);
			assert_int_equal(pte_to_guest(&frames, level,
						      vals[i], &g), PTE_OK);
			assert_true(g == vals[i]);
		}
	}
}

/* Present entries naming pfns the guest does not have: refused whole. */
static void test_no_such_pfn(void **state)
{
	static const uint64_t pfns[] = {
		NR_PFNS, NR_PFNS + 1, HOLE_PFN, 0xffffffffull,
		0x100000000ull, 0xffffffffffull,	/* bits 12-51 all set */
	};
	uint32_t level, mfn = 0x55;
	unsigned int i;

	(void)state;
	for (level = PTE_L1; level <= PTE_L3; level++) {
		for (i = 0; i < sizeof(pfns) / sizeof(pfns[0]); i++) {
			uint64_t m = UNTOUCHED;
			uint64_t e = (pfns[i] << PTE_FRAME_SHIFT) | PTE_P;

			assert_int_equal(pte_to_machine(&frames, level, e,
							&m), PTE_NO_SUCH_PFN);
			assert_true(m == UNTOUCHED);
			assert_int_equal(pte_pfn_to_mfn(&frames, pfns[i],
							&mfn),
					 PTE_NO_SUCH_PFN);
			assert_int_equal(mfn, 0x55);
		}
	}
	assert_int_equal(pte_pfn_to_mfn(&frames, 9, &mfn), PTE_OK);
	assert_int_equal(mfn, mfn_of(9));
}

/* Machine frames the M2P does not give back: unchanged, PTE_FOREIGN. */
static void test_m2p_misses(void **state)
{
	static const uint64_t mfns[] = {
		XEN_MFN,	/* M2P: no pfn */
		STALE_MFN,	/* M2P: pfn 3, whose P2M is another frame */
		NR_MFNS,	/* beyond the M2P */
		0x100000000ull,	/* beyond 32 bits */
		0xffffffffffull,
	};
	uint32_t level, pfn = 0x55;
	unsigned int i;

	(void)state;
	for (level = PTE_L1; level <= PTE_L3; level++) {
		for (i = 0; i < sizeof(mfns) / sizeof(mfns[0]); i++) {
			uint64_t g = UNTOUCHED;
			uint64_t e = (mfns[i] << PTE_FRAME_SHIFT) | PTE_P |
				PTE_RW | PTE_US | PTE_A;

			assert_int_equal(pte_to_guest(&frames, level, e, &g),
					 PTE_FOREIGN);
			assert_true(g == e);
			assert_int_equal(pte_mfn_to_pfn(&frames, mfns[i],
							&pfn), PTE_FOREIGN);
			assert_int_equal(pfn, 0x55);
		}
	}
	assert_int_equal(pte_mfn_to_pfn(&frames, mfn_of(9), &pfn), PTE_OK);
	assert_int_equal(pfn, 9);
}

/* Xen's own 2 MiB mappings in the guest's top L2 come back unchanged. */
static void test_l2_large_out(void **state)
{
	uint64_t e = ((uint64_t)mfn_of(2) << PTE_FRAME_SHIFT) | PTE_P |
		PTE_PS | PTE_A;
	uint64_t g = UNTOUCHED;

	(void)state;
	assert_int_equal(pte_l2_to_guest(&frames, e, &g), PTE_LARGE_PAGE);
	assert_true(g == e);
}

/*
 * Out of Xen, an L3 entry loses exactly the RW, US and A that Xen and the
 * processor add; every other bit of the machine entry stays.
 */
static void test_l3_out_drops_xen_bits(void **state)
{
	uint32_t low, high;

	(void)state;
	for (high = 0; high < 4096; high++) {
		for (low = 0; low < 4096; low++) {
			uint64_t e = entry(low | PTE_P, high, mfn_of(6));
			uint64_t g = UNTOUCHED;
			uint64_t want = (e & ~(PTE_FRAME | PTE_RW | PTE_US |
					       PTE_A)) |
				(6ull << PTE_FRAME_SHIFT);

			assert_int_equal(pte_l3_to_guest(&frames, e, &g),
					 PTE_OK);
			if (g != want)
				fail_msg("%016llx: want %016llx, got %016llx",
					 (unsigned long long)e,
					 (unsigned long long)want,
					 (unsigned long long)g);
		}
	}
}

static void test_bad_level(void **state)
{
	uint64_t m = UNTOUCHED, g = UNTOUCHED;
	uint64_t e = (2ull << PTE_FRAME_SHIFT) | PTE_P;

	(void)state;
	assert_int_equal(pte_to_machine(&frames, 0, e, &m), PTE_RESERVED);
	assert_true(m == UNTOUCHED);
	assert_int_equal(pte_to_machine(&frames, 4, e, &m), PTE_RESERVED);
	assert_true(m == UNTOUCHED);
	assert_int_equal(pte_to_guest(&frames, 4, e, &g), PTE_RESERVED);
	assert_true(g == e);
}

static void test_status_texts(void **state)
{
	int s;
	uint32_t level;

	(void)state;
	for (level = PTE_L1; level <= PTE_L3; level++)
		for (s = PTE_OK; s <= PTE_XEN_REFUSES; s++)
			assert_string_not_equal(pte_status_text(level, s),
						"unknown status");
	assert_non_null(strstr(pte_status_text(PTE_L2, PTE_LARGE_PAGE),
			       "superpages"));
	assert_non_null(strstr(pte_status_text(PTE_L1, PTE_XEN_REFUSES),
			       "bit 62"));
	assert_non_null(strstr(pte_status_text(PTE_L3, PTE_XEN_REFUSES),
			       "PWT or PCD"));
	assert_string_equal(pte_status_text(PTE_L1, 99), "unknown status");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_l1_all_flags, setup),
		cmocka_unit_test_setup(test_l2_all_flags, setup),
		cmocka_unit_test_setup(test_l3_all_flags, setup),
		cmocka_unit_test_setup(test_typical_entries, setup),
		cmocka_unit_test_setup(test_not_present_passthrough, setup),
		cmocka_unit_test_setup(test_no_such_pfn, setup),
		cmocka_unit_test_setup(test_m2p_misses, setup),
		cmocka_unit_test_setup(test_l2_large_out, setup),
		cmocka_unit_test_setup(test_l3_out_drops_xen_bits, setup),
		cmocka_unit_test_setup(test_bad_level, setup),
		cmocka_unit_test_setup(test_status_texts, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
