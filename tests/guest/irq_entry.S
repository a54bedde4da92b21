/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irq_entry.S - the external interrupt stubs: the PICs' vectors at both
 * bases the cases program (0x20-0x2F, and 0x30-0x3F for pic.init_vectors'
 * move), the local APIC timer (0xEF, Linux's LOCAL_TIMER_VECTOR), the
 * self-IPI (0xF0), APIC error (0xFE) and spurious (0xFF).  Each pushes a
 * zero error code and its vector and joins trap_common (trap_entry.S),
 * whose trap_dispatch hands them to irq_dispatch (irq.c); they return
 * through VMI IRET like every trap.  idt.c installs them as interrupt
 * gates (IF cleared on entry) from irq_stubs.
 *
 * Never: do anything here but push and join trap_common.
 */

.macro irq_stub vec
	.p2align 4
irq_stub_\vec:
	pushl	$0
	pushl	$\vec
	jmp	trap_common
.endm

	.text
	irq_stub 0x20
	irq_stub 0x21
	irq_stub 0x22
	irq_stub 0x23
	irq_stub 0x24
	irq_stub 0x25
	irq_stub 0x26
	irq_stub 0x27
	irq_stub 0x28
	irq_stub 0x29
	irq_stub 0x2a
	irq_stub 0x2b
	irq_stub 0x2c
	irq_stub 0x2d
	irq_stub 0x2e
	irq_stub 0x2f
	irq_stub 0x30
	irq_stub 0x31
	irq_stub 0x32
	irq_stub 0x33
	irq_stub 0x34
	irq_stub 0x35
	irq_stub 0x36
	irq_stub 0x37
	irq_stub 0x38
	irq_stub 0x39
	irq_stub 0x3a
	irq_stub 0x3b
	irq_stub 0x3c
	irq_stub 0x3d
	irq_stub 0x3e
	irq_stub 0x3f
	irq_stub 0xef
	irq_stub 0xf0
	irq_stub 0xfe
	irq_stub 0xff

/* irq_stubs[i] handles vector irq_stub_vectors[i] (IRQ_NR_STUBS each). */
	.section .rodata
	.p2align 2
	.globl irq_stubs
irq_stubs:
	.long	irq_stub_0x20, irq_stub_0x21, irq_stub_0x22, irq_stub_0x23
	.long	irq_stub_0x24, irq_stub_0x25, irq_stub_0x26, irq_stub_0x27
	.long	irq_stub_0x28, irq_stub_0x29, irq_stub_0x2a, irq_stub_0x2b
	.long	irq_stub_0x2c, irq_stub_0x2d, irq_stub_0x2e, irq_stub_0x2f
	.long	irq_stub_0x30, irq_stub_0x31, irq_stub_0x32, irq_stub_0x33
	.long	irq_stub_0x34, irq_stub_0x35, irq_stub_0x36, irq_stub_0x37
	.long	irq_stub_0x38, irq_stub_0x39, irq_stub_0x3a, irq_stub_0x3b
	.long	irq_stub_0x3c, irq_stub_0x3d, irq_stub_0x3e, irq_stub_0x3f
	.long	irq_stub_0xef, irq_stub_0xf0, irq_stub_0xfe, irq_stub_0xff
	.size irq_stubs, . - irq_stubs

	.globl irq_stub_vectors
irq_stub_vectors:
	.byte	0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27
	.byte	0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f
	.byte	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37
	.byte	0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f
	.byte	0xef, 0xf0, 0xfe, 0xff
	.size irq_stub_vectors, . - irq_stub_vectors

	.section .note.GNU-stack, "", @progbits
