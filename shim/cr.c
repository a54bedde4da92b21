// SPDX-License-Identifier: GPL-2.0
/*
 * cr.c - control and debug registers, cache instructions and the IOPL mask.
 *
 * CR0 and CR4 are the guest's view: what the guest set, minus what Xen
 * cannot honour.  CR0.TS is Xen's lazy-FPU switch (fpu_taskswitch); on Xen
 * the guest's #NM handler still restores the FPU state and calls CLTS.
 * Paging and protection cannot be turned off, and CR4 features a PV guest
 * cannot have are refused: diagnostic, then #GP at the call, as hardware
 * does for unsupported CR4 bits.  CR2 is the fault address Xen saved in
 * vcpu_info.  Debug registers go through set_debugreg/get_debugreg; a debug
 * register that does not exist is refused with #GP, reading and writing
 * alike (the native instruction would #UD: DR4/DR5 with CR4.DE set).
 *
 * Never: let the guest's view say what Xen does not do.
 */
#include "mmu/tlb.h"
#include "shim/shim.h"
#include "events/events.h"
#include "xenif/hypercall.h"
#include "xenif/shared.h"

#define CR0_PE		0x00000001u
#define CR0_MP		0x00000002u
#define CR0_EM		0x00000004u
#define CR0_TS		0x00000008u
#define CR0_ET		0x00000010u
#define CR0_NE		0x00000020u
#define CR0_WP		0x00010000u
#define CR0_AM		0x00040000u
#define CR0_PG		0x80000000u

#define EFLAGS_IOPL	0x00003000u
#define EFLAGS_IOPL_SHIFT	12

#define CR4_DE		0x00000008u
#define CR4_PSE		0x00000010u
#define CR4_PAE		0x00000020u
#define CR4_MCE		0x00000040u
#define CR4_PGE		0x00000080u
#define CR4_PCE		0x00000100u
#define CR4_OSFXSR	0x00000200u
#define CR4_OSXMMEXCPT	0x00000400u

/* CR4 bits whose change Xen can honour for a PV guest (view or action). */
#define CR4_ALLOWED	(CR4_DE | CR4_PAE | CR4_MCE | CR4_PGE | CR4_PCE | \
			 CR4_OSFXSR | CR4_OSXMMEXCPT)

#define CR0_START	(CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_AM | \
			 CR0_PG)
#define CR4_START	(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT)

/* The guest's view; cr_reset() sets the start-of-day values at Init. */
static uint32_t cr0, cr4;
static uint32_t iopl_mask;

void cr_reset(void)
{
	cr0 = CR0_START;
	cr4 = CR4_START;
	iopl_mask = 0;
}

static int fpu_switch(int set, const char *call, uint32_t arg)
{
	long rc = hyp_fpu_taskswitch(set);

	if (rc)
		console_printf("vmi: %s(%08x): fpu_taskswitch(%d) failed: Xen error %ld; injecting #GP\n",
			       call, arg, set, rc);
	return rc ? -1 : 0;
}

int VMI_ENTRY vmi_SetCR0(uint32_t val)
{
	EVENTS_HELD;
	if ((val & (CR0_PE | CR0_PG)) != (CR0_PE | CR0_PG) ||
	    (val & CR0_EM)) {
		console_printf("vmi: SetCR0(%08x): a PV guest keeps protection and paging on and has an FPU (PE, PG set, EM clear); injecting #GP\n",
			       val);
		return -1;
	}
	if (((val ^ cr0) & CR0_TS) &&
	    fpu_switch(!!(val & CR0_TS), "SetCR0", val))
		return -1;
	cr0 = val | CR0_ET;
	return 0;
}

uint32_t VMI_ENTRY vmi_GetCR0(void)
{
	EVENTS_HELD;
	return cr0;
}

void VMI_ENTRY vmi_CLTS(void)
{
	EVENTS_HELD;
	if (fpu_switch(0, "CLTS", 0))
		xen_crash("vmi: CLTS: the FPU cannot be enabled\n");
	cr0 &= ~CR0_TS;
}

void VMI_ENTRY vmi_SetCR2(uint32_t val)
{
	EVENTS_HELD;
	this_vcpu()->arch.cr2 = val;
}

uint32_t VMI_ENTRY vmi_GetCR2(void)
{
	EVENTS_HELD;
	return this_vcpu()->arch.cr2;
}

int VMI_ENTRY vmi_SetCR4(uint32_t val)
{
	EVENTS_HELD;
	uint32_t changed = val ^ cr4;

	if ((changed & ~CR4_ALLOWED) || !(val & CR4_PAE)) {
		console_printf("vmi: SetCR4(%08x): Xen cannot give a PV guest CR4 bits %08x (PAE must stay set); injecting #GP\n",
			       val, (changed & ~CR4_ALLOWED) |
			    (~val & CR4_PAE));
		return -1;
	}
	/* Toggling PGE is how kernels flush global mappings. */
	if ((changed & CR4_PGE) && mmu_flush_tlb_all_local())
		xen_crash("vmi: SetCR4(%08x): TLB flush failed\n", val);
	cr4 = val;
	return 0;
}

uint32_t VMI_ENTRY vmi_GetCR4(void)
{
	EVENTS_HELD;
	return cr4;
}

/* DR4 and DR5 alias DR6 and DR7 while CR4.DE is clear. */
static int debugreg(uint32_t num)
{
	if ((num == 4 || num == 5) && !(cr4 & CR4_DE))
		return num + 2;
	if (num > 7 || num == 4 || num == 5)
		return -1;
	return num;
}

int VMI_ENTRY vmi_SetDR(uint32_t num, uint32_t val)
{
	EVENTS_HELD;
	int reg = debugreg(num);
	long rc;

	if (reg < 0) {
		console_printf("vmi: SetDR(%u, %08x): no such debug register; injecting #GP\n",
			       num, val);
		return -1;
	}
	rc = hyp_set_debugreg(reg, val);
	if (rc) {
		console_printf("vmi: SetDR(%u, %08x): set_debugreg refused it: Xen error %ld; injecting #GP\n",
			       num, val, rc);
		return -1;
	}
	return 0;
}

uint64_t VMI_ENTRY vmi_GetDR(uint32_t num)
{
	EVENTS_HELD;
	int reg = debugreg(num);

	if (reg < 0) {
		console_printf("vmi: GetDR(%u): no such debug register; injecting #GP\n",
			       num);
		return vmi_refused();
	}
	return vmi_value((uint32_t)hyp_get_debugreg(reg));
}

/* INVD would discard dirty cache lines under the host: refused (spec). */
int VMI_ENTRY vmi_INVD(void)
{
	EVENTS_HELD;
	console_printf("vmi: INVD(): invalid in a virtual machine; injecting #GP\n");
	return -1;
}

/* WBINVD: trapped and emulated by Xen as the domain's permissions allow. */
void VMI_ENTRY vmi_WBINVD(void)
{
	EVENTS_HELD;
	asm volatile("wbinvd" : : : "memory");
}

/*
 * SetIOPLMask: the virtual IOPL.  Ring 3 gets port access only at IOPL 3;
 * the kernel (ring 1) keeps the IOPL 1 VMI_Init gave it.
 */
void VMI_ENTRY vmi_SetIOPLMask(uint32_t mask)
{
	EVENTS_HELD;
	struct physdev_set_iopl iopl = {
		.iopl = (mask & EFLAGS_IOPL) >> EFLAGS_IOPL_SHIFT,
	};
	long rc;

	if (iopl.iopl < 1)
		iopl.iopl = 1;
	rc = hyp_physdev_op(PHYSDEVOP_set_iopl, &iopl);
	if (rc)
		xen_crash("vmi: SetIOPLMask(%08x): PHYSDEVOP_set_iopl(%u) failed: Xen error %ld\n",
			  mask, iopl.iopl, rc);
	iopl_mask = mask & EFLAGS_IOPL;
}
