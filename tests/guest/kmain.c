// SPDX-License-Identifier: GPL-2.0
/*
 * kmain.c - the test guest's boot flow: pick a VMI ROM, bring up the
 * console, report, load the processor tables, run the test cases and end
 * the run as the command line asks.
 */
#include "cmdline.h"
#include "cpu.h"
#include "kmain.h"
#include "multiboot.h"
#include "printf.h"
#include "rom.h"
#include "test.h"
#include "uart.h"
#include "vmi.h"

#define DEBUG_EXIT_PORT	0xf4

void kmain(uint32_t magic, const struct multiboot_info *mbi);

struct guest_options guest_opts;

static void report_route(void)
{
	switch (rom_state.route) {
	case ROM_ROUTE_COPY:
		kprintf("vmitest: VMI calls through 0x%08x (copy of the ROM at 0x%05x)\n",
			(unsigned int)vmi_rom_base,
			(unsigned int)rom_state.platform);
		break;
	case ROM_ROUTE_INPLACE:
		kprintf("vmitest: VMI calls through 0x%08x (the ROM in place at 0x%05x)\n",
			(unsigned int)vmi_rom_base,
			(unsigned int)rom_state.platform);
		break;
	case ROM_ROUTE_NATIVE:
		kprintf("vmitest: VMI calls through 0x%08x (the native ROM)\n",
			(unsigned int)vmi_rom_base);
		break;
	}
}

static void report_rom(void)
{
	const volatile uint8_t *hdr = phys_ptr(rom_state.platform);

	if (!rom_state.platform)
		kprintf("vmitest: no VMI ROM found, using the native ROM\n");
	else if (rom_state.too_large)
		kprintf("vmitest: VMI ROM at 0x%05x refused: its %u bytes (romLength * 512) do not fit the %u bytes reserved for its copy, using the native ROM\n",
			(unsigned int)rom_state.platform,
			rom_state.platform_len, rom_area_size());
	else if (rom_state.native)
		kprintf("vmitest: VMI ROM at 0x%05x refused (Init returned %d), using the native ROM\n",
			(unsigned int)rom_state.platform,
			rom_state.platform_init);
	else
		kprintf("vmitest: VMI ROM at 0x%05x, API %u.%u\n",
			(unsigned int)rom_state.platform,
			hdr[VMI_HDR_API_MAJOR], hdr[VMI_HDR_API_MINOR]);
	if (rom_state.platform_init_at)
		kprintf("vmitest: VMI_Init returned %d\n",
			rom_state.platform_init);
	report_route();
}

static void call_unimplemented(int nr)
{
	kprintf("vmitest: calling VMI call %d, expected not to return\n", nr);
	if (nr < VMI_HEADER_SIZE / VMI_SLOT_SIZE || nr >= VMI_NR_SLOTS) {
		kprintf("FAIL rig.unimplemented_returned: call %d is not a call slot\n",
			nr);
		return;
	}
	uart_wait_idle();
	vmi_call((unsigned int)nr, 0, 0, 0);
	kprintf("FAIL rig.unimplemented_returned: call %d returned\n", nr);
}

/* Spin in VMI_Pause for ever: Xen's console shows nothing more. */
static void __attribute__((noreturn)) pause_forever(void)
{
	for (;;)
		vmi_pause();
}

/*
 * A guest lying about how its run ended: Xen's own line for an ending
 * that never happened.  Xen prints dom0's console output without a
 * prefix, so on the serial line this is indistinguishable from Xen's.
 */
static void __attribute__((noreturn)) forge_ending(const char *xen_line)
{
	kprintf("%s\n", xen_line);
	uart_wait_idle();
	pause_forever();
}

void guest_finish(unsigned int failed)
{
	uart_wait_idle();
	if (guest_opts.exit_port)
		vmi_outb(failed ? 1 : 0, DEBUG_EXIT_PORT);
	switch (guest_opts.end) {
	case END_HANG:
		pause_forever();
	case END_FORGE_POWEROFF:
		forge_ending("(XEN) Hardware Dom0 halted: halting machine");
	case END_FORGE_REBOOT:
		forge_ending("(XEN) Hardware Dom0 shutdown: rebooting machine");
	case END_REBOOT:
		vmi_reboot(VMI_REBOOT_HARD);
		break;
	case END_SHUTDOWN:
		vmi_shutdown();
		break;
	}

	kprintf("FAIL rig.shutdown_returned\n");
	pause_forever();
}

/* An invalid opcode before the guest has any trap handler: Xen crashes it. */
static void crash_ud(void)
{
	kprintf("vmitest: executing UD2 with no trap handler loaded\n");
	uart_wait_idle();
	__asm__ volatile("ud2");
	kprintf("FAIL rig.crash_returned: UD2 returned\n");
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
	unsigned int passed, failed;
	const char *cmdline;

	mb_magic = magic;
	mb_info = mbi;

	cmdline = mb_cmdline();
	cmdline_parse(cmdline, &guest_opts);

	rom_select(guest_opts.rom_inplace);
	uart_init();
	report_rom();
	kprintf("vmitest: command line \"%s\"\n", cmdline);

	if (guest_opts.unimpl >= 0)
		call_unimplemented(guest_opts.unimpl);
	if (guest_opts.crash_ud)
		crash_ud();

	cpu_setup();

	tests_run(guest_opts.only, guest_opts.only_len, &passed, &failed);
	kprintf("vmitest: summary: %u passed, %u failed\n", passed, failed);
	kprintf("vmitest: done\n");
	guest_finish(failed);
}
