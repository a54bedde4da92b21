// SPDX-License-Identifier: GPL-2.0
/*
 * test_shim_calls.c - the shim's call logic on the host, with hypercalls and
 * port instructions recorded (fake_xen.c): the port front end (COM1 model vs
 * pass-through, access splitting), the processor state calls, the console's
 * line buffering and the not-implemented diagnostic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tests/unit/fake_xen.h"
#include "xenif/hypercall.h"
#include "shim/shim.h"
#include "events/events.h"

#define COM1		0x3f8
#define UART_LCR	(COM1 + 3)
#define UART_MCR	(COM1 + 4)
#define UART_LSR	(COM1 + 5)
#define UART_SCR	(COM1 + 7)

static int setup(void **state)
{
	(void)state;
	fake_xen_reset();
	port_out(UART_LCR, 1, 0x03);	/* DLAB off */
	port_out(UART_MCR, 1, 0x0b);	/* loopback off */
	console_flush();
	fake_xen_reset();
	xen_owner_name = vmi_call_name;		/* as VMI_Init sets it */
	return 0;
}

static void test_thr_goes_to_console_by_line(void **state)
{
	(void)state;
	port_out(COM1, 1, 'h');
	port_out(COM1, 1, 'i');
	assert_int_equal(fake_xen.console_writes, 0);
	port_out(COM1, 1, '\n');
	assert_int_equal(fake_xen.console_writes, 1);
	assert_string_equal(fake_xen.console, "hi\n");
	assert_int_equal(fake_xen.nr_pio, 0);
}

static void test_long_line_is_split(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 300; i++)
		port_out(COM1, 1, 'x');
	assert_int_equal(fake_xen.console_writes, 1);	/* 256 flushed */
	console_flush();
	assert_int_equal(fake_xen.console_writes, 2);
	assert_int_equal(fake_xen.console_len, 300);
}

static void test_word_access_splits_into_uart_bytes(void **state)
{
	(void)state;
	port_out(UART_LCR, 1, 0x83);
	port_out(COM1, 2, 0x0c01);		/* DLL = 01, DLM = 0c */
	assert_int_equal(port_in(COM1, 1), 0x01);
	assert_int_equal(port_in(COM1 + 1, 1), 0x0c);
	assert_int_equal(port_in(COM1, 2), 0x0c01);
	/* dword: DLL, DLM, IIR, LCR */
	assert_int_equal(port_in(COM1, 4) & 0xff00ffff, 0x83000c01);
	port_out(UART_LCR, 1, 0x03);
	assert_int_equal(fake_xen.nr_pio, 0);
	assert_int_equal(fake_xen.console_len, 0);
}

static void test_access_straddling_com1(void **state)
{
	(void)state;
	port_out(UART_LCR, 1, 0x83);
	port_out(COM1 - 1, 2, 0xabcd);	/* 0x3f7 outside, 0x3f8 = DLL */
	assert_int_equal(fake_xen.nr_pio, 1);
	assert_true(fake_xen.pio[0].out);
	assert_int_equal(fake_xen.pio[0].port, COM1 - 1);
	assert_int_equal(fake_xen.pio[0].size, 1);
	assert_int_equal(fake_xen.pio[0].value, 0xcd);
	assert_int_equal(port_in(COM1, 1), 0xab);

	fake_xen.pio_in_value = 0x5a;
	port_out(UART_SCR, 1, 0x11);
	/* 0x3ff = SCR, 0x400 outside */
	assert_int_equal(port_in(UART_SCR, 2), 0x5a11);
	port_out(UART_LCR, 1, 0x03);
}

static void test_other_ports_pass_through(void **state)
{
	(void)state;
	fake_xen.pio_in_value = 0x12345678;
	assert_int_equal(port_in(0x60, 1), 0x78);
	assert_int_equal(port_in(0x1f0, 2), 0x5678);
	assert_int_equal(port_in(0xcfc, 4), 0x12345678);
	port_out(0xcf8, 4, 0x80000000);
	assert_int_equal(fake_xen.nr_pio, 4);
	assert_int_equal(fake_xen.pio[3].port, 0xcf8);
	assert_int_equal(fake_xen.pio[3].size, 4);
	assert_int_equal(fake_xen.pio[3].value, 0x80000000);
	assert_int_equal(fake_xen.console_len, 0);
}

static void test_port_number_is_16_bits(void **state)
{
	(void)state;
	port_out(0x10000 | UART_SCR, 1, 0x77);
	assert_int_equal(port_in(0xffff0000 | UART_SCR, 1), 0x77);
	assert_int_equal(fake_xen.nr_pio, 0);
}

static void test_lsr_idle(void **state)
{
	(void)state;
	assert_int_equal(port_in(UART_LSR, 1) & 0x60, 0x60);
}

static void test_pause_halt_iodelay(void **state)
{
	(void)state;
	vmi_Pause();
	vmi_Halt();
	vmi_IODelay();
	assert_int_equal(fake_xen.nr_calls, 2);
	assert_int_equal(fake_xen.calls[0].op, __HYPERVISOR_sched_op);
	assert_int_equal(fake_xen.calls[0].cmd, SCHEDOP_yield);
	assert_int_equal(fake_xen.calls[1].cmd, SCHEDOP_block);
}

/*
 * A wide OUT one of whose bytes the 8259 model refuses writes none of
 * them: the pass-through byte before it stays unwritten too, and the
 * model is unchanged; the diagnostic names the call and its arguments.
 */
static void test_wide_out_refused_writes_nothing(void **state)
{
	(void)state;
	assert_int_equal(port_out(0x20, 1, 0x11), 0);	/* ICW1: ICW2 next */
	fake_xen.nr_pio = 0;
	fake_xen.console_len = 0;
	fake_xen.console[0] = 0;
	/* 0x1f passes through; 0x20 gets an OCW while ICW2 is due. */
	assert_int_equal(port_out(0x1f, 2, 0x2000), 1);
	assert_int_equal(fake_xen.nr_pio, 0);
	console_flush();
	assert_non_null(strstr(fake_xen.console, "vmi: OUTW(port=001f, value=2000): ICW sequence out of order"));
	assert_non_null(strstr(fake_xen.console, "nothing written; injecting #GP"));
	/* The chip still takes ICW2 (as it waited for it), then ICW4. */
	assert_int_equal(port_out(0x21, 1, 0x20), 0);
	assert_int_equal(port_out(0x21, 1, 0x04), 0);	/* ICW3 */
	assert_int_equal(port_out(0x21, 1, 0x01), 0);	/* ICW4 */
	assert_int_equal(port_out(0x21, 1, 0xfe), 0);	/* OCW1 */
	assert_int_equal(port_in(0x21, 1), 0xfe);
}

/* Halt blocks until an interrupt was delivered, and returns enabled. */
static void test_halt_until_delivered(void **state)
{
	unsigned int i;

	(void)state;
	fake_xen.block_wakes = 3;	/* two wake-ups bring no interrupt */
	this_vcpu()->evtchn_upcall_mask = 1;
	vmi_Halt();
	assert_int_equal(fake_xen.nr_calls, 3);
	for (i = 0; i < 3; i++)
		assert_int_equal(fake_xen.calls[i].cmd, SCHEDOP_block);
	assert_int_equal(this_vcpu()->evtchn_upcall_mask, 0);
	assert_int_equal(events_delivered, 1);
}

/* Enabling with something pending delivers it before returning. */
static void test_release_delivers_pending(void **state)
{
	(void)state;
	this_vcpu()->evtchn_upcall_mask = 0;
	this_vcpu()->evtchn_upcall_pending = 1;
	assert_int_equal(port_in(UART_LSR, 1) & 0x60, 0x60);
	assert_int_equal(fake_xen.delivers_now, 1);
	assert_int_equal(this_vcpu()->evtchn_upcall_mask, 0);
	/* Called with interrupts disabled: nothing is delivered. */
	this_vcpu()->evtchn_upcall_mask = 1;
	this_vcpu()->evtchn_upcall_pending = 1;
	port_in(UART_LSR, 1);
	assert_int_equal(fake_xen.delivers_now, 1);
	assert_int_equal(this_vcpu()->evtchn_upcall_mask, 1);
}

static void test_shutdown_flushes_console_then_powers_off(void **state)
{
	int reason;

	(void)state;
	port_out(COM1, 1, 'b');
	port_out(COM1, 1, 'y');
	port_out(COM1, 1, 'e');
	vmi_Pause();
	reason = FAKE_EXPECT_SHUTDOWN(vmi_Shutdown());
	assert_int_equal(reason, SHUTDOWN_poweroff);
	/*
	 * The partial line first, then the event counters (nothing
	 * armed, nothing delivered), the hypercall counters and the
	 * per-call ones: the three OUTBs counted, and charged what ran after
	 * them (Pause and Shutdown are called directly here, not through
	 * their slots, so they count nothing and the yield and the
	 * console writes before the counters are OUTB's).
	 */
	assert_string_equal(fake_xen.console, "byevmi: events: upcalls=0 delivered=0 raised=0 acked=0 timer_events=0 timer_set=0 timer_late_avg_us=0 timer_late_max_us=0 console_events=0\nvmi: hypercalls: console_io=2 sched_op=1 sched_op.yield=1 sched_op.block=0 multicall.batches=0 multicall.entries=0 multicall.direct=0\nvmi: calls: OUTB=3/4/0/0\n");
	assert_int_equal(fake_xen.calls[fake_xen.nr_calls - 1].op,
			 __HYPERVISOR_sched_op);
}

static void test_reboot_modes(void **state)
{
	(void)state;
	assert_int_equal(FAKE_EXPECT_SHUTDOWN(vmi_Reboot(0)), SHUTDOWN_reboot);
	assert_int_equal(FAKE_EXPECT_SHUTDOWN(vmi_Reboot(1)), SHUTDOWN_reboot);
	/* Only the counters; the second reboot's counts the first one's. */
	assert_non_null(strstr(fake_xen.console, "sched_op=1 sched_op.yield=0 sched_op.block=0 sched_op.shutdown=1 "));
	assert_null(strstr(fake_xen.console, "Reboot("));
}

static void test_reboot_bad_mode_is_diagnosed(void **state)
{
	(void)state;
	assert_int_equal(FAKE_EXPECT_SHUTDOWN(vmi_Reboot(7)), SHUTDOWN_crash);
	assert_non_null(strstr(fake_xen.console,
			       "vmi: Reboot(7): unknown reboot mode"));
}

static void test_shutdown_refused_by_xen_crashes(void **state)
{
	(void)state;
	fake_xen.shutdown_error = -22;
	assert_int_equal(FAKE_EXPECT_SHUTDOWN(vmi_Shutdown()), SHUTDOWN_crash);
	assert_non_null(strstr(fake_xen.console,
			       "vmi: Shutdown(0): SCHEDOP_shutdown(0) returned: Xen error -22"));
}

static void test_unimplemented_diagnostic(void **state)
{
	struct unimpl_frame f = {
		.eax = 1, .edx = 0x1000, .ecx = 0, .nr = 81, .ret = 0x100123,
	};

	(void)state;
	port_out(COM1, 1, '>');		/* a partial guest line first */
	assert_int_equal(FAKE_EXPECT_SHUTDOWN(shim_unimplemented(&f)),
			 SHUTDOWN_crash);
	assert_string_equal(fake_xen.console,
		">vmi: call SetAlarm (81) not implemented (eax=00000001 edx=00001000 ecx=00000000, return address 00100123)\nvmi: crashing the domain\nvmi: hypercalls: console_io=3 sched_op.yield=0 sched_op.block=0 multicall.batches=0 multicall.entries=0 multicall.direct=0\nvmi: calls: OUTB=1/0/0/0 SetAlarm=1/4/0/0\n");
}

static void test_call_names(void **state)
{
	(void)state;
	assert_string_equal(vmi_call_name(4), "Init");
	assert_string_equal(vmi_call_name(84), "WallclockUpdated");
	assert_string_equal(vmi_call_name(0), "reserved");
	assert_string_equal(vmi_call_name(100), "reserved");
	assert_string_equal(vmi_call_name(5000), "reserved");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_thr_goes_to_console_by_line, setup),
		cmocka_unit_test_setup(test_long_line_is_split, setup),
		cmocka_unit_test_setup(test_word_access_splits_into_uart_bytes,
				       setup),
		cmocka_unit_test_setup(test_access_straddling_com1, setup),
		cmocka_unit_test_setup(test_other_ports_pass_through, setup),
		cmocka_unit_test_setup(test_port_number_is_16_bits, setup),
		cmocka_unit_test_setup(test_lsr_idle, setup),
		cmocka_unit_test_setup(test_pause_halt_iodelay, setup),
		cmocka_unit_test_setup(test_halt_until_delivered, setup),
		cmocka_unit_test_setup(test_wide_out_refused_writes_nothing,
				       setup),
		cmocka_unit_test_setup(test_release_delivers_pending, setup),
		cmocka_unit_test_setup(
			test_shutdown_flushes_console_then_powers_off, setup),
		cmocka_unit_test_setup(test_reboot_modes, setup),
		cmocka_unit_test_setup(test_reboot_bad_mode_is_diagnosed, setup),
		cmocka_unit_test_setup(test_shutdown_refused_by_xen_crashes,
				       setup),
		cmocka_unit_test_setup(test_unimplemented_diagnostic, setup),
		cmocka_unit_test_setup(test_call_names, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
