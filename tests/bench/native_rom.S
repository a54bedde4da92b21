/* SPDX-License-Identifier: GPL-2.0 */
/*
 * native_rom.S - the benchmark kernel's own minimal VMI ROM for bare
 * hardware (ring 0): the calls be_vmi.c makes, each the very instruction
 * sequence the raw backend (be_raw.c) executes, so that native-ROM / raw
 * measures what the VMI call itself costs (call, return, convention).
 * The header is a real ROM's (option ROM, "cVmi", API 13.0, no virtual
 * top); call N at offset N * 32; a slot it lacks is int3 filler, which
 * the kernel's #BP gate reports.  Never copied: be_vmi.c calls it where
 * it is linked.  SetAlarm is the raw backend's PIT one-shot
 * (be_raw.c's be_timer_arm, compiled in here as native_pit_arm).
 *
 * Never: differ from be_raw.c in what an implemented call does.
 */
#include "rom-layout/rom_private.h"

#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) .set NR_##name, nr;
#include "shim/calls.def"
#undef VMI_CALL

#define DEBUG_EXIT	0xf4

.macro slot nr
	.org (\nr) * VMI_SLOT_SIZE, 0xcc
.endm

	.section .native_rom, "ax", @progbits
	.p2align 12
	.globl native_rom
native_rom:
	.byte	0x55, 0xaa
	.byte	(native_rom_end - native_rom) / 512
	.byte	0xcb, 0, 0, 0, 0
	.long	VMI_SIGNATURE
	.byte	VMI_API_REV_MINOR, VMI_API_REV_MAJOR
	.byte	0, 0
	.long	0, 0
	.word	0, 0
	.long	0

	/* Init: both 8259s masked (the firmware left its timer running). */
	slot NR_Init
	mov	$0xff, %al
	out	%al, $0x21
	out	%al, $0xa1
	xor	%eax, %eax
	ret

	slot NR_RDMSR
	rdmsr
	ret

	slot NR_SetGDT
	lgdt	(%eax)
	ret

	slot NR_SetIDT
	lidt	(%eax)
	ret

	slot NR_SetTR
	ltr	%ax
	ret

	/* Write*Entry: EAX table, EDX entry, ECX low word, 4(%esp) high. */
	slot NR_WriteGDTEntry
	jmp	native_write_entry

	slot NR_WriteIDTEntry
	jmp	native_write_entry

	/* UpdateKernelStack: EAX TSS, EDX esp0. */
	slot NR_UpdateKernelStack
	mov	%edx, 4(%eax)
	ret

	slot NR_SetCR3
	mov	%eax, %cr3
	ret

	slot NR_GetCR2
	mov	%cr2, %eax
	ret

	slot NR_EnableInterrupts
	sti
	ret

	slot NR_DisableInterrupts
	cli
	ret

	/* IRET: the native frame above the return address. */
	slot NR_IRET
	add	$4, %esp
	iret

	slot NR_Halt
	sti
	hlt
	ret

	slot NR_Shutdown
	xor	%eax, %eax
	out	%al, $DEBUG_EXIT
	cli
1:	hlt
	jmp	1b

	/* SetPxELong: EDX:EAX value, ECX pointer; high word first if present. */
	slot NR_SetPxELong
	test	$1, %eax
	jz	1f
	mov	%edx, 4(%ecx)
	mov	%eax, (%ecx)
	ret
1:	mov	%eax, (%ecx)
	mov	%edx, 4(%ecx)
	ret

	/* GetPxELong: EAX pointer -> EDX:EAX. */
	slot NR_GetPxELong
	mov	4(%eax), %edx
	mov	(%eax), %eax
	ret

	slot NR_AllocatePage
	ret

	slot NR_ReleasePage
	ret

	slot NR_InvalPage
	invlpg	(%eax)
	ret

	slot NR_FlushTLB
	mov	%cr3, %eax
	mov	%eax, %cr3
	ret

	slot NR_FlushDeferredCalls
	ret

	slot NR_SetLinearMapping
	ret

	slot NR_INB
	in	(%dx), %al
	ret

	slot NR_OUTB
	out	%al, (%dx)
	ret

	/* TestAndClearPxELongBit: EAX bit (< 32 here), EDX pointer. */
	slot NR_TestAndClearPxELongBit
	lock btrl %eax, (%edx)
	setc	%al
	movzbl	%al, %eax
	ret

	/* The counters: the TSC, which -icount makes 1 GHz. */
	slot NR_GetCycleFrequency
	mov	$1000000000, %eax
	xor	%edx, %edx
	ret

	slot NR_GetCycleCounter
	rdtsc
	ret

	/* SetAlarm: EAX flags, ECX:EDX expiry; one-shot IRQ0 only. */
	slot NR_SetAlarm
	jmp	native_set_alarm

	.org	VMI_NR_SLOTS * VMI_SLOT_SIZE, 0xcc
native_write_entry:
	mov	%ecx, (%eax,%edx,8)
	mov	4(%esp), %ecx
	mov	%ecx, 4(%eax,%edx,8)
	ret

/* The expiry less the TSC now (ns at 1 GHz) to be_raw's PIT arming. */
native_set_alarm:
	push	%edx
	rdtsc
	mov	%eax, %ecx
	pop	%eax
	sub	%ecx, %eax
	jns	1f
	xor	%eax, %eax
1:	push	%eax
	call	native_pit_arm
	add	$4, %esp
	ret

	.p2align 9, 0
native_rom_end:

	.section .note.GNU-stack, "", @progbits
