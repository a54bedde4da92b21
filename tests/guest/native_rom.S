/*
 * native_rom.S - the guest's compiled-in VMI ROM for bare hardware (ring 0),
 * used when no platform ROM is present or its Init refuses: transparent
 * paravirtualization (spec section 2).
 *
 * A real ROM image: option-ROM header with the VMI fields (API 13.0, no
 * virtual top), then 128 slots of 32 bytes, call N at offset N * 32.  Each
 * implementation keeps the register convention and clobber list of the
 * spec's Appendix A.  Every other slot pushes its number and jumps to
 * native_unimplemented, which reports the call on COM1, writes 1 to the
 * isa-debug-exit port and halts.
 */
#include "rom_private.h"

/* NR_<name> = call number, from the shared call table. */
#define VMI_CALL(nr, name, conv, status, xen) .set NR_##name, nr;
#include "calls.def"
#undef VMI_CALL

#define COM1		0x3f8
#define COM1_LSR	(COM1 + 5)
#define LSR_THRE	0x20
#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1
#define DEBUG_EXIT_PORT	0xf4
#define POST_PORT	0x80
#define RESET_CONTROL	0xcf9		/* PIIX: 0x06 = hard reset */
#define KBC_COMMAND	0x64		/* 0xfe = pulse the reset line */
#define ACPI_PM1A_CNT	0x604		/* QEMU pc: PM base 0x600 + 4 */
#define ACPI_SLP_EN_S5	0x2000		/* SLP_EN, SLP_TYP 0 = soft off */

/* Start the slot of call nr; the assembler refuses if a slot overflows. */
.macro slot nr
	.org (\nr) * VMI_SLOT_SIZE, 0xcc
.endm

/* Slots first..last: not implemented natively. */
.macro unimplemented first, last
	.set .Lnr, \first
	.rept (\last) - (\first) + 1
	.org .Lnr * VMI_SLOT_SIZE, 0xcc
	pushl	$.Lnr
	jmp	native_unimplemented
	.set .Lnr, .Lnr + 1
	.endr
.endm

	.section .native_rom, "ax", @progbits
	.p2align 12
	.globl native_rom
native_rom:
	/* Header: slots 0-3 (spec section 4, HyperRomHeader). */
	.byte	0x55, 0xaa			/* romSignature */
	.byte	(native_rom_end - native_rom) / 512	/* romLength */
	.byte	0xcb, 0, 0, 0			/* romEntry: lret */
	.byte	0				/* romPad0 */
	.long	VMI_SIGNATURE			/* hyperSignature "cVmi" */
	.byte	VMI_API_REV_MINOR
	.byte	VMI_API_REV_MAJOR
	.byte	0, 0				/* reserved0, reserved1 */
	.long	0				/* reserved2: no virtual top */
	.long	0				/* reserved3 */
	.word	0				/* pciHeaderOffset */
	.word	0				/* pnpHeaderOffset */
	.long	0				/* romPad3 */
	.fill	32, 1, 0			/* reserved */
	.fill	64, 1, 0			/* elfHeader */

	/*
	 * Init: mask both 8259s.  The firmware left the timer unmasked and
	 * its IDT is not ours, so enabling interrupts must not let anything
	 * in.  Returns 0.
	 */
	slot NR_Init
	mov	$0xff, %al
	out	%al, $PIC1_DATA
	out	%al, $PIC2_DATA
	xor	%eax, %eax
	ret

	/* CPUID: EAX leaf, ECX subleaf -> EAX..EDX; flags only. */
	slot NR_CPUID
	cpuid
	ret

	unimplemented NR_WRMSR, NR_CLTS

	/* Interrupt flag calls: flags only (EAX is the result of Get). */
	slot NR_EnableInterrupts
	sti
	ret

	slot NR_DisableInterrupts
	cli
	ret

	slot NR_GetInterruptMask
	pushfl
	popl	%eax
	and	$0x200, %eax
	ret

	slot NR_SetInterruptMask
	test	$0x200, %eax
	jz	1f
	sti
	ret
1:	cli
	ret

	unimplemented NR_IRET, NR_SYSEXIT

	/* Processor state calls: standard C clobbers. */
	slot NR_Pause
	pause
	ret

	slot NR_Halt
	sti
	hlt
	ret

	slot NR_Reboot
	mov	$RESET_CONTROL, %dx
	mov	$0x06, %al
	out	%al, (%dx)
	mov	$0xfe, %al
	out	%al, $KBC_COMMAND
	cli
1:	hlt
	jmp	1b

	slot NR_Shutdown
	mov	$ACPI_PM1A_CNT, %dx
	mov	$ACPI_SLP_EN_S5, %ax
	out	%ax, (%dx)
	cli
1:	hlt
	jmp	1b

	unimplemented NR_SetPxE, NR_SetLinearMapping

	/* IN*: EDX port -> EAX; nothing else changes. */
	slot NR_IN
	in	(%dx), %eax
	ret

	slot NR_INB
	in	(%dx), %al
	ret

	slot NR_INW
	in	(%dx), %ax
	ret

	/* INS*: EDI buffer, EDX port, ECX count; EDI and ECX advance. */
	slot NR_INS
	rep insl (%dx), %es:(%edi)
	ret

	slot NR_INSB
	rep insb (%dx), %es:(%edi)
	ret

	slot NR_INSW
	rep insw (%dx), %es:(%edi)
	ret

	/* OUT*: EAX value, EDX port; no clobbers. */
	slot NR_OUT
	out	%eax, (%dx)
	ret

	slot NR_OUTB
	out	%al, (%dx)
	ret

	slot NR_OUTW
	out	%ax, (%dx)
	ret

	/* OUTS*: ESI buffer, EDX port, ECX count; ESI and ECX advance. */
	slot NR_OUTS
	rep outsl %ds:(%esi), (%dx)
	ret

	slot NR_OUTSB
	rep outsb %ds:(%esi), (%dx)
	ret

	slot NR_OUTSW
	rep outsw %ds:(%esi), (%dx)
	ret

	unimplemented NR_SetIOPLMask, NR_APICRead

	/* IODelay: one write to the POST port, as the spec suggests. */
	slot NR_IODelay
	out	%al, $POST_PORT
	ret

	unimplemented NR_GetCycleFrequency, (VMI_NR_SLOTS-1)

	/*
	 * Common not-implemented path: (%esp) = call number.  Prints
	 * "vmitest: native ROM: call <N> not implemented" on COM1, writes 1
	 * to the isa-debug-exit port and halts with interrupts off.
	 */
	.org VMI_NR_SLOTS * VMI_SLOT_SIZE, 0xcc
native_unimplemented:
	cld
	mov	$unimpl_msg_head, %esi
	call	nu_puts
	popl	%eax
	call	nu_putdec
	mov	$unimpl_msg_tail, %esi
	call	nu_puts
	mov	$1, %al
	out	%al, $DEBUG_EXIT_PORT
	cli
1:	hlt
	jmp	1b

/* Write the NUL-terminated string at ESI; clobbers EAX, ECX, EDX, ESI. */
nu_puts:
	lodsb
	test	%al, %al
	jz	2f
	mov	%al, %cl
	call	nu_putc
	jmp	nu_puts
2:	ret

/* Write CL to COM1 once the transmitter is ready; clobbers EAX, EDX. */
nu_putc:
	push	%ecx
	mov	$0x100000, %ecx			/* give up waiting eventually */
	mov	$COM1_LSR, %dx
1:	in	(%dx), %al
	test	$LSR_THRE, %al
	jnz	2f
	loop	1b
2:	pop	%ecx
	mov	$COM1, %dx
	mov	%cl, %al
	out	%al, (%dx)
	ret

/* Write EAX in decimal; clobbers EAX, EBX, ECX, EDX. */
nu_putdec:
	mov	$10, %ebx
	xor	%ecx, %ecx
1:	xor	%edx, %edx
	div	%ebx
	push	%edx
	inc	%ecx
	test	%eax, %eax
	jnz	1b
2:	pop	%eax
	push	%ecx
	lea	0x30(%eax), %ecx
	call	nu_putc
	pop	%ecx
	loop	2b
	ret

unimpl_msg_head:
	.asciz	"vmitest: native ROM: call "
unimpl_msg_tail:
	.asciz	" not implemented\r\n"

	.p2align 9, 0
native_rom_end:

	.section .note.GNU-stack, "", @progbits
