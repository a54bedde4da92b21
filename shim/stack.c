/*
 * stack.c - UpdateKernelStack and the #GP the shim injects.
 */
#include "shim.h"
#include "hypercall.h"
#include "shared.h"
#include "xlate.h"

/*
 * The guest has written esp0 into its TSS: tell Xen the ring-1 stack for
 * entries from ring 3 (stack_switch), with the TSS's SS0 at ring 1.
 */
void VMI_ENTRY vmi_UpdateKernelStack(void *tss, uint32_t esp0)
{
	uint32_t ss0 = *(const uint16_t *)((const char *)tss + 8);
	long rc;

	if ((ss0 & ~3u) == 0) {
		asm("movl %%ss, %0" : "=r"(ss0));
		ss0 &= 0xffff;
	}
	if ((ss0 & 3) < KERNEL_RPL)
		ss0 = (ss0 & ~3u) | KERNEL_RPL;
	rc = hyp_stack_switch(ss0, esp0);
	if (rc)
		shim_crash("vmi: UpdateKernelStack(tss=%p, esp0=%08x): "
			   "stack_switch(%04x, %08x) failed: Xen error %ld\n",
			   tss, esp0, ss0, esp0, rc);
}

/* What vmi_inject_gp pushed. */
struct gp_frame {
	uint32_t error, eip, cs, eflags;
};

uint32_t VMI_ENTRY shim_prepare_gp(struct gp_frame *f)
{
	const struct xlate_trap *t = shim_trap(13);
	struct vcpu_info *v = this_vcpu();

	if (!t->address)
		shim_crash("vmi: #GP for the call returning to %08x, but the "
			   "guest has no #GP handler\n", f->eip);
	f->eflags = (f->eflags & ~0x200u) |
		    (v->evtchn_upcall_mask ? 0 : 0x200u);
	if (t->flags & 4)
		v->evtchn_upcall_mask = 1;
	return t->address;
}
