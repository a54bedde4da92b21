/* SPDX-License-Identifier: GPL-2.0 */
/*
 * apic.h - the local APIC: register offsets and bits, and the guest's
 * access to it through VMI APICRead/APICWrite (apic.c).
 *
 * APICRead and APICWrite take a register's linear address.  The guest
 * uses APIC_VBASE + offset, APIC_VBASE being a page-aligned linear
 * address of its choosing (the spec: "The APIC must be mapped at a page
 * boundary in the processor virtual address space").  What lies there
 * depends on the ROM (apic_ready() in apic.c):
 *
 *   - with its native ROM the calls are plain loads and stores, so the
 *     guest maps the physical local APIC (IA32_APIC_BASE, through VMI
 *     RDMSR; normally 0xFEE00000) at APIC_VBASE, uncached (PCD|PWT),
 *     through the VMI MMU calls, enabling it in the MSR first if needed;
 *   - with a platform ROM the APIC is the hypervisor's and the guest maps
 *     nothing there: the vmi-xen shim looks only at the address's low 12
 *     bits, and Xen would refuse a PTE naming the APIC's frame anyway.
 *
 * APIC_VBASE lies in the kernel's slot 3 (so every address space sees
 * it), above the linear map and outside the kernel test window (mm.h),
 * 2 MiB aligned: natively it is one 2 MiB L2 entry of the shared kernel
 * L2, re-made by apic_ready() whenever a case's clean-up removed it.
 *
 * Never: touch the APIC except through APICRead/APICWrite.
 */
#ifndef VMITEST_APIC_H
#define VMITEST_APIC_H

#include <stdint.h>

struct test;

#define APIC_VBASE		0xE1000000u

/* Register offsets (Intel SDM vol. 3, table 11-1). */
#define APIC_ID			0x020
#define APIC_VERSION		0x030
#define APIC_TPR		0x080
#define APIC_APR		0x090
#define APIC_PPR		0x0a0
#define APIC_EOI		0x0b0
#define APIC_LDR		0x0d0
#define APIC_DFR		0x0e0
#define APIC_SVR		0x0f0
#define APIC_ISR		0x100	/* 8 registers, 0x10 apart */
#define APIC_TMR		0x180
#define APIC_IRR		0x200
#define APIC_ESR		0x280
#define APIC_ICR_LOW		0x300
#define APIC_ICR_HIGH		0x310
#define APIC_LVTT		0x320
#define APIC_LVT_THERMAL	0x330
#define APIC_LVT_PERF		0x340
#define APIC_LVT_LINT0		0x350
#define APIC_LVT_LINT1		0x360
#define APIC_LVT_ERROR		0x370
#define APIC_TMICT		0x380	/* timer initial count */
#define APIC_TMCCT		0x390	/* timer current count */
#define APIC_TDCR		0x3e0	/* timer divide configuration */
#define APIC_REG_STEP		0x10
#define APIC_VECTOR_REGS	8	/* ISR, TMR, IRR: 256 bits each */
#define APIC_PAGE_MASK		0xfffu

/* Register fields. */
#define APIC_ID_SHIFT		24
#define APIC_VERSION_MASK	0xff
#define APIC_MAXLVT_SHIFT	16
#define APIC_MAXLVT_MASK	0xff
#define APIC_SVR_ENABLE		0x100
#define APIC_LVT_VECTOR_MASK	0xff
#define APIC_LVT_MASKED		0x10000
#define APIC_LVTT_ONESHOT	0x00000
#define APIC_LVTT_PERIODIC	0x20000
#define APIC_LVTT_MODE_MASK	0x60000
#define APIC_ICR_FIXED		0x00000
#define APIC_ICR_ASSERT		0x04000
#define APIC_ICR_BUSY		0x01000	/* delivery status: send pending */
#define APIC_ICR_SELF		0x40000	/* destination shorthand: self */
#define APIC_TDCR_DIV_1		0xb
#define APIC_TDCR_DIV_16	0x3
#define APIC_COUNT_MAX		0xffffffffu	/* TMICT's largest count */
#define APIC_TPR_CLASS_MASK	0xf0

/* IA32_APIC_BASE. */
#define MSR_IA32_APIC_BASE	0x1b
#define APIC_BASE_ENABLE	0x800
#define APIC_BASE_ADDR_MASK	0xfffff000u	/* the low 32 bits of it */

/* Vectors the guest uses (irq_entry.S). */
#define VEC_LOCAL_TIMER		0xef	/* Linux's LOCAL_TIMER_VECTOR */
#define VEC_SELF_IPI		0xf0
#define VEC_APIC_ERROR		0xfe
#define VEC_APIC_SPURIOUS	0xff

/* SVR: software enabled, spurious vector 0xFF. */
#define APIC_SVR_GUEST		(APIC_SVR_ENABLE | VEC_APIC_SPURIOUS)

/* The register and bit of a vector in ISR/TMR/IRR. */
static inline uint32_t apic_vector_reg(uint32_t base, unsigned int vector)
{
	return base + (vector / 32) * APIC_REG_STEP;
}

static inline uint32_t apic_vector_bit(unsigned int vector)
{
	return 1u << (vector % 32);
}

/*
 * NEED(APICRead, APICWrite) and, natively, the APIC mapped at APIC_VBASE
 * (the guest's own page tables first); 1 if APIC_VBASE can be used, else
 * the case has failed with the reason.
 */
int apic_ready(struct test *t);

uint32_t apic_read(uint32_t reg);
void apic_write(uint32_t reg, uint32_t value);

/* SVR = 0x1FF (software enable, spurious vector 0xFF). */
void apic_enable(void);

/* APICWrite(EOI, 0). */
void apic_eoi(void);

/* 1 if the vector's ISR (IRR) bit is set. */
int apic_in_service(unsigned int vector);
int apic_pending(unsigned int vector);

/* The timer stopped (TMICT 0), LVTT masked, TPR 0; nothing else. */
void apic_quiesce(void);

/* 1 once apic_ready() succeeded in this run. */
int apic_used(void);

#endif /* VMITEST_APIC_H */
