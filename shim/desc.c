// SPDX-License-Identifier: GPL-2.0
/*
 * desc.c - the GDT, the LDT and the task register.
 *
 * The guest's tables stay ordinary guest memory: its view, which the Get*
 * calls and the guest's own reads see exactly as written.  Xen is given
 * shadow copies in frames the boot image set aside (boot_block.gdt_mfn and
 * ldt_mfn, two of each, mapped nowhere writable): each descriptor is
 * translated (shim/xlate.c: DPL 0 becomes 1, TSS and LDT descriptors are
 * shadowed as not present) and written with update_descriptor; the GDT
 * shadow is loaded with set_gdt, the LDT shadow (mapped read-only at
 * boot_block.ldt_va) with MMUEXT_SET_LDT.  The task register is only
 * recorded: a PV guest has no TSS of its own on Xen; UpdateKernelStack
 * tells Xen the ring-1 stack.
 *
 * SetGDT and SetLDT build the new table in the shadow that is not live, as
 * one multicall batch whose every entry Xen judges, and switch to it only
 * when Xen accepted all of it: a refused load leaves the old table in force
 * in both views.  Bad input (a table too large for Xen, an entry in Xen's
 * reserved range or beyond the loaded table's limit, a descriptor the shim
 * or Xen refuses) is reported on the console with the call, its arguments
 * and Xen's error code; the call then returns nonzero and its slot injects
 * #GP(0) at the call (shim/slots.S).
 *
 * Never: write the live shadow or the guest's table for a call that is
 * then refused.
 */
#include "shim/lib/printk.h"
#include "shim/segments.h"
#include "shim/shim.h"
#include "events/events.h"
#include "shim/xlate.h"
#include "xenif/hypercall.h"
#include "xenif/multicall.h"
#include "xenif/shared.h"

#define DESC_BUSY	0x200u		/* TSS type: busy */
#define DESC_TYPE_LDT	0x02u
#define DESC_TYPE_TSS	0x09u		/* 32-bit TSS, available */
#define SEL_TI		4u		/* selector names the LDT */
#define SEL_RPL		3u
#define ENTRIES_PER_FRAME	512

/* One descriptor table as Xen sees it: which shadow is live, its extent. */
struct table {
	uint32_t base, limit, entries;
	uint8_t loaded, live;
};

static struct table gdt, ldt;
static uint16_t ldt_sel, tr_sel;

static uint64_t shadow_maddr(const uint32_t *mfns, uint32_t entry)
{
	return ((uint64_t)mfns[entry / ENTRIES_PER_FRAME] << 12) +
	       (entry % ENTRIES_PER_FRAME) * 8;
}

static const uint32_t *guest_desc(uint32_t table, uint32_t entry)
{
	return (const uint32_t *)(uintptr_t)(table + entry * 8);
}

/*
 * The shadow form of one descriptor.  One the shim's translator cannot
 * represent is offered to Xen as it is: Xen is the judge of what it
 * accepts, and its refusal carries Xen's own error code.  *why is the
 * translator's reason (NULL when it translated the descriptor).
 */
static uint64_t shadow_form(uint32_t lo, uint32_t hi, const char **why)
{
	uint64_t desc;

	if (xlate_descriptor(lo, hi, &desc, why) == XLATE_BAD)
		return ((uint64_t)hi << 32) | lo;
	*why = 0;
	return desc;
}

/*
 * Write entries [0, n) of the guest table at base into shadow mfns, one
 * multicall batch.  Returns -1 when Xen refuses an entry (*bad is the first
 * refused entry, *why the translator's reason for it or NULL, *rc Xen's
 * error); the live shadow is not touched either way.
 */
static int build_shadow(const uint32_t *mfns, uint32_t base, uint32_t n,
			const char *call, uint32_t *bad, const char **why,
			long *rc)
{
	struct multicall_entry *e;
	struct mc_failure f;
	uint32_t i;

	mc_start();
	for (i = 0; i < n; i++) {
		const uint32_t *d = guest_desc(base, i);
		uint64_t maddr = shadow_maddr(mfns, i);
		uint64_t desc = shadow_form(d[0], d[1], why);

		e = mc_entry(__HYPERVISOR_update_descriptor, call);
		e->args[0] = (uint32_t)maddr;
		e->args[1] = (uint32_t)(maddr >> 32);
		e->args[2] = (uint32_t)desc;
		e->args[3] = (uint32_t)(desc >> 32);
	}
	if (!mc_issue(&f))
		return 0;
	*bad = f.index;
	*rc = f.rc;
	shadow_form(guest_desc(base, *bad)[0], guest_desc(base, *bad)[1], why);
	return -1;
}

/* "entry 20 (lo hi): <why>[: Xen error <rc>]" for a refused load. */
static void refused(const char *call_args, uint32_t base, uint32_t bad,
		    const char *why, long rc)
{
	const uint32_t *d = guest_desc(base, bad);

	if (why)
		console_printf("vmi: %s: entry %u (%08x %08x): %s: Xen error %ld; injecting #GP\n",
			       call_args, bad, d[0], d[1], why, rc);
	else
		console_printf("vmi: %s: entry %u (%08x %08x): update_descriptor refused it: Xen error %ld; injecting #GP\n",
			       call_args, bad, d[0], d[1], rc);
}

int VMI_ENTRY vmi_SetGDT(const struct vmi_dtr *dtr)
{
	EVENTS_HELD;
	uint32_t base = dtr->base, limit = dtr->limit;
	uint32_t n = (limit + 8) / 8, bad = 0;
	uint8_t spare = !gdt.live;
	char args[40];
	const char *why;
	long rc;

	vmix_snprintf(args, sizeof(args), "SetGDT(base=%08x, limit=%04x)",
		      base, limit);
	if (n > XEN_FIRST_RESERVED_GDT) {
		console_printf("vmi: %s: %u entries reach Xen's reserved GDT entries (from %u); injecting #GP\n",
			       args, n, XEN_FIRST_RESERVED_GDT);
		return -1;
	}
	if (build_shadow(boot_block.gdt_mfn[spare], base, n, "SetGDT", &bad,
			 &why, &rc)) {
		refused(args, base, bad, why, rc);
		return -1;
	}
	rc = hyp_set_gdt(boot_block.gdt_mfn[spare], n);
	if (rc) {
		console_printf("vmi: %s: set_gdt(%u entries) failed: Xen error %ld; injecting #GP\n",
			       args, n, rc);
		return -1;
	}
	gdt.base = base;
	gdt.limit = limit;
	gdt.entries = n;
	gdt.loaded = 1;
	gdt.live = spare;
	reload_segments(0, SEG_ALL);
	return 0;
}

void VMI_ENTRY vmi_GetGDT(struct vmi_dtr *dtr)
{
	EVENTS_HELD;
	dtr->limit = gdt.limit;
	dtr->base = gdt.base;
}

/*
 * Write one entry of a table that may be live: the live shadow through Xen
 * first, the guest's memory only once Xen accepted it.  Returns 0 or -1
 * (diagnostic printed).
 */
static int write_entry(struct table *t, const uint32_t *live_mfns,
		       const char *call, const char *table, uint32_t addr,
		       uint32_t entry, uint32_t lo, uint32_t hi)
{
	uint32_t *d = (uint32_t *)(uintptr_t)(addr + entry * 8);
	int live = t->loaded && addr == t->base;
	const char *why;
	uint64_t desc;
	long rc;

	if (live && entry >= t->entries) {
		console_printf("vmi: %s(%s=%08x, entry=%u, lo=%08x, hi=%08x): entry is beyond the loaded %s's limit (%04x); injecting #GP\n",
			       call, table, addr, entry, lo, hi,
			       table[0] == 'g' ? "GDT" : "LDT", t->limit);
		return -1;
	}
	if (live) {
		desc = shadow_form(lo, hi, &why);
		rc = hyp_update_descriptor(shadow_maddr(live_mfns, entry),
					   desc);
		if (rc) {
			console_printf("vmi: %s(table=%08x, entry=%u, lo=%08x, hi=%08x): %s: Xen error %ld; injecting #GP\n",
				       call, addr, entry, lo, hi,
				       why ? why : "update_descriptor refused it",
				       rc);
			return -1;
		}
	}
	d[0] = lo;
	d[1] = hi;
	if (live)
		reload_segments(t == &ldt, entry);
	return 0;
}

int VMI_ENTRY vmi_WriteGDTEntry(uint32_t addr, uint32_t entry, uint32_t lo,
				uint32_t hi)
{
	EVENTS_HELD;
	if (entry >= XEN_FIRST_RESERVED_GDT) {
		console_printf("vmi: WriteGDTEntry(gdt=%08x, entry=%u, lo=%08x, hi=%08x): entry is in Xen's reserved range (from %u); injecting #GP\n",
			       addr, entry, lo, hi, XEN_FIRST_RESERVED_GDT);
		return -1;
	}
	return write_entry(&gdt, boot_block.gdt_mfn[gdt.live],
			   "WriteGDTEntry", "gdt", addr, entry, lo, hi);
}

/* The guest's GDT entry for a selector, or NULL when it is out of range. */
static uint32_t *gdt_entry_of(uint16_t sel)
{
	if (!gdt.loaded || (sel & SEL_TI) || (sel >> 3) >= gdt.entries)
		return 0;
	return (uint32_t *)(uintptr_t)(gdt.base + (sel >> 3) * 8);
}

int VMI_ENTRY vmi_SetLDT(uint32_t sel)
{
	EVENTS_HELD;
	struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };
	uint32_t *d, base = 0, n = 0, done, bad = 0;
	uint8_t spare = !ldt.live;
	char args[24];
	const char *why;
	long rc;

	sel &= 0xffff;
	vmix_snprintf(args, sizeof(args), "SetLDT(%04x)", sel);
	if (sel & ~SEL_RPL) {
		d = gdt_entry_of(sel);
		if (!d || desc_type(d[1]) != DESC_TYPE_LDT ||
		    !desc_present(d[1])) {
			console_printf("vmi: %s: not a present LDT descriptor in the GDT; injecting #GP\n",
				       args);
			return -1;
		}
		base = desc_base(d[0], d[1]);
		n = (desc_limit(d[0], d[1]) + 8) / 8;
		if (n > LDT_MAX_ENTRIES)
			n = LDT_MAX_ENTRIES;
		if (build_shadow(boot_block.ldt_mfn[spare], base, n, "SetLDT",
				 &bad, &why, &rc)) {
			refused(args, base, bad, why, rc);
			return -1;
		}
		op.arg1.linear_addr = boot_block.ldt_va[spare];
	}
	op.arg2.nr_ents = n;
	rc = hyp_mmuext_op(&op, 1, &done, DOMID_SELF);
	if (rc) {
		console_printf("vmi: %s: MMUEXT_SET_LDT(%08x, %u) failed: Xen error %ld; injecting #GP\n",
			       args, (uint32_t)op.arg1.linear_addr, n, rc);
		return -1;
	}
	ldt_sel = sel;
	ldt.base = base;
	ldt.entries = n;
	ldt.limit = n ? n * 8 - 1 : 0;
	ldt.loaded = n != 0;
	if (n)
		ldt.live = spare;
	reload_segments(0, SEG_ALL);
	reload_segments(1, SEG_ALL);
	return 0;
}

uint32_t VMI_ENTRY vmi_GetLDT(void)
{
	EVENTS_HELD;
	return ldt_sel;
}

int VMI_ENTRY vmi_WriteLDTEntry(uint32_t addr, uint32_t entry, uint32_t lo,
				uint32_t hi)
{
	EVENTS_HELD;
	if (entry >= LDT_MAX_ENTRIES) {
		console_printf("vmi: WriteLDTEntry(ldt=%08x, entry=%u, lo=%08x, hi=%08x): an LDT has at most %u entries; injecting #GP\n",
			       addr, entry, lo, hi, LDT_MAX_ENTRIES);
		return -1;
	}
	return write_entry(&ldt, boot_block.ldt_mfn[ldt.live],
			   "WriteLDTEntry", "ldt", addr, entry, lo, hi);
}

/* LTR: the selector must name an available 32-bit TSS; it becomes busy. */
int VMI_ENTRY vmi_SetTR(uint32_t sel)
{
	EVENTS_HELD;
	uint32_t *d;

	sel &= 0xffff;
	d = gdt_entry_of(sel);
	if (!d || desc_type(d[1]) != DESC_TYPE_TSS || !desc_present(d[1])) {
		console_printf("vmi: SetTR(%04x): not a present available TSS descriptor in the GDT; injecting #GP\n",
			       sel);
		return -1;
	}
	d[1] |= DESC_BUSY;
	tr_sel = sel;
	return 0;
}

uint32_t VMI_ENTRY vmi_GetTR(void)
{
	EVENTS_HELD;
	return tr_sel;
}
