/*
 * test_bad.c - bad.* cases: bad input to a VMI call.  The defined outcome
 * (vmi-xen shim and native ROM alike) is #GP(0) injected at the call: the
 * #GP handler sees a same-privilege frame whose EIP is the call's return
 * address.  Where Xen and bare hardware legitimately differ (a 64-bit code
 * descriptor, INVD) the case asserts the outcome for the ROM in use.
 */
#include "cpu.h"
#include "desc.h"
#include "fault.h"
#include "need.h"
#include "rom.h"
#include "test.h"
#include "trap.h"
#include "vmi_cpu.h"

#define XEN_FIRST_RESERVED_GDT_ENTRY	7168

/* Make call nr (regparm args and one stack word), expecting #GP. */
static void call_expecting_gp(unsigned int nr, uint32_t eax, uint32_t edx,
			      uint32_t ecx, uint32_t arg4)
{
	uintptr_t fn = vmi_slot(nr);

	fault_expect(VEC_GP);
	asm volatile("pushl %[arg4]\n\t"
		     FAULT_BEGIN "call *%[fn]" FAULT_END
		     "addl $4, %%esp"
		     : "+a" (eax), "+d" (edx), "+c" (ecx)
		     : [fn] "r" (fn), [arg4] "r" (arg4)
		     : "cc", "memory");
}

/* #GP(0) arrived at the call's return address, in the kernel's ring. */
static void check_gp(struct test *t, const char *what)
{
	if (!fault_check(t, what, VEC_GP, 0, fault_fixup))
		return;
	check(t, fault_state.rec.cs == kernel_cs(),
	      "%s: #GP frame CS 0x%04x, expected 0x%04x", what,
	      fault_state.rec.cs, kernel_cs());
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
	check(t, idt[IDT_ENTRIES] == 0, "WriteIDTEntry(idt, 256) wrote "
	      "0x%llx after the IDT", idt[IDT_ENTRIES]);
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
		fault_check_none(t, "native WriteGDTEntry of a 64-bit code "
				 "segment");
		check(t, gdt[GDT_SPARE] == desc_u64(d), "native WriteGDTEntry "
		      "left 0x%llx in entry 7, expected 0x%llx",
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
