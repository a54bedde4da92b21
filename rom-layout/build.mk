# SPDX-License-Identifier: GPL-2.0
# rom-layout/build.mk - the ROM image (link map, copy check, seal), the PV
# boot image and the host tool romtool.
boot-y += rom-layout/pvboot/entry.o rom-layout/pvboot/main.o \
	rom-layout/pvboot/console.o rom-layout/pvboot/cmdline.o \
	rom-layout/pvboot/pagetables.o rom-layout/pvboot/rom.o \
	rom-layout/pvboot/kernel.o

# The link map, preprocessed with the layout contract's constants.
$(B)/rom/rom.ld: rom-layout/rom.ld.S rom-layout/rom_private.h
	@mkdir -p $(dir $@)
	$(CC) -E -P -x assembler-with-cpp -I. -o $@ $<

$(B)/vmi-rom.elf: $(B)/rom/objects $(B)/rom/rom.ld rom-layout/check-copy.py \
		$(CHECK_CALLS) shim/calls.def
	CC=$(CC) $(CHECK_CALLS) $(B)/rom $(ROM_OBJS)
	$(LD) $(LDFLAGS32) --emit-relocs -T $(B)/rom/rom.ld \
		-Map $(B)/vmi-rom.map -o $@ $(ROM_OBJS)
	rom-layout/check-copy.py $@ || { rm -f $@; exit 1; }
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
