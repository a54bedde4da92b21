# SPDX-License-Identifier: GPL-2.0
"""The shim's console diagnostic expected for each bad-input case of the test
guest: (case, regex).  The rig checks, for every such case that ran on Xen,
that a console line matches (a refusal must name the call, its arguments,
the reason and Xen's error code where Xen was asked).

The numbers the cases use are fixed in tests/guest/test_bad.c and cpu.h: the
guest's GDT has 32 entries (limit 00ff), its LDT 4 (limit 001f) and is
selected by 0030; bad.idt_beyond_limit loads an IDT of 32 gates (limit 00ff);
the refused tables are a GDT of 32 entries whose entry 20 is a call gate to
Xen's 0xe008, an LDT (selector 0040) whose entry 3 is such a gate, and an IDT
of 256 gates whose vector 64 has CS 0xe008 and vector 65 is a task gate.
The page-table cases (tests/guest/test_bad_mmu.c) each make one refused call:
SetPxELong of an entry naming the first frame beyond memory, through a
pointer into a data page of the linear map, through an identity pointer into
the image, of a kernel L2 entry at the virtual top and at Xen's hole, of a
2 MiB L2 entry; SetCR3 of a copy of the root PDPT; ReleasePage of a linked
L1; SetPxE; TestAndSetPxELongBit (and TestAndClearPxELongBit) of bit 64.
The interrupt and time cases (tests/guest/test_bad_irq.c): SetAlarm on
STOLEN and on counter 7, APICWrite of the version register (and the other
read-only ones) and of EOI with nothing in service, OUTB of an OCW to 0x20
right after ICW1."""
import re

X8 = r"[0-9a-f]{8}"
X4 = r"[0-9a-f]{4}"


def _write_entry(call, table, entry, what, limit):
    """WriteXDTEntry beyond the limit of the loaded table (decision D2)."""
    return re.compile(
        r"vmi: %s\(%s=%s, entry=%u, lo=%s, hi=%s\): entry is beyond the "
        r"loaded %s's limit \(%s\); injecting #GP"
        % (call, table, X8, entry, X8, X8, what, limit))



BAD_INPUT_DIAGNOSTICS = [
    ("bad.idt_entry_range", re.compile(
        r"vmi: WriteIDTEntry\(idt=[0-9a-f]{8}, entry=256, lo=[0-9a-f]{8}, "
        r"hi=[0-9a-f]{8}\): .*; injecting #GP")),
    ("bad.gdt_reserved", re.compile(
        r"vmi: WriteGDTEntry\(gdt=[0-9a-f]{8}, entry=7168, .*reserved.*; "
        r"injecting #GP")),
    ("bad.descriptor_rejected", re.compile(
        r"vmi: WriteGDTEntry\((?:table|gdt)=[0-9a-f]{8}, entry=7, "
        r"lo=[0-9a-f]{8}, hi=00af9a00\): 64-bit code segment.*: "
        r"Xen error -22; injecting #GP")),
    ("bad.invd", re.compile(
        r"vmi: INVD\(\): invalid in a virtual machine; injecting #GP")),
    # D1: a debug register that does not exist.
    ("bad.getdr_unknown", re.compile(
        r"vmi: GetDR\(8\): no such debug register; injecting #GP")),
    ("bad.setdr_unknown", re.compile(
        r"vmi: SetDR\(8, 00000155\): no such debug register; "
        r"injecting #GP")),
    # D2: an entry beyond the loaded table's limit.
    ("bad.gdt_beyond_limit",
     _write_entry("WriteGDTEntry", "gdt", 32, "GDT", "00ff")),
    ("bad.ldt_beyond_limit",
     _write_entry("WriteLDTEntry", "ldt", 4, "LDT", "001f")),
    ("bad.idt_beyond_limit",
     _write_entry("WriteIDTEntry", "idt", 64, "IDT", "00ff")),
    # D3: a table Xen (or the shim for Xen) refuses; nothing changes.
    ("bad.setgdt_refused_atomic", re.compile(
        r"vmi: SetGDT\(base=%s, limit=00ff\): entry 20 \(e008%s %s\): "
        r"update_descriptor refused it: Xen error -22; injecting #GP"
        % (X8, X4, X8))),
    ("bad.setldt_refused_atomic", re.compile(
        r"vmi: SetLDT\(0040\): entry 3 \(e008%s %s\): "
        r"update_descriptor refused it: Xen error -22; injecting #GP"
        % (X4, X8))),
    # Xen's compat set_trap_table takes any CS (it only raises the RPL), so
    # the refusal of vector 64 is the shim's own reason; vector 65, the
    # task gate, is refused by the shim in any case.
    ("bad.setidt_refused_atomic", re.compile(
        r"vmi: SetIDT\(base=%s, limit=07ff\): vector (?:64|65) \(%s %s\): "
        r".+; injecting #GP" % (X8, X8, X8))),
    # Page tables (tests/guest/test_bad_mmu.c): the shim's reasons
    # (mmu/mm.c, mmu/pte.c, shim/pxe.c), the call and its arguments.
    ("bad.pte_frame_beyond_memory", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): the frame is beyond the guest's memory; injecting #GP")),
    ("bad.pte_pointer_data_page", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): the pointer's page is no page-table page registered with AllocatePage; injecting #GP")),
    ("bad.pte_pointer_unregistered", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): the pointer lies in no range registered with SetLinearMapping; injecting #GP")),
    ("bad.setcr3_not_pdpt", re.compile(
        r"vmi: SetCR3\([0-9a-f]{8}\): the page is no PDPT registered with AllocatePage; injecting #GP")),
    ("bad.release_kernel_l2", re.compile(
        r"vmi: ReleasePage\(ppn=[0-9a-f]+, flags=6\): the page is the kernel L2 an address space's slot 3 still mirrors; injecting #GP")),
    ("bad.release_linked_pt", re.compile(
        r"vmi: ReleasePage\(ppn=[0-9a-f]+, flags=5\): Xen still uses the page \(it is linked into a page table\): Xen error -\d+; injecting #GP")),
    ("bad.pde_shim_range", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): the entry would map the shim's range or Xen's hole \(from the virtual top\); injecting #GP")),
    ("bad.pde_xen_hole", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): the entry would map the shim's range or Xen's hole \(from the virtual top\); injecting #GP")),
    ("bad.pde_superpage", re.compile(
        r"vmi: SetPxELong\(pte=[0-9a-f]+, ptep=0x[0-9a-f]{8}\): a 2 MiB page \(PS\): Xen gives a PV guest no superpages; injecting #GP")),
    ("bad.non_pae_call", re.compile(
        r"vmi: SetPxE\(pte=[0-9a-f]{8}, ptep=0x[0-9a-f]{8}\): 2-level \(non-PAE\) paging does not exist for a 32-bit PV guest on 64-bit Xen; a VMI kernel must use the PxELong calls; injecting #GP")),
    ("bad.pxe_bit_beyond_63", re.compile(
        r"vmi: TestAndSetPxELongBit\(bit=64, ptep=0x[0-9a-f]{8}\): a PAE entry has bits 0-63; injecting #GP")),
    # Interrupts and time (tests/guest/test_bad_irq.c): SetAlarm on a
    # counter that takes no alarm is the spec's no-op, said on the console;
    # APIC writes the model refuses and the 8259's ICWs out of order are
    # #GP at the call (events/lapic.c, events/pic8259.c).
    ("bad.alarm_stolen", re.compile(
        r"vmi: SetAlarm\(flags=000001?02, expiry=[0-9a-f]{16}, period=[0-9a-f]{16}\): counter 2 \(STOLEN\) takes no alarm; the call is a no-op \(spec\)")),
    ("bad.alarm_unknown_counter", re.compile(
        r"vmi: SetAlarm\(flags=000001?07, expiry=[0-9a-f]{16}, period=[0-9a-f]{16}\): counter 7 is not a counter; the call is a no-op \(spec\)")),
    ("bad.apic_write_readonly", re.compile(
        r"vmi: APICWrite\(reg=[0-9a-f]{5}030, value=[0-9a-f]{8}\): the register is read-only \(register 030, version\); injecting #GP")),
    ("bad.apic_eoi_idle", re.compile(
        r"vmi: APICWrite\(reg=[0-9a-f]{5}0b0, value=00000000\): EOI with no interrupt in service \(register 0b0, EOI\); injecting #GP")),
    ("bad.pic_icw_order", re.compile(
        r"vmi: OUTB\(port=0020, value=20\): ICW sequence out of order: OCW written to the command port while the chip waits for ICW2, ICW3 or ICW4; injecting #GP")),
]
