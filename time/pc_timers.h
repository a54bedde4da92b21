/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pc_timers.h - the PC's 8254 PIT (ports 0x40-0x43, 0x61) and CMOS RTC
 * (0x70, 0x71) as the guest sees them: the models (time/pit8254.h,
 * time/rtc.h) on Xen's system time and wallclock, their interrupts due at
 * the deadlines time/timer.h keeps (IRQ0 and IRQ8 are raised by the
 * caller, events/evtchn.c).
 *
 * Never: let a model's next interrupt go without a deadline.
 */
#ifndef VMIX_TIME_PC_TIMERS_H
#define VMIX_TIME_PC_TIMERS_H

#include <stdint.h>

int time_pit_is_port(uint16_t port);
uint8_t time_pit_read(uint16_t port);
int time_pit_write(uint16_t port, uint8_t val);
const char *time_pit_strerror(int err);
/* A wide OUT's bytes tried on a copy: 0 or the first refusal. */
int time_pit_try(const uint16_t *ports, const uint8_t *vals, unsigned int n);
/* At its deadline: 1 when IRQ0 is to be raised. */
int time_pit_expire(uint64_t now_ns);

int time_rtc_is_port(uint16_t port);
uint8_t time_rtc_read(uint16_t port);
int time_rtc_write(uint16_t port, uint8_t val);
const char *time_rtc_strerror(int err);
int time_rtc_try(const uint16_t *ports, const uint8_t *vals, unsigned int n);
/* At its deadline: 1 when IRQ8 is to be raised. */
int time_rtc_expire(uint64_t now_ns);

#endif /* VMIX_TIME_PC_TIMERS_H */
