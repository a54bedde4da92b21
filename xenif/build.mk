# SPDX-License-Identifier: GPL-2.0
# xenif/build.mk - the Xen interface: hypercall seam, multicalls, console,
# shared pages, counters; and the generated assembly offsets.
rom-y += xenif/console.o xenif/domain.o xenif/multicall.o xenif/state.o \
	xenif/hypercall_table.o \
	xenif/stats.o xenif/xenstore.o
gen-y += $(B)/gen/asm-offsets.h

$(B)/gen/asm-offsets.h: xenif/asm-offsets.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS32) $(INCS) -S -o $@.s $<
	{ echo '/* Generated from xenif/asm-offsets.c: do not edit. */'; \
	  sed -n 's/^->\([A-Z0-9_]*\) \$$\{0,1\}\([0-9]*\).*/#define \1 \2/p' $@.s; } > $@.tmp
	mv $@.tmp $@; rm -f $@.s
