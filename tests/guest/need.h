/* SPDX-License-Identifier: GPL-2.0 */
/*
 * need.h - a case states the VMI calls it needs; when the ROM in use does
 * not implement one (or the processor tables could not be loaded) the
 * case fails with that reason instead of ending the run in the ROM's
 * not-implemented handler.
 *
 *	if (!NEED(t, VMI_CALL_SetCR0, VMI_CALL_GetCR0))
 *		return;
 */
#ifndef VMITEST_NEED_H
#define VMITEST_NEED_H

struct test;

/* The rev 13 name of call nr ("SetGDT"), or "?". */
const char *vmi_call_name(int nr);

/* First call of the -1 terminated list the ROM lacks, or -1. */
int first_missing_call(const int *nrs);

/* 1 if the tables are loaded and every listed call is implemented. */
int need_calls(struct test *t, const int *nrs);

#define NEED(t, ...)	need_calls((t), (const int[]){ __VA_ARGS__, -1 })

#endif /* VMITEST_NEED_H */
