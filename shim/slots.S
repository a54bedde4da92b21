/* SPDX-License-Identifier: GPL-2.0 *
 * Never: hand-write a slot: every one comes from shim/calls.def.
 */
/*
 * slots.S - the ROM header, the 128 call slots and the PCI/PnP headers.
 *
 * Call N's 32-byte slot sits at ROM offset N*32 (slots 0-3 hold the 128-byte
 * VMI header).  The slot contents are generated from shim/calls.def: an
 * implemented call's slot enters vmi_<Name> (a REGPARM call through its
 * counting entry, shim/call_count.S), directly or through the fallible
 * pattern that injects #GP when the call refuses its input; any
 * other slot is "push $N; jmp vmi_unimplemented".  romtool verify checks
 * every pattern (rom-layout/rom_private.h).
 *
 * romLength, the PCI image length, the PnP checksum and the ROM checksum
 * are filled in by `romtool seal`.
 */
#include "rom-layout/rom_private.h"
#include "shim/lib/asm.h"

	.section .rom.header, "ax"
	.code32
	.globl	rom_start
rom_start:
	.byte	0x55, 0xaa		/* romSignature */
	.byte	0			/* romLength: romtool seal */
	.byte	0x31, 0xc0, 0xcb, 0x90	/* romEntry: 16-bit xor ax,ax; retf */
	.byte	0			/* romPad0 */
	.long	VMI_SIGNATURE		/* "cVmi" */
	.byte	VMI_API_REV_MINOR, VMI_API_REV_MAJOR
	.byte	0, 0			/* reserved0, reserved1 */
	.long	VMIX_VIRTUAL_TOP	/* reserved2: virtual top */
	.long	rom_private - rom_start	/* reserved3: private block */
	.word	pci_header - rom_start	/* pciHeaderOffset */
	.word	pnp_header - rom_start	/* pnpHeaderOffset */
	.long	0			/* romPad3 */
	.fill	VMI_HEADER_SIZE - (. - rom_start), 1, 0

/*
 * The slot of every call, from shim/calls.def (patterns: rom_private.h).
 * NOFAULT: a jump to the call's entry.  GP/GPV: the entry is called with
 * the caller's first stack argument passed on; a nonzero EAX (GP) or EDX
 * (GPV) means it refused its input, and #GP(0) is injected at the call.
 * The entry is vmix_counted_<name> for a REGPARM call (shim/call_count.S
 * counts it, then jumps to vmi_<name>) and vmi_<name> for a CUSTOM one.
 */
#define SLOT_AT(n)	.org rom_start + (n) * VMI_SLOT_SIZE, 0xcc
#define SLOT_IMPL_NOFAULT(n, to)					\
	SLOT_AT(n);							\
	jmp	to
#define SLOT_FALLIBLE(n, to, reg)					\
	SLOT_AT(n);							\
	pushl	4(%esp);						\
	call	to;							\
	leal	4(%esp), %esp;						\
	testl	reg, reg;						\
	jnz	events_inject_gp;					\
	ret
#define SLOT_IMPL_GP(n, to)	SLOT_FALLIBLE(n, to, %eax)
#define SLOT_IMPL_GPV(n, to)	SLOT_FALLIBLE(n, to, %edx)
#define SLOT_NONE_NOFAULT(n, to)					\
	SLOT_AT(n);							\
	pushl	$(n);							\
	jmp	vmi_unimplemented
#define TARGET_REGPARM(name)	vmix_counted_##name
#define TARGET_CUSTOM(name)	vmi_##name
#define SLOT_CALL(n, to, status, fault)	SLOT_##status##_##fault(n, to)
#define VMI_CALL(n, name, conv, status, fault, file, ret, args, xen)	\
	SLOT_CALL(n, TARGET_##conv(name), status, fault)
#include "shim/calls.def"
#undef VMI_CALL

	/* Reserved slots VMI_NR_CALLS .. VMI_NR_SLOTS-1. */
	slot = VMI_NR_CALLS
	.rept	VMI_NR_SLOTS - VMI_NR_CALLS
	.org	rom_start + slot * VMI_SLOT_SIZE, 0xcc
	pushl	$slot
	jmp	vmi_unimplemented
	slot = slot + 1
	.endr
	.org	rom_start + VMI_NR_SLOTS * VMI_SLOT_SIZE, 0xcc

	/* The vmi-xen private block (rom-layout/rom_private.h), version 3. */
	.balign	4
rom_private:
	.long	VMIX_PRIV_MAGIC
	.word	VMIX_PRIV_VERSION
	.word	VMI_NR_SLOTS
	.long	rom_start		/* image_va: the link address */
	.long	rom_state_start		/* state_va */
	.long	rom_state_size
	.long	hypercall_page		/* hypercall_page_va */
	.long	shared_info_page	/* shared_info_va */
	.long	vmix_percpu		/* percpu_va */
	.long	boot_block		/* boot_block_va */
	.long	vmi_call_names - VMIX_SHIM_TEXT_VA	/* offsets in the image */
	.long	vmi_call_status - VMIX_SHIM_TEXT_VA
	.long	vmi_unimplemented - VMIX_SHIM_TEXT_VA
	.long	events_inject_gp - VMIX_SHIM_TEXT_VA

	/* PCI data structure (PCI firmware spec 3.0, "PCIR"). */
	.balign	4
pci_header:
	.ascii	"PCIR"
	.word	0x15ad			/* vendor: VMware (VMI ROM) */
	.word	0x0000			/* device */
	.word	0			/* vital product data */
	.word	0x18			/* structure length */
	.byte	0			/* structure revision */
	.byte	0x00, 0x80, 0x05	/* class: memory controller, other */
	.word	0			/* image length: romtool seal */
	.word	1			/* code revision */
	.byte	0			/* code type: x86 */
	.byte	0x80			/* indicator: last image */
	.word	0

	/* PnP expansion header ("$PnP", PnP BIOS spec 1.0a). */
	.balign	16
pnp_header:
	.ascii	"$PnP"
	.byte	1			/* revision */
	.byte	2			/* length, 16-byte units */
	.word	0			/* next header */
	.byte	0			/* reserved */
	.byte	0			/* checksum: romtool seal */
	.long	0			/* device identifier */
	.word	pnp_vendor - rom_start	/* manufacturer string */
	.word	pnp_product - rom_start	/* product name string */
	.byte	0x08, 0x80, 0x00	/* device type: system peripheral, other */
	.byte	0x00			/* device indicators */
	.word	0, 0, 0, 0, 0		/* BCV, DV, BEV, reserved, static info */

pnp_vendor:
	.asciz	"vmi-xen"
pnp_product:
	.asciz	"VMI ROM 13.0 on Xen"
