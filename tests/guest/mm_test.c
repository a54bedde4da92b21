// SPDX-License-Identifier: GPL-2.0
/*
 * mm_test.c - helpers of the page-table cases (mm_test.h).
 */
#include "fault.h"
#include "mm_test.h"
#include "printf.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "user.h"
#include "vmi_cpu.h"

#define MSR_EFER	0xc0000080u
#define EFER_NXE	(1ull << 11)
#define CPUID_EXT_MAX	0x80000000u
#define CPUID_EXT_1	0x80000001u
#define CPUID_NX	(1u << 20)	/* 0x80000001 EDX */
#define CPUID_PGE	(1u << 13)	/* 1 EDX */

struct pf_fix pf_fix;

uint32_t data_page(struct test *t, uint32_t tag)
{
	uint32_t pfn = page_alloc(), i;

	if (!check(t, pfn != 0, "the page pool is empty (%u free)",
		   mm_free_pages()))
		return 0;
	for (i = 0; i < WORDS_PER_PAGE; i++)
		poke((uintptr_t)pfn_va(pfn) + i * 4, tag + i);
	return pfn;
}

unsigned int page_differs(uint32_t pfn, uint32_t tag)
{
	unsigned int i;

	for (i = 0; i < WORDS_PER_PAGE; i++)
		if (page_word(pfn, i) != tag + i)
			return i;
	return WORDS_PER_PAGE;
}

int try_read(uintptr_t va, uint32_t *v)
{
	uint32_t x = 0;
	int faulted;

	fault_expect(VEC_PF);
	asm volatile(FAULT_BEGIN "movl (%1), %0" FAULT_END
		     : "+r" (x) : "r" (va) : "memory");
	faulted = fault_state.taken != 0;
	fault_disarm();
	*v = x;
	return faulted;
}

int try_write(uintptr_t va, uint32_t v)
{
	int faulted;

	fault_expect(VEC_PF);
	asm volatile(FAULT_BEGIN "movl %0, (%1)" FAULT_END
		     : : "r" (v), "r" (va) : "memory");
	faulted = fault_state.taken != 0;
	fault_disarm();
	return faulted;
}

int check_read(struct test *t, const char *what, uintptr_t va, uint32_t want)
{
	uint32_t v;

	if (try_read(va, &v))
		return check(t, 0, "%s: reading 0x%08x raised #PF (error code 0x%x, CR2 0x%08x), expected 0x%08x",
			     what, (uint32_t)va, fault_state.rec.error_code,
			     fault_state.rec.cr2, want);
	return check(t, v == want, "%s: 0x%08x reads 0x%08x, expected 0x%08x",
		     what, (uint32_t)va, v, want);
}

static int check_pf(struct test *t, const char *what, uintptr_t va,
		    uint32_t err, int faulted)
{
	const struct fault_record *r = &fault_state.rec;

	if (!check(t, faulted, "%s: no #PF at 0x%08x", what, (uint32_t)va))
		return 0;
	return check(t, r->error_code == err && r->cr2 == va &&
			r->eip == fault_insn,
		     "%s: #PF error code 0x%x CR2 0x%08x EIP 0x%08x, expected 0x%x, 0x%08x, 0x%08x",
		     what, r->error_code, r->cr2, r->eip, err, (uint32_t)va,
		     (uint32_t)fault_insn);
}

int check_read_pf(struct test *t, const char *what, uintptr_t va,
		  uint32_t err)
{
	uint32_t v;
	int faulted = try_read(va, &v);

	return check_pf(t, what, va, err, faulted);
}

int check_write_pf(struct test *t, const char *what, uintptr_t va,
		   uint32_t err)
{
	int faulted = try_write(va, 0xdeadbeef);

	return check_pf(t, what, va, err, faulted);
}

int check_pte(struct test *t, const char *what, const uint64_t *pte,
	      uint64_t want)
{
	uint64_t v = vmi_get_pxe_long(pte);

	return check(t, pte_noad(v) == pte_noad(want),
		     "%s: GetPxELong(0x%08x) = 0x%llx, expected 0x%llx (A/D aside)",
		     what, (uint32_t)(uintptr_t)pte, v, want);
}

static int pf_hook(struct trap_frame *f)
{
	uint32_t cr2 = vmi_get_cr2();

	if (!pf_fix.fix || pf_fix.calls >= PF_FIX_MAX)
		return 0;
	if (!pf_fix.calls++) {
		pf_fix.cr2 = cr2;
		pf_fix.err = f->error_code;
		pf_fix.eip = f->eip;
		pf_fix.cs = f->cs & 0xffff;
	}
	return pf_fix.fix(cr2, f->error_code);
}

void pf_fix_install(int (*fix)(uint32_t cr2, uint32_t err))
{
	pf_fix.fix = fix;
	pf_fix.calls = 0;
	pf_fix.cr2 = pf_fix.err = pf_fix.eip = pf_fix.cs = 0;
	trap_set_hook(VEC_PF, fix ? pf_hook : 0);
}

uint32_t in_ring3(uint32_t (*fn)(uint32_t), uint32_t arg)
{
	return user_run(fn, arg, 0);
}

uint32_t user_read_word(uint32_t va)
{
	return *(volatile uint32_t *)va;
}

uint32_t user_write_word(uint32_t va)
{
	*(volatile uint32_t *)va = va ^ USER_WRITE_XOR;
	return 0;
}

int cpu_has_nx(void)
{
	uint32_t r[4];

	vmi_cpuid(CPUID_EXT_MAX, 0, r);
	if (r[0] < CPUID_EXT_1)
		return 0;
	vmi_cpuid(CPUID_EXT_1, 0, r);
	return (r[3] & CPUID_NX) != 0;
}

int cpu_has_pge(void)
{
	uint32_t r[4];

	vmi_cpuid(1, 0, r);
	return (r[3] & CPUID_PGE) != 0;
}

int nx_usable(char *why, size_t len)
{
	uint64_t efer;

	if (!cpu_has_nx()) {
		snprintf(why, len, "CPUID 0x80000001 reports no NX");
		return 0;
	}
	efer = vmi_rdmsr(MSR_EFER);
	if (!(efer & EFER_NXE) && rom_state.native) {
		vmi_wrmsr(MSR_EFER, efer | EFER_NXE);
		efer = vmi_rdmsr(MSR_EFER);
	}
	if (!(efer & EFER_NXE)) {
		snprintf(why, len, "EFER 0x%llx: NXE is clear", efer);
		return 0;
	}
	return 1;
}
