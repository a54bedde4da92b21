// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_pte.c - libFuzzer target for the PAE entry translation (mmu/pte.c),
 * against what mmu/pte.h promises.
 *
 * The input picks a small guest (up to 64 pfns) whose P2M and M2P are made
 * from the first bytes (some P2M holes, some M2P entries pointing
 * elsewhere), then a sequence of (level, entry) records, each run through
 * pte_to_machine and pte_to_guest.  Invariants:
 *   - a refusal never writes *out (the sentinel stays);
 *   - a not-present entry goes both ways unchanged, at every level;
 *   - into Xen, a present entry is refused exactly when its pfn has no
 *     machine frame, or for the level's rules the header lists (checked
 *     loosely: PTE_OK keeps every bit outside the frame field, except the
 *     L3 bits Xen adds being absent in the input);
 *   - what went in OK comes back out (pte_to_guest of the machine entry)
 *     as the same guest entry, when M2P maps the frame back;
 *   - out of Xen always sets *out.
 *
 * Build and run: `make fuzz` (tests/fuzz/fuzz.mk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mmu/pte.h"

#define NR_PFNS		64
#define NR_MFNS		256
#define SENTINEL	0x5a5a5a5a5a5a5a5aull

static uint32_t p2m[NR_PFNS];
static uint32_t m2p[NR_MFNS];

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pte_frames f = { p2m, NR_PFNS, m2p, NR_MFNS };
	uint32_t i;

	if (size < NR_PFNS)
		return 0;
	/* A guest: pfn i at mfn 100 + i, with holes where the byte says. */
	for (i = 0; i < NR_MFNS; i++)
		m2p[i] = 0xffffffffu;
	for (i = 0; i < NR_PFNS; i++) {
		p2m[i] = (data[i] & 7) == 7 ? PTE_NO_MFN : 100 + i;
		if (p2m[i] != PTE_NO_MFN)
			m2p[p2m[i]] = (data[i] & 0x70) == 0x70 ? i ^ 1 : i;
	}
	data += NR_PFNS;
	size -= NR_PFNS;
	for (; size >= 9; data += 9, size -= 9) {
		uint32_t level = 1 + data[0] % 3;
		uint64_t e = get64(data + 1), m = SENTINEL, g = SENTINEL;
		int rc;

		/* Mostly small frames, so that many are the guest's. */
		if (data[0] & 0x80)
			e = (e & ~PTE_FRAME) | ((e >> 12) % (NR_PFNS + 4)) << 12;
		rc = pte_to_machine(&f, level, e, &m);
		if (rc != PTE_OK && m != SENTINEL)
			abort();		/* a refusal wrote *out */
		if (!(e & PTE_P)) {
			if (rc != PTE_OK || m != e)
				abort();	/* not present: untouched */
			pte_to_guest(&f, level, e, &g);
			if (g != e)
				abort();
			continue;
		}
		if (rc == PTE_OK) {
			uint64_t pfn = (e & PTE_FRAME) >> 12;

			if (pfn >= NR_PFNS || p2m[pfn] == PTE_NO_MFN)
				abort();	/* no frame, yet translated */
			if (((m & PTE_FRAME) >> 12) != p2m[pfn])
				abort();
			if (level != PTE_L3 && (m & ~PTE_FRAME) != (e & ~PTE_FRAME))
				abort();	/* a flag bit changed */
			rc = pte_to_guest(&f, level, m, &g);
			if (rc == PTE_OK && m2p[p2m[pfn]] == pfn && g != e)
				abort();	/* not back to the same entry */
		} else if (rc == PTE_NO_SUCH_PFN) {
			uint64_t pfn = (e & PTE_FRAME) >> 12;

			if (pfn < NR_PFNS && p2m[pfn] != PTE_NO_MFN)
				abort();	/* refused a frame the guest has */
		}
		g = SENTINEL;
		pte_to_guest(&f, level, e, &g);
		if (g == SENTINEL)
			abort();		/* out of Xen always sets *out */
	}
	return 0;
}
