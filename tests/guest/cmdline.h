/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmdline.h - the test guest's command-line options.
 *
 *   exit=port       after "done", OUTB the result to isa-debug-exit (0xf4)
 *   end=reboot      finish with VMI_Reboot(hard) instead of VMI_Shutdown
 *   end=hang        after "done", spin in VMI_Pause for ever (the rig's
 *                   timeout and progress messages are tested with it)
 *   unimpl=<N>      call slot N (expected not to return) before the tests
 *   only=<P>        run only the cases whose "area.case" starts with P
 *   forge=poweroff  after "done", print Xen's own line for a powered-off
 *   forge=reboot    (rebooted) machine, "(XEN) Hardware Dom0 halted:
 *                   halting machine" ("(XEN) Hardware Dom0 shutdown:
 *                   rebooting machine"), then spin in VMI_Pause: a guest
 *                   claiming an ending it did not ask for, which the rig
 *                   must judge failed
 *   crash=ud        execute UD2 before the processor tables are loaded, so
 *                   that Xen itself crashes dom0 (no trap handler)
 *   rom=inplace     after the platform ROM's Init, keep calling it in the
 *                   option-ROM window (identity address) instead of
 *                   through its copy in the guest's image (the default)
 *   input=expect    domu.console_input waits for a line typed into the
 *                   console (the xl rig writes one); without it the case
 *                   checks that no input arrives
 *   stolen=min:<N>  domu.stolen also requires at least N % of its REAL
 *                   time stolen (the xl rig runs a CPU burner beside it)
 */
#ifndef VMITEST_CMDLINE_H
#define VMITEST_CMDLINE_H

#include <stddef.h>

enum guest_end {
	END_SHUTDOWN,		/* VMI_Shutdown */
	END_REBOOT,		/* VMI_Reboot(hard) */
	END_HANG,		/* VMI_Pause for ever */
	END_FORGE_POWEROFF,	/* Xen's poweroff line, then VMI_Pause */
	END_FORGE_REBOOT,	/* Xen's reboot line, then VMI_Pause */
};

struct guest_options {
	int exit_port;
	enum guest_end end;
	int unimpl;		/* call number, -1 if not given */
	int crash_ud;		/* crash=ud */
	int rom_inplace;	/* rom=inplace */
	int input_expect;	/* input=expect */
	int stolen_min_pct;	/* stolen=min:N, 0 if not given */
	const char *only;	/* case name prefix (in the command line) */
	size_t only_len;	/* 0: run every case */
};

void cmdline_parse(const char *cmdline, struct guest_options *opts);

/* The options the guest was booted with (parsed by kmain). */
extern struct guest_options guest_opts;

#endif /* VMITEST_CMDLINE_H */
