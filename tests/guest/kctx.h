/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kctx.h - saved kernel contexts: a setjmp/longjmp pair for leaving a
 * case or a user-mode run from a trap handler, and the kernel stack
 * switch between tasks.  Kernel mode only (same privilege throughout).
 */
#ifndef VMITEST_KCTX_H
#define VMITEST_KCTX_H

#include <stdint.h>

/* Callee-saved registers, ESP and the resume address (kctx.S). */
struct kctx {
	uint32_t ebx, esi, edi, ebp, esp, eip;
};

/* Save the caller's context; returns 0, or val when resumed. */
int kctx_save(struct kctx *c) __attribute__((returns_twice));

/* Resume c: its kctx_save returns val (non-zero). */
void kctx_restore(const struct kctx *c, int val) __attribute__((noreturn));

/*
 * Push the callee-saved registers, store ESP in *save_esp, load new_esp,
 * pop the next task's callee-saved registers and return on its stack.
 */
void context_switch(uint32_t *save_esp, uint32_t new_esp);

#endif /* VMITEST_KCTX_H */
