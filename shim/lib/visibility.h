/* SPDX-License-Identifier: GPL-2.0 */
/*
 * visibility.h - forced into every ROM compilation (-include): every symbol
 * the ROM declares or defines is hidden, so the compiler reaches it
 * PC-relative instead of through the GOT of a shared object.
 *
 * Never: include it in host code.
 */
#ifndef __ASSEMBLER__
#pragma GCC visibility push(hidden)
#endif
