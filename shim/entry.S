/*
 * entry.S - entry points whose register conventions C cannot express:
 * CPUID, the IN/OUT/INS/OUTS families and the not-implemented handler.
 * (REGPARM calls are C functions the slots jump to directly.)
 */
	.text
	.code32

/*
 * VMI_CPUID: EAX = leaf, ECX = subleaf; returns EAX, EBX, ECX, EDX;
 * clobbers flags only.  Xen's forced-emulation prefix makes the hypervisor
 * emulate CPUID with the PV guest's policy applied (a bare cpuid would show
 * the host's features).  Leaf 1 gets the hypervisor-present bit; leaves
 * 0x40000000-0x400000FF are the shim's (shim/cpuid.c).
 */
	.globl	vmi_CPUID
	.hidden	vmi_CPUID
vmi_CPUID:
	cmpl	$0x40000000, %eax
	jae	2f
	cmpl	$1, %eax
	je	1f
.Lcpuid_xen:
	ud2a
	.ascii	"xen"
	cpuid
	ret
1:	ud2a
	.ascii	"xen"
	cpuid
	orl	$0x80000000, %ecx	/* hypervisor present */
	ret
2:	cmpl	$0x400000ff, %eax
	ja	.Lcpuid_xen
	subl	$16, %esp		/* out[4] */
	movl	%ecx, %edx
	movl	%esp, %ecx
	call	cpuid_hv
	popl	%eax
	popl	%ebx
	popl	%ecx
	popl	%edx
	ret

/*
 * IN family: EDX = port; result in EAX (zero-extended).  Clobbers memory only,
 * so ECX, EDX and the flags are preserved around the C front end.
 */
.macro	port_in_entry name, size
	.globl	vmi_\name
	.hidden	vmi_\name
vmi_\name:
	pushfl
	pushl	%ecx
	pushl	%edx
	cld
	movl	%edx, %eax
	movl	$\size, %edx
	call	port_in
	popl	%edx
	popl	%ecx
	popfl
	ret
.endm
	port_in_entry	INB, 1
	port_in_entry	INW, 2
	port_in_entry	IN, 4

/* OUT family: EAX = value, EDX = port.  Clobbers nothing. */
.macro	port_out_entry name, size
	.globl	vmi_\name
	.hidden	vmi_\name
vmi_\name:
	pushfl
	pushl	%eax
	pushl	%ecx
	pushl	%edx
	cld
	movl	%eax, %ecx
	movl	%edx, %eax
	movl	$\size, %edx
	call	port_out
	popl	%edx
	popl	%ecx
	popl	%eax
	popfl
	ret
.endm
	port_out_entry	OUTB, 1
	port_out_entry	OUTW, 2
	port_out_entry	OUT, 4

/*
 * String forms: INS* (ES:EDI, EDX = port, ECX = count) and OUTS* (DS:ESI).
 * Native semantics: EDI/ESI advance by count*size (backwards when EFLAGS.DF
 * is set) and ECX ends at zero.  The C side edits the saved registers.
 */
.macro	port_string_entry name, size, dir
	.globl	vmi_\name
	.hidden	vmi_\name
vmi_\name:
	pushl	$(\size | (\dir << 8))
	jmp	port_string_common
.endm
	port_string_entry	INSB, 1, 0
	port_string_entry	INSW, 2, 0
	port_string_entry	INS, 4, 0
	port_string_entry	OUTSB, 1, 1
	port_string_entry	OUTSW, 2, 1
	port_string_entry	OUTS, 4, 1

port_string_common:
	pushfl
	pushal				/* struct string_frame, see ports.c */
	movl	%esp, %eax
	cld
	call	port_string
	popal
	popfl
	leal	4(%esp), %esp		/* drop size/direction, keep flags */
	ret

/*
 * Every not-implemented or reserved slot: "push $N; jmp vmi_unimplemented".
 * Prints the call, its register arguments and the caller, then crashes the
 * domain (shim/diag.c).
 */
	.globl	vmi_unimplemented
	.hidden	vmi_unimplemented
vmi_unimplemented:
	pushal
	cld
	movl	%esp, %eax
	call	shim_unimplemented
	ud2a
