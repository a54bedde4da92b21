# SPDX-License-Identifier: GPL-2.0
# tests/bench/bench.mk - the benchmark kernel in its three builds and the
# make bench / make bench-smoke targets.  Included by the top Makefile.
#
#   build/bench-raw.elf   native instructions, ring 0 (bare QEMU)
#   build/bench-vmi.elf   VMI calls: the shim on Xen, or the native ROM
#                         of tests/bench/native_rom.S on bare QEMU
#   build/bench-pv.elf    Xen hypercalls made directly (dom0 PV kernel)
#
# The common files (the operations) are compiled once per build, with
# that backend's inline primitives (BE_HEADER).  tests/guest/printf.c and
# kstring.c are compiled in as they are.
#
# make test builds the kernels (bench-kernels) and runs the smoke
# (tests/run-all.py); make all does not build them.
#
# Never: make a figure a pass/fail threshold (the smoke checks that every
# figure is produced and that two runs agree, nothing else).

BENCH_DIR := tests/bench
BENCH_OUT := $(B)/bench
BENCH_COMMON := kernel.o mm.o proc.o trap.o ops.o entry.o user.o \
	guest/printf.o guest/kstring.o
BENCH_CFLAGS := -m32 -march=i686 -ffreestanding -fno-builtin -fno-pic \
	-fno-pie -fno-stack-protector -mno-sse -mno-mmx -mno-80387 \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror \
	-MMD -MP -I. -I$(B)/gen -Itests/guest \
	-D__XEN_INTERFACE_VERSION__=0x00040e00
BENCH_LDFLAGS := -m elf_i386 -static -nostdlib -z noexecstack \
	--no-warn-rwx-segments

bench-raw-objs := $(BENCH_COMMON) boot.o mb.o be_raw.o
bench-vmi-objs := $(BENCH_COMMON) boot.o mb.o be_vmi.o native_rom.o
bench-pv-objs := $(BENCH_COMMON) pv_head.o be_pv.o pv_entry.o

BENCH_RAW_OBJS := $(addprefix $(BENCH_OUT)/raw/,$(bench-raw-objs))
BENCH_VMI_OBJS := $(addprefix $(BENCH_OUT)/vmi/,$(bench-vmi-objs))
BENCH_PV_OBJS := $(addprefix $(BENCH_OUT)/pv/,$(bench-pv-objs))
BENCH_ELFS := $(B)/bench-raw.elf $(B)/bench-vmi.elf $(B)/bench-pv.elf

define bench_rules
$(BENCH_OUT)/$(1)/%.o: $(BENCH_DIR)/%.c
	@mkdir -p $$(dir $$@)
	$(CC) $(BENCH_CFLAGS) -DBE_HEADER='"tests/bench/be_$(1).h"' -c $$< -o $$@
$(BENCH_OUT)/$(1)/%.o: $(BENCH_DIR)/%.S
	@mkdir -p $$(dir $$@)
	$(CC) $(BENCH_CFLAGS) -DBE_HEADER='"tests/bench/be_$(1).h"' -c $$< -o $$@
$(BENCH_OUT)/$(1)/guest/%.o: tests/guest/%.c
	@mkdir -p $$(dir $$@)
	$(CC) $(BENCH_CFLAGS) -c $$< -o $$@
endef
$(foreach be,raw vmi pv,$(eval $(call bench_rules,$(be))))

$(eval $(call objlist,$(BENCH_OUT)/raw/objects,$(BENCH_RAW_OBJS)))
$(eval $(call objlist,$(BENCH_OUT)/vmi/objects,$(BENCH_VMI_OBJS)))
$(eval $(call objlist,$(BENCH_OUT)/pv/objects,$(BENCH_PV_OBJS)))

$(B)/bench-raw.elf: $(BENCH_RAW_OBJS) $(BENCH_OUT)/raw/objects $(BENCH_DIR)/bench.ld
	$(LD) $(BENCH_LDFLAGS) -T $(BENCH_DIR)/bench.ld -o $@ $(BENCH_RAW_OBJS)
$(B)/bench-vmi.elf: $(BENCH_VMI_OBJS) $(BENCH_OUT)/vmi/objects $(BENCH_DIR)/bench.ld
	$(LD) $(BENCH_LDFLAGS) -T $(BENCH_DIR)/bench.ld -o $@ $(BENCH_VMI_OBJS)
$(B)/bench-pv.elf: $(BENCH_PV_OBJS) $(BENCH_OUT)/pv/objects $(BENCH_DIR)/pv.ld
	$(LD) $(BENCH_LDFLAGS) -T $(BENCH_DIR)/pv.ld -o $@ $(BENCH_PV_OBJS)

-include $(BENCH_RAW_OBJS:.o=.d) $(BENCH_VMI_OBJS:.o=.d) $(BENCH_PV_OBJS:.o=.d)

.PHONY: bench bench-smoke bench-kernels
bench-kernels: $(BENCH_ELFS)

# make bench: every figure, docs/performance.md and docs/performance.svg.
bench:
	@tests/rig/deps.sh
	@tests/bench/deps.sh
	@$(MAKE) --no-print-directory -s $(B)/vmi-xen.elf bench-kernels
	@tests/rig/build-xen.sh
	@tests/bench/run.py full

# make bench-smoke: small N, every figure present, two runs identical.
bench-smoke:
	@tests/rig/deps.sh
	@$(MAKE) --no-print-directory -s $(B)/vmi-xen.elf bench-kernels
	@tests/rig/build-xen.sh
	@tests/bench/run.py smoke
