/*
 * hypercall.h - Xen hypercalls through the hypercall page.
 *
 * Both the shim and the PV boot image define a page-aligned `hypercall_page`:
 * the boot image's is filled by Xen (ELF note HYPERCALL_PAGE), the shim's is
 * a copy the boot image places in the ROM's state area, so that the shim can
 * reach Xen wherever the guest maps the ROM window.  Each 32-byte entry is
 * position independent ("mov $nr,%eax; int $0x82; ret" for a 32-bit PV guest
 * on 64-bit Xen), so `call hypercall_page + nr*32` is a PC-relative call.
 *
 * 32-bit PV ABI: arguments in EBX, ECX, EDX, ESI, EDI; result in EAX.
 */
#ifndef VMIX_HYPERCALL_H
#define VMIX_HYPERCALL_H

#include <stdint.h>
#include <xen/xen.h>
#include <xen/sched.h>
#include <xen/callback.h>
#include <xen/physdev.h>
#include <xen/vcpu.h>
#include <xen/event_channel.h>
#include <xen/memory.h>

#ifdef VMIX_HOST_TEST
/*
 * Host unit tests link a recorder instead (tests/unit/fake_xen.c): the
 * hypercalls below are plain functions there.
 */
long hyp_console_write(const char *buf, uint32_t len);
long hyp_sched_op(int cmd, void *arg);
long hyp_callback_op(int cmd, void *arg);
long hyp_physdev_op(int cmd, void *arg);
#else

extern char hypercall_page[4096];


#define _hypercall1(nr, a1)						\
({									\
	long __res, __i1;						\
	asm volatile("call hypercall_page + %c[off]"			\
		     : "=a"(__res), "=b"(__i1)				\
		     : [off] "i"((nr) * 32), "1"((long)(a1))		\
		     : "memory");					\
	__res;								\
})

#define _hypercall2(nr, a1, a2)						\
({									\
	long __res, __i1, __i2;						\
	asm volatile("call hypercall_page + %c[off]"			\
		     : "=a"(__res), "=b"(__i1), "=c"(__i2)		\
		     : [off] "i"((nr) * 32), "1"((long)(a1)),		\
		       "2"((long)(a2))					\
		     : "memory");					\
	__res;								\
})

#define _hypercall3(nr, a1, a2, a3)					\
({									\
	long __res, __i1, __i2, __i3;					\
	asm volatile("call hypercall_page + %c[off]"			\
		     : "=a"(__res), "=b"(__i1), "=c"(__i2), "=d"(__i3)	\
		     : [off] "i"((nr) * 32), "1"((long)(a1)),		\
		       "2"((long)(a2)), "3"((long)(a3))			\
		     : "memory");					\
	__res;								\
})

#define _hypercall4(nr, a1, a2, a3, a4)					\
({									\
	long __res, __i1, __i2, __i3, __i4;				\
	asm volatile("call hypercall_page + %c[off]"			\
		     : "=a"(__res), "=b"(__i1), "=c"(__i2), "=d"(__i3),	\
		       "=S"(__i4)					\
		     : [off] "i"((nr) * 32), "1"((long)(a1)),		\
		       "2"((long)(a2)), "3"((long)(a3)), "4"((long)(a4)) \
		     : "memory");					\
	__res;								\
})

static inline long hyp_console_write(const char *buf, uint32_t len)
{
	return _hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, len, buf);
}

static inline long hyp_sched_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_sched_op, cmd, arg);
}

static inline long hyp_callback_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_callback_op, cmd, arg);
}

static inline long hyp_physdev_op(int cmd, void *arg)
{
	return _hypercall2(__HYPERVISOR_physdev_op, cmd, arg);
}

static inline long hyp_set_trap_table(const void *traps)
{
	return _hypercall1(__HYPERVISOR_set_trap_table, traps);
}

static inline long hyp_set_gdt(const uint32_t *frames, uint32_t entries)
{
	return _hypercall2(__HYPERVISOR_set_gdt, frames, entries);
}

static inline long hyp_stack_switch(uint32_t ss, uint32_t esp)
{
	return _hypercall2(__HYPERVISOR_stack_switch, ss, esp);
}

static inline long hyp_fpu_taskswitch(int set)
{
	return _hypercall1(__HYPERVISOR_fpu_taskswitch, set);
}

static inline long hyp_set_debugreg(int reg, uint32_t value)
{
	return _hypercall2(__HYPERVISOR_set_debugreg, reg, value);
}

static inline long hyp_get_debugreg(int reg)
{
	return _hypercall1(__HYPERVISOR_get_debugreg, reg);
}

/* The 32-bit ABI splits the machine address and the descriptor in two. */
static inline long hyp_update_descriptor(uint64_t maddr, uint64_t desc)
{
	return _hypercall4(__HYPERVISOR_update_descriptor, (uint32_t)maddr,
			   (uint32_t)(maddr >> 32), (uint32_t)desc,
			   (uint32_t)(desc >> 32));
}

static inline long hyp_mmu_update(struct mmu_update *req, uint32_t count,
				  uint32_t *done, domid_t dom)
{
	return _hypercall4(__HYPERVISOR_mmu_update, req, count, done, dom);
}

static inline long hyp_mmuext_op(struct mmuext_op *op, uint32_t count,
				 uint32_t *done, domid_t dom)
{
	return _hypercall4(__HYPERVISOR_mmuext_op, op, count, done, dom);
}

static inline long hyp_update_va_mapping(uint32_t va, uint64_t pte,
					 uint32_t flags)
{
	return _hypercall4(__HYPERVISOR_update_va_mapping, va,
			   (uint32_t)pte, (uint32_t)(pte >> 32), flags);
}

#endif /* VMIX_HOST_TEST */

#endif /* VMIX_HYPERCALL_H */
