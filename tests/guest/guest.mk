# tests/guest/guest.mk - builds build/vmitest.elf, the VMI test guest.
#
# Included by the top-level Makefile (run from the repository root); also
# works on its own:  make -f tests/guest/guest.mk build/vmitest.elf
# Every .c and .S file in tests/guest/ is part of the guest.

# Standalone use, or included: then leave the includer's default goal alone.
GUEST_STANDALONE := $(filter 1,$(words $(MAKEFILE_LIST)))
GUEST_SAVED_GOAL := $(.DEFAULT_GOAL)

GUEST_DIR := tests/guest
GUEST_OUT := build/guest

GUEST_CC := gcc
GUEST_LD := ld
GUEST_CFLAGS := -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -mno-sse -mno-mmx -mno-80387 \
	-fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror \
	-Ishim -Irom-layout
GUEST_LDFLAGS := -m elf_i386 -nostdlib -T $(GUEST_DIR)/guest.ld

GUEST_C_SRCS := $(sort $(wildcard $(GUEST_DIR)/*.c))
GUEST_S_SRCS := $(sort $(wildcard $(GUEST_DIR)/*.S))
GUEST_C_OBJS := $(patsubst $(GUEST_DIR)/%.c,$(GUEST_OUT)/%.o,$(GUEST_C_SRCS))
GUEST_S_OBJS := $(patsubst $(GUEST_DIR)/%.S,$(GUEST_OUT)/%.o,$(GUEST_S_SRCS))
GUEST_OBJS := $(GUEST_S_OBJS) $(GUEST_C_OBJS)

build/vmitest.elf: $(GUEST_OBJS) $(GUEST_DIR)/guest.ld | $(GUEST_OUT)
	$(GUEST_LD) $(GUEST_LDFLAGS) -o $@ $(GUEST_OBJS)

$(GUEST_C_OBJS): $(GUEST_OUT)/%.o: $(GUEST_DIR)/%.c | $(GUEST_OUT)
	$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_S_OBJS): $(GUEST_OUT)/%.o: $(GUEST_DIR)/%.S | $(GUEST_OUT)
	$(GUEST_CC) $(GUEST_CFLAGS) -MMD -MP -c $< -o $@

$(GUEST_OUT):
	mkdir -p $@

.PHONY: guest-clean
guest-clean:
	rm -rf $(GUEST_OUT) build/vmitest.elf

-include $(GUEST_OBJS:.o=.d)

ifeq ($(GUEST_STANDALONE),)
.DEFAULT_GOAL := $(GUEST_SAVED_GOAL)
endif
