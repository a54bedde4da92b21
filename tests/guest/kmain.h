/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kmain.h - what the boot flow (kmain.c) offers the rest of the guest.
 */
#ifndef VMITEST_KMAIN_H
#define VMITEST_KMAIN_H

/*
 * End the run as the command line asks: report through the exit port if
 * asked (1 when failed != 0), then reboot or shut down.
 */
void guest_finish(unsigned int failed) __attribute__((noreturn));

#endif /* VMITEST_KMAIN_H */
