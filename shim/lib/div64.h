/* SPDX-License-Identifier: GPL-2.0 */
/*
 * div64.h - 64-bit division with 32-bit operations only (the ROM and
 * the boot image link no libgcc).  The one divider of the project: printk's
 * number formatting and time/'s scaling both use it.
 *
 * Never: divide by zero (callers check).
 */
#ifndef VMIX_LIB_DIV64_H
#define VMIX_LIB_DIV64_H

#include <stdint.h>

/*
 * *n /= d; returns the remainder.  Binary long division, one bit a step:
 * for divisors too wide for the 16-bit digits below.
 */
static inline uint64_t div64_bits(uint64_t *n, uint64_t d)
{
	uint64_t q = 0, r = 0;
	int shift;

	for (shift = 63; shift >= 0; shift--) {
		uint64_t carry = r >> 63;	/* r << 1 wraps: then r >= d */

		r = (r << 1) | ((*n >> shift) & 1);
		if (carry || r >= d) {
			r -= d;
			q |= 1ull << shift;
		}
	}
	*n = q;
	return r;
}

/* *n /= d; returns the remainder.  Long division in 16-bit digits. */
static inline uint32_t div64_32(uint64_t *n, uint32_t d)
{
	uint64_t q = 0;
	uint32_t r = 0;
	int shift;

	if (d > 0xffff)		/* the 16-bit digits would overflow 32 bits */
		return (uint32_t)div64_bits(n, d);
	for (shift = 48; shift >= 0; shift -= 16) {
		uint32_t cur = (r << 16) | (uint32_t)((*n >> shift) & 0xffff);

		q |= (uint64_t)(cur / d) << shift;
		r = cur % d;
	}
	*n = q;
	return r;
}

/*
 * *n /= d for a 64-bit d; returns the remainder: for the rare divisor that
 * does not fit 32 bits (time/alarm.c's periods over 4.29 s).
 */
static inline uint64_t div64_64(uint64_t *n, uint64_t d)
{
	return d >> 32 ? div64_bits(n, d) : div64_32(n, (uint32_t)d);
}

#endif /* VMIX_LIB_DIV64_H */
