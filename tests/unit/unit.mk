# unit.mk - host unit tests (cmocka) and the host tool build/romtool.
#
# Included by the top-level Makefile; also usable on its own from the
# repository root, e.g.
#   make -f tests/unit/unit.mk build/unit/test_rom_check && build/unit/test_rom_check
#   make -f tests/unit/unit.mk unit-check
# Paths are relative to the repository root.

# Standalone when this is the only makefile read so far.  When included,
# leave the includer's default goal alone (restored at the end).
unit_standalone := $(if $(filter 1,$(words $(MAKEFILE_LIST))),y)
unit_saved_goal := $(.DEFAULT_GOAL)

HOSTCC ?= cc

UNIT_CFLAGS := -Wall -Wextra -Werror -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -Ishim -Irom-layout
UNIT_LDLIBS := -lcmocka
ROMTOOL_CFLAGS := -O2 -Wall -Wextra -Werror -Ishim -Irom-layout

UNIT_TESTS := build/unit/test_rom_check build/unit/test_uart16550 \
	build/unit/test_shim_calls build/unit/test_printk build/unit/test_xlate

# The shim's C call logic built for the host, hypercalls recorded.
SHIM_HOST_SRCS := shim/ports.c shim/uart16550.c shim/cpu_state.c \
	shim/diag.c shim/printk.c shim/names.c xenif/console.c \
	tests/unit/fake_xen.c
SHIM_HOST_CFLAGS := $(UNIT_CFLAGS) -DVMIX_HOST_TEST -Ixenif -Itests/unit \
	-D__XEN_INTERFACE_VERSION__=0x00040e00

ROM_CHECK_DEPS := rom-layout/rom_check.c rom-layout/rom_check.h \
	rom-layout/rom_private.h shim/calls.def
UART_DEPS := shim/uart16550.c shim/uart16550.h

ifeq ($(unit_standalone),y)
.PHONY: unit-all
unit-all: $(UNIT_TESTS) build/romtool
endif

# Also creates build/ for build/romtool.
build/unit:
	mkdir -p $@

build/unit/test_rom_check: tests/unit/test_rom_check.c $(ROM_CHECK_DEPS) | build/unit
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/test_rom_check.c \
		rom-layout/rom_check.c $(UNIT_LDLIBS)

build/unit/test_uart16550: tests/unit/test_uart16550.c $(UART_DEPS) | build/unit
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/test_uart16550.c \
		shim/uart16550.c $(UNIT_LDLIBS)

build/unit/test_shim_calls: tests/unit/test_shim_calls.c $(SHIM_HOST_SRCS) \
		tests/unit/fake_xen.h shim/shim.h shim/calls.def \
		xenif/hypercall.h xenif/pio.h | build/unit
	$(HOSTCC) $(SHIM_HOST_CFLAGS) -o $@ tests/unit/test_shim_calls.c \
		$(SHIM_HOST_SRCS) $(UNIT_LDLIBS)

build/unit/test_printk: tests/unit/test_printk.c shim/printk.c shim/printk.h \
		| build/unit
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/test_printk.c shim/printk.c \
		$(UNIT_LDLIBS)

build/unit/test_xlate: tests/unit/test_xlate.c shim/xlate.c shim/xlate.h \
		| build/unit
	$(HOSTCC) $(UNIT_CFLAGS) -o $@ tests/unit/test_xlate.c shim/xlate.c \
		$(UNIT_LDLIBS)

build/romtool: rom-layout/romtool.c $(ROM_CHECK_DEPS) | build/unit
	$(HOSTCC) $(ROMTOOL_CFLAGS) -o $@ rom-layout/romtool.c \
		rom-layout/rom_check.c

# Build and run every unit test; stops at the first failing one.
.PHONY: unit-check
unit-check: $(UNIT_TESTS)
	@set -e; for t in $(UNIT_TESTS); do echo "== $$t"; $$t; done

ifneq ($(unit_standalone),y)
.DEFAULT_GOAL := $(unit_saved_goal)
endif
