// SPDX-License-Identifier: GPL-2.0
/*
 * test_desc.c - desc.* cases: the descriptor table registers read back
 * what was loaded, a rewritten GDT entry takes effect when loaded (and a
 * live segment whose descriptor disappears is NULLed, as the spec's
 * Segmentation section requires of a hypervisor, also when the
 * descriptor would still pass VERR), and an LDT segment works from ring 3.
 */
#include "cpu.h"
#include "desc.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "user.h"
#include "vmi_cpu.h"

#define SPARE_BASE	0x1000u

static volatile uint32_t probe_word = 0x5eed1234;
static uint32_t ldt_block[4] = { 0x1dc0de00, 0x1dc0de01, 0x1dc0de02,
				 0x1dc0de03 };

TEST_CASE(desc, gdt_roundtrip)
{
	struct vmi_dtr d = { 0, 0 };

	if (!NEED(t, VMI_CALL_GetGDT))
		return;
	vmi_get_gdt(&d);
	check(t, d.base == (uintptr_t)gdt && d.limit == GDT_ENTRIES * 8 - 1,
	      "GetGDT: base 0x%08x limit 0x%x, expected 0x%08x limit 0x%x",
	      d.base, d.limit, (unsigned int)(uintptr_t)gdt,
	      GDT_ENTRIES * 8 - 1);
}

TEST_CASE(desc, idt_roundtrip)
{
	struct vmi_dtr d = { 0, 0 };

	if (!NEED(t, VMI_CALL_GetIDT))
		return;
	vmi_get_idt(&d);
	check(t, d.base == (uintptr_t)idt && d.limit == IDT_ENTRIES * 8 - 1,
	      "GetIDT: base 0x%08x limit 0x%x, expected 0x%08x limit 0x%x",
	      d.base, d.limit, (unsigned int)(uintptr_t)idt,
	      IDT_ENTRIES * 8 - 1);
}

TEST_CASE(desc, ldt_tr_roundtrip)
{
	uint16_t sel;

	if (!NEED(t, VMI_CALL_GetLDT, VMI_CALL_GetTR))
		return;
	sel = vmi_get_ldt();
	check(t, sel == LDT_SEL, "GetLDT: 0x%04x, expected 0x%04x", sel,
	      LDT_SEL);
	sel = vmi_get_tr();
	check(t, sel == TSS_SEL, "GetTR: 0x%04x, expected 0x%04x", sel,
	      TSS_SEL);
}

/* Read the word at offset off through FS. */
static uint32_t fs_read(uintptr_t off)
{
	uint32_t v;

	asm volatile("movl %%fs:(%1), %0" : "=r" (v) : "r" (off) : "memory");
	return v;
}

TEST_CASE(desc, gdt_rewrite_load)
{
	struct desc_words d = desc_seg(SPARE_BASE, 0xfffff, DESC_P | DESC_S |
				       DESC_DPL(0) | DESC_DATA_RW,
				       DESC_G | DESC_D);
	uintptr_t off = (uintptr_t)&probe_word - SPARE_BASE;
	uint32_t via_fs, flat;
	uint16_t fs;

	if (!NEED(t, VMI_CALL_WriteGDTEntry))
		return;
	vmi_write_gdt_entry(gdt, GDT_SPARE, d.lo, d.hi);
	write_fs(SEL(GDT_SPARE));
	via_fs = fs_read(off);
	flat = probe_word;
	check(t, via_fs == flat,
	      "FS (base 0x%x) offset 0x%08x read 0x%08x, flat read at 0x%08x 0x%08x", SPARE_BASE, (unsigned int)off, via_fs,
	      (unsigned int)(uintptr_t)&probe_word, flat);

	/* Not present while FS holds it: a hypervisor NULLs FS. */
	d.hi &= ~((uint32_t)DESC_P << 8);
	vmi_write_gdt_entry(gdt, GDT_SPARE, d.lo, d.hi);
	fs = read_fs();
	write_fs(KERNEL_DS);		/* natively FS still caches entry 7 */
	vmi_write_gdt_entry(gdt, GDT_SPARE, 0, 0);
	if (!rom_state.native)
		check(t, fs == 0, "FS 0x%04x after its descriptor became not present, expected 0 (NULLed)",
		      fs);
}

/* Read the word at offset off through GS. */
static uint32_t gs_read(uintptr_t off)
{
	uint32_t v;

	asm volatile("movl %%gs:(%1), %0" : "=r" (v) : "r" (off) : "memory");
	return v;
}

/*
 * FS and GS live on a GDT entry that WriteGDTEntry makes not present.  The
 * descriptor is DPL 3 data, so it stays "readable" (VERR ignores the
 * present bit) from whatever ring the kernel runs in: only a hypervisor
 * that looks at P itself gets this right.  On a hypervisor both registers
 * become NULL without any fault (spec, Segmentation); natively they keep
 * the cached descriptor and still read through it.
 */
TEST_CASE(desc, np_under_fs_gs)
{
	struct desc_words d = desc_seg(SPARE_BASE, 0xfffff, DESC_P | DESC_S |
				       DESC_DPL(3) | DESC_DATA_RW,
				       DESC_G | DESC_D);
	uintptr_t off = (uintptr_t)&probe_word - SPARE_BASE;
	uint16_t sel = (uint16_t)(SEL(GDT_SPARE) | kernel_rpl);
	uint16_t fs, gs, ds, es;
	uint32_t via_fs, via_gs;

	if (!NEED(t, VMI_CALL_WriteGDTEntry))
		return;
	vmi_write_gdt_entry(gdt, GDT_SPARE, d.lo, d.hi);
	write_fs(sel);
	write_gs(sel);
	via_fs = fs_read(off);
	via_gs = gs_read(off);
	check(t, via_fs == probe_word && via_gs == probe_word,
	      "through selector 0x%04x (base 0x%x): FS read 0x%08x, GS read 0x%08x, expected 0x%08x", sel, SPARE_BASE, via_fs, via_gs,
	      probe_word);

	/* An unexpected fault (#NP, #GP) here fails the case. */
	d.hi &= ~((uint32_t)DESC_P << 8);
	vmi_write_gdt_entry(gdt, GDT_SPARE, d.lo, d.hi);
	fs = read_fs();
	gs = read_gs();
	ds = read_ds();
	es = read_es();
	if (rom_state.native) {
		via_fs = fs_read(off);
		via_gs = gs_read(off);
	}
	write_fs(KERNEL_DS);
	write_gs(KERNEL_DS);
	vmi_write_gdt_entry(gdt, GDT_SPARE, 0, 0);

	if (rom_state.native) {
		check(t, fs == sel && gs == sel, "native: FS 0x%04x GS 0x%04x after the descriptor became not present, expected 0x%04x (cached)",
		      fs, gs, sel);
		check(t, via_fs == probe_word && via_gs == probe_word,
		      "native: FS read 0x%08x, GS read 0x%08x through the cached descriptor, expected 0x%08x", via_fs, via_gs,
		      probe_word);
	} else {
		check(t, fs == 0 && gs == 0, "FS 0x%04x GS 0x%04x after their descriptor became not present, expected 0 (NULLed)",
		      fs, gs);
	}
	check(t, ds == KERNEL_DS && es == KERNEL_DS, "DS 0x%04x ES 0x%04x changed by rewriting entry %u (expected 0x%04x)",
	      ds, es,
	      GDT_SPARE, KERNEL_DS);
}

/* Ring 3: read the word at offset 8 through LDT selector sel. */
static uint32_t user_ldt_read(uint32_t sel)
{
	uint32_t v;

	write_fs((uint16_t)sel);
	v = fs_read(8);
	write_fs(0);
	return v;
}

TEST_CASE(desc, ldt_user_data)
{
	struct desc_words d = desc_seg((uintptr_t)ldt_block,
				       sizeof(ldt_block) - 1,
				       DESC_P | DESC_S | DESC_DPL(3) |
				       DESC_DATA_RW, DESC_D);
	uint32_t v;

	if (!NEED(t, VMI_CALL_WriteLDTEntry, VMI_CALL_IRET))
		return;
	vmi_write_ldt_entry(ldt, 1, d.lo, d.hi);
	v = user_run(user_ldt_read, LDT_SELECTOR(1, 3), 0);
	vmi_write_ldt_entry(ldt, 1, 0, 0);
	check(t, v == ldt_block[2], "ring 3 read 0x%08x through LDT selector 0x%04x (base 0x%08x), expected 0x%08x",
	      v,
	      LDT_SELECTOR(1, 3), (unsigned int)(uintptr_t)ldt_block,
	      ldt_block[2]);
}
