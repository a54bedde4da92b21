// SPDX-License-Identifier: GPL-2.0
/*
 * apic.c - the local APIC through VMI APICRead/APICWrite at APIC_VBASE
 * (see apic.h for what is mapped there and why).
 *
 * Never: map anything at APIC_VBASE under a platform ROM.
 */
#include "apic.h"
#include "mm.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "vmi_mmu.h"

#define APIC_PAGE_2M		0x00200000u
/* Natively: one 2 MiB page, supervisor, writable, uncached. */
#define APIC_PDE_FLAGS		(PTE_P | PTE_RW | PTE_PWT | PTE_PCD | PTE_PS)
#define IRQ_VECTORS_MAX_NESTED	16	/* ISR bits a case can leave */

static int used;
static uint32_t native_pa;		/* the APIC's frame, once mapped */

int apic_used(void)
{
	return used;
}

/* The 2 MiB L2 entry at APIC_VBASE naming the APIC, made if missing. */
static void map_entry(uint32_t pa)
{
	uint64_t want = pa | APIC_PDE_FLAGS, *l2e;

	l2e = as_l2e(&mm_root, APIC_VBASE);
	if ((vmi_get_pxe_long(l2e) & ~PTE_AD) != want) {
		vmi_set_pxe_long(l2e, want);
		vmi_inval_page(APIC_VBASE);
	}
}

static int map_native(struct test *t)
{
	uint64_t base;
	uint32_t pa;

	if (!NEED(t, VMI_CALL_RDMSR, VMI_CALL_WRMSR) || !mm_ready(t))
		return 0;
	base = vmi_rdmsr(MSR_IA32_APIC_BASE);
	if (!(base & APIC_BASE_ENABLE)) {
		vmi_wrmsr(MSR_IA32_APIC_BASE, base | APIC_BASE_ENABLE);
		base = vmi_rdmsr(MSR_IA32_APIC_BASE);
	}
	if (!check(t, base & APIC_BASE_ENABLE, "IA32_APIC_BASE 0x%llx: the APIC stays disabled",
		   base))
		return 0;
	pa = (uint32_t)base & APIC_BASE_ADDR_MASK;
	if (!check(t, !(pa & (APIC_PAGE_2M - 1)), "IA32_APIC_BASE 0x%llx: the APIC is not at a 2 MiB boundary, which APIC_VBASE's one large page needs",
		   base))
		return 0;
	map_entry(pa);
	native_pa = pa;
	return 1;
}

int apic_ready(struct test *t)
{
	if (!NEED(t, VMI_CALL_APICRead, VMI_CALL_APICWrite))
		return 0;
	if (rom_state.native && !map_native(t))
		return 0;
	used = 1;
	return 1;
}

uint32_t apic_read(uint32_t reg)
{
	return vmi_apic_read(APIC_VBASE + reg);
}

void apic_write(uint32_t reg, uint32_t value)
{
	vmi_apic_write(APIC_VBASE + reg, value);
}

void apic_enable(void)
{
	apic_write(APIC_SVR, APIC_SVR_GUEST);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

int apic_in_service(unsigned int vector)
{
	return !!(apic_read(apic_vector_reg(APIC_ISR, vector)) &
		  apic_vector_bit(vector));
}

int apic_pending(unsigned int vector)
{
	return !!(apic_read(apic_vector_reg(APIC_IRR, vector)) &
		  apic_vector_bit(vector));
}

/* EOI until nothing is in service (a case may have left a vector). */
static void eoi_all(void)
{
	unsigned int i, n;

	for (n = 0; n < IRQ_VECTORS_MAX_NESTED; n++) {
		for (i = 0; i < APIC_VECTOR_REGS; i++)
			if (apic_read(APIC_ISR + i * APIC_REG_STEP))
				break;
		if (i == APIC_VECTOR_REGS)
			return;
		apic_eoi();
	}
}

void apic_quiesce(void)
{
	if (rom_state.native && native_pa)
		map_entry(native_pa);	/* mm_recover may have dropped it */
	eoi_all();
	apic_write(APIC_TMICT, 0);
	apic_write(APIC_LVTT, APIC_LVT_MASKED | VEC_LOCAL_TIMER);
	apic_write(APIC_TPR, 0);
}
