// SPDX-License-Identifier: GPL-2.0
/*
 * test_abi.c - abi.* cases: the register conventions of Appendix A,
 * checked with abi_probe() against every general register.  The MMU calls
 * (abi.mmu_clobbers) need the guest's own page tables (mm.h).
 */
#include "abi_probe.h"
#include "apic.h"
#include "mm_test.h"
#include "need.h"
#include "pic.h"
#include "test.h"
#include "uart.h"
#include "vmi.h"

#define NOT_EAX		(PROBE_ALL & ~PROBE_EAX)
#define CALLEE_SAVED	(PROBE_EBX | PROBE_ESI | PROBE_EDI | PROBE_EBP)

static void probe(unsigned int nr, const struct probe_regs *in,
		  struct probe_regs *out)
{
	abi_probe(vmi_slot(nr), in, out, 0);
}

/* Interrupt-flag calls: flags only; EAX too unless it is the result. */
TEST_CASE(abi, mask_clobbers)
{
	struct probe_regs in, out;

	probe_fill(&in, 0x35);
	probe(VMI_CALL_EnableInterrupts, &in, &out);
	probe_check_preserved(t, "EnableInterrupts", &in, &out, PROBE_ALL);

	probe_fill(&in, 0x37);
	probe(VMI_CALL_GetInterruptMask, &in, &out);
	probe_check_preserved(t, "GetInterruptMask", &in, &out, NOT_EAX);
	check(t, out.eax == VMI_IF_MASK,
	      "GetInterruptMask after EnableInterrupts: 0x%x, expected 0x%x",
	      out.eax, VMI_IF_MASK);

	probe_fill(&in, 0x38);
	in.eax &= ~VMI_IF_MASK;		/* disables; other bits are noise */
	probe(VMI_CALL_SetInterruptMask, &in, &out);
	probe_check_preserved(t, "SetInterruptMask", &in, &out, PROBE_ALL);

	probe_fill(&in, 0x36);
	probe(VMI_CALL_DisableInterrupts, &in, &out);
	probe_check_preserved(t, "DisableInterrupts", &in, &out, PROBE_ALL);

	vmi_disable_interrupts();
}

/* OUTB/OUTW/OUT: no clobbers at all. */
TEST_CASE(abi, out_clobbers)
{
	struct probe_regs in, out;

	probe_fill(&in, 0x66);
	in.eax = 0x6b6b6ba5;			/* SCR <- 0xa5 */
	in.edx = UART_SCR;
	probe(VMI_CALL_OUTB, &in, &out);
	probe_check_preserved(t, "OUTB", &in, &out, PROBE_ALL);

	probe_fill(&in, 0x67);
	in.eax = 0x6b6b5a00;			/* MSR <- 0 (ignored), SCR <- 0x5a */
	in.edx = UART_MSR;
	probe(VMI_CALL_OUTW, &in, &out);
	probe_check_preserved(t, "OUTW", &in, &out, PROBE_ALL);

	probe_fill(&in, 0x65);
	in.eax = 0x3c000000 | MCR_DTR_RTS_OUT2;	/* MCR unchanged, SCR <- 0x3c */
	in.edx = UART_MCR;
	probe(VMI_CALL_OUT, &in, &out);
	probe_check_preserved(t, "OUT", &in, &out, PROBE_ALL);
}

/* INB/INW/IN: only EAX changes, and it carries the port value. */
TEST_CASE(abi, in_clobbers)
{
	struct probe_regs in, out;

	vmi_outb(0x3c, UART_SCR);

	probe_fill(&in, 0x60);
	in.edx = UART_SCR;
	probe(VMI_CALL_INB, &in, &out);
	probe_check_preserved(t, "INB", &in, &out, NOT_EAX);
	check(t, (out.eax & 0xff) == 0x3c,
	      "INB(SCR) returned 0x%08x, expected low byte 0x3c", out.eax);

	probe_fill(&in, 0x61);
	in.edx = UART_MSR;
	probe(VMI_CALL_INW, &in, &out);
	probe_check_preserved(t, "INW", &in, &out, NOT_EAX);
	check(t, ((out.eax >> 8) & 0xff) == 0x3c,
	      "INW(MSR) returned 0x%08x, expected SCR 0x3c in bits 8-15",
	      out.eax);

	probe_fill(&in, 0x59);
	in.edx = UART_MCR;
	probe(VMI_CALL_IN, &in, &out);
	probe_check_preserved(t, "IN", &in, &out, NOT_EAX);
	check(t, (out.eax >> 24) == 0x3c,
	      "IN(MCR) returned 0x%08x, expected SCR 0x3c in bits 24-31",
	      out.eax);
}

/* CPUID: outputs in EAX..EDX, ESI/EDI/EBP untouched, stable vendor. */
TEST_CASE(abi, cpuid_clobbers)
{
	struct probe_regs in, first, second;

	probe_fill(&in, 0x05);
	in.eax = 0;
	in.ecx = 0;
	probe(VMI_CALL_CPUID, &in, &first);
	probe_check_preserved(t, "CPUID", &in, &first,
			      PROBE_ESI | PROBE_EDI | PROBE_EBP);

	probe_fill(&in, 0x50);
	in.eax = 0;
	in.ecx = 0;
	probe(VMI_CALL_CPUID, &in, &second);
	check(t, first.ebx == second.ebx && first.edx == second.edx &&
		 first.ecx == second.ecx,
	      "CPUID 0 vendor differs: %08x %08x %08x then %08x %08x %08x",
	      first.ebx, first.edx, first.ecx,
	      second.ebx, second.edx, second.ecx);
	check(t, first.eax == second.eax,
	      "CPUID 0 max leaf differs: 0x%x then 0x%x", first.eax,
	      second.eax);
}

/* Standard (regparm) calls keep the C callee-saved registers. */
TEST_CASE(abi, regparm_preserved)
{
	struct probe_regs in, out;

	probe_fill(&in, 0x41);
	probe(VMI_CALL_Pause, &in, &out);
	probe_check_preserved(t, "Pause", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x78);
	probe(VMI_CALL_IODelay, &in, &out);
	probe_check_preserved(t, "IODelay", &in, &out, CALLEE_SAVED);
}

/*
 * The MMU calls are regparm calls: the C callee-saved registers come back
 * unchanged, the results in EAX (EDX:EAX).  Tried on an entry of the
 * kernel test window (the guest's own page tables).
 */
TEST_CASE(abi, mmu_clobbers)
{
	struct probe_regs in, out;
	uint32_t pg, va = MM_KWIN_BASE + 70 * PAGE_SIZE;
	uint64_t *pte, v1, v2, got;

	if (!mm_ready(t))
		return;
	pg = data_page(t, 0xab000000);
	if (!pg)
		return;
	if (!check(t, as_map(&mm_root, va, 0) == 0, "no L1 for the kernel window"))
		goto out;
	pte = as_pte(&mm_root, va, 0);
	v1 = pfn_pa(pg) | PTE_KRW;
	v2 = pfn_pa(pg) | PTE_P;

	probe_fill(&in, 0x48);
	in.eax = (uint32_t)v1;
	in.edx = (uint32_t)(v1 >> 32);
	in.ecx = (uintptr_t)pte;
	probe(VMI_CALL_SetPxELong, &in, &out);
	probe_check_preserved(t, "SetPxELong", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x49);
	in.eax = (uintptr_t)pte;
	probe(VMI_CALL_GetPxELong, &in, &out);
	probe_check_preserved(t, "GetPxELong", &in, &out, CALLEE_SAVED);
	got = ((uint64_t)out.edx << 32) | out.eax;
	check(t, pte_noad(got) == v1, "GetPxELong returned 0x%llx in EDX:EAX, 0x%llx was set", got, v1);

	probe_fill(&in, 0x50);
	in.eax = (uint32_t)v2;
	in.edx = (uint32_t)(v2 >> 32);
	in.ecx = (uintptr_t)pte;
	probe(VMI_CALL_SwapPxELongAtomic, &in, &out);
	probe_check_preserved(t, "SwapPxELongAtomic", &in, &out, CALLEE_SAVED);
	got = ((uint64_t)out.edx << 32) | out.eax;
	check(t, pte_noad(got) == v1, "SwapPxELongAtomic returned 0x%llx in EDX:EAX, expected 0x%llx", got, v1);

	probe_fill(&in, 0x73);
	in.eax = PTE_BIT_RW;
	in.edx = (uintptr_t)pte;
	probe(VMI_CALL_TestAndSetPxELongBit, &in, &out);
	probe_check_preserved(t, "TestAndSetPxELongBit", &in, &out, CALLEE_SAVED);
	check(t, out.eax == 0, "TestAndSetPxELongBit(RW) of a read-only entry returned 0x%x", out.eax);

	probe_fill(&in, 0x74);
	in.eax = PTE_BIT_RW;
	in.edx = (uintptr_t)pte;
	probe(VMI_CALL_TestAndClearPxELongBit, &in, &out);
	probe_check_preserved(t, "TestAndClearPxELongBit", &in, &out, CALLEE_SAVED);
	check(t, out.eax == 1, "TestAndClearPxELongBit(RW) of a writable entry returned 0x%x", out.eax);

	probe_fill(&in, 0x72);
	in.eax = (uintptr_t)pte;
	probe(VMI_CALL_DeactivatePxELongAtomic, &in, &out);
	probe_check_preserved(t, "DeactivatePxELongAtomic", &in, &out, CALLEE_SAVED);
	got = ((uint64_t)out.edx << 32) | out.eax;
	check(t, pte_noad(got) == v2, "DeactivatePxELongAtomic returned 0x%llx in EDX:EAX, expected 0x%llx", got, v2);

	probe_fill(&in, 0x55);
	in.eax = va;
	probe(VMI_CALL_InvalPage, &in, &out);
	probe_check_preserved(t, "InvalPage", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x56);
	in.eax = VMI_FLUSH_TLB;
	probe(VMI_CALL_FlushTLB, &in, &out);
	probe_check_preserved(t, "FlushTLB", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x57);
	in.eax = VMI_FLUSH_PT_UPDATES;
	probe(VMI_CALL_FlushDeferredCalls, &in, &out);
	probe_check_preserved(t, "FlushDeferredCalls", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x26);
	probe(VMI_CALL_GetCR3, &in, &out);
	probe_check_preserved(t, "GetCR3", &in, &out, CALLEE_SAVED);
	check(t, out.eax == as_cr3(&mm_root), "GetCR3 returned 0x%08x, expected 0x%08x", out.eax, as_cr3(&mm_root));

	probe_fill(&in, 0x22);
	in.eax = as_cr3(&mm_root);
	probe(VMI_CALL_SetCR3, &in, &out);
	probe_check_preserved(t, "SetCR3", &in, &out, CALLEE_SAVED);
out:
	as_free_l1(&mm_root, va);
	page_free(pg);
}

/*
 * The interrupt and timer calls: OUTB to a PIC port (the native ROM's
 * checked path) keeps every register, as every OUT call must; the timer
 * and APIC calls are regparm calls that keep the C callee-saved
 * registers, with their results in EAX (EDX:EAX).  SetAlarm, which takes
 * its period on the stack, is left out: the probe passes no stack words.
 */
TEST_CASE(abi, interrupt_clobbers)
{
	struct probe_regs in, out;
	uint64_t hz;

	if (!NEED(t, VMI_CALL_GetCycleFrequency, VMI_CALL_GetCycleCounter,
		  VMI_CALL_GetWallclockTime, VMI_CALL_WallclockUpdated,
		  VMI_CALL_CancelAlarm))
		return;
	probe_fill(&in, 0x21);
	in.eax = 0x6b6b6b00 | PIC_MASK_ALL;	/* OCW1: every IRQ masked */
	in.edx = PIC1_DATA;
	probe(VMI_CALL_OUTB, &in, &out);
	probe_check_preserved(t, "OUTB(PIC IMR)", &in, &out, PROBE_ALL);

	probe_fill(&in, 0x4f);
	probe(VMI_CALL_GetCycleFrequency, &in, &out);
	probe_check_preserved(t, "GetCycleFrequency", &in, &out, CALLEE_SAVED);
	hz = vmi_get_cycle_frequency();
	check(t, (((uint64_t)out.edx << 32) | out.eax) == hz,
	      "GetCycleFrequency returned 0x%08x%08x in EDX:EAX, 0x%llx by the C wrapper",
	      out.edx, out.eax, hz);

	probe_fill(&in, 0x50);
	in.eax = VMI_CYCLES_REAL;
	probe(VMI_CALL_GetCycleCounter, &in, &out);
	probe_check_preserved(t, "GetCycleCounter", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x53);
	probe(VMI_CALL_GetWallclockTime, &in, &out);
	probe_check_preserved(t, "GetWallclockTime", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x54);
	probe(VMI_CALL_WallclockUpdated, &in, &out);
	probe_check_preserved(t, "WallclockUpdated", &in, &out, CALLEE_SAVED);

	probe_fill(&in, 0x52);
	in.eax = VMI_CYCLES_STOLEN;		/* takes no alarm: 0 */
	probe(VMI_CALL_CancelAlarm, &in, &out);
	probe_check_preserved(t, "CancelAlarm", &in, &out, CALLEE_SAVED);
	check(t, out.eax == 0, "CancelAlarm(STOLEN) returned 0x%x", out.eax);

	if (!apic_ready(t))
		return;
	probe_fill(&in, 0x4d);
	in.eax = APIC_VBASE + APIC_VERSION;
	probe(VMI_CALL_APICRead, &in, &out);
	probe_check_preserved(t, "APICRead", &in, &out, CALLEE_SAVED);
	check(t, out.eax == apic_read(APIC_VERSION), "APICRead(version) returned 0x%08x in EAX, 0x%08x by the C wrapper",
	      out.eax, apic_read(APIC_VERSION));

	probe_fill(&in, 0x4c);
	in.eax = APIC_VBASE + APIC_TPR;
	in.edx = 0;
	probe(VMI_CALL_APICWrite, &in, &out);
	probe_check_preserved(t, "APICWrite", &in, &out, CALLEE_SAVED);
}
