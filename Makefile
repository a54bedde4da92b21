# SPDX-License-Identifier: GPL-2.0
# vmi-xen top-level build.
#
#   make run   install what is missing, build, boot the demo VMI guest on
#              Xen through the shim (GUEST=path/to/kernel.elf for another);
#              MODE=domu boots it as an xl domU under a Linux dom0
#              (XEN=stock: Debian's stock Xen, the guest in the PV shim)
#   make install / uninstall  put build/vmi-xen.elf beside Xen's boot
#              images and docs/xl-example.cfg under /etc/xen (or remove)
#   make test  install/build as needed and run the whole suite
#   make all   build the ROM, romtool, the PV boot image and the test guest
#   make docs  regenerate docs/calls.md from shim/calls.def
#   make fuzz  run each fuzz target for FUZZ_SECONDS (default 60)
#
# Every folder lists its own objects and rules in its build.mk: ROM objects
# in rom-y, boot-image objects in boot-y, host unit tests in unit-y.  This
# file holds only the generic rules; it names no source file.

B := build
CC := gcc
LD := ld
OBJCOPY := objcopy
HOSTCC ?= cc
GUEST ?= $(B)/vmitest.elf

LDFLAGS32 := -m elf_i386 -static -nostdlib -z noexecstack --no-warn-rwx-segments

CFLAGS32 := -m32 -march=i686 -ffreestanding -fno-builtin \
	-fno-stack-protector -mno-sse -mno-mmx -mno-80387 \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror -MMD -MP
# Includes name their folder: #include "xenif/multicall.h".
INCS := -I. -I$(B)/gen -D__XEN_INTERFACE_VERSION__=0x00040e00

# The ROM: linked at its fixed address in the shim range (rom-layout/rom.ld.S).
# Optimised for size: the image must fit the room a VMI kernel reserves for
# its copy (the test guest's 64 KiB, as VMI Linux's __VMI_START..__VMI_END);
# the hot paths (interrupt flag, IRET, upcall) are assembly anyway.
ROM_CFLAGS := $(CFLAGS32) -Os -fno-pic -fno-pie -DVMIX_ROM $(INCS)
# The PV boot image: an ordinary 32-bit PV kernel at 0xC1000000.
BOOT_CFLAGS := $(CFLAGS32) -fno-pic -fno-pie $(INCS)

rom-y :=
boot-y :=
unit-y :=
gen-y :=

.PHONY: all deps xen run test docs fuzz clean install uninstall FORCE
.SECONDEXPANSION:
all:

# $(call objlist,FILE,OBJS): FILE holds the object list and is rewritten
# only when the list changes, so a link that depends on it follows the set
# of sources (a removed file relinks), not only their timestamps.
define objlist
$(1): FORCE
	@mkdir -p $$(dir $$@)
	@echo '$(2)' | cmp -s - $$@ 2>/dev/null || echo '$(2)' > $$@
endef
include shim/build.mk
include xenif/build.mk
include events/build.mk
include time/build.mk
include mmu/build.mk
include rom-layout/build.mk
include tests/unit/unit.mk
include tests/guest/guest.mk
include tests/fuzz/fuzz.mk
include tests/bench/bench.mk

ROM_OBJS := $(addprefix $(B)/rom/,$(rom-y))
BOOT_OBJS := $(addprefix $(B)/boot/,$(boot-y))
UNIT_TESTS := $(addprefix $(B)/unit/,$(unit-y))

all: $(B)/vmi-rom.bin $(B)/romtool $(B)/vmi-xen.elf $(B)/vmitest.elf \
	$(UNIT_TESTS)

# Generated headers exist before anything that may include them compiles.
$(ROM_OBJS) $(BOOT_OBJS): | $(gen-y)

$(B)/rom/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ROM_CFLAGS) -c $< -o $@
$(B)/rom/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(ROM_CFLAGS) -D__ASSEMBLY__ -c $< -o $@
$(B)/boot/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BOOT_CFLAGS) -c $< -o $@
$(B)/boot/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(BOOT_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(eval $(call objlist,$(B)/rom/objects,$(ROM_OBJS)))
$(eval $(call objlist,$(B)/boot/objects,$(BOOT_OBJS)))

-include $(ROM_OBJS:.o=.d) $(BOOT_OBJS:.o=.d)

deps:
	@tests/rig/deps.sh

xen: deps
	@tests/rig/build-xen.sh

docs: $(B)/romtool
	$(B)/romtool calls-md > docs/calls.md

# The two commands of README.md: each installs what it needs first.
run:
	@tests/rig/deps.sh
	@$(MAKE) --no-print-directory -s all
ifeq ($(MODE),domu)
	@$(if $(filter stock,$(XEN)),,tests/rig/build-xen.sh)
	@tests/rig/build-dom0.sh
	@tests/rig/domu.py run --icount --guest "$(GUEST)" $(if $(XEN),--xen $(XEN)) $(if $(TIMEOUT),--timeout $(TIMEOUT))
else
	@tests/rig/build-xen.sh
	@tests/rig/rig.py run --guest "$(GUEST)" $(if $(TIMEOUT),--timeout $(TIMEOUT))
endif

test:
	@tests/rig/deps.sh
	@$(MAKE) --no-print-directory -s all bench-kernels
	@tests/rig/build-xen.sh
	@tests/run-all.py --unit "$(UNIT_TESTS)"

# Where Debian keeps Xen's boot images (xen-shim) and xl's configs.
XEN_BOOT_DIR ?= /usr/lib/xen-4.17/boot
XEN_CONF_DIR ?= /etc/xen

install: $(B)/vmi-xen.elf
	install -D -m 644 $(B)/vmi-xen.elf $(DESTDIR)$(XEN_BOOT_DIR)/vmi-xen.elf
	install -D -m 644 docs/xl-example.cfg $(DESTDIR)$(XEN_CONF_DIR)/vmi-example.cfg

uninstall:
	rm -f $(DESTDIR)$(XEN_BOOT_DIR)/vmi-xen.elf \
		$(DESTDIR)$(XEN_CONF_DIR)/vmi-example.cfg

clean:
	rm -rf $(B)/rom $(B)/boot $(B)/guest $(B)/unit $(B)/logs $(B)/gen \
		$(B)/fuzz $(B)/*.elf $(B)/*.bin $(B)/*.raw $(B)/*.map \
		$(B)/romtool
