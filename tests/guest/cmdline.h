/*
 * cmdline.h - the test guest's command-line options.
 *
 *   exit=port    after "done", OUTB the result to isa-debug-exit (0xf4)
 *   end=reboot   finish with VMI_Reboot(hard) instead of VMI_Shutdown
 *   unimpl=<N>   call slot N (expected not to return) before the tests
 */
#ifndef VMITEST_CMDLINE_H
#define VMITEST_CMDLINE_H

struct guest_options {
	int exit_port;
	int reboot;
	int unimpl;		/* call number, -1 if not given */
};

void cmdline_parse(const char *cmdline, struct guest_options *opts);

#endif /* VMITEST_CMDLINE_H */
