// SPDX-License-Identifier: GPL-2.0
/*
 * test_bad.c - bad.* cases: bad input to a VMI call.  The defined outcome
 * (vmi-xen shim and native ROM alike) is #GP(0) injected at the call: the
 * #GP handler sees a same-privilege frame whose EIP is the call's return
 * address, and nothing changed.  Where Xen and bare hardware legitimately
 * differ (a 64-bit code descriptor, INVD, tables the hardware only checks
 * when a selector is loaded) the case asserts the outcome for the ROM in
 * use.  The shim's console diagnostic for each case is in
 * tests/rig/diagnostics.py.
 */
#include "cpu.h"
#include "desc.h"
#include "fault.h"
#include "kstring.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

#define XEN_FIRST_RESERVED_GDT_ENTRY	7168
#define XEN_CS				0xe008	/* Xen's own code selector */
#define GDT_GATE		20	/* call gate entry of a refused GDT */
#define GDT_NEW_LDT		8	/* descriptor of a refused LDT */
#define SHORT_IDT_ENTRIES	32	/* the exceptions, and #GP's gate */
#define BEYOND_IDT_VECTOR	0x40
#define NEW_IDT_XEN_VECTOR	0x40	/* refused IDT: gate with CS 0xe008 */
#define NEW_IDT_TASK_VECTOR	0x41	/* refused IDT: task gate */

/* A page for tables that are not loaded (copies, candidates). */
static uint64_t other_table[PAGE_SIZE / 8] __attribute__((aligned(PAGE_SIZE)));

static volatile uint32_t probe_word = 0x0bad5eed;
static volatile uint32_t old_ldt_word = 0x01d1d7ad;
static volatile uint32_t new_ldt_word = 0x0e1d7ad0;

/* Make call nr (regparm args and one stack word), expecting #GP. */
static void call_expecting_gp(unsigned int nr, uint32_t eax, uint32_t edx,
			      uint32_t ecx, uint32_t arg4)
{
	vmi_call_expecting(VEC_GP, nr, eax, edx, ecx, arg4);
}

/* #GP(0) arrived at the call's return address, in the kernel's ring. */
static void check_gp(struct test *t, const char *what)
{
	check_gp_at_call(t, what);
}

/* Read the word at offset off through selector sel (in FS). */
static uint32_t read_via(uint16_t sel, uintptr_t off)
{
	uint32_t v;

	write_fs(sel);
	asm volatile("movl %%fs:(%1), %0" : "=r" (v) : "r" (off) : "memory");
	write_fs(KERNEL_DS);
	return v;
}

/* check() that loading sel into FS raises #GP(sel) at the mov. */
static int check_load_gp(struct test *t, const char *what, uint16_t sel)
{
	fault_expect(VEC_GP);
	asm volatile(FAULT_BEGIN "mov %0, %%fs" FAULT_END
		     : : "r" ((uint32_t)sel) : "memory");
	write_fs(KERNEL_DS);
	return fault_check(t, what, VEC_GP, sel & 0xfffcu, fault_insn);
}

static int same_dtr(const struct vmi_dtr *a, const struct vmi_dtr *b)
{
	return a->base == b->base && a->limit == b->limit;
}

TEST_CASE(bad, idt_entry_range)
{
	struct desc_words d = desc_gate(kernel_cs(), (uintptr_t)trap_stubs[0],
					GATE_INTR32, 0);

	if (!NEED(t, VMI_CALL_WriteIDTEntry))
		return;
	call_expecting_gp(VMI_CALL_WriteIDTEntry, (uintptr_t)idt, IDT_ENTRIES,
			  d.lo, d.hi);
	check_gp(t, "WriteIDTEntry(idt, 256)");
	check(t, idt[IDT_ENTRIES] == 0, "WriteIDTEntry(idt, 256) wrote 0x%llx after the IDT",
	      idt[IDT_ENTRIES]);
}

TEST_CASE(bad, gdt_reserved)
{
	struct desc_words d = desc_flat(0, 0);

	if (!NEED(t, VMI_CALL_WriteGDTEntry))
		return;
	call_expecting_gp(VMI_CALL_WriteGDTEntry, (uintptr_t)gdt,
			  XEN_FIRST_RESERVED_GDT_ENTRY, d.lo, d.hi);
	check_gp(t, "WriteGDTEntry(gdt, 7168)");
}

/* A present 64-bit code segment (L=1, D=0): Xen refuses it. */
TEST_CASE(bad, descriptor_rejected)
{
	struct desc_words d = desc_seg(0, 0xfffff, DESC_P | DESC_S |
				       DESC_DPL(0) | DESC_CODE_XR,
				       DESC_G | DESC_L);

	if (!NEED(t, VMI_CALL_WriteGDTEntry))
		return;
	call_expecting_gp(VMI_CALL_WriteGDTEntry, (uintptr_t)gdt, GDT_SPARE,
			  d.lo, d.hi);
	if (rom_state.native) {
		fault_check_none(t, "native WriteGDTEntry of a 64-bit code segment");
		check(t, gdt[GDT_SPARE] == desc_u64(d), "native WriteGDTEntry left 0x%llx in entry 7, expected 0x%llx",
		      gdt[GDT_SPARE], desc_u64(d));
	} else {
		check_gp(t, "WriteGDTEntry of a 64-bit code segment");
	}
	vmi_write_gdt_entry(gdt, GDT_SPARE, 0, 0);
}

TEST_CASE(bad, invd)
{
	if (!NEED(t, VMI_CALL_INVD))
		return;
	call_expecting_gp(VMI_CALL_INVD, 0, 0, 0, 0);
	if (rom_state.native)
		fault_check_none(t, "native INVD");
	else
		check_gp(t, "INVD");
}

/*
 * GetDR of a debug register that does not exist: DR8 and beyond, and
 * DR4/DR5 while CR4.DE is set (with DE clear they alias DR6/DR7, see
 * cpu.cr4_roundtrip).
 */
TEST_CASE(bad, getdr_unknown)
{
	uint32_t cr4;

	if (!NEED(t, VMI_CALL_GetDR, VMI_CALL_GetCR4, VMI_CALL_SetCR4))
		return;
	call_expecting_gp(VMI_CALL_GetDR, 8, 0, 0, 0);
	check_gp(t, "GetDR(8)");

	cr4 = vmi_get_cr4();
	vmi_set_cr4(cr4 | CR4_DE);
	call_expecting_gp(VMI_CALL_GetDR, 5, 0, 0, 0);
	vmi_set_cr4(cr4);
	check_gp(t, "GetDR(5) with CR4.DE set");
}

/* SetDR likewise; the registers that exist are left alone. */
TEST_CASE(bad, setdr_unknown)
{
	uint32_t dr7, cr4, v;

	if (!NEED(t, VMI_CALL_SetDR, VMI_CALL_GetDR, VMI_CALL_GetCR4,
		  VMI_CALL_SetCR4))
		return;
	dr7 = vmi_get_dr(7);
	call_expecting_gp(VMI_CALL_SetDR, 8, 0x155, 0, 0);
	check_gp(t, "SetDR(8)");

	cr4 = vmi_get_cr4();
	vmi_set_cr4(cr4 | CR4_DE);
	call_expecting_gp(VMI_CALL_SetDR, 5, 0x155, 0, 0);
	vmi_set_cr4(cr4);
	check_gp(t, "SetDR(5) with CR4.DE set");
	v = vmi_get_dr(7);
	check(t, v == dr7, "DR7 0x%08x after refused SetDR(8/5, 0x155), was 0x%08x",
	      v, dr7);
}

/*
 * Write*Entry into the loaded table beyond its limit: #GP, nothing
 * written.  The same entry of a table that is not loaded is plain memory.
 */
TEST_CASE(bad, gdt_beyond_limit)
{
	struct desc_words d = desc_flat(0, 0);
	struct vmi_dtr cur = { 0, 0 };
	uint64_t before = gdt[GDT_ENTRIES];

	if (!NEED(t, VMI_CALL_WriteGDTEntry, VMI_CALL_GetGDT))
		return;
	vmi_get_gdt(&cur);
	if (!check(t, cur.base == (uintptr_t)gdt &&
		   cur.limit == GDT_ENTRIES * 8 - 1, "GetGDT: base 0x%08x limit 0x%x, not the guest's GDT", cur.base, cur.limit))
		return;
	call_expecting_gp(VMI_CALL_WriteGDTEntry, (uintptr_t)gdt, GDT_ENTRIES,
			  d.lo, d.hi);
	check_gp(t, "WriteGDTEntry(gdt, 32), GDT limit 0xff");
	check(t, gdt[GDT_ENTRIES] == before, "WriteGDTEntry(gdt, 32) beyond the limit wrote 0x%llx (was 0x%llx)",
	      gdt[GDT_ENTRIES], before);

	other_table[GDT_ENTRIES] = 0;
	vmi_write_gdt_entry(other_table, GDT_ENTRIES, d.lo, d.hi);
	check(t, other_table[GDT_ENTRIES] == desc_u64(d), "WriteGDTEntry into a GDT that is not loaded: entry 32 is 0x%llx, expected 0x%llx",
	      other_table[GDT_ENTRIES], desc_u64(d));
}

TEST_CASE(bad, ldt_beyond_limit)
{
	struct desc_words d = desc_flat(0, 0);
	uint64_t before = ldt[LDT_ENTRIES];
	uint16_t sel;

	if (!NEED(t, VMI_CALL_WriteLDTEntry, VMI_CALL_GetLDT))
		return;
	sel = vmi_get_ldt();
	if (!check(t, sel == LDT_SEL, "GetLDT 0x%04x, not the guest's LDT 0x%04x",
	    sel, LDT_SEL))
		return;
	call_expecting_gp(VMI_CALL_WriteLDTEntry, (uintptr_t)ldt, LDT_ENTRIES,
			  d.lo, d.hi);
	check_gp(t, "WriteLDTEntry(ldt, 4), LDT limit 0x1f");
	check(t, ldt[LDT_ENTRIES] == before, "WriteLDTEntry(ldt, 4) beyond the limit wrote 0x%llx (was 0x%llx)",
	      ldt[LDT_ENTRIES], before);

	other_table[LDT_ENTRIES] = 0;
	vmi_write_ldt_entry(other_table, LDT_ENTRIES, d.lo, d.hi);
	check(t, other_table[LDT_ENTRIES] == desc_u64(d), "WriteLDTEntry into an LDT that is not loaded: entry 4 is 0x%llx, expected 0x%llx",
	      other_table[LDT_ENTRIES], desc_u64(d));
}

/*
 * The IDT is loaded with 32 entries for a moment (the exceptions keep
 * their gates, #GP's included); a write beyond that is refused.  The
 * full IDT is back before anything is checked, and a vector beyond the
 * short limit is raised to show it.
 */
TEST_CASE(bad, idt_beyond_limit)
{
	struct desc_words d = desc_gate(kernel_cs(), trap_stubs[VEC_UD],
					GATE_INTR32, 0);
	struct vmi_dtr full = { IDT_ENTRIES * 8 - 1, (uintptr_t)idt };
	struct vmi_dtr part = { SHORT_IDT_ENTRIES * 8 - 1, (uintptr_t)idt };
	struct vmi_dtr cur = { 0, 0 }, in_short = { 0, 0 };
	uint64_t before = idt[BEYOND_IDT_VECTOR];

	if (!NEED(t, VMI_CALL_WriteIDTEntry, VMI_CALL_SetIDT,
		  VMI_CALL_GetIDT, VMI_CALL_IRET))
		return;
	vmi_get_idt(&cur);
	if (!check(t, same_dtr(&cur, &full), "GetIDT: base 0x%08x limit 0x%x, not the guest's IDT",
	    cur.base, cur.limit))
		return;

	vmi_set_idt(&part);
	vmi_get_idt(&in_short);
	call_expecting_gp(VMI_CALL_WriteIDTEntry, (uintptr_t)idt,
			  BEYOND_IDT_VECTOR, d.lo, d.hi);
	vmi_set_idt(&full);

	check_gp(t, "WriteIDTEntry(idt, 64), IDT limit 0xff");
	check(t, same_dtr(&in_short, &part), "GetIDT after SetIDT(limit 0xff): base 0x%08x limit 0x%x",
	      in_short.base,
	      in_short.limit);
	if (!check(t, idt[BEYOND_IDT_VECTOR] == before, "WriteIDTEntry(idt, 64) beyond the limit wrote 0x%llx (was 0x%llx)",
		   idt[BEYOND_IDT_VECTOR], before))
		vmi_write_idt_entry(idt, BEYOND_IDT_VECTOR, (uint32_t)before,
				    (uint32_t)(before >> 32));

	/* Every vector again: int $0x80 (DPL 3, raised from the kernel). */
	fault_expect(VEC_SYSCALL);
	asm volatile(FAULT_BEGIN "int $0x80" FAULT_END ::: "memory");
	fault_check(t, "int $0x80 after the full IDT was reloaded",
		    VEC_SYSCALL, 0, fault_fixup);

	other_table[BEYOND_IDT_VECTOR] = 0;
	vmi_write_idt_entry(other_table, BEYOND_IDT_VECTOR, d.lo, d.hi);
	check(t, other_table[BEYOND_IDT_VECTOR] == desc_u64(d),
	      "WriteIDTEntry into an IDT that is not loaded: entry 64 is 0x%llx, expected 0x%llx", other_table[BEYOND_IDT_VECTOR],
	      desc_u64(d));
}

/*
 * A refused SetGDT changes nothing.  The candidate is the current GDT
 * with entry 7 flat data and entry 20 a call gate to Xen's own 0xe008,
 * which Xen refuses (update_descriptor).  Afterwards the old GDT is in
 * force in both views: GetGDT returns it, the guest's entry 7 is still
 * empty, selector 0x38 does not load (#GP) and the old selectors still
 * work.  Natively LGDT does not look at descriptors: the call succeeds
 * and the case loads the old GDT again before checking.
 */
TEST_CASE(bad, setgdt_refused_atomic)
{
	struct vmi_dtr old = { 0, 0 }, now = { 0, 0 };
	struct vmi_dtr cand = { GDT_ENTRIES * 8 - 1, (uintptr_t)other_table };
	struct desc_words data = desc_flat(0, 0);
	struct desc_words gate = desc_gate(XEN_CS, trap_stubs[0], GATE_CALL32,
					   0);
	uint16_t spare = (uint16_t)(SEL(GDT_SPARE) | kernel_rpl);
	uint32_t v;

	if (!NEED(t, VMI_CALL_SetGDT, VMI_CALL_GetGDT, VMI_CALL_WriteGDTEntry,
		  VMI_CALL_IRET))
		return;
	vmi_get_gdt(&old);
	if (!check(t, old.base == (uintptr_t)gdt &&
		   old.limit == GDT_ENTRIES * 8 - 1, "GetGDT: base 0x%08x limit 0x%x, not the guest's GDT", old.base, old.limit) ||
	    !check(t, gdt[GDT_SPARE] == 0, "GDT entry 7 is 0x%llx before the case, expected empty",
		   gdt[GDT_SPARE]))
		return;
	memset(other_table, 0, sizeof(other_table));
	memcpy(other_table, gdt, GDT_ENTRIES * 8);
	other_table[GDT_SPARE] = desc_u64(data);
	other_table[GDT_GATE] = desc_u64(gate);

	call_expecting_gp(VMI_CALL_SetGDT, (uintptr_t)&cand, 0, 0, 0);
	if (rom_state.native) {
		vmi_get_gdt(&now);
		vmi_set_gdt(&old);
		fault_check_none(t, "native SetGDT of a GDT with a call gate to 0xe008");
		check(t, same_dtr(&now, &cand), "native GetGDT after SetGDT: base 0x%08x limit 0x%x, expected 0x%08x limit 0x%x",
		      now.base, now.limit, cand.base, cand.limit);
	} else {
		check_gp(t, "SetGDT of a GDT with a call gate to 0xe008");
	}

	/* The guest's view. */
	vmi_get_gdt(&now);
	check(t, same_dtr(&now, &old), "GetGDT after the refused SetGDT: base 0x%08x limit 0x%x, expected the old 0x%08x limit 0x%x",
	      now.base, now.limit, old.base, old.limit);
	check(t, gdt[GDT_SPARE] == 0, "the refused SetGDT changed the GDT's entry 7 to 0x%llx",
	      gdt[GDT_SPARE]);

	/* The processor's (Xen's) view. */
	check_load_gp(t, "loading selector 0x38 (flat data only in the refused GDT) into FS",
		      spare);
	v = read_via(KERNEL_DS, (uintptr_t)&probe_word);
	check(t, v == probe_word, "read 0x%08x through KERNEL_DS after the refused SetGDT, expected 0x%08x",
	      v, probe_word);
	v = read_via(USER_DS, (uintptr_t)&probe_word);
	check(t, v == probe_word, "read 0x%08x through USER_DS after the refused SetGDT, expected 0x%08x",
	      v, probe_word);

	/* A shim that got this wrong left entry 7 behind: rewrite it. */
	vmi_write_gdt_entry(gdt, GDT_SPARE, 0, 0);
}

/*
 * A refused SetLDT changes nothing.  The old LDT's entry 1 is a data
 * segment over old_ldt_word; the candidate LDT (its descriptor in GDT
 * entry 8) has entry 1 over new_ldt_word, entry 2 flat data and entry 3
 * a call gate to 0xe008, which Xen refuses.  Afterwards GetLDT is the old
 * selector, LDT selector 1 still reads old_ldt_word and selector 2 does
 * not load.  Natively LLDT accepts it; the case loads the old LDT again.
 */
TEST_CASE(bad, setldt_refused_atomic)
{
	struct desc_words old1 = desc_seg((uintptr_t)&old_ldt_word, 3,
					  DESC_P | DESC_S | DESC_DPL(0) |
					  DESC_DATA_RW, DESC_D);
	struct desc_words new1 = desc_seg((uintptr_t)&new_ldt_word, 3,
					  DESC_P | DESC_S | DESC_DPL(0) |
					  DESC_DATA_RW, DESC_D);
	struct desc_words gate = desc_gate(XEN_CS, trap_stubs[0], GATE_CALL32,
					   0);
	struct desc_words ldtd = desc_seg((uintptr_t)other_table,
					  LDT_ENTRIES * 8 - 1,
					  DESC_P | DESC_LDT, 0);
	uint16_t cand = SEL(GDT_NEW_LDT);
	uint16_t sel1 = LDT_SELECTOR(1, kernel_rpl);
	uint16_t sel2 = LDT_SELECTOR(2, kernel_rpl);
	uint16_t now;
	uint32_t v;

	if (!NEED(t, VMI_CALL_SetLDT, VMI_CALL_GetLDT, VMI_CALL_WriteLDTEntry,
		  VMI_CALL_WriteGDTEntry, VMI_CALL_IRET))
		return;
	now = vmi_get_ldt();
	if (!check(t, now == LDT_SEL, "GetLDT 0x%04x, not the guest's LDT 0x%04x",
	    now, LDT_SEL) ||
	    !check(t, ldt[2] == 0, "LDT entry 2 is 0x%llx before the case, expected empty",
		   ldt[2]))
		return;
	vmi_write_ldt_entry(ldt, 1, old1.lo, old1.hi);
	memset(other_table, 0, sizeof(other_table));
	other_table[1] = desc_u64(new1);
	other_table[2] = desc_u64(desc_flat(0, 0));
	other_table[3] = desc_u64(gate);
	vmi_write_gdt_entry(gdt, GDT_NEW_LDT, ldtd.lo, ldtd.hi);

	call_expecting_gp(VMI_CALL_SetLDT, cand, 0, 0, 0);
	if (rom_state.native) {
		now = vmi_get_ldt();
		vmi_set_ldt(LDT_SEL);
		fault_check_none(t, "native SetLDT of an LDT with a call gate to 0xe008");
		check(t, now == cand, "native GetLDT 0x%04x after SetLDT(0x%04x)",
		      now, cand);
	} else {
		check_gp(t, "SetLDT of an LDT with a call gate to 0xe008");
	}

	now = vmi_get_ldt();
	check(t, now == LDT_SEL, "GetLDT 0x%04x after the refused SetLDT, expected the old 0x%04x",
	      now, LDT_SEL);
	v = read_via(sel1, 0);
	check(t, v == old_ldt_word, "LDT selector 0x%04x read 0x%08x after the refused SetLDT, expected the old LDT's 0x%08x%s",
	      sel1, v,
	      old_ldt_word, v == new_ldt_word ? " (got the refused LDT's)" :
	      "");
	check_load_gp(t, "loading LDT selector 2 (data only in the refused LDT) into FS",
		      sel2);

	vmi_write_ldt_entry(ldt, 1, 0, 0);
	vmi_write_gdt_entry(gdt, GDT_NEW_LDT, 0, 0);
	vmi_set_ldt(LDT_SEL);		/* both views from the guest's LDT */
}

static volatile unsigned int refused_idt_handler_runs;

static int refused_idt_handler(struct trap_frame *f)
{
	(void)f;
	refused_idt_handler_runs++;
	return 1;
}

/*
 * A refused SetIDT changes nothing.  The candidate is the current IDT
 * with #BP's gate pointing at the #OF stub, vector 0x40 a gate whose CS
 * is Xen's 0xe008, and vector 0x41 a task gate (no task switching on
 * Xen; the shim refuses it even where Xen would take the CS).  Afterwards
 * GetIDT is the old IDT and int3 reaches the old #BP gate.  Natively LIDT
 * accepts it; the case loads the old IDT again.
 */
TEST_CASE(bad, setidt_refused_atomic)
{
	struct vmi_dtr old = { 0, 0 }, now = { 0, 0 };
	struct vmi_dtr full = { IDT_ENTRIES * 8 - 1, (uintptr_t)idt };
	struct vmi_dtr cand = { IDT_ENTRIES * 8 - 1, (uintptr_t)other_table };
	struct desc_words bp = desc_gate(kernel_cs(), trap_stubs[VEC_OF],
					 GATE_INTR32, 3);
	struct desc_words xen = desc_gate(XEN_CS, trap_stubs[VEC_UD],
					  GATE_INTR32, 0);
	struct desc_words task = desc_gate(TSS_SEL, 0, GATE_TASK, 0);

	if (!NEED(t, VMI_CALL_SetIDT, VMI_CALL_GetIDT, VMI_CALL_IRET))
		return;
	vmi_get_idt(&old);
	if (!check(t, same_dtr(&old, &full), "GetIDT: base 0x%08x limit 0x%x, not the guest's IDT",
	    old.base, old.limit))
		return;
	memcpy(other_table, idt, IDT_ENTRIES * 8);
	other_table[VEC_BP] = desc_u64(bp);
	other_table[NEW_IDT_XEN_VECTOR] = desc_u64(xen);
	other_table[NEW_IDT_TASK_VECTOR] = desc_u64(task);
	refused_idt_handler_runs = 0;
	trap_set_hook(VEC_OF, refused_idt_handler);

	call_expecting_gp(VMI_CALL_SetIDT, (uintptr_t)&cand, 0, 0, 0);
	if (rom_state.native) {
		vmi_get_idt(&now);
		vmi_set_idt(&old);
		fault_check_none(t, "native SetIDT of an IDT with a gate to 0xe008 and a task gate");
		check(t, same_dtr(&now, &cand), "native GetIDT after SetIDT: base 0x%08x limit 0x%x, expected 0x%08x limit 0x%x",
		      now.base, now.limit, cand.base, cand.limit);
	} else {
		check_gp(t, "SetIDT of an IDT with a gate to 0xe008 and a task gate");
	}

	vmi_get_idt(&now);
	check(t, same_dtr(&now, &old), "GetIDT after the refused SetIDT: base 0x%08x limit 0x%x, expected the old 0x%08x limit 0x%x",
	      now.base, now.limit, old.base, old.limit);
	fault_expect(VEC_BP);
	asm volatile(FAULT_BEGIN "int3" FAULT_END ::: "memory");
	fault_check(t, "int3 after the refused SetIDT", VEC_BP, 0,
		    fault_fixup);
	check(t, refused_idt_handler_runs == 0, "int3 after the refused SetIDT ran the refused IDT's #BP gate (the #OF stub)");
	trap_set_hook(VEC_OF, 0);
	vmi_set_idt(&old);		/* both views from the guest's IDT */
}
