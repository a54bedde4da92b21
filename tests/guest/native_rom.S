/* SPDX-License-Identifier: GPL-2.0 */
/*
 * native_rom.S - the guest's compiled-in VMI ROM for bare hardware (ring 0),
 * used when no platform ROM is present or its Init refuses: transparent
 * paravirtualization (spec section 2).
 *
 * A real ROM image: option-ROM header with the VMI fields (API 13.0, no
 * virtual top), then 128 slots of 32 bytes, call N at offset N * 32.  Each
 * implementation keeps the register convention and clobber list of the
 * spec's Appendix A; implementations longer than a slot jump to code after
 * the slot table.  Every other slot pushes its number and jumps to
 * native_unimplemented, which reports the call on COM1, writes 1 to the
 * isa-debug-exit port and halts.
 *
 * Init establishes VMI's start of day on bare hardware: PAE paging with
 * the first 1 GiB identity mapped in 2 MiB pages (user, writable), so that
 * linear addresses from 0x40000000 up are not mapped, as on Xen, except
 * the kernel's high mapping of low memory: the same 1 GiB at 0xC0000000
 * (supervisor, writable), which a VMI kernel expects at start of day (the
 * guest calls a platform ROM's Init and reads it through that mapping).
 *
 * Bad input (a descriptor table entry out of range or beyond the limit of
 * the loaded table, a debug register that does not exist) is answered as
 * the vmi-xen shim answers it: #GP(0) injected at the call, i.e. the
 * guest's #GP handler runs with a same-privilege frame whose EIP is the
 * call's return address.  RDPMC of a counter the processor does not
 * expose (CPUID leaf 0xA) reads as 0, as on the shim.
 *
 * Page tables (PAE only, as on the shim): the PxELong calls work on the
 * entry at the guest's pointer directly, every store and read-modify-write
 * a locked CMPXCHG8B (or BTS/BTR on the entry's 32-bit half holding the
 * bit), so no half-written 64-bit entry is ever visible and the A/D bits
 * the processor sets meanwhile are never lost.  AllocatePage, ReleasePage,
 * SetLinearMapping and FlushDeferredCalls are hints a native processor
 * does not need: they do nothing.  InvalPage is INVLPG, FlushTLB a CR3
 * reload (with VMI_FLUSH_GLOBAL and CR4.PGE set: a PGE toggle).  The
 * 2-level calls (SetPxE, GetPxE, SwapPxE, TestAnd{Set,Clear}PxEBit) are
 * not implemented: the native ROM runs PAE paging, where they have no
 * meaning.  Every call not implemented is listed in native_rom_missing
 * (rom.c reads it, so a case can say what it lacks instead of ending the
 * run here).
 *
 * Interrupts and time (the C half: native_time.c, native_io.c, entered
 * directly: this ROM is never copied).  Halt is "sti; hlt": it returns
 * after the waking interrupt's handler ran, interrupts enabled.
 * APICRead/APICWrite are a load and a store at the register's linear
 * address (the guest maps the APIC; apic.h); APICWrite refuses (#GP) a
 * read-only register (version, APR, PPR, ISR, TMR, IRR, current count),
 * an offset that is no register, and an EOI with no ISR bit set.  The
 * OUT calls on ports up to 0xa1 shadow each 8259's initialisation: an
 * OCW to a command port while that PIC waits for ICW2-4 after an ICW1,
 * or an ICW4 without 8086 mode, is refused (#GP) and not written.
 *
 * The counters: REAL and AVAILABLE are both TSC cycles since Init (bare
 * hardware steals nothing), STOLEN is 0, any other counter reads 0;
 * GetCycleFrequency is the TSC rate, calibrated once at Init over 20 ms
 * of PIT channel 2, each end bracketed by TSC reads and retried until
 * the brackets are tight (0 if the PIT never answered: no VMI timer); the
 * wallclock is the CMOS clock read at Init plus the TSC since (so it is
 * up to a second behind: the clock counts whole seconds), and
 * WallclockUpdated is always 0.  Alarms (one per counter, REAL and
 * AVAILABLE; STOLEN or another counter is a no-op, as is CancelAlarm of
 * it, which returns 0): VMI_ALARM_WIRED_IRQ0 runs PIT channel 0 (one-shot
 * mode 0, periodic mode 2), VMI_ALARM_WIRED_LVTT the local APIC timer
 * (one-shot or periodic, the LVTT's vector and mask bit as the guest
 * wrote them, its rate calibrated at Init or at first use).  Period 0
 * with VMI_ALARM_IS_PERIODIC is a one-shot; an expiry in the past fires
 * as soon as the hardware can: one PIT tick on IRQ0, at once on the LVTT
 * (a self-IPI on the LVTT's vector: fixed delivery, the same ISR and
 * EOI, dropped if the LVTT is masked, as a timer interrupt is); arming an
 * armed alarm replaces it; CancelAlarm returns 1 for a periodic alarm and for a one-shot whose
 * hardware has not reached its count (PIT OUT low, APIC count not 0).
 * What bare hardware cannot do as the spec's alarm model says:
 *   - a periodic alarm's grid is the hardware's: its first tick comes one
 *     period after SetAlarm (the PIT and the APIC timer start counting
 *     when programmed), whatever e0 was, and the period is rounded to
 *     whole PIT ticks (1/1193182 s) or APIC timer ticks;
 *   - the PIT counts 16 bits: one-shots and periods on IRQ0 longer than
 *     65536 PIT ticks (54.9 ms) are clamped to that (the one-shot fires
 *     early; chaining would need the interrupt, which goes straight to
 *     the guest's IDT, never through the ROM);
 *   - each wire has one timer: arming the other counter's alarm on the
 *     same wire displaces (disarms) the first, as does the guest
 *     programming PIT channel 0 itself (ports 0x40, 0x43) or the APIC
 *     timer (TMICT, TDCR);
 *   - an LVTT alarm needs the APIC's linear address, which the ROM learns
 *     from APICWrite (VMI Linux writes the LVTT before such an alarm):
 *     before any APICWrite it is a no-op;
 *   - a masked line keeps nothing for later: the 8259 keeps IRR (IRQ0
 *     is delivered at unmask), but the APIC drops a timer interrupt that
 *     finds its LVTT masked;
 *   - stopping PIT channel 0 (CancelAlarm, a displaced alarm) on QEMU:
 *     its 8254 keeps counting through a control word, so a one-shot IRQ0
 *     alarm cancelled before it fired can still raise IRQ0 once, at its
 *     old expiry (native_time.c, pit_stop; re-arming, which loads a new
 *     count, is exact); on a real 8254 a periodic alarm armed right after
 *     a cancelled one-shot can raise one early tick (the mode 2 control
 *     word lifts OUT).  The APIC timer stops exactly on both.
 */
#include "rom-layout/rom_private.h"
#include "native_rom.h"

/* NR_<name> = call number, from the shared call table. */
#define VMI_CALL(nr, name, conv, status, fault, file, ret, args, xen) .set NR_##name, nr;
#include "shim/calls.def"
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

#define CR0_WP		0x00010000
#define CR0_PG		0x80000000
#define CR4_DE		0x00000008
#define CR4_PAE		0x00000020
#define CR4_PGE		0x00000080
#define VMI_FLUSH_GLOBAL 0x02
#define PXE_LAST_BIT	63		/* TestAnd*PxELongBit: bits 0-63 */
#define PDE_2M_FLAGS	0x87		/* present, writable, user, 2 MiB */
#define PDE_2M_KERNEL	0x83		/* present, writable, 2 MiB */
#define PAGE_OFFSET_PDPTE 3		/* 0xC0000000 >> 30 */
#define PDPTE_P		0x1
#define EFLAGS_IOPL	0x3000
#define VEC_GP		13
#define GATE_TRAP_BIT	0x1		/* gate type 0xf vs 0xe: IF kept */
#define MAX_GDT_ENTRY	8191
#define MAX_LDT_ENTRY	8191
#define MAX_IDT_ENTRY	255
#define DESC_G_BYTE	6		/* byte of the descriptor holding G */
#define DESC_G_BIT	0x80
#define CPUID_PMU_LEAF	0xa
#define RDPMC_FIXED	0x40000000	/* ECX bit 30: a fixed counter */

/* Start the slot of call nr; the assembler refuses if a slot overflows. */
.macro slot nr
	.org (\nr) * VMI_SLOT_SIZE, 0xcc
.endm

/*
 * Slots first..last: not implemented natively.  Each number is also
 * appended to native_rom_missing (0xff-terminated, in .rodata).
 */
.macro unimplemented first, last
	.set .Lnr, \first
	.rept (\last) - (\first) + 1
	.org .Lnr * VMI_SLOT_SIZE, 0xcc
	pushl	$.Lnr
	jmp	native_unimplemented
	.pushsection .rodata.native_rom_missing, "a", @progbits
	.byte	.Lnr
	.popsection
	.set .Lnr, .Lnr + 1
	.endr
.endm

/*
 * A locked 64-bit exchange: (%esi) <- ECX:EBX, EDX:EAX <- the old value.
 * EDX:EAX is a first guess; a failed CMPXCHG8B loads the current value
 * and the loop retries with it, so A/D bits set meanwhile come back.
 */
.macro xchg8b_esi
	mov	(%esi), %eax
	mov	4(%esi), %edx
1:	lock cmpxchg8b (%esi)
	jnz	1b
.endm

/*
 * The body of SetPxELong and SwapPxELongAtomic (EDX:EAX value, ECX
 * pointer; the old value left in EDX:EAX), keeping EBX and ESI.
 */
.macro swap_pxe_long
	push	%ebx
	push	%esi
	mov	%ecx, %esi
	mov	%eax, %ebx
	mov	%edx, %ecx
	xchg8b_esi
	pop	%esi
	pop	%ebx
	ret
.endm

	.pushsection .rodata.native_rom_missing, "a", @progbits
	.globl native_rom_missing
native_rom_missing:
	.popsection

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
	 * Init: mask both 8259s (the firmware left the timer unmasked and its
	 * IDT is not ours, so enabling interrupts must not let anything in)
	 * and turn paging on (native_init).  Returns 0.
	 */
	slot NR_Init
	jmp	native_init

	/* CPUID: EAX leaf, ECX subleaf -> EAX..EDX; flags only. */
	slot NR_CPUID
	cpuid
	ret

	/* WRMSR: ECX register, EDX:EAX value.  RDMSR: ECX -> EDX:EAX. */
	slot NR_WRMSR
	wrmsr
	ret

	slot NR_RDMSR
	rdmsr
	ret

	/* Descriptor tables: EAX = VMI_DTR pointer or selector. */
	slot NR_SetGDT
	lgdt	(%eax)
	ret

	slot NR_SetLDT
	lldt	%ax
	ret

	slot NR_SetIDT
	lidt	(%eax)
	ret

	slot NR_SetTR
	ltr	%ax
	ret

	slot NR_GetGDT
	sgdt	(%eax)
	ret

	slot NR_GetLDT
	xor	%eax, %eax
	sldt	%ax
	ret

	slot NR_GetIDT
	sidt	(%eax)
	ret

	slot NR_GetTR
	xor	%eax, %eax
	str	%ax
	ret

	/* Write*Entry: EAX table, EDX entry, ECX low word, 4(%esp) high. */
	slot NR_WriteGDTEntry
	jmp	native_write_gdt_entry

	slot NR_WriteLDTEntry
	jmp	native_write_ldt_entry

	slot NR_WriteIDTEntry
	jmp	native_write_idt_entry

	/* UpdateKernelStack: EAX TSS, EDX esp0 (TSS offset 4). */
	slot NR_UpdateKernelStack
	mov	%edx, 4(%eax)
	ret

	/* Control registers: EAX in or out. */
	slot NR_SetCR0
	mov	%eax, %cr0
	ret

	slot NR_SetCR2
	mov	%eax, %cr2
	ret

	/* SetCR3/GetCR3: the physical address of the PDPT, as CR3 holds it. */
	slot NR_SetCR3
	mov	%eax, %cr3
	ret

	slot NR_SetCR4
	mov	%eax, %cr4
	ret

	slot NR_GetCR0
	mov	%cr0, %eax
	ret

	slot NR_GetCR2
	mov	%cr2, %eax
	ret

	slot NR_GetCR3
	mov	%cr3, %eax
	ret

	slot NR_GetCR4
	mov	%cr4, %eax
	ret

	/*
	 * INVD: deprecated and "invalid in a virtual machine"; natively it
	 * completes.  Dirty lines are written back first so that discarding
	 * the caches cannot lose memory contents.
	 */
	slot NR_INVD
	wbinvd
	invd
	ret

	slot NR_WBINVD
	wbinvd
	ret

	/* SetDR: EAX register number, EDX value.  GetDR: EAX -> EAX. */
	slot NR_SetDR
	jmp	native_set_dr

	slot NR_GetDR
	jmp	native_get_dr

	/* RDPMC: ECX counter -> EDX:EAX.  RDTSC -> EDX:EAX. */
	slot NR_RDPMC
	jmp	native_rdpmc

	slot NR_RDTSC
	rdtsc
	ret

	slot NR_CLTS
	clts
	ret

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

	/*
	 * IRET: the frame lies above the return address.  As the spec says,
	 * VMI IRET does not restore IOPL from the frame: the current IOPL
	 * (SetIOPLMask) is merged into the frame's EFLAGS first.
	 */
	slot NR_IRET
	addl	$4, %esp
	push	%eax
	pushfl
	pop	%eax
	and	$EFLAGS_IOPL, %eax
	andl	$~EFLAGS_IOPL, 12(%esp)
	or	%eax, 12(%esp)
	pop	%eax
	iret

	/* SYSEXIT: EDX EIP, ECX ESP; sti's shadow makes the pair atomic. */
	slot NR_SYSEXIT
	sti
	sysexit

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

	/* 2-level paging: not in a PAE kernel's vocabulary. */
	unimplemented NR_SetPxE, NR_SwapPxE

	/*
	 * SetPxELong: EDX:EAX value, ECX pointer.  One atomic 64-bit store
	 * (a locked CMPXCHG8B loop), so no half-written entry is visible.
	 * EBX and ESI are kept; EAX, ECX, EDX are the call's clobbers.
	 */
	slot NR_SetPxELong
	swap_pxe_long

	/*
	 * GetPxELong: EAX pointer -> EDX:EAX, read atomically: CMPXCHG8B of
	 * 0 with 0 either finds 0 (and stores 0) or loads the entry.
	 */
	slot NR_GetPxELong
	push	%ebx
	push	%esi
	mov	%eax, %esi
	xor	%eax, %eax
	xor	%edx, %edx
	xor	%ebx, %ebx
	xor	%ecx, %ecx
	lock cmpxchg8b (%esi)
	pop	%esi
	pop	%ebx
	ret

	/* SwapPxELongAtomic: EDX:EAX new value, ECX pointer -> old value. */
	slot NR_SwapPxELongAtomic
	swap_pxe_long

	unimplemented NR_TestAndSetPxEBit, NR_TestAndClearPxEBit

	/*
	 * AllocatePage (EAX ppn, EDX flags, ECX root, 4(%esp) base,
	 * 8(%esp) count) and ReleasePage (EAX ppn, EDX flags): a processor
	 * keeps no page-type registry.
	 */
	slot NR_AllocatePage
	ret

	slot NR_ReleasePage
	ret

	/* InvalPage: EAX linear address. */
	slot NR_InvalPage
	invlpg	(%eax)
	ret

	/* FlushTLB: EAX = VMI_FLUSH_TLB [| VMI_FLUSH_GLOBAL]. */
	slot NR_FlushTLB
	jmp	native_flush_tlb

	/* FlushDeferredCalls: nothing is ever deferred natively. */
	slot NR_FlushDeferredCalls
	ret

	/* SetLinearMapping: a translation hint the processor does not need. */
	slot NR_SetLinearMapping
	ret

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

	/*
	 * OUT*: EAX value, EDX port; no clobbers.  The low ports (the PICs,
	 * the PIT) go through native_port_out, which may refuse the write.
	 */
	slot NR_OUT
	cmp	$NATIVE_SHADOWED_PORT_MAX, %dx
	jbe	native_out_shadowed_4
	out	%eax, (%dx)
	ret

	slot NR_OUTB
	cmp	$NATIVE_SHADOWED_PORT_MAX, %dx
	jbe	native_out_shadowed_1
	out	%al, (%dx)
	ret

	slot NR_OUTW
	cmp	$NATIVE_SHADOWED_PORT_MAX, %dx
	jbe	native_out_shadowed_2
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

	/* SetIOPLMask: EAX = mask, pre-shifted (3 << 12 for IOPL 3). */
	slot NR_SetIOPLMask
	and	$EFLAGS_IOPL, %eax
	pushfl
	andl	$~EFLAGS_IOPL, (%esp)
	or	%eax, (%esp)
	popfl
	ret

	/* DeactivatePxELongAtomic: EAX pointer -> old value; entry 0. */
	slot NR_DeactivatePxELongAtomic
	push	%ebx
	push	%esi
	mov	%eax, %esi
	xor	%ebx, %ebx
	xor	%ecx, %ecx
	xchg8b_esi
	pop	%esi
	pop	%ebx
	ret

	/*
	 * TestAndSetPxELongBit / TestAndClearPxELongBit: EAX bit (0-63),
	 * EDX pointer -> EAX the old bit, 0 or 1.  A locked BTS/BTR on the
	 * 32-bit half that holds the bit; a bit beyond 63 is bad input.
	 */
	slot NR_TestAndSetPxELongBit
	cmp	$PXE_LAST_BIT, %eax
	ja	native_inject_gp
	mov	%eax, %ecx
	shr	$5, %ecx
	and	$31, %eax
	lock btsl %eax, (%edx,%ecx,4)
	setc	%al
	movzbl	%al, %eax
	ret

	slot NR_TestAndClearPxELongBit
	cmp	$PXE_LAST_BIT, %eax
	ja	native_inject_gp
	mov	%eax, %ecx
	shr	$5, %ecx
	and	$31, %eax
	lock btrl %eax, (%edx,%ecx,4)
	setc	%al
	movzbl	%al, %eax
	ret

	unimplemented NR_SetInitialAPState, NR_SetInitialAPState

	/* APICWrite: EAX register address, EDX value; checked in C. */
	slot NR_APICWrite
	jmp	native_apic_write_entry

	/* APICRead: EAX register address -> EAX. */
	slot NR_APICRead
	mov	(%eax), %eax
	ret

	/* IODelay: one write to the POST port, as the spec suggests. */
	slot NR_IODelay
	out	%al, $POST_PORT
	ret

	/* GetCycleFrequency -> EDX:EAX, the TSC rate found at Init. */
	slot NR_GetCycleFrequency
	mov	native_cycle_hz, %eax
	mov	native_cycle_hz + 4, %edx
	ret

	/* GetCycleCounter: EAX counter -> EDX:EAX. */
	slot NR_GetCycleCounter
	jmp	native_get_cycle_counter

	/*
	 * SetAlarm: EAX flags, EDX:ECX expiry (EDX low), the period at
	 * 4(%esp) (low) and 8(%esp) (high): regparm(3) of the Appendix B
	 * prototype, which the C function has, so a jump keeps it.
	 */
	slot NR_SetAlarm
	jmp	native_set_alarm

	/* CancelAlarm: EAX counter -> EAX 1 if an armed alarm was cancelled. */
	slot NR_CancelAlarm
	jmp	native_cancel_alarm

	/* GetWallclockTime -> EDX:EAX, ns since the epoch. */
	slot NR_GetWallclockTime
	jmp	native_get_wallclock_time

	/* WallclockUpdated: bare hardware's clock never jumps under us. */
	slot NR_WallclockUpdated
	xor	%eax, %eax
	ret

	unimplemented (NR_WallclockUpdated + 1), (VMI_NR_SLOTS-1)

	.pushsection .rodata.native_rom_missing, "a", @progbits
	.byte	0xff			/* end of native_rom_missing */
	.popsection

	/*
	 * Init, continued: map [0, 1 GiB) with 2 MiB pages twice, at 0 in
	 * one page directory under PDPT entry 0 (user) and at 0xC0000000 in
	 * another under PDPT entry 3 (supervisor), then CR4.PAE, CR3,
	 * CR0.PG|WP.  Nothing to do when paging is already on.
	 */
	.org VMI_NR_SLOTS * VMI_SLOT_SIZE, 0xcc
native_init:
	mov	$0xff, %al
	out	%al, $PIC1_DATA
	out	%al, $PIC2_DATA
	call	native_time_init	/* paging may still be off: APIC */
	mov	%cr0, %eax
	test	$CR0_PG, %eax
	jnz	2f
	push	%ebx
	mov	$native_pd, %edx
	mov	$native_pd_high, %ebx
	xor	%ecx, %ecx
1:	mov	%ecx, %eax
	shl	$21, %eax
	or	$PDE_2M_FLAGS, %eax
	mov	%eax, (%edx,%ecx,8)
	movl	$0, 4(%edx,%ecx,8)
	xor	$(PDE_2M_FLAGS ^ PDE_2M_KERNEL), %eax
	mov	%eax, (%ebx,%ecx,8)
	movl	$0, 4(%ebx,%ecx,8)
	inc	%ecx
	cmp	$512, %ecx
	jb	1b
	lea	PDPTE_P(%edx), %eax
	mov	%eax, native_pdpt
	movl	$0, native_pdpt + 4
	lea	PDPTE_P(%ebx), %eax
	mov	%eax, native_pdpt + PAGE_OFFSET_PDPTE * 8
	movl	$0, native_pdpt + PAGE_OFFSET_PDPTE * 8 + 4
	pop	%ebx
	mov	%cr4, %eax
	or	$CR4_PAE, %eax
	mov	%eax, %cr4
	mov	$native_pdpt, %eax
	mov	%eax, %cr3
	mov	%cr0, %eax
	or	$(CR0_PG | CR0_WP), %eax
	mov	%eax, %cr0
	jmp	2f
2:	xor	%eax, %eax
	ret

/*
 * FlushTLB: a CR3 reload drops every non-global translation; with
 * VMI_FLUSH_GLOBAL and CR4.PGE set, clearing and restoring PGE drops the
 * global ones too (and the rest with them).  Without PGE nothing is
 * global.  EAX, ECX are the call's clobbers.
 */
native_flush_tlb:
	test	$VMI_FLUSH_GLOBAL, %eax
	jz	1f
	mov	%cr4, %ecx
	test	$CR4_PGE, %ecx
	jz	1f
	mov	%ecx, %eax
	and	$~CR4_PGE, %eax
	mov	%eax, %cr4
	mov	%ecx, %cr4
	ret
1:	mov	%cr3, %eax
	mov	%eax, %cr3
	ret

/*
 * Write*Entry: EAX table, EDX entry, ECX low word, 4(%esp) high word.
 * native_store_desc stores it (entered by jmp, stack as at the call).
 */
native_store_desc:
	mov	%ecx, (%eax,%edx,8)
	mov	4(%esp), %ecx
	mov	%ecx, 4(%eax,%edx,8)
	ret

/*
 * WriteGDTEntry/WriteIDTEntry: an entry beyond what the table can hold,
 * or, when EAX is the base of the loaded table, an entry not wholly
 * within its limit (entry * 8 + 7 > limit, as a selector is checked), is
 * bad input.  A table that is not loaded is plain memory.
 */
.macro write_desc_checked store_table, max_entry
	cmp	$\max_entry, %edx
	ja	native_inject_gp
	push	%ebx
	sub	$8, %esp
	\store_table 2(%esp)		/* limit at 2(%esp), base at 4(%esp) */
	cmp	4(%esp), %eax
	jne	1f
	lea	7(,%edx,8), %ebx	/* last byte of the entry: < 64 KiB */
	cmpw	2(%esp), %bx
	ja	2f
1:	add	$8, %esp
	pop	%ebx
	jmp	native_store_desc
2:	add	$8, %esp
	pop	%ebx
	jmp	native_inject_gp
.endm

native_write_gdt_entry:
	write_desc_checked sgdt, MAX_GDT_ENTRY

native_write_idt_entry:
	write_desc_checked sidt, MAX_IDT_ENTRY

/*
 * WriteLDTEntry: the same rule; the loaded LDT is the one LDTR selects,
 * its base and limit read from that GDT descriptor.
 */
native_write_ldt_entry:
	cmp	$MAX_LDT_ENTRY, %edx
	ja	native_inject_gp
	push	%ebx
	push	%esi
	push	%edi
	sub	$8, %esp
	xor	%ebx, %ebx
	sldt	%bx
	test	$0xfffc, %ebx
	jz	1f			/* no LDT loaded */
	sgdt	2(%esp)
	and	$0xfff8, %ebx
	add	4(%esp), %ebx		/* the LDT descriptor */
	movzwl	2(%ebx), %esi		/* base 15:0 */
	movzbl	4(%ebx), %edi		/* base 23:16 */
	shl	$16, %edi
	or	%edi, %esi
	movzbl	7(%ebx), %edi		/* base 31:24 */
	shl	$24, %edi
	or	%edi, %esi
	cmp	%esi, %eax
	jne	1f
	movzwl	(%ebx), %esi		/* limit 15:0 */
	mov	4(%ebx), %edi
	and	$0x000f0000, %edi	/* limit 19:16 */
	or	%edi, %esi
	testb	$DESC_G_BIT, DESC_G_BYTE(%ebx)
	jz	3f
	shl	$12, %esi
	or	$0xfff, %esi
3:	lea	7(,%edx,8), %edi
	cmp	%esi, %edi
	ja	2f
1:	add	$8, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	jmp	native_store_desc
2:	add	$8, %esp
	pop	%edi
	pop	%esi
	pop	%ebx
	jmp	native_inject_gp

/*
 * SetDR/GetDR: DR0-DR3, DR6, DR7; DR4 and DR5 alias DR6 and DR7 while
 * CR4.DE is clear, as on hardware.  Any other number (and DR4/DR5 with DE
 * set) is bad input.  ECX is free: both calls clobber it.
 */
.macro dr_alias
	cmp	$4, %eax
	je	1f
	cmp	$5, %eax
	jne	2f
1:	mov	%cr4, %ecx
	test	$CR4_DE, %ecx
	jnz	native_inject_gp
	add	$2, %eax
2:
.endm

native_set_dr:
	dr_alias
	cmp	$0, %eax
	jne	1f
	mov	%edx, %dr0
	ret
1:	cmp	$1, %eax
	jne	1f
	mov	%edx, %dr1
	ret
1:	cmp	$2, %eax
	jne	1f
	mov	%edx, %dr2
	ret
1:	cmp	$3, %eax
	jne	1f
	mov	%edx, %dr3
	ret
1:	cmp	$6, %eax
	jne	1f
	mov	%edx, %dr6
	ret
1:	cmp	$7, %eax
	jne	native_inject_gp
	mov	%edx, %dr7
	ret

native_get_dr:
	dr_alias
	cmp	$0, %eax
	jne	1f
	mov	%dr0, %eax
	ret
1:	cmp	$1, %eax
	jne	1f
	mov	%dr1, %eax
	ret
1:	cmp	$2, %eax
	jne	1f
	mov	%dr2, %eax
	ret
1:	cmp	$3, %eax
	jne	1f
	mov	%dr3, %eax
	ret
1:	cmp	$6, %eax
	jne	1f
	mov	%dr6, %eax
	ret
1:	cmp	$7, %eax
	jne	native_inject_gp
	mov	%dr7, %eax
	ret

/*
 * RDPMC: ECX counter -> EDX:EAX.  A counter is exposed when CPUID leaf
 * 0xA reports an architectural PMU (version, EAX[7:0], >= 1) and the
 * index is below its general counter count (EAX[15:8]) or, with ECX bit
 * 30 set, below its fixed counter count (EDX[4:0]).  Any other counter
 * reads as 0 (no fault), as on the shim.  EBX is kept.
 */
native_rdpmc:
	push	%ebx
	push	%ecx
	xor	%eax, %eax
	cpuid
	cmp	$CPUID_PMU_LEAF, %eax
	jb	9f
	mov	$CPUID_PMU_LEAF, %eax
	xor	%ecx, %ecx
	cpuid
	test	%al, %al
	jz	9f			/* no architectural PMU */
	mov	(%esp), %ecx
	test	$RDPMC_FIXED, %ecx
	jnz	1f
	movzbl	%ah, %eax		/* general counters */
	cmp	%eax, %ecx
	jae	9f
	jmp	2f
1:	and	$~RDPMC_FIXED, %ecx
	and	$0x1f, %edx		/* fixed counters */
	cmp	%edx, %ecx
	jae	9f
2:	pop	%ecx
	pop	%ebx
	rdpmc
	ret
9:	pop	%ecx
	pop	%ebx
	xor	%eax, %eax
	xor	%edx, %edx
	ret

/*
 * The OUT calls on the low ports: native_port_out(value, port, size)
 * writes, or refuses (nonzero) and nothing is written; every register is
 * kept either way but for the #GP.
 */
.macro out_shadowed size
	push	%eax
	push	%ecx
	push	%edx
	movzwl	%dx, %edx
	mov	$\size, %ecx
	call	native_port_out
	test	%eax, %eax
	pop	%edx
	pop	%ecx
	pop	%eax
	jnz	native_inject_gp
	ret
.endm

native_out_shadowed_1:
	out_shadowed 1

native_out_shadowed_2:
	out_shadowed 2

native_out_shadowed_4:
	out_shadowed 4

/* APICWrite: native_apic_write refuses (nonzero) or writes. */
native_apic_write_entry:
	call	native_apic_write
	test	%eax, %eax
	jnz	native_inject_gp
	ret

/*
 * Inject #GP(0) at the VMI call: entered by jmp with the call's return
 * address on top of the stack.  Replace it with the frame the CPU would
 * push for a same-privilege fault (EFLAGS, CS, EIP = return address,
 * error code 0) and enter the #GP gate of the loaded IDT, masking
 * interrupts for an interrupt gate.  Clobbers EAX, ECX, EDX and flags,
 * which every call that uses it may clobber.
 */
native_inject_gp:
	pop	%ecx
	pushfl
	push	%cs
	push	%ecx
	push	$0
	sub	$8, %esp
	sidt	2(%esp)
	mov	4(%esp), %eax
	add	$8, %esp
	lea	(VEC_GP * 8)(%eax), %eax
	movzwl	(%eax), %ecx
	movzwl	6(%eax), %edx
	shl	$16, %edx
	or	%edx, %ecx
	testb	$GATE_TRAP_BIT, 5(%eax)
	jnz	1f
	cli
1:	jmp	*%ecx

	/*
	 * Common not-implemented path: (%esp) = call number.  Prints
	 * "vmitest: native ROM: call <N> not implemented" on COM1, writes 1
	 * to the isa-debug-exit port and halts with interrupts off.
	 */
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

	/*
	 * Init's page tables: one PDPT, two page directories (1 GiB each:
	 * the identity mapping and the high mapping at 0xC0000000).
	 */
	.bss
	.p2align 12
native_pdpt:
	.skip	4096
native_pd:
	.skip	4096
native_pd_high:
	.skip	4096

	.section .note.GNU-stack, "", @progbits
