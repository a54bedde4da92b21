/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ports_entry.S - the IN/OUT/INS/OUTS families, whose register conventions
 * C cannot express; the C front end is shim/ports.c.
 *
 * Never: clobber what Appendix A says the call preserves: the IN family
 * changes only EAX, the OUT family nothing (flags included), the string
 * forms ECX and EDI/ESI as the native instructions do.
 */
#include "shim/lib/asm.h"

	.text
	.code32

/* IN family: EDX = port; result in EAX (zero-extended). */
ENTRY(vmi_INB)
	pushl	$1
	jmp	port_in_common
END(vmi_INB)

ENTRY(vmi_INW)
	pushl	$2
	jmp	port_in_common
END(vmi_INW)

ENTRY(vmi_IN)
	pushl	$4
	jmp	port_in_common
END(vmi_IN)

/* 0(%esp): the access size pushed by the entry. */
port_in_common:
	pushfl
	pushl	%ecx
	pushl	%edx
	cld
	movl	%edx, %eax
	movl	12(%esp), %edx
	call	port_in
	popl	%edx
	popl	%ecx
	popfl
	leal	4(%esp), %esp		/* drop the size, flags kept */
	ret

/* OUT family: EAX = value, EDX = port.  Clobbers nothing. */
ENTRY(vmi_OUTB)
	pushl	$1
	jmp	port_out_common
END(vmi_OUTB)

ENTRY(vmi_OUTW)
	pushl	$2
	jmp	port_out_common
END(vmi_OUTW)

ENTRY(vmi_OUT)
	pushl	$4
	jmp	port_out_common
END(vmi_OUT)

port_out_common:
	pushfl
	pushl	%eax
	pushl	%ecx
	pushl	%edx
	cld
	movl	%eax, %ecx
	movl	%edx, %eax
	movl	16(%esp), %edx
	call	port_out
	testl	%eax, %eax		/* a model refused the value */
	popl	%edx
	popl	%ecx
	popl	%eax
	jnz	1f
	popfl
	leal	4(%esp), %esp
	ret
1:	popfl
	leal	4(%esp), %esp
	jmp	events_inject_gp_preserve

/*
 * String forms: INS* (ES:EDI, EDX = port, ECX = count) and OUTS* (DS:ESI).
 * Native semantics: EDI/ESI advance by count*size (backwards when EFLAGS.DF
 * is set) and ECX ends at zero.  The C side edits the saved registers.
 * The pushed word is size | direction << 8 (struct string_frame).
 */
#define PORT_STRING_IN		0
#define PORT_STRING_OUT		(1 << 8)

ENTRY(vmi_INSB)
	pushl	$(1 | PORT_STRING_IN)
	jmp	port_string_common
END(vmi_INSB)

ENTRY(vmi_INSW)
	pushl	$(2 | PORT_STRING_IN)
	jmp	port_string_common
END(vmi_INSW)

ENTRY(vmi_INS)
	pushl	$(4 | PORT_STRING_IN)
	jmp	port_string_common
END(vmi_INS)

ENTRY(vmi_OUTSB)
	pushl	$(1 | PORT_STRING_OUT)
	jmp	port_string_common
END(vmi_OUTSB)

ENTRY(vmi_OUTSW)
	pushl	$(2 | PORT_STRING_OUT)
	jmp	port_string_common
END(vmi_OUTSW)

ENTRY(vmi_OUTS)
	pushl	$(4 | PORT_STRING_OUT)
	jmp	port_string_common
END(vmi_OUTS)

port_string_common:
	pushfl
	pushal				/* struct string_frame, see ports.c */
	movl	%esp, %eax
	cld
	call	port_string
	testl	%eax, %eax		/* a model refused an OUTS element */
	popal
	jnz	1f
	popfl
	leal	4(%esp), %esp		/* drop size/direction, keep flags */
	ret
1:	popfl				/* ECX, ESI: the elements before it */
	leal	4(%esp), %esp
	jmp	events_inject_gp_preserve
