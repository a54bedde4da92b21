/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmath.h - 64-bit arithmetic the guest needs without libgcc: division
 * by a 64-bit divisor and a * b / c for time-unit conversions, built on
 * div64_32() (shim/lib/div64.h).
 *
 * Never: use the 64-bit / or % operators (they need libgcc); never divide
 * by zero (callers check).
 */
#ifndef VMITEST_KMATH_H
#define VMITEST_KMATH_H

#include <stdint.h>
#include "shim/lib/div64.h"

/* n / d; *rem = n % d when rem is not 0. */
static inline uint64_t udiv64(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;
	int shift;

	if (!(d >> 32)) {
		uint32_t r32 = div64_32(&n, (uint32_t)d);

		if (rem)
			*rem = r32;
		return n;
	}
	for (shift = 63; shift >= 0; shift--) {
		uint64_t carry = r >> 63;	/* r << 1 wraps: then r >= d */

		r = (r << 1) | ((n >> shift) & 1);
		if (carry || r >= d) {
			r -= d;
			q |= 1ull << shift;
		}
	}
	if (rem)
		*rem = r;
	return q;
}

/*
 * a * b / c, rounded down, without the 128-bit product: exact while
 * (c - 1) * b fits 64 bits (for cycles and nanoseconds: c, a rate in Hz,
 * below 2^34 with b = 10^9).
 */
static inline uint64_t mul_div64(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r, q = udiv64(a, c, &r);

	return q * b + udiv64(r * b, c, 0);
}

/* The same, rounded up. */
static inline uint64_t mul_div64_up(uint64_t a, uint64_t b, uint64_t c)
{
	uint64_t r, q = udiv64(a, c, &r), r2, q2 = udiv64(r * b, c, &r2);

	return q * b + q2 + (r2 != 0);
}

#endif /* VMITEST_KMATH_H */
