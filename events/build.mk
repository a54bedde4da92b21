# SPDX-License-Identifier: GPL-2.0
# events/build.mk - virtual IF, IRET/SYSEXIT, callbacks, fault injection,
# Halt, the guest's vectors.
rom-y += events/vif.o events/iret.o events/inject.o events/upcall.o \
	events/gates.o events/sysenter.o events/fault.o events/halt.o \
	events/callbacks.o events/pf.o
