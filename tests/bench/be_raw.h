/* SPDX-License-Identifier: GPL-2.0 */
/*
 * be_raw.h - the raw backend's inline primitives: the native
 * instructions themselves (the 2006 table's "native" column).
 *
 * Never: wrap an instruction in anything.
 */
#ifndef BENCH_BE_RAW_H
#define BENCH_BE_RAW_H

#ifdef __ASSEMBLY__
#define BE_IRET	iret
#else
static inline void be_irq_disable(void)
{
	asm volatile("cli" ::: "memory");
}

static inline void be_irq_enable(void)
{
	asm volatile("sti" ::: "memory");
}
#endif

#endif /* BENCH_BE_RAW_H */
