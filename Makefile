# vmi-xen top-level build.
#
#   make run   install what is missing, build, boot the demo VMI guest on
#              Xen through the shim (GUEST=path/to/kernel.elf for another)
#   make test  install/build as needed and run the whole suite
#   make all   build the ROM, romtool, the PV boot image and the test guest
#   make docs  regenerate docs/calls.md from shim/calls.def

B := build
CC := gcc
LD := ld
LDFLAGS32 := -m elf_i386 -static -nostdlib -z noexecstack --no-warn-rwx-segments
OBJCOPY := objcopy
GUEST ?= $(B)/vmitest.elf

CFLAGS32 := -m32 -march=i686 -ffreestanding -fno-builtin \
	-fno-stack-protector -mno-sse -mno-mmx -mno-80387 \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror -MMD -MP
INCS := -Ishim -Ixenif -Irom-layout -D__XEN_INTERFACE_VERSION__=0x00040e00

# The ROM: position independent, state reached PC-relative.
ROM_CFLAGS := $(CFLAGS32) -fpie -fvisibility=hidden $(INCS)
ROM_SRCS := shim/slots.S shim/entry.S shim/privilege.S shim/init.c \
	shim/names.c shim/state.c shim/ports.c shim/cpu_state.c \
	shim/desc.c shim/idt.c shim/xlate.c shim/segments.c shim/cr.c \
	shim/msr.c shim/stack.c shim/cpuid.c shim/diag.c shim/printk.c \
	shim/uart16550.c events/vif.S events/upcall.S xenif/console.c
ROM_OBJS := $(patsubst %,$(B)/rom/%.o,$(basename $(ROM_SRCS)))

# The PV boot image: an ordinary 32-bit PV kernel at 0xC1000000.
BOOT_CFLAGS := $(CFLAGS32) -fno-pic -fno-pie $(INCS)
BOOT_SRCS := rom-layout/pvboot_entry.S rom-layout/pvboot.c shim/printk.c
BOOT_OBJS := $(patsubst %,$(B)/boot/%.o,$(basename $(BOOT_SRCS)))

# Host unit tests and romtool (UNIT_TESTS), the test guest (build/vmitest.elf).
include tests/unit/unit.mk
include tests/guest/guest.mk

.PHONY: all deps xen run test docs clean
all: $(B)/vmi-rom.bin $(B)/romtool $(B)/vmi-xen.elf $(B)/vmitest.elf \
	$(UNIT_TESTS)

$(B)/rom/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ROM_CFLAGS) -c $< -o $@
$(B)/rom/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(ROM_CFLAGS) -c $< -o $@

$(B)/vmi-rom.elf: $(ROM_OBJS) rom-layout/rom.ld rom-layout/check-pic.sh
	rom-layout/check-pic.sh $(ROM_OBJS)
	$(LD) $(LDFLAGS32) -T rom-layout/rom.ld \
		-Map $(B)/vmi-rom.map -o $@ $(ROM_OBJS)

$(B)/vmi-rom.raw: $(B)/vmi-rom.elf
	$(OBJCOPY) -O binary -j .rom $< $@

$(B)/vmi-rom.bin: $(B)/vmi-rom.raw $(B)/romtool
	$(B)/romtool seal $< $@

$(B)/boot/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BOOT_CFLAGS) -c $< -o $@
$(B)/boot/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(BOOT_CFLAGS) -DROM_BIN='"$(B)/vmi-rom.bin"' -c $< -o $@
$(B)/boot/rom-layout/pvboot_entry.o: $(B)/vmi-rom.bin

$(B)/vmi-xen.elf: $(BOOT_OBJS) rom-layout/pvboot.ld
	$(LD) $(LDFLAGS32) -T rom-layout/pvboot.ld \
		-o $@ $(BOOT_OBJS)

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
	@tests/rig/build-xen.sh
	@tests/rig/rig.py run --guest $(GUEST)

test:
	@tests/rig/deps.sh
	@$(MAKE) --no-print-directory -s all
	@tests/rig/build-xen.sh
	@tests/run-all.py --unit "$(UNIT_TESTS)"

clean:
	rm -rf $(B)/rom $(B)/boot $(B)/guest $(B)/unit $(B)/logs \
		$(B)/*.elf $(B)/*.bin $(B)/*.raw $(B)/*.map $(B)/romtool
