// SPDX-License-Identifier: GPL-2.0
/*
 * test_io_string.c - io.string_out_in: the string port calls (OUTS, INS)
 * with their ESI/EDI/ECX updates, forwards and with DF=1, on COM1's
 * scratch, divisor and MCR..SCR registers.
 */
#include "abi_probe.h"
#include "kstring.h"
#include "test.h"
#include "uart.h"
#include "vmi.h"

static void string_call(unsigned int nr, struct probe_regs *in,
			struct probe_regs *out, uint32_t flags)
{
	abi_probe(vmi_slot(nr), in, out, flags);
}

static void bytes_forward(struct test *t)
{
	static const char src[4] = { 'a', 'b', 'c', 'd' };
	uint8_t dst[4] = { 0, 0, 0, 0x77 };
	struct probe_regs in, out;
	uint8_t scr;

	probe_fill(&in, 0x69);
	in.esi = (uintptr_t)src;
	in.ecx = 4;
	in.edx = UART_SCR;
	string_call(VMI_CALL_OUTSB, &in, &out, 0);
	check(t, out.esi == in.esi + 4, "OUTSB x4: ESI 0x%08x, expected 0x%08x",
	      out.esi, in.esi + 4);
	check(t, out.ecx == 0, "OUTSB x4: ECX %u, expected 0", out.ecx);
	scr = vmi_inb(UART_SCR);
	check(t, scr == 'd', "OUTSB \"abcd\": SCR 0x%02x, expected 0x%02x",
	      scr, 'd');

	probe_fill(&in, 0x63);
	in.edi = (uintptr_t)dst;
	in.ecx = 3;
	in.edx = UART_SCR;
	string_call(VMI_CALL_INSB, &in, &out, 0);
	check(t, out.edi == in.edi + 3, "INSB x3: EDI 0x%08x, expected 0x%08x",
	      out.edi, in.edi + 3);
	check(t, out.ecx == 0, "INSB x3: ECX %u, expected 0", out.ecx);
	check(t, memcmp(dst, "ddd\x77", 4) == 0,
	      "INSB x3: read %02x %02x %02x %02x, expected 64 64 64 77",
	      dst[0], dst[1], dst[2], dst[3]);
}

static void bytes_backward(struct test *t)
{
	static const char src[2] = { 'x', 'y' };
	struct probe_regs in, out;
	uint8_t scr;

	probe_fill(&in, 0x96);
	in.esi = (uintptr_t)&src[1];
	in.ecx = 2;
	in.edx = UART_SCR;
	string_call(VMI_CALL_OUTSB, &in, &out, PROBE_DF);
	check(t, out.esi == in.esi - 2,
	      "OUTSB x2 with DF=1: ESI 0x%08x, expected 0x%08x",
	      out.esi, in.esi - 2);
	check(t, out.ecx == 0, "OUTSB x2 with DF=1: ECX %u, expected 0",
	      out.ecx);
	scr = vmi_inb(UART_SCR);
	check(t, scr == 'x', "OUTSB \"xy\" with DF=1: SCR 0x%02x, expected 0x%02x",
	      scr, 'x');
}

static void words(struct test *t)
{
	static const uint16_t src[2] = { 0x0306, 0x0c01 };
	uint16_t dst[2] = { 0, 0 };
	struct probe_regs in, out, in2, out2;

	uart_wait_idle();
	vmi_outb(LCR_DLAB | LCR_8N1, UART_LCR);
	probe_fill(&in, 0x70);
	in.esi = (uintptr_t)src;
	in.ecx = 2;
	in.edx = UART_DLL;
	string_call(VMI_CALL_OUTSW, &in, &out, 0);
	probe_fill(&in2, 0x64);
	in2.edi = (uintptr_t)dst;
	in2.ecx = 2;
	in2.edx = UART_DLL;
	string_call(VMI_CALL_INSW, &in2, &out2, 0);
	vmi_outb(0x01, UART_DLL);
	vmi_outb(0x00, UART_DLM);
	vmi_outb(LCR_8N1, UART_LCR);

	check(t, out.esi == in.esi + 4 && out.ecx == 0,
	      "OUTSW x2: ESI +%d, ECX %u, expected +4 and 0",
	      (int)(out.esi - in.esi), out.ecx);
	check(t, out2.edi == in2.edi + 4 && out2.ecx == 0,
	      "INSW x2: EDI +%d, ECX %u, expected +4 and 0",
	      (int)(out2.edi - in2.edi), out2.ecx);
	check(t, dst[0] == 0x0c01 && dst[1] == 0x0c01,
	      "INSW x2 of the divisor: 0x%04x 0x%04x, expected 0x0c01 0x0c01",
	      dst[0], dst[1]);
}

static void dwords(struct test *t)
{
	static const uint32_t src = 0xab000003;	/* MCR 03, LSR/MSR 0, SCR ab */
	uint32_t dst = 0;
	struct probe_regs in, out, in2, out2;

	uart_wait_idle();
	probe_fill(&in, 0x68);
	in.esi = (uintptr_t)&src;
	in.ecx = 1;
	in.edx = UART_MCR;
	string_call(VMI_CALL_OUTS, &in, &out, 0);
	probe_fill(&in2, 0x62);
	in2.edi = (uintptr_t)&dst;
	in2.ecx = 1;
	in2.edx = UART_MCR;
	string_call(VMI_CALL_INS, &in2, &out2, 0);
	vmi_outb(MCR_DTR_RTS_OUT2, UART_MCR);

	check(t, out.esi == in.esi + 4 && out.ecx == 0,
	      "OUTS x1: ESI +%d, ECX %u, expected +4 and 0",
	      (int)(out.esi - in.esi), out.ecx);
	check(t, out2.edi == in2.edi + 4 && out2.ecx == 0,
	      "INS x1: EDI +%d, ECX %u, expected +4 and 0",
	      (int)(out2.edi - in2.edi), out2.ecx);
	check(t, (dst & 0xff) == 0x03,
	      "INS at MCR after OUTS 0xab000003: 0x%08x, expected MCR 0x03",
	      dst);
	check(t, (dst >> 24) == 0xab,
	      "INS at MCR after OUTS 0xab000003: 0x%08x, expected SCR 0xab",
	      dst);
}

TEST_CASE(io, string_out_in)
{
	bytes_forward(t);
	bytes_backward(t);
	words(t);
	dwords(t);
}
