# SPDX-License-Identifier: GPL-2.0
# tests/guest/guest.mk - builds build/vmitest.elf, the VMI test guest.
# Included by the top-level Makefile.  Every .c and .S file in tests/guest/
# is part of the guest; the link follows the set of files (a file removed
# or added relinks), not only their timestamps.

GUEST_DIR := tests/guest
GUEST_OUT := $(B)/guest

GUEST_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -mno-sse -mno-mmx -mno-80387 \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror \
	-I. -I$(GUEST_DIR)
GUEST_LDFLAGS := -m elf_i386 -nostdlib -T $(GUEST_DIR)/guest.ld

GUEST_C_SRCS := $(sort $(wildcard $(GUEST_DIR)/*.c))
GUEST_S_SRCS := $(sort $(wildcard $(GUEST_DIR)/*.S))
GUEST_OBJS := $(patsubst $(GUEST_DIR)/%.S,$(GUEST_OUT)/%.o,$(GUEST_S_SRCS)) \
	$(patsubst $(GUEST_DIR)/%.c,$(GUEST_OUT)/%.o,$(GUEST_C_SRCS))

$(eval $(call objlist,$(GUEST_OUT)/objects,$(GUEST_OBJS)))

$(B)/vmitest.elf: $(GUEST_OBJS) $(GUEST_OUT)/objects $(GUEST_DIR)/guest.ld
	$(LD) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS)

$(GUEST_OUT)/%.o: $(GUEST_DIR)/%.c
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_OUT)/%.o: $(GUEST_DIR)/%.S
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

-include $(GUEST_OBJS:.o=.d)
