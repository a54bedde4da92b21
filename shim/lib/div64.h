/* SPDX-License-Identifier: GPL-2.0 */
/*
 * div64.h - 64-by-32-bit division with 32-bit operations only (the ROM and
 * the boot image link no libgcc).  The one divider of the project: printk's
 * number formatting and time/'s scaling both use it.
 *
 * Never: divide by zero (callers check).
 */
#ifndef VMIX_LIB_DIV64_H
#define VMIX_LIB_DIV64_H

#include <stdint.h>

/* *n /= d; returns the remainder.  Long division in 16-bit digits. */
static inline uint32_t div64_32(uint64_t *n, uint32_t d)
{
	uint64_t q = 0;
	uint32_t r = 0;
	int shift;

	if (d > 0xffff) {
		/* Bit by bit: the 16-bit digits would overflow 32 bits. */
		uint64_t rr = 0;

		for (shift = 63; shift >= 0; shift--) {
			rr = (rr << 1) | ((*n >> shift) & 1);
			if (rr >= d) {
				rr -= d;
				q |= 1ull << shift;
			}
		}
		*n = q;
		return (uint32_t)rr;
	}
	for (shift = 48; shift >= 0; shift -= 16) {
		uint32_t cur = (r << 16) | (uint32_t)((*n >> shift) & 0xffff);

		q |= (uint64_t)(cur / d) << shift;
		r = cur % d;
	}
	*n = q;
	return r;
}

#endif /* VMIX_LIB_DIV64_H */
