// SPDX-License-Identifier: GPL-2.0
/*
 * need.c - call names from calls.def and the NEED() check of need.h.
 */
#include "cpu.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "vmi.h"

static const char *const call_names[VMI_NR_SLOTS] = {
#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) [nr] = #name,
#include "shim/calls.def"
#undef VMI_CALL
};

const char *vmi_call_name(int nr)
{
	if (nr < 0 || nr >= VMI_NR_SLOTS || !call_names[nr])
		return "?";
	return call_names[nr];
}

int first_missing_call(const int *nrs)
{
	for (; *nrs >= 0; nrs++)
		if (!rom_call_implemented((unsigned int)*nrs))
			return *nrs;
	return -1;
}

int need_calls(struct test *t, const int *nrs)
{
	int missing;

	if (!check(t, cpu_ready, "processor tables not loaded (see the \"processor setup\" line)"))
		return 0;
	missing = first_missing_call(nrs);
	return check(t, missing < 0, "the ROM does not implement %s (%d)",
		     vmi_call_name(missing), missing);
}
