/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hypercall.h - every Xen hypercall the shim and the boot image make.
 *
 * Both the shim and the PV boot image define a page-aligned `hypercall_page`:
 * the boot image's is filled by Xen (ELF note HYPERCALL_PAGE), the shim's is
 * a copy the boot image places in the ROM's state area, so that the shim can
 * reach Xen wherever the guest maps the ROM window.  Each 32-byte entry is
 * position independent ("mov $nr,%eax; int $0x82; ret" for a 32-bit PV guest
 * on 64-bit Xen).  The ROM calls an entry indirectly, through
 * hypercall_entries (below), because the page sits at a fixed address.
 * 32-bit PV ABI: arguments in EBX, ECX, EDX, ESI, EDI; result in EAX.
 *
 * One seam: every wrapper below goes through HYPERCALL(nr, a1..a5).  In the
 * ROM (VMIX_ROM) that counts the call (xen_hypercall_count and the current
 * owner's count, xenif/stats.h; printed at shutdown), flushes queued multicall work first (xenif/multicall.h: a direct
 * hypercall is ordered after everything queued before it) and traps into
 * Xen; in the boot image it only traps.  Host unit tests (VMIX_HOST_TEST)
 * link one recorder instead, fake_hypercall() in tests/unit/fake_xen.c.
 *
 * Never: a hypercall that bypasses this seam from C (assembly paths that
 * jump to the page directly, events/iret.S, say why where they do).
 */
#ifndef VMIX_XENIF_HYPERCALL_H
#define VMIX_XENIF_HYPERCALL_H


/* Counters: hypercall numbers below this are counted one by one. */
#define XEN_NR_HYPERCALLS	64

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/callback.h>
#include <xen/physdev.h>
#include <xen/vcpu.h>
#include <xen/event_channel.h>
#include <xen/memory.h>
#include "xenif/stats.h"

extern uint32_t xen_hypercall_count[XEN_NR_HYPERCALLS];

/* One hypercall of number nr, charged to the current owner too. */
#define COUNT_HYPERCALL(nr)						\
	(xen_hypercall_count[(nr)]++,					\
	 xen_owner_stats[xen_stats_owner].hypercalls++)

#define HYPERCALL_ARG(a)	((unsigned long)(a))

#ifdef VMIX_HOST_TEST

long fake_hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
		    unsigned long a3, unsigned long a4, unsigned long a5);
void mc_flush(void);
extern uint32_t mc_queued;
#define HYPERCALL_DIRECT(nr, a1, a2, a3, a4, a5)			\
	fake_hypercall((nr), HYPERCALL_ARG(a1), HYPERCALL_ARG(a2),	\
		       HYPERCALL_ARG(a3), HYPERCALL_ARG(a4),		\
		       HYPERCALL_ARG(a5))
#define HYPERCALL_DIRECT_VAR	HYPERCALL_DIRECT
#define HYPERCALL(nr, a1, a2, a3, a4, a5)				\
({									\
	if (mc_queued)							\
		mc_flush();						\
	COUNT_HYPERCALL(nr);						\
	HYPERCALL_DIRECT((nr), (a1), (a2), (a3), (a4), (a5));		\
})

#else

extern char hypercall_page[4096];
/* hypercall_page + nr * 32 for each nr (xenif/hypercall_table.S). */
extern const uint32_t hypercall_entries[XEN_NR_HYPERCALLS];

/*
 * The trap itself: no counting, no flush (xenif/multicall.c uses it).  In
 * the ROM the call is indirect through hypercall_entries, so every copy of
 * the image reaches the page at its fixed address; the boot image, an
 * ordinary kernel, calls its own page directly.
 */
#ifdef VMIX_ROM
#define HYPERCALL_INSN	"call *hypercall_entries + %c[off]"
#define HYPERCALL_OFF(nr)	((nr) * 4)
#else
#define HYPERCALL_INSN	"call hypercall_page + %c[off]"
#define HYPERCALL_OFF(nr)	((nr) * 32)
#endif
#define HYPERCALL_DIRECT(nr, a1, a2, a3, a4, a5)			\
({									\
	long __res, __i1, __i2, __i3, __i4, __i5;			\
	asm volatile(HYPERCALL_INSN					\
		     : "=a"(__res), "=b"(__i1), "=c"(__i2), "=d"(__i3),	\
		       "=S"(__i4), "=D"(__i5)				\
		     : [off] "i"(HYPERCALL_OFF(nr)), "1"(HYPERCALL_ARG(a1)), \
		       "2"(HYPERCALL_ARG(a2)), "3"(HYPERCALL_ARG(a3)),	\
		       "4"(HYPERCALL_ARG(a4)), "5"(HYPERCALL_ARG(a5))	\
		     : "memory");					\
	__res;								\
})

#ifdef VMIX_ROM
/*
 * The trap for a number known only at run time (nr < XEN_NR_HYPERCALLS,
 * the caller checks): xenif/multicall.c makes a batch of one entry as
 * that entry's own hypercall.  No counting, no flush.
 */
#define HYPERCALL_DIRECT_VAR(nr, a1, a2, a3, a4, a5)			\
({									\
	long __res, __i1, __i2, __i3, __i4, __i5;			\
	asm volatile("call *hypercall_entries(,%%eax,4)"		\
		     : "=a"(__res), "=b"(__i1), "=c"(__i2), "=d"(__i3),	\
		       "=S"(__i4), "=D"(__i5)				\
		     : "0"(HYPERCALL_ARG(nr)), "1"(HYPERCALL_ARG(a1)),	\
		       "2"(HYPERCALL_ARG(a2)), "3"(HYPERCALL_ARG(a3)),	\
		       "4"(HYPERCALL_ARG(a4)), "5"(HYPERCALL_ARG(a5))	\
		     : "memory");					\
	__res;								\
})

void mc_flush(void);
extern uint32_t mc_queued;

#define HYPERCALL(nr, a1, a2, a3, a4, a5)				\
({									\
	_Static_assert((nr) < XEN_NR_HYPERCALLS, "hypercall number");	\
	if (mc_queued)							\
		mc_flush();						\
	COUNT_HYPERCALL(nr);						\
	HYPERCALL_DIRECT((nr), (a1), (a2), (a3), (a4), (a5));		\
})
#else
#define HYPERCALL	HYPERCALL_DIRECT
#endif

#endif /* VMIX_HOST_TEST */

static inline long hyp_console_write(const char *buf, uint32_t len)
{
	return HYPERCALL(__HYPERVISOR_console_io, CONSOLEIO_write, len, buf,
			 0, 0);
}

#if defined(VMIX_ROM) || defined(VMIX_HOST_TEST)
#define COUNT_SCHEDOP(cmd)	(xen_sched_count[(cmd) % XEN_NR_SCHEDOPS]++)
#else
#define COUNT_SCHEDOP(cmd)	((void)(cmd))
#endif

static inline long hyp_sched_op(int cmd, void *arg)
{
	COUNT_SCHEDOP(cmd);
	return HYPERCALL(__HYPERVISOR_sched_op, cmd, arg, 0, 0, 0);
}

static inline long hyp_callback_op(int cmd, void *arg)
{
	return HYPERCALL(__HYPERVISOR_callback_op, cmd, arg, 0, 0, 0);
}

static inline long hyp_physdev_op(int cmd, void *arg)
{
	return HYPERCALL(__HYPERVISOR_physdev_op, cmd, arg, 0, 0, 0);
}

static inline long hyp_vcpu_op(int cmd, uint32_t vcpu, void *arg)
{
	return HYPERCALL(__HYPERVISOR_vcpu_op, cmd, vcpu, arg, 0, 0);
}

static inline long hyp_event_channel_op(int cmd, void *arg)
{
	return HYPERCALL(__HYPERVISOR_event_channel_op, cmd, arg, 0, 0, 0);
}

static inline long hyp_vm_assist(uint32_t cmd, uint32_t type)
{
	return HYPERCALL(__HYPERVISOR_vm_assist, cmd, type, 0, 0, 0);
}

static inline long hyp_console_read(char *buf, uint32_t len)
{
	return HYPERCALL(__HYPERVISOR_console_io, CONSOLEIO_read, len, buf,
			 0, 0);
}

static inline long hyp_set_trap_table(const void *traps)
{
	return HYPERCALL(__HYPERVISOR_set_trap_table, traps, 0, 0, 0, 0);
}

static inline long hyp_set_gdt(const uint32_t *frames, uint32_t entries)
{
	return HYPERCALL(__HYPERVISOR_set_gdt, frames, entries, 0, 0, 0);
}

static inline long hyp_stack_switch(uint32_t ss, uint32_t esp)
{
	return HYPERCALL(__HYPERVISOR_stack_switch, ss, esp, 0, 0, 0);
}

static inline long hyp_fpu_taskswitch(int set)
{
	return HYPERCALL(__HYPERVISOR_fpu_taskswitch, set, 0, 0, 0, 0);
}

static inline long hyp_set_debugreg(int reg, uint32_t value)
{
	return HYPERCALL(__HYPERVISOR_set_debugreg, reg, value, 0, 0, 0);
}

static inline long hyp_get_debugreg(int reg)
{
	return HYPERCALL(__HYPERVISOR_get_debugreg, reg, 0, 0, 0, 0);
}

/* The 32-bit ABI splits the machine address and the descriptor in two. */
static inline long hyp_update_descriptor(uint64_t maddr, uint64_t desc)
{
	return HYPERCALL(__HYPERVISOR_update_descriptor, (uint32_t)maddr,
			 (uint32_t)(maddr >> 32), (uint32_t)desc,
			 (uint32_t)(desc >> 32), 0);
}

static inline long hyp_mmu_update(struct mmu_update *req, uint32_t count,
				  uint32_t *done, domid_t dom)
{
	return HYPERCALL(__HYPERVISOR_mmu_update, req, count, done, dom, 0);
}

static inline long hyp_mmuext_op(struct mmuext_op *op, uint32_t count,
				 uint32_t *done, domid_t dom)
{
	return HYPERCALL(__HYPERVISOR_mmuext_op, op, count, done, dom, 0);
}

static inline long hyp_update_va_mapping(uint32_t va, uint64_t pte,
					 uint32_t flags)
{
	return HYPERCALL(__HYPERVISOR_update_va_mapping, va, (uint32_t)pte,
			 (uint32_t)(pte >> 32), flags, 0);
}

#endif /* !__ASSEMBLY__ */

#endif /* VMIX_XENIF_HYPERCALL_H */
