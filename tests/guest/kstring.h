/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kstring.h - the few string and memory routines the freestanding guest
 * needs (the compiler may also emit calls to memset/memcpy itself).
 */
#ifndef VMITEST_KSTRING_H
#define VMITEST_KSTRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strncmp(const char *a, const char *b, size_t n);

#endif /* VMITEST_KSTRING_H */
