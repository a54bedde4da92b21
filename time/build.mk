# SPDX-License-Identifier: GPL-2.0
# time/build.mk - Xen's time scale; later counters, alarms, wallclock and
# the PIT/RTC models.
rom-y += time/pvclock.o time/tsc.o
