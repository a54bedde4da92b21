/*
 * msr.c - MSRs and the counters: WRMSR, RDMSR, RDTSC, RDPMC.
 *
 * The SYSENTER MSRs are the guest's view, kept here: when CS and EIP are
 * set, Xen's sysenter callback is registered so SYSENTER from ring 3 enters
 * the guest at SYSENTER_EIP on SYSENTER_ESP (shim/privilege.S), and
 * VMI_SYSEXIT derives the user selectors from SYSENTER_CS.  Every other MSR
 * is accessed with the instruction itself, which Xen emulates with the PV
 * guest's MSR policy (an MSR Xen does not offer raises #GP at the access).
 * RDTSC and RDPMC run natively where Xen allows it.
 */
#include "shim.h"
#include "hypercall.h"

#define MSR_SYSENTER_CS		0x174
#define MSR_SYSENTER_ESP	0x175
#define MSR_SYSENTER_EIP	0x176

uint32_t sysenter_cs HIDDEN, sysenter_esp HIDDEN, sysenter_eip HIDDEN;
extern char xen_sysenter_callback[] HIDDEN;

static void register_sysenter(void)
{
	struct callback_register cb = {
		.type = CALLBACKTYPE_sysenter,
		.flags = CALLBACKF_mask_events,
		.address = {
			.cs = (sysenter_cs & ~3u) | 1,
			.eip = (unsigned long)xen_sysenter_callback,
		},
	};
	long rc;

	if (!(sysenter_cs & ~3u) || !sysenter_eip)
		return;
	rc = hyp_callback_op(CALLBACKOP_register, &cb);
	if (rc)
		shim_printk("vmi: WRMSR(SYSENTER): Xen refused the sysenter "
			    "callback (cs %04x): Xen error %ld; SYSENTER from "
			    "ring 3 will fault\n", (uint32_t)cb.address.cs, rc);
}

void VMI_ENTRY vmi_WRMSR(uint64_t val, uint32_t reg)
{
	switch (reg) {
	case MSR_SYSENTER_CS:
		sysenter_cs = (uint32_t)val;
		register_sysenter();
		return;
	case MSR_SYSENTER_ESP:
		sysenter_esp = (uint32_t)val;
		return;
	case MSR_SYSENTER_EIP:
		sysenter_eip = (uint32_t)val;
		register_sysenter();
		return;
	}
	asm volatile("wrmsr" : : "c"(reg), "a"((uint32_t)val),
		     "d"((uint32_t)(val >> 32)) : "memory");
}

uint64_t VMI_ENTRY vmi_RDMSR(uint64_t dummy, uint32_t reg)
{
	uint32_t lo, hi;

	(void)dummy;
	switch (reg) {
	case MSR_SYSENTER_CS:
		return sysenter_cs;
	case MSR_SYSENTER_ESP:
		return sysenter_esp;
	case MSR_SYSENTER_EIP:
		return sysenter_eip;
	}
	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(reg));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t VMI_ENTRY vmi_RDTSC(void)
{
	uint32_t lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

uint64_t VMI_ENTRY vmi_RDPMC(uint64_t dummy, uint32_t counter)
{
	uint32_t lo, hi;

	(void)dummy;
	asm volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"(counter));
	return ((uint64_t)hi << 32) | lo;
}

NORETURN void VMI_ENTRY shim_sysexit_unset(void)
{
	shim_crash("vmi: SYSEXIT: SYSENTER_CS is not set (WRMSR 0x174 "
		   "first), so there are no user selectors to return to\n");
}
