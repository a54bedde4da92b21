// SPDX-License-Identifier: GPL-2.0
/*
 * test_pic.c - pic.* cases: the legacy 8259 pair and 8254 PIT as a kernel
 * drives them through the VMI port calls: ICW2's vector bases, the IMR,
 * specific EOI and the IRR/ISR reads of OCW3, the PIT as the only timer
 * of a kernel without the VMI timer, and the PIT silenced as VMI Linux
 * silences it.  Every case ends with irq_teardown().
 */
#include "irq.h"
#include "kmath.h"
#include "need.h"
#include "pic.h"
#include "pit.h"
#include "rom.h"
#include "sources.h"
#include "test.h"
#include "timer.h"
#include "trap.h"

#define VECTORS_BYTE		'P'

/*
 * Initialise the PICs at master and slave, raise IRQ0 (a REAL one-shot
 * alarm), IRQ4 (COM1's loopback) and, natively, IRQ8 (the CMOS clock's
 * periodic interrupt on the slave), and check each arrived on base + irq
 * and nothing on the other base's vectors.  The CMOS clock's interrupt is
 * a device of the platform, which the vmi-xen shim does not model: with
 * a platform ROM only the master's base is checked.
 */
static void check_bases(struct test *t, uint8_t master, uint8_t slave)
{
	int slave_too = rom_state.native;
	uint32_t n0, n4, n8;

	irq_begin(t);
	shot_reset();
	pic_init(master, slave);
	irq_set_hook(master + IRQ_TIMER, shot_irq0);
	irq_set_hook(master + IRQ_COM1, com1_rx_irq);
	irq_set_hook(slave + IRQ_RTC - 8, rtc_irq);
	pic_unmask(IRQ_TIMER);
	pic_unmask(IRQ_COM1);
	com1_loopback_irq_on();
	if (slave_too) {
		pic_unmask(IRQ_RTC);
		rtc_periodic_on();
	}
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, real_now() + us_to_cycles(1000), 0);
	com1_send(VECTORS_BYTE);
	vmi_enable_interrupts();
	wait_for(&irq_count[master + IRQ_TIMER], 1, DELIVERY_US);
	wait_for(&irq_count[master + IRQ_COM1], 1, DELIVERY_US);
	if (slave_too)
		wait_for(&irq_count[slave + IRQ_RTC - 8], 1, DELIVERY_US);
	spin_us(QUIET_US);
	vmi_disable_interrupts();
	if (slave_too)
		rtc_periodic_off();
	com1_loopback_irq_off();

	n0 = irq_count[master + IRQ_TIMER];
	n4 = irq_count[master + IRQ_COM1];
	n8 = irq_count[slave + IRQ_RTC - 8];
	check(t, n0 == 1, "bases 0x%02x/0x%02x: the IRQ0 alarm arrived %u times on 0x%02x, expected once",
	      master, slave, n0, master + IRQ_TIMER);
	check(t, n4 == 1 && com1_byte == VECTORS_BYTE,
	      "bases 0x%02x/0x%02x: COM1's IRQ4 arrived %u times on 0x%02x (byte 0x%02x), expected once",
	      master, slave, n4, master + IRQ_COM1, com1_byte);
	if (slave_too)
		check(t, n8 >= 1, "bases 0x%02x/0x%02x: the CMOS clock's IRQ8 never arrived on 0x%02x",
		      master, slave, slave + IRQ_RTC - 8);
	check_no_other_irqs(t, "the vector bases",
			    (const int[]){ master + IRQ_TIMER,
					   master + IRQ_COM1,
					   slave + IRQ_RTC - 8, -1 });
}

/*
 * ICW2 decides where the PICs' interrupts arrive: at the usual bases
 * (0x20, 0x28), then after re-initialising them at others (0x30, 0x38),
 * the same sources arrive on the new base + irq.
 */
TEST_CASE(pic, init_vectors)
{
	if (!irq_begin(t) || !clock_ready(t) ||
	    !NEED(t, VMI_CALL_SetAlarm, VMI_CALL_CancelAlarm))
		goto out;
	vmi_outb(PIT_SILENCE_CH0, PIT_MODE);
	check_bases(t, PIC_MASTER_BASE, PIC_SLAVE_BASE);
	check_bases(t, PIC_ALT_MASTER_BASE, PIC_ALT_SLAVE_BASE);
out:
	irq_teardown();
}

static void count_only(struct trap_frame *f)
{
	(void)f;
	shot.n++;
}

#define IMR_MASTER_PATTERN	0xa5
#define IMR_SLAVE_PATTERN	0x5a

/*
 * The IMR reads back what OCW1 wrote; an interrupt taken without an EOI
 * shows in ISR (OCW3 0x0B) until a specific EOI (0x60 | level) clears
 * it; one raised while masked shows in IRR (OCW3 0x0A) and is delivered
 * when unmasked.
 */
TEST_CASE(pic, mask_and_eoi)
{
	uint16_t mask, isr, irr;
	uint64_t end;
	uint32_t oneshot = VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
			   VMI_CYCLES_REAL;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, count_only))
		goto out;
	pic_set_mask(IMR_MASTER_PATTERN | (IMR_SLAVE_PATTERN << 8));
	mask = pic_get_mask();
	check(t, mask == (IMR_MASTER_PATTERN | (IMR_SLAVE_PATTERN << 8)),
	      "IMR read back 0x%02x/0x%02x, wrote 0x%02x/0x%02x", mask & 0xff,
	      mask >> 8, IMR_MASTER_PATTERN, IMR_SLAVE_PATTERN);
	pic_set_mask(PIC_MASK_BOTH);
	pic_unmask(IRQ_TIMER);

	/* In service until the specific EOI. */
	vmi_enable_interrupts();
	vmi_set_alarm(oneshot, real_now() + us_to_cycles(1000), 0);
	wait_for(&shot.n, 1, DELIVERY_US);
	spin_us(QUIET_US);
	check(t, shot.n == 1, "the IRQ0 one-shot arrived %u times, expected once",
	      shot.n);
	isr = pic_read_isr();
	irr = pic_read_irr();
	check(t, isr & (1u << IRQ_TIMER), "ISR 0x%04x after IRQ0 was taken without an EOI: IRQ0 not in service",
	      isr);
	check(t, !(irr & (1u << IRQ_TIMER)), "IRR 0x%04x: IRQ0 still requested after it was taken",
	      irr);
	pic_specific_eoi(IRQ_TIMER);
	isr = pic_read_isr();
	check(t, !(isr & (1u << IRQ_TIMER)), "ISR 0x%04x after the specific EOI 0x%02x: IRQ0 still in service",
	      isr, OCW2_SPECIFIC_EOI | IRQ_TIMER);

	/* Requested while masked, delivered when unmasked. */
	pic_mask(IRQ_TIMER);
	vmi_set_alarm(oneshot, real_now() + us_to_cycles(1000), 0);
	end = real_now() + us_to_cycles(DELIVERY_US);
	while (!((irr = pic_read_irr()) & (1u << IRQ_TIMER)) &&
	       real_now() < end)
		;
	check(t, shot.n == 1, "IRQ0 masked: %u more interrupts", shot.n - 1);
	check(t, irr & (1u << IRQ_TIMER), "IRR 0x%04x: the masked IRQ0 not requested",
	      irr);
	pic_unmask(IRQ_TIMER);
	check(t, shot.n == 2, "unmasking the requested IRQ0 delivered %u interrupts, expected 1",
	      shot.n - 1);
	isr = pic_read_isr();
	check(t, isr & (1u << IRQ_TIMER), "ISR 0x%04x: the IRQ0 just taken not in service",
	      isr);
	pic_specific_eoi(IRQ_TIMER);
	isr = pic_read_isr();
	check(t, !(isr & (1u << IRQ_TIMER)), "ISR 0x%04x after the second specific EOI",
	      isr);
out:
	irq_teardown();
}

#define PIT_ONLY_HZ		100
#define PIT_ONLY_COUNT		((PIT_HZ + PIT_ONLY_HZ / 2) / PIT_ONLY_HZ)
#define PIT_ONLY_RUN_US		1000000

static void pit_periodic(uint32_t count)
{
	vmi_outb(PIT_SEL_CH0 | PIT_ACCESS_LOHI | PIT_MODE_2, PIT_MODE);
	vmi_outb(count & 0xff, PIT_CH0);
	vmi_outb((count >> 8) & 0xff, PIT_CH0);
}

/*
 * A kernel without the VMI timer: PIT channel 0 in mode 2 at 100 Hz as
 * its only timer (no SetAlarm), IRQ0 through the PIC.  ~1 s of REAL
 * (used only to measure) gives 100 ticks, within the tolerance of
 * check_tick_count (timer.c).
 */
TEST_CASE(pic, pit_only_timer)
{
	uint64_t from, end, to;

	if (!irq_begin(t) || !clock_ready(t))
		goto out;
	tick_reset(mul_div64(cycle_hz, PIT_ONLY_COUNT, PIT_HZ));
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, tick_irq0);
	from = real_now();
	end = from + us_to_cycles(PIT_ONLY_RUN_US);
	tick_grid(from + tick.period);
	pit_periodic(PIT_ONLY_COUNT);
	pic_unmask(IRQ_TIMER);
	vmi_enable_interrupts();
	to = tick_run_until(end);
	vmi_disable_interrupts();
	vmi_outb(PIT_SILENCE_CH0, PIT_MODE);
	check_tick_count(t, "PIT at 100 Hz", from, end, to);
out:
	irq_teardown();
}

#define SILENCE_HZ		1000
#define SILENCE_COUNT		((PIT_HZ + SILENCE_HZ / 2) / SILENCE_HZ)
#define SILENCE_QUIET_US	100000
#define SILENCE_STRAYS		1

/*
 * VMI Linux's silencing of the PIT (0x3a to 0x43: channel 0,
 * lobyte/hibyte, mode 5, no count): a running 1 kHz channel 0 stops, no
 * IRQ0 for 100 ms.  QEMU's 8254 does not act on a control word until the
 * channel's next transition, which it then works out in mode 5: one edge
 * (SILENCE_STRAYS) may come within the old period, after which the quiet
 * 100 ms start.
 */
TEST_CASE(pic, pit_silenced)
{
	uint32_t n, strays;

	if (!irq_begin(t) || !clock_ready(t))
		goto out;
	shot_reset();
	pic_init(PIC_MASTER_BASE, PIC_SLAVE_BASE);
	irq_set_hook(PIC_MASTER_BASE + IRQ_TIMER, shot_irq0);
	pit_periodic(SILENCE_COUNT);
	pic_unmask(IRQ_TIMER);
	vmi_enable_interrupts();
	if (!check(t, wait_for(&shot.n, 5, 500000), "PIT at 1 kHz: %u ticks in 500 ms",
		   shot.n))
		goto out;
	vmi_outb(PIT_SILENCE_CH0, PIT_MODE);
	n = shot.n;
	spin_us(2 * USEC_PER_SEC / SILENCE_HZ);
	strays = shot.n - n;
	n = shot.n;
	spin_us(SILENCE_QUIET_US);
	check(t, strays <= SILENCE_STRAYS, "%u IRQ0s in the old period after silencing the PIT",
	      strays);
	check(t, shot.n == n, "%u IRQ0s in the %u ms after silencing the PIT",
	      shot.n - n, SILENCE_QUIET_US / 1000);
out:
	irq_teardown();
}
