# SPDX-License-Identifier: GPL-2.0
# fuzz.mk - libFuzzer targets (clang -fsanitize=fuzzer,address,undefined).
#
#   make fuzz                  build every target, make the seed corpora and
#                              run each target for FUZZ_SECONDS (default 60),
#                              at most one per core at a time
#   make fuzz FUZZ_SECONDS=10  shorter
#   make fuzz-build            only build the targets and their seeds
#   make -f tests/fuzz/fuzz.mk fuzz-build   the same without the rest of
#                              the build (what tests/fuzz/smoke.py runs)
#
# Targets, one file each in tests/fuzz/ (their header comments list the
# invariants they assert):
#   fuzz_rom_check  rom_check() over arbitrary bytes, again with romLength
#                   and the checksum repaired, and rom_seal_report() on a
#                   copy (rom-layout/romtool/rom_check.c)
#   fuzz_xlate      xlate_descriptor() and xlate_gate() against what
#                   shim/xlate.h promises (shim/xlate.c)
#   fuzz_pte        PAE entries through mmu/pte.c both ways on random
#                   guests: refusals write nothing, round trips hold
#   fuzz_mmu_queue  sequences of queued PTE writes, INVLPGs, flushes,
#                   lookups, direct hypercalls and events against a model
#                   of mmu/queue.h (mmu/queue.c over tests/unit/fake_xen.c)
#
# Binaries: build/fuzz/<target>.  build/fuzz/seed/<target>/ is remade on
# every run by tests/fuzz/seeds.py (the built ROM when there is one, a
# synthetic image, descriptors and gates); build/fuzz/corpus/<target>/
# keeps what libFuzzer found between runs.  A crash is saved as
# build/fuzz/crash-<target>-<hash>; reproduce it with
# `build/fuzz/<target> build/fuzz/crash-<target>-<hash>`.  Logs:
# build/fuzz/<target>.log.
#
# Included by the top-level Makefile (which sets B and declares fuzz
# phony); paths are relative to the repository root.

B ?= build
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer \
	-Wall -Wextra -Werror -I. -D__XEN_INTERFACE_VERSION__=0x00040e00

FUZZ_TARGETS := fuzz_rom_check fuzz_xlate
FUZZ_BINS := $(addprefix $(B)/fuzz/,$(FUZZ_TARGETS))
FUZZ_TARGETS += fuzz_mmu_queue fuzz_pte
FUZZ_BINS += $(B)/fuzz/fuzz_mmu_queue $(B)/fuzz/fuzz_pte

.PHONY: fuzz fuzz-build fuzz-seeds

fuzz-build: $(FUZZ_BINS) fuzz-seeds

$(B)/fuzz/fuzz_rom_check: tests/fuzz/fuzz_rom_check.c \
		rom-layout/romtool/rom_check.c rom-layout/romtool/rom_check.h \
		rom-layout/rom_private.h shim/calls.def tests/fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_rom_check.c \
		rom-layout/romtool/rom_check.c

$(B)/fuzz/fuzz_pte: tests/fuzz/fuzz_pte.c mmu/pte.c mmu/pte.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_pte.c mmu/pte.c

$(B)/fuzz/fuzz_xlate: tests/fuzz/fuzz_xlate.c shim/xlate.c shim/xlate.h \
		tests/fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ tests/fuzz/fuzz_xlate.c shim/xlate.c

FUZZ_MMU_QUEUE_SRCS := tests/fuzz/fuzz_mmu_queue.c mmu/queue.c \
	tests/unit/fake_xen.c xenif/multicall.c xenif/console.c \
	xenif/domain.c xenif/stats.c shim/lib/printk.c
$(B)/fuzz/fuzz_mmu_queue: $(FUZZ_MMU_QUEUE_SRCS) mmu/queue.h \
		tests/unit/fake_xen.h xenif/multicall.h xenif/hypercall.h \
		tests/fuzz/fuzz.mk
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DVMIX_HOST_TEST -o $@ $(FUZZ_MMU_QUEUE_SRCS)

# Seeds are made at run time, from whatever build/ holds now.
fuzz-seeds:
	@python3 tests/fuzz/seeds.py $(B)

fuzz: fuzz-build
	@python3 tests/fuzz/smoke.py --build $(B) --seconds $(FUZZ_SECONDS) \
		$(FUZZ_TARGETS)
