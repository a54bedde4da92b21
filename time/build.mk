# SPDX-License-Identifier: GPL-2.0
# time/build.mk - Xen's time scale, VMI's counters and alarms on Xen's
# timer, the wallclock, the PIT and RTC models.
rom-y += time/pvclock.o time/tsc.o time/counters.o time/clock.o \
	time/alarm.o time/alarms.o time/timer.o time/pc_timers.o \
	time/pit8254.o time/rtc.o
