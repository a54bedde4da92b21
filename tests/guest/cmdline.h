/*
 * cmdline.h - the test guest's command-line options.
 *
 *   exit=port    after "done", OUTB the result to isa-debug-exit (0xf4)
 *   end=reboot   finish with VMI_Reboot(hard) instead of VMI_Shutdown
 *   unimpl=<N>   call slot N (expected not to return) before the tests
 *   only=<P>     run only the cases whose "area.case" starts with P
 */
#ifndef VMITEST_CMDLINE_H
#define VMITEST_CMDLINE_H

#include <stddef.h>

struct guest_options {
	int exit_port;
	int reboot;
	int unimpl;		/* call number, -1 if not given */
	const char *only;	/* case name prefix (in the command line) */
	size_t only_len;	/* 0: run every case */
};

void cmdline_parse(const char *cmdline, struct guest_options *opts);

#endif /* VMITEST_CMDLINE_H */
