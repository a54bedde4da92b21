/* SPDX-License-Identifier: GPL-2.0 */
/*
 * domain.h - ending the domain: shutdown with a reason, and the crash that
 * follows input the shim cannot turn into a defined guest-visible result.
 *
 * Never: return from a crash (Xen is asked again if it declines).
 */
#ifndef VMIX_XENIF_DOMAIN_H
#define VMIX_XENIF_DOMAIN_H

#define NORETURN	__attribute__((noreturn))

/* SCHEDOP_shutdown(reason); returns only with Xen's refusal. */
long xen_shutdown(unsigned int reason);

/* Print the message, "vmi: crashing the domain", and crash it. */
NORETURN void xen_crash(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif /* VMIX_XENIF_DOMAIN_H */
