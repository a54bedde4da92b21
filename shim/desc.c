/*
 * desc.c - the GDT, the LDT and the task register.
 *
 * The guest's tables stay ordinary guest memory: its view, which the Get*
 * calls and the guest's own reads see exactly as written.  Xen is given
 * shadow copies in frames the boot image set aside (boot_block.gdt_mfn and
 * ldt_mfn, mapped nowhere writable): each descriptor is translated
 * (shim/xlate.c: DPL 0 becomes 1, TSS and LDT descriptors are shadowed as
 * not present) and written with update_descriptor; the GDT shadow is loaded
 * with set_gdt, the LDT shadow (mapped read-only at boot_block.ldt_va) with
 * MMUEXT_SET_LDT.  The task register is only recorded: a PV guest has no
 * TSS of its own on Xen; UpdateKernelStack tells Xen the ring-1 stack.
 *
 * Bad input (a table too large for Xen, an entry in Xen's reserved range, a
 * descriptor Xen refuses) is reported on the console with the call, its
 * arguments and Xen's error code; the call then returns nonzero and its
 * entry stub injects #GP(0) at the call (shim/privilege.S).  Nothing is
 * written in that case: the guest's view and Xen's stay the same.
 */
#include "shim.h"
#include "hypercall.h"
#include "segments.h"
#include "xlate.h"

static uint32_t gdt_base, gdt_limit, gdt_entries;
static uint8_t gdt_loaded;
static uint16_t ldt_sel, tr_sel;
static uint32_t ldt_base, ldt_entries;

#define DESC_BUSY	0x200u

static uint64_t shadow_maddr(const uint32_t *mfns, uint32_t entry)
{
	return ((uint64_t)mfns[entry / 512] << 12) + (entry % 512) * 8;
}

static const uint32_t *guest_desc(uint32_t table, uint32_t entry)
{
	return (const uint32_t *)(uintptr_t)(table + entry * 8);
}

/*
 * Translate and write one descriptor into a shadow; 0 on success.  `call`
 * and the arguments only serve the diagnostic.
 */
static int shadow_write(const uint32_t *mfns, uint32_t entry, uint32_t lo,
			uint32_t hi, const char *call, uint32_t table)
{
	const char *why;
	uint64_t desc;
	long rc;

	if (xlate_descriptor(lo, hi, &desc, &why) == XLATE_BAD) {
		/*
		 * Xen is the judge of what it accepts: offer it the descriptor
		 * as it is, so the diagnostic carries Xen's own answer.
		 */
		rc = hyp_update_descriptor(shadow_maddr(mfns, entry),
					   ((uint64_t)hi << 32) | lo);
		if (rc == 0)
			return 0;
		shim_printk("vmi: %s(table=%08x, entry=%u, lo=%08x, hi=%08x): "
			    "%s: Xen error %ld; injecting #GP\n", call, table,
			    entry, lo, hi, why, rc);
		return -1;
	}
	rc = hyp_update_descriptor(shadow_maddr(mfns, entry), desc);
	if (rc) {
		shim_printk("vmi: %s(table=%08x, entry=%u, lo=%08x, hi=%08x): "
			    "update_descriptor refused it: Xen error %ld; "
			    "injecting #GP\n", call, table, entry, lo, hi, rc);
		return -1;
	}
	return 0;
}

int VMI_ENTRY do_SetGDT(const struct vmi_dtr *dtr)
{
	uint32_t base = dtr->base, limit = dtr->limit;
	uint32_t n = (limit + 8) / 8, i;
	const char *why;
	uint64_t desc;
	long rc;

	if (n > XEN_FIRST_RESERVED_GDT) {
		shim_printk("vmi: SetGDT(base=%08x, limit=%04x): %u entries "
			    "reach Xen's reserved GDT entries (from %u); "
			    "injecting #GP\n", base, limit, n,
			    XEN_FIRST_RESERVED_GDT);
		return -1;
	}
	/* Check everything before the live shadow changes. */
	for (i = 0; i < n; i++) {
		const uint32_t *d = guest_desc(base, i);

		if (xlate_descriptor(d[0], d[1], &desc, &why) == XLATE_BAD) {
			shim_printk("vmi: SetGDT(base=%08x, limit=%04x): entry "
				    "%u (%08x %08x): %s; injecting #GP\n",
				    base, limit, i, d[0], d[1], why);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		const uint32_t *d = guest_desc(base, i);

		if (shadow_write(boot_block.gdt_mfn, i, d[0], d[1], "SetGDT",
				 base))
			return -1;
	}
	rc = hyp_set_gdt(boot_block.gdt_mfn, n);
	if (rc) {
		shim_printk("vmi: SetGDT(base=%08x, limit=%04x): set_gdt(%u "
			    "entries) failed: Xen error %ld; injecting #GP\n",
			    base, limit, n, rc);
		return -1;
	}
	gdt_base = base;
	gdt_limit = limit;
	gdt_entries = n;
	gdt_loaded = 1;
	reload_segments(0, SEG_ALL);
	return 0;
}

void VMI_ENTRY vmi_GetGDT(struct vmi_dtr *dtr)
{
	dtr->limit = gdt_limit;
	dtr->base = gdt_base;
}

static int gdt_live(uint32_t table, uint32_t entry)
{
	return gdt_loaded && table == gdt_base && entry < gdt_entries;
}

int VMI_ENTRY do_WriteGDTEntry(uint32_t gdt, uint32_t entry, uint32_t lo,
			       uint32_t hi)
{
	uint32_t *d = (uint32_t *)(uintptr_t)(gdt + entry * 8);

	if (entry >= XEN_FIRST_RESERVED_GDT) {
		shim_printk("vmi: WriteGDTEntry(gdt=%08x, entry=%u, lo=%08x, "
			    "hi=%08x): entry is in Xen's reserved range (from "
			    "%u); injecting #GP\n", gdt, entry, lo, hi,
			    XEN_FIRST_RESERVED_GDT);
		return -1;
	}
	if (gdt_live(gdt, entry) &&
	    shadow_write(boot_block.gdt_mfn, entry, lo, hi, "WriteGDTEntry",
			 gdt))
		return -1;
	d[0] = lo;
	d[1] = hi;
	if (gdt_live(gdt, entry))
		reload_segments(0, entry);
	return 0;
}

/* The guest's GDT entry for a selector, or NULL when it is out of range. */
static uint32_t *gdt_entry_of(uint16_t sel)
{
	if (!gdt_loaded || (sel & 4) || (sel >> 3) >= gdt_entries)
		return 0;
	return (uint32_t *)(uintptr_t)(gdt_base + (sel >> 3) * 8);
}

int VMI_ENTRY do_SetLDT(uint32_t sel)
{
	struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };
	uint32_t *d, base, n, i, done;
	long rc;

	sel &= 0xffff;
	if ((sel & ~3) == 0) {
		n = 0;
		base = 0;
	} else {
		d = gdt_entry_of(sel);
		if (!d || desc_type(d[1]) != 0x02 || !desc_present(d[1])) {
			shim_printk("vmi: SetLDT(%04x): not a present LDT "
				    "descriptor in the GDT; injecting #GP\n",
				    sel);
			return -1;
		}
		base = desc_base(d[0], d[1]);
		n = (desc_limit(d[0], d[1]) + 8) / 8;
		if (n > LDT_MAX_ENTRIES)
			n = LDT_MAX_ENTRIES;
		for (i = 0; i < n; i++) {
			const uint32_t *e = guest_desc(base, i);

			if (shadow_write(boot_block.ldt_mfn, i, e[0], e[1],
					 "SetLDT", base))
				return -1;
		}
		op.arg1.linear_addr = boot_block.ldt_va;
	}
	op.arg2.nr_ents = n;
	rc = hyp_mmuext_op(&op, 1, &done, DOMID_SELF);
	if (rc) {
		shim_printk("vmi: SetLDT(%04x): MMUEXT_SET_LDT(%08x, %u) "
			    "failed: Xen error %ld; injecting #GP\n", sel,
			    boot_block.ldt_va, n, rc);
		return -1;
	}
	ldt_sel = sel;
	ldt_base = base;
	ldt_entries = n;
	reload_segments(0, SEG_ALL);
	reload_segments(1, SEG_ALL);
	return 0;
}

uint32_t VMI_ENTRY vmi_GetLDT(void)
{
	return ldt_sel;
}

int VMI_ENTRY do_WriteLDTEntry(uint32_t ldt, uint32_t entry, uint32_t lo,
			       uint32_t hi)
{
	uint32_t *d = (uint32_t *)(uintptr_t)(ldt + entry * 8);
	int live = ldt_sel && ldt == ldt_base && entry < ldt_entries;

	if (entry >= LDT_MAX_ENTRIES) {
		shim_printk("vmi: WriteLDTEntry(ldt=%08x, entry=%u, lo=%08x, "
			    "hi=%08x): an LDT has at most %u entries; "
			    "injecting #GP\n", ldt, entry, lo, hi,
			    LDT_MAX_ENTRIES);
		return -1;
	}
	if (live && shadow_write(boot_block.ldt_mfn, entry, lo, hi,
				 "WriteLDTEntry", ldt))
		return -1;
	d[0] = lo;
	d[1] = hi;
	if (live)
		reload_segments(1, entry);
	return 0;
}

/* LTR: the selector must name an available 32-bit TSS; it becomes busy. */
int VMI_ENTRY do_SetTR(uint32_t sel)
{
	uint32_t *d;

	sel &= 0xffff;
	d = gdt_entry_of(sel);
	if (!d || desc_type(d[1]) != 0x09 || !desc_present(d[1])) {
		shim_printk("vmi: SetTR(%04x): not a present available TSS "
			    "descriptor in the GDT; injecting #GP\n", sel);
		return -1;
	}
	d[1] |= DESC_BUSY;
	tr_sel = sel;
	return 0;
}

uint32_t VMI_ENTRY vmi_GetTR(void)
{
	return tr_sel;
}
