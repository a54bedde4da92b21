// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - the hypercall counters behind xenif/stats.h.
 *
 * Never: count anything but hypercalls and the front end's call entries.
 */
#include "shim/lib/printk.h"
#include "xenif/console.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/stats.h"

uint32_t xen_hypercall_count[XEN_NR_HYPERCALLS];
uint32_t xen_sched_count[XEN_NR_SCHEDOPS];
struct xen_owner_stats xen_owner_stats[XEN_STATS_OWNERS];
uint8_t xen_stats_owner;
const char *(*xen_owner_name)(uint32_t owner);
_Static_assert(sizeof(struct xen_owner_stats) == 16,
	       "shim/call_count.S indexes xen_owner_stats in 16-byte steps");

#define NAME(x)	[__HYPERVISOR_##x] = #x
static const char hypercall_names[XEN_NR_HYPERCALLS][24] = {
	NAME(set_trap_table), NAME(mmu_update), NAME(set_gdt),
	NAME(stack_switch), NAME(set_callbacks), NAME(fpu_taskswitch),
	NAME(sched_op_compat), NAME(platform_op), NAME(set_debugreg),
	NAME(get_debugreg), NAME(update_descriptor), NAME(memory_op),
	NAME(multicall), NAME(update_va_mapping), NAME(set_timer_op),
	NAME(event_channel_op_compat), NAME(xen_version), NAME(console_io),
	NAME(physdev_op_compat), NAME(grant_table_op), NAME(vm_assist),
	NAME(iret), NAME(vcpu_op),
	NAME(set_segment_base), NAME(mmuext_op), NAME(xsm_op),
	NAME(nmi_op), NAME(sched_op), NAME(callback_op), NAME(xenoprof_op),
	NAME(event_channel_op), NAME(physdev_op), NAME(hvm_op),
	NAME(sysctl), NAME(domctl), NAME(kexec_op), NAME(tmem_op),
	NAME(argo_op), NAME(xenpmu_op), NAME(dm_op), NAME(hypfs_op),
};
#undef NAME

#define NAME(x)	[SCHEDOP_##x] = #x
static const char sched_names[XEN_NR_SCHEDOPS][16] = {
	NAME(yield), NAME(block), NAME(shutdown), NAME(poll),
	NAME(remote_shutdown), NAME(shutdown_code), NAME(watchdog),
	NAME(pin_override),
};
#undef NAME

struct line {
	char buf[512];
	uint32_t len;
};

static void add(struct line *l, const char *name, const char *sub,
		uint32_t count)
{
	int n = vmix_snprintf(l->buf + l->len, sizeof(l->buf) - l->len,
			      " %s%s%s=%u", name, sub ? "." : "",
			      sub ? sub : "", count);

	if (n > 0 && l->len + n < sizeof(l->buf))
		l->len += n;
}

static void emit(struct line *l, const char *prefix, uint32_t plen)
{
	console_write(prefix, plen);
	console_write(l->buf, l->len);
	console_write("\n", 1);
	l->len = 0;
}

/* The per-owner lines, "vmi: calls: name=c/h/b/e ...", wrapped. */
static void print_owners(struct line *l)
{
	static const char prefix[] = "vmi: calls:";
	char name[16];
	const char *nm;
	uint32_t i;
	int n;

	l->len = 0;
	for (i = 0; i < XEN_STATS_OWNERS; i++) {
		const struct xen_owner_stats *o = &xen_owner_stats[i];

		if (!o->calls && !o->hypercalls)
			continue;
		nm = i == XEN_OWNER_NONE ? "none" :
		     i == XEN_OWNER_FAULT ? "fault" :
		     i == XEN_OWNER_EVENT ? "event" :
		     xen_owner_name ? xen_owner_name(i) : 0;
		if (!nm || !nm[0]) {
			vmix_snprintf(name, sizeof(name), "#%u", i);
			nm = name;
		}
		if (l->len > sizeof(l->buf) - 80)
			emit(l, prefix, sizeof(prefix) - 1);
		n = vmix_snprintf(l->buf + l->len, sizeof(l->buf) - l->len,
				  " %s=%u/%u/%u/%u", nm, o->calls,
				  o->hypercalls, o->batches, o->entries);
		if (n > 0 && l->len + n < sizeof(l->buf))
			l->len += n;
	}
	if (l->len)
		emit(l, prefix, sizeof(prefix) - 1);
}

void xen_stats_print(void)
{
	static struct line l;
	uint32_t i;

	l.len = 0;
	for (i = 0; i < XEN_NR_HYPERCALLS; i++) {
		if (!xen_hypercall_count[i])
			continue;
		add(&l, hypercall_names[i][0] ? hypercall_names[i] : "nr",
		    hypercall_names[i][0] ? 0 : "?", xen_hypercall_count[i]);
	}
	/* yield and block always: the rig reads them even when zero. */
	for (i = 0; i < XEN_NR_SCHEDOPS; i++)
		if (xen_sched_count[i] || i == SCHEDOP_yield ||
		    i == SCHEDOP_block)
			add(&l, "sched_op", sched_names[i][0] ?
			    sched_names[i] : "?", xen_sched_count[i]);
	add(&l, "multicall", "batches", mc_batches);
	add(&l, "multicall", "entries", mc_entries);
	add(&l, "multicall", "direct", mc_direct);
	/* Longer than one console_printf: written through the line buffer. */
	console_flush();
	emit(&l, "vmi: hypercalls:", 16);
	print_owners(&l);
}
