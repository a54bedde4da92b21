# SPDX-License-Identifier: GPL-2.0
# rom-layout/build.mk - the ROM image (link map, PIC check, seal), the PV
# boot image and the host tool romtool.
boot-y += rom-layout/pvboot/entry.o rom-layout/pvboot/main.o \
	rom-layout/pvboot/console.o rom-layout/pvboot/cmdline.o \
	rom-layout/pvboot/pagetables.o rom-layout/pvboot/rom.o \
	rom-layout/pvboot/kernel.o

$(B)/vmi-rom.elf: $(B)/rom/objects rom-layout/rom.ld \
		rom-layout/check-pic.sh $(CHECK_CALLS) shim/calls.def
	rom-layout/check-pic.sh $(ROM_OBJS)
	CC=$(CC) $(CHECK_CALLS) $(B)/rom $(ROM_OBJS)
	$(LD) $(LDFLAGS32) -T rom-layout/rom.ld \
		-Map $(B)/vmi-rom.map -o $@ $(ROM_OBJS)
$(B)/vmi-rom.elf: $$(ROM_OBJS)

$(B)/vmi-rom.raw: $(B)/vmi-rom.elf
	$(OBJCOPY) -O binary -j .rom $< $@

$(B)/vmi-rom.bin: $(B)/vmi-rom.raw $(B)/romtool
	$(B)/romtool seal $< $@

# The boot image embeds the sealed ROM.
$(B)/boot/rom-layout/pvboot/entry.o: $(B)/vmi-rom.bin
$(B)/boot/rom-layout/pvboot/entry.o: BOOT_CFLAGS += -DROM_BIN='"$(B)/vmi-rom.bin"'

$(B)/vmi-xen.elf: $(B)/boot/objects rom-layout/pvboot/pvboot.ld
$(B)/vmi-xen.elf: $$(BOOT_OBJS)
	$(LD) $(LDFLAGS32) -T rom-layout/pvboot/pvboot.ld -o $@ $(BOOT_OBJS)

ROMTOOL_SRCS := rom-layout/romtool/romtool.c rom-layout/romtool/rom_check.c
ROMTOOL_CFLAGS := -O2 -Wall -Wextra -Werror -I.

$(B)/romtool: $(ROMTOOL_SRCS) rom-layout/romtool/rom_check.h \
		rom-layout/rom_private.h shim/calls.def
	@mkdir -p $(dir $@)
	$(HOSTCC) $(ROMTOOL_CFLAGS) -o $@ $(ROMTOOL_SRCS)
