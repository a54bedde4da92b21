# SPDX-License-Identifier: GPL-2.0
# shim/build.mk - the VMI front end: slots, entry stubs, per-call C, the
# COM1 device (model and its Xen console glue) and the small library the ROM and the boot image share.
rom-y += shim/slots.o shim/call_count.o shim/cpuid_entry.o shim/ports_entry.o \
	shim/diag_entry.o shim/init.o shim/names.o shim/diag.o \
	shim/cpu_state.o shim/ports.o shim/desc.o shim/idt.o shim/xlate.o \
	shim/segments.o shim/cr.o shim/msr.o shim/stack.o shim/cpuid.o \
	shim/pxe.o shim/time.o shim/apic.o shim/dev/uart16550.o \
	shim/dev/com1.o shim/lib/printk.o
boot-y += shim/lib/printk.o

# Every implemented call's vmi_<Name> is defined where calls.def says.
CHECK_CALLS := shim/check-calls.sh
