/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pit.h - the 8254 programmable interval timer and the port 0x61 bits
 * that gate and read its channel 2: ports, control words, status bits.
 * Shared by the native ROM (calibration and WIRED_IRQ0 alarms) and the
 * cases that drive the PIT themselves.
 *
 * Never: hold anything but hardware facts.
 */
#ifndef VMITEST_PIT_H
#define VMITEST_PIT_H

#define PIT_HZ			1193182u	/* input clock */
#define PIT_CH0			0x40
#define PIT_CH2			0x42
#define PIT_MODE		0x43

/* Control word: channel, access, mode, (binary counting: bit 0 clear). */
#define PIT_SEL_CH0		0x00
#define PIT_SEL_CH2		0x80
#define PIT_SEL_MASK		0xc0
#define PIT_READ_BACK		0xc0	/* "channel" 3: read-back command */
#define PIT_ACCESS_MASK		0x30
#define PIT_ACCESS_LATCH	0x00	/* counter latch command */
#define PIT_ACCESS_LOHI		0x30
#define PIT_MODE_0		0x00	/* interrupt on terminal count */
#define PIT_MODE_1		0x02	/* hardware retriggerable one-shot */
#define PIT_MODE_2		0x04	/* rate generator */
#define PIT_MODE_3		0x06	/* square wave */
#define PIT_MODE_5		0x0a	/* hardware triggered strobe */

/* Read-back command bits (with PIT_READ_BACK). */
#define PIT_RB_NO_COUNT		0x20	/* do not latch the count */
#define PIT_RB_NO_STATUS	0x10	/* do not latch the status */
#define PIT_RB_CH0		0x02
/* Status byte. */
#define PIT_STATUS_OUT		0x80	/* the OUT pin */
#define PIT_STATUS_NULL_COUNT	0x40	/* no count loaded since the control word */

/* What VMI Linux writes to silence channel 0 (lobyte/hibyte, mode 5). */
#define PIT_SILENCE_CH0		(PIT_SEL_CH0 | PIT_ACCESS_LOHI | PIT_MODE_5)

#define PIT_MAX_COUNT		65536u	/* written as 0 */

/* Port 0x61 (system control port B). */
#define PORT_B			0x61
#define PORT_B_GATE2		0x01	/* channel 2 gate */
#define PORT_B_SPEAKER		0x02	/* speaker data enable */
#define PORT_B_OUT2		0x20	/* channel 2 OUT (read) */

#endif /* VMITEST_PIT_H */
