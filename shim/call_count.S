/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_count.S - the counting entry of every implemented REGPARM call,
 * generated from shim/calls.def.  vmix_counted_<name> counts the call in
 * xen_owner_stats[n].calls, makes n the owner that the hypercalls the call
 * makes are charged to (xenif/stats.h) and jumps to vmi_<name> with every
 * register and the stack as the caller left them.  The call's slot
 * (shim/slots.S) enters here instead of vmi_<name>.
 *
 * CUSTOM calls have no counting entry: their conventions preserve the
 * flags an increment would change.  The port calls count themselves in
 * their C front end (shim/ports.c); the interrupt flag, IRET, SYSEXIT and
 * CPUID are not counted (the hot paths benchmarks measure instruction by
 * instruction; none makes a counted hypercall).
 *
 * Never: touch a register other than the flags (REGPARM clobbers them),
 * or the stack.
 */
#include "rom-layout/rom_private.h"
#include "shim/lib/asm.h"

#define OWNER_STATS_SIZE	16	/* struct xen_owner_stats */

	.text
	.code32

#define COUNTED(n, name)						\
	ENTRY(vmix_counted_##name);					\
	incl	xen_owner_stats + (n) * OWNER_STATS_SIZE;		\
	movb	$(n), xen_stats_owner;					\
	jmp	vmi_##name;						\
	END(vmix_counted_##name)
#define COUNTED_REGPARM_IMPL(n, name)	COUNTED(n, name)
#define COUNTED_REGPARM_NONE(n, name)
#define COUNTED_CUSTOM_IMPL(n, name)
#define COUNTED_CUSTOM_NONE(n, name)
#define VMI_CALL(n, name, conv, status, fault, file, ret, args, xen)	\
	COUNTED_##conv##_##status(n, name)
#include "shim/calls.def"
#undef VMI_CALL
