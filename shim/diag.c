/*
 * diag.c - diagnostics: messages on the console and the domain crash that
 * follows bad input the shim cannot turn into a defined guest-visible result,
 * plus the handler behind every not-implemented or reserved slot.
 */
#include "shim.h"
#include "hypercall.h"

extern const char vmi_call_names[VMI_NR_SLOTS][VMIX_NAME_LEN] HIDDEN;

const char *vmi_call_name(uint32_t nr)
{
	if (nr >= VMI_NR_SLOTS || !vmi_call_names[nr][0])
		return "reserved";
	return vmi_call_names[nr];
}

static void vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	int n;

	n = vmix_vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	console_flush();		/* finish a partial guest line first */
	console_write(buf, n);
	console_flush();
}

void shim_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

NORETURN void shim_crash(const char *fmt, ...)
{
	struct sched_shutdown sd = { .reason = SHUTDOWN_crash };
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	shim_printk("vmi: crashing the domain\n");
	for (;;)
		hyp_sched_op(SCHEDOP_shutdown, &sd);
}

/* Reached from every slot that is not implemented: see shim/slots.S. */
NORETURN void VMI_ENTRY shim_unimplemented(struct unimpl_frame *f)
{
	shim_crash("vmi: call %s (%u) not implemented "
		   "(eax=%08x edx=%08x ecx=%08x, return address %08x)\n",
		   vmi_call_name(f->nr), f->nr, f->eax, f->edx, f->ecx, f->ret);
}

/* Xen callbacks registered by VMI_Init before event delivery exists. */
NORETURN void VMI_ENTRY shim_unexpected_callback(uint32_t kind, uint32_t eip)
{
	shim_crash("vmi: unexpected Xen %s callback (guest EIP %08x); "
		   "event delivery is not implemented yet\n",
		   kind ? "failsafe" : "event", eip);
}
