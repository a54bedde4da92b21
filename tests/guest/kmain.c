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

static struct guest_options opts;

static void report_rom(void)
{
	const volatile uint8_t *hdr = phys_ptr(rom_state.platform);

	if (!rom_state.platform) {
		kprintf("vmitest: no VMI ROM found, using the native ROM\n");
		return;
	}
	if (rom_state.native)
		kprintf("vmitest: VMI ROM at 0x%05x refused (Init returned %d), "
			"using the native ROM\n",
			(unsigned int)rom_state.platform,
			rom_state.platform_init);
	else
		kprintf("vmitest: VMI ROM at 0x%05x, API %u.%u\n",
			(unsigned int)rom_state.platform,
			hdr[VMI_HDR_API_MAJOR], hdr[VMI_HDR_API_MINOR]);
	kprintf("vmitest: VMI_Init returned %d\n", rom_state.platform_init);
}

static void call_unimplemented(int nr)
{
	kprintf("vmitest: calling VMI call %d, expected not to return\n", nr);
	if (nr < VMI_HEADER_SIZE / VMI_SLOT_SIZE || nr >= VMI_NR_SLOTS) {
		kprintf("FAIL rig.unimplemented_returned: call %d is not a "
			"call slot\n", nr);
		return;
	}
	uart_wait_idle();
	vmi_call((unsigned int)nr, 0, 0, 0);
	kprintf("FAIL rig.unimplemented_returned: call %d returned\n", nr);
}

void guest_finish(unsigned int failed)
{
	uart_wait_idle();
	if (opts.exit_port)
		vmi_outb(failed ? 1 : 0, DEBUG_EXIT_PORT);
	if (opts.reboot)
		vmi_reboot(VMI_REBOOT_HARD);
	else
		vmi_shutdown();

	kprintf("FAIL rig.shutdown_returned\n");
	for (;;)
		vmi_pause();
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
	unsigned int passed, failed;
	const char *cmdline;

	mb_magic = magic;
	mb_info = mbi;

	rom_select();
	uart_init();
	report_rom();

	cmdline = mb_cmdline();
	cmdline_parse(cmdline, &opts);
	kprintf("vmitest: command line \"%s\"\n", cmdline);

	if (opts.unimpl >= 0)
		call_unimplemented(opts.unimpl);

	cpu_setup();

	tests_run(opts.only, opts.only_len, &passed, &failed);
	kprintf("vmitest: summary: %u passed, %u failed\n", passed, failed);
	kprintf("vmitest: done\n");
	guest_finish(failed);
}
