# SPDX-License-Identifier: GPL-2.0
# tests/unit/unit.mk - host unit tests (cmocka, ASan+UBSan): build/unit/<t>
# is built from tests/unit/<t>.c and the sources listed in unit-srcs-<t>
# (with the extra flags unit-flags-<t>, if any), by one pattern rule.  Included by the top-level Makefile; run one with
#   make build/unit/test_xlate && build/unit/test_xlate

unit-y += test_rom_check test_uart16550 test_shim_calls test_printk \
	test_xlate test_multicall test_pvclock
unit-y += test_pte test_mmu_queue test_mm
unit-y += test_pic8259 test_lapic test_pit8254 test_rtc test_alarm test_timer

UNIT_CFLAGS := -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -I. -DVMIX_HOST_TEST \
	-D__XEN_INTERFACE_VERSION__=0x00040e00
UNIT_LDLIBS := -lcmocka

# The shim's C logic with every hypercall recorded (tests/unit/fake_xen.c).
unit-fake := tests/unit/fake_xen.c xenif/console.c xenif/domain.c \
	xenif/stats.c xenif/multicall.c shim/lib/printk.c

unit-srcs-test_rom_check := rom-layout/romtool/rom_check.c
unit-srcs-test_uart16550 := shim/dev/uart16550.c
unit-srcs-test_shim_calls := shim/ports.c shim/dev/uart16550.c \
	shim/dev/com1.c shim/cpu_state.c shim/diag.c shim/names.c \
	events/halt.c events/intc.c events/pic8259.c events/lapic.c \
	events/stats.c time/pc_timers.c time/pit8254.c time/rtc.c time/timer.c \
	time/clock.c time/counters.c time/pvclock.c $(unit-fake)
unit-srcs-test_printk := shim/lib/printk.c
unit-srcs-test_xlate := shim/xlate.c
unit-srcs-test_multicall := $(unit-fake)
unit-srcs-test_pvclock := time/pvclock.c
unit-srcs-test_pte := mmu/pte.c
unit-srcs-test_mmu_queue := mmu/queue.c $(unit-fake)
unit-srcs-test_mm := mmu/mm.c mmu/pte.c mmu/queue.c $(unit-fake)
# The guest's linear addresses are 32-bit numbers cast to pointers (the
# test maps its pages below 4 GiB); the entry reads are counted (the
# test wraps the pending lookup).
unit-flags-test_mm := -Wno-int-to-pointer-cast -Wl,--wrap=mmu_queue_pending
unit-srcs-test_pic8259 := events/pic8259.c
unit-srcs-test_lapic := events/lapic.c
unit-srcs-test_pit8254 := time/pit8254.c
unit-srcs-test_rtc := time/rtc.c
unit-srcs-test_timer := time/timer.c $(unit-fake)
unit-srcs-test_alarm := time/alarm.c time/alarms.c time/counters.c

$(B)/unit/test_%: tests/unit/test_%.c $$(unit-srcs-test_%) \
		$$(wildcard tests/unit/*.h) $$(wildcard shim/*.h shim/*/*.h \
		xenif/*.h events/*.h time/*.h mmu/*.h rom-layout/*.h \
		rom-layout/romtool/*.h) shim/calls.def
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ $< $(unit-srcs-test_$*) \
		$(unit-flags-test_$*) $(UNIT_LDLIBS)
