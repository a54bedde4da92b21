# SPDX-License-Identifier: GPL-2.0
# events/build.mk - virtual IF, IRET/SYSEXIT, callbacks, fault injection,
# Halt, the guest's vectors, event channels and delivery, the PIC and
# local APIC models.
rom-y += events/vif.o events/iret.o events/inject.o events/upcall.o \
	events/gates.o events/sysenter.o events/fault.o events/halt.o \
	events/callbacks.o events/pf.o events/deliver.o events/evtchn.o \
	events/intc.o events/pic8259.o events/lapic.o events/stats.o
