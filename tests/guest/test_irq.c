// SPDX-License-Identifier: GPL-2.0
/*
 * test_irq.c - irq.* cases: the virtual interrupt flag and delivery:
 * nothing while masked, pending interrupts at once when unmasked, Halt
 * woken by an alarm and by a device, interrupts landing during page-table
 * batches and VMI IRET, a storm of one-shots.  The sources are VMI alarms
 * wired to IRQ0 (through the PIC at 0x20) or the LVTT (0xEF) and COM1's
 * receive interrupt on IRQ4; every case ends with irq_teardown()
 * (interrupts disabled, alarms cancelled, PICs and the LVTT masked).
 */
#include "apic.h"
#include "irq.h"
#include "kmath.h"
#include "mm_test.h"
#include "need.h"
#include "pic.h"
#include "rom.h"
#include "rtc.h"
#include "sources.h"
#include "test.h"
#include "timer.h"
#include "trap.h"
#include "uart.h"
#include "vmi.h"

static void expect_mask(struct test *t, const char *after, uint32_t want)
{
	uint32_t got = vmi_get_interrupt_mask();

	check(t, got == want, "after %s: GetInterruptMask 0x%x, expected 0x%x",
	      after, got, want);
}

TEST_CASE(irq, mask_roundtrip)
{
	vmi_disable_interrupts();
	expect_mask(t, "DisableInterrupts", 0);
	vmi_enable_interrupts();
	expect_mask(t, "EnableInterrupts", VMI_IF_MASK);
	vmi_set_interrupt_mask(0);
	expect_mask(t, "SetInterruptMask(0)", 0);
	vmi_set_interrupt_mask(VMI_IF_MASK);
	expect_mask(t, "SetInterruptMask(0x200)", VMI_IF_MASK);
	vmi_set_interrupt_mask(VMI_IF_MASK | 0x1);
	expect_mask(t, "SetInterruptMask(0x201)", VMI_IF_MASK);
	vmi_disable_interrupts();
	expect_mask(t, "final DisableInterrupts", 0);
}

/* ---- interrupts from a source: an alarm on IRQ0, COM1 on IRQ4 ---------- */

#define SOON_US			1000	/* a one-shot's expiry */
#define PENDING_US		10000	/* ... certainly passed by then */
#define HALT_GUARD_US		500000

/*
 * With interrupts disabled, arm a REAL one-shot on IRQ0 due in SOON_US
 * and wait until it has fired: pending, undelivered.  Fired means the
 * PIC requests IRQ0 (IRR, through OCW3), or, should the PIC never show
 * it, DELIVERY_US past the expiry.
 */
static void make_pending(void)
{
	uint64_t end = real_now() + us_to_cycles(SOON_US + DELIVERY_US);

	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, real_now() + us_to_cycles(SOON_US), 0);
	spin_us(SOON_US);
	while (!(pic_read_irr() & (1u << IRQ_TIMER)) && real_now() < end)
		;
}

/*
 * An alarm due while interrupts are disabled is not delivered while they
 * stay disabled (and, so that this cannot pass for want of an alarm, it
 * is delivered once they are enabled).
 */
TEST_CASE(irq, masked_no_delivery)
{
	if (!irq_begin(t))
		return;
	if (alarm_begin_irq0(t, shot_irq0)) {
		make_pending();
		spin_us(PENDING_US);
		check(t, shot.n == 0, "interrupts disabled: the alarm's handler ran %u times",
		      shot.n);
		expect_mask(t, "the alarm's expiry", 0);
		vmi_enable_interrupts();
		wait_for(&shot.n, 1, DELIVERY_US);
		check(t, shot.n == 1, "after EnableInterrupts the pending alarm was delivered %u times, expected once",
		      shot.n);
	}
	irq_teardown();
}

/*
 * EnableInterrupts and SetInterruptMask(0x200) deliver what is pending
 * at once: the handler has run when the call returns (the spec: "will
 * deliver any pending interrupts on a call which enables interrupts").
 */
TEST_CASE(irq, deliver_on_enable)
{
	uint32_t n;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	make_pending();
	vmi_enable_interrupts();
	n = shot.n;
	check(t, n == 1, "EnableInterrupts with an interrupt pending: the handler had run %u times when it returned, expected once",
	      n);
	vmi_disable_interrupts();

	shot_reset();
	make_pending();
	vmi_set_interrupt_mask(VMI_IF_MASK);
	n = shot.n;
	check(t, n == 1, "SetInterruptMask(0x200) with an interrupt pending: the handler had run %u times when it returned, expected once",
	      n);
out:
	irq_teardown();
}

/*
 * local_irq_save/restore nested two deep: the inner restore (to
 * disabled) delivers nothing, the outer one (to enabled) delivers the
 * pending interrupt at once.
 */
TEST_CASE(irq, nested_mask)
{
	uint32_t outer, inner, n;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	vmi_enable_interrupts();
	outer = vmi_get_interrupt_mask();
	vmi_disable_interrupts();
	inner = vmi_get_interrupt_mask();
	vmi_disable_interrupts();
	check(t, outer == VMI_IF_MASK && inner == 0,
	      "saved masks 0x%x (outer) and 0x%x (inner), expected 0x%x and 0",
	      outer, inner, VMI_IF_MASK);
	make_pending();
	vmi_set_interrupt_mask(inner);
	n = shot.n;
	check(t, n == 0, "inner restore (0x%x): the handler ran %u times", inner,
	      n);
	expect_mask(t, "the inner restore", 0);
	vmi_set_interrupt_mask(outer);
	n = shot.n;
	check(t, n == 1, "outer restore (0x%x): the handler had run %u times when it returned, expected once",
	      outer, n);
	expect_mask(t, "the outer restore", VMI_IF_MASK);
out:
	irq_teardown();
}

/* The guard of a Halt: an AVAILABLE one-shot on the LVTT, if there is one. */
static int guard_armed;

static void guard_hook(struct trap_frame *f)
{
	(void)f;
	guard_armed = 2;		/* fired */
	apic_eoi();
}

static void guard_arm(struct test *t)
{
	guard_armed = 0;
	if (!rom_call_implemented(VMI_CALL_APICWrite) ||
	    !rom_call_implemented(VMI_CALL_APICRead) || !apic_ready(t))
		return;
	apic_enable();
	irq_set_hook(VEC_LOCAL_TIMER, guard_hook);
	apic_write(APIC_LVTT, VEC_LOCAL_TIMER);
	vmi_set_alarm(VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_AVAILABLE,
		      avail_now() + us_to_cycles(HALT_GUARD_US), 0);
	guard_armed = 1;
}

/*
 * Halt with an alarm due: it returns after the alarm's handler ran, with
 * interrupts enabled ("sti; hlt").  A guard alarm on the other counter,
 * wired to the LVTT and due much later, keeps a Halt that nothing wakes
 * from hanging the run.
 */
TEST_CASE(irq, halt_wakes_alarm)
{
	uint64_t expiry, back;

	if (!irq_begin(t) || !NEED(t, VMI_CALL_Halt))
		goto out;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	guard_arm(t);
	expiry = real_now() + us_to_cycles(SOON_US * 5);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, expiry, 0);
	vmi_halt();
	back = real_now();
	check(t, shot.n == 1, "Halt returned with the alarm's handler run %u times, expected once%s",
	      shot.n, guard_armed == 2 ? " (the guard alarm woke it)" : "");
	check(t, back >= expiry, "Halt returned %u us before the alarm's expiry",
	      back < expiry ? (uint32_t)cycles_to_us(expiry - back) : 0);
	expect_mask(t, "Halt", VMI_IF_MASK);
out:
	irq_teardown();
}

#define UART_BYTE		'H'

/*
 * Halt woken by a device: COM1 in loopback (MCR LOOP | OUT2, OUT2 gating
 * its interrupt line), the receive interrupt enabled (IER), IRQ4
 * unmasked; a byte written to THR with interrupts disabled, then Halt
 * (which enables them): the receive interrupt wakes it and the handler
 * has read the byte.  FIFOs off, so a single byte interrupts at once.
 * The console is idle throughout and put back afterwards.  An alarm due
 * HALT_GUARD_US later on IRQ0 guards the Halt.
 */
TEST_CASE(irq, halt_wakes_uart)
{
	if (!irq_begin(t) || !NEED(t, VMI_CALL_Halt))
		goto out;
	if (!alarm_begin_irq0(t, shot_irq0))
		goto out;
	com1_loopback_irq_on();
	irq_set_hook(PIC_MASTER_BASE + IRQ_COM1, com1_rx_irq);
	pic_unmask(IRQ_COM1);
	vmi_set_alarm(VMI_ALARM_WIRED_IRQ0 | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL,
		      real_now() + us_to_cycles(HALT_GUARD_US), 0);

	com1_send(UART_BYTE);
	vmi_halt();
	vmi_disable_interrupts();
	com1_loopback_irq_off();

	check(t, com1_irqs == 1, "Halt returned after %u COM1 interrupts, expected 1%s",
	      com1_irqs, shot.n ? " (the guard alarm woke it)" : "");
	check(t, com1_byte == UART_BYTE, "the handler read 0x%02x (IIR 0x%02x), expected 0x%02x",
	      com1_byte, com1_iir, UART_BYTE);
	check(t, irq_count[PIC_MASTER_BASE + IRQ_COM1] == com1_irqs,
	      "%u interrupts on 0x%x", irq_count[PIC_MASTER_BASE + IRQ_COM1],
	      PIC_MASTER_BASE + IRQ_COM1);
out:
	irq_teardown();
}

/* ---- interrupts while the guest is busy in VMI calls -------------------- */

#define BUSY_HZ			2000
#define BUSY_TICKS_MIN		20
#define BUSY_MAX_US		3000000
#define PTE_BATCH_L1S		4
#define PTE_BATCH_VA		(MM_USER_BASE + 0x00400000u)
#define PTE_BATCH_ENTRIES	(PTE_BATCH_L1S * L1_ENTRIES)

/* The value pass p writes to entry i: alternately unmapped and mapped. */
static uint64_t batch_value(uint32_t data_pa, unsigned int p, unsigned int i)
{
	if ((i + p) & 1)
		return data_pa | PTE_P | PTE_US;
	return ((uint64_t)(i * 2 + p + 1) << PAGE_SHIFT) | PTE_RW | PTE_NX;
}

/*
 * A 2 kHz periodic alarm while the case writes thousands of PTEs with
 * SetPxELong (2048 entries of a spare address space, pass after pass,
 * until at least BUSY_TICKS_MIN ticks came), alternating not-present
 * entries with a frame number and read-only mappings of a data page;
 * every entry reads back as written (GetPxELong, after
 * FlushDeferredCalls), and the ticks arrived.  A tick may land in the
 * middle of a batch of queued page-table writes.
 */
TEST_CASE(irq, during_pte_batch)
{
	struct aspace as;
	uint64_t *pte[PTE_BATCH_ENTRIES], got, end;
	uint32_t data, bad = 0, first_bad = 0, i, p, passes = 0;

	if (!irq_begin(t) || !mm_ready(t))
		goto out;
	data = data_page(t, 0xba7c0000);
	if (!data)
		goto out;
	if (!check(t, as_create(&as) == 0, "no address space for the batch"))
		goto free_data;
	for (i = 0; i < PTE_BATCH_ENTRIES; i++) {
		pte[i] = as_pte(&as, PTE_BATCH_VA + i * PAGE_SIZE, 1);
		if (!check(t, pte[i] != 0, "no L1 for entry %u", i))
			goto free_as;
	}
	if (!timer_start_irq0(t, BUSY_HZ))
		goto free_as;
	vmi_enable_interrupts();
	end = real_now() + us_to_cycles(BUSY_MAX_US);
	for (p = 0; p < 2 || (tick.ticks < BUSY_TICKS_MIN && real_now() < end);
	     p++, passes++) {
		for (i = 0; i < PTE_BATCH_ENTRIES; i++)
			vmi_set_pxe_long(pte[i], batch_value(pfn_pa(data), p, i));
		vmi_flush_deferred();
		for (i = 0; i < PTE_BATCH_ENTRIES; i++) {
			got = vmi_get_pxe_long(pte[i]) & ~PTE_AD;
			if (got != batch_value(pfn_pa(data), p, i) && !bad++)
				first_bad = i;
		}
	}
	vmi_disable_interrupts();
	check(t, bad == 0, "%u entries read back wrong over %u passes, the first entry %u",
	      bad, passes, first_bad);
	check(t, tick.ticks >= BUSY_TICKS_MIN, "%u ticks of the %u Hz alarm during %u passes of %u PTE writes",
	      tick.ticks, BUSY_HZ, passes, PTE_BATCH_ENTRIES);
	check(t, tick.early == 0, "%u ticks came before their expiry", tick.early);
	for (i = 0; i < PTE_BATCH_ENTRIES; i++)
		vmi_set_pxe_long(pte[i], 0);
free_as:
	as_destroy(&as);
free_data:
	page_free(data);
out:
	irq_teardown();
}

/* int $0x80's handler from the kernel: EAX + 1, the rest as they were. */
static int kernel_int_hook(struct trap_frame *f)
{
	f->eax++;
	return 1;
}

#define IRET_ROUNDS_MIN		20000

/*
 * A 2 kHz periodic alarm while a loop returns through VMI IRET tens of
 * thousands of times (int $0x80 from the kernel, a trap gate, so ticks
 * also land inside its handler and inside the IRET itself; not a DPL 0
 * gate such as 0x81: under QEMU's software emulation Xen delivers INT n
 * of any gate but 0x80 to the wrong vector, docs/testing.md): every general register
 * but EAX (which the handler increments) survives each round, interrupts
 * stay enabled, and the ticks arrived.
 */
TEST_CASE(irq, during_iret)
{
	uint32_t a, b, c, d, si, di, i, bad = 0, first_bad = 0;
	uint64_t end;

	if (!irq_begin(t))
		goto out;
	trap_set_hook(VEC_SYSCALL, kernel_int_hook);
	if (!timer_start_irq0(t, BUSY_HZ))
		goto out;
	vmi_enable_interrupts();
	end = real_now() + us_to_cycles(BUSY_MAX_US);
	for (i = 0; i < IRET_ROUNDS_MIN ||
	     (tick.ticks < BUSY_TICKS_MIN && real_now() < end); i++) {
		a = i;
		b = ~i;
		c = i * 3;
		d = i ^ 0x5a5a5a5a;
		si = i + 0x1000;
		di = i * 5 + 7;
		asm volatile("int $0x80"
			     : "+a" (a), "+b" (b), "+c" (c), "+d" (d),
			       "+S" (si), "+D" (di)
			     : : "cc", "memory");
		if ((a != i + 1 || b != ~i || c != i * 3 ||
		     d != (i ^ 0x5a5a5a5a) || si != i + 0x1000 ||
		     di != i * 5 + 7) && !bad++)
			first_bad = i;
	}
	expect_mask(t, "the int $0x80 rounds", VMI_IF_MASK);
	vmi_disable_interrupts();
	check(t, bad == 0, "registers changed across int $0x80 and VMI IRET in %u of %u rounds, the first round %u",
	      bad, i, first_bad);
	check(t, tick.ticks >= BUSY_TICKS_MIN, "%u ticks of the %u Hz alarm during %u rounds",
	      tick.ticks, BUSY_HZ, i);
out:
	irq_teardown();
}

/* ---- a storm of one-shots ------------------------------------------------ */

#define STORM_EVENTS		100000
#define STORM_STALL_US		2000000	/* no event for this long: lost */

static struct {
	volatile uint32_t armed, delivered;
	volatile uint32_t extra;	/* delivered with none armed */
} storm;

/* The tiniest expiry: due now, so past by the time the ROM looks. */
static void storm_arm(void)
{
	storm.armed++;
	vmi_set_alarm(VMI_ALARM_WIRED_LVTT | VMI_ALARM_IS_ONESHOT |
		      VMI_CYCLES_REAL, real_now(), 0);
}

static void storm_hook(struct trap_frame *f)
{
	(void)f;
	if (storm.delivered >= storm.armed)
		storm.extra++;
	storm.delivered++;
	apic_eoi();
	if (storm.armed < STORM_EVENTS)
		storm_arm();
}

/*
 * STORM_EVENTS timer events: a REAL one-shot due at once, wired to the
 * LVTT, re-armed from its own handler each time it fires.  Every one
 * armed is delivered exactly once: the count delivered equals the count
 * armed, no event arrives while none is armed (two in flight), and the
 * chain never stalls (an event lost would stop it; a stall is declared
 * after STORM_STALL_US, far beyond any emulator hiccup).  Due at once
 * (the spec: an alarm fires as soon as possible after its expiry) and
 * on the LVTT, where the native ROM raises an expired one-shot without
 * an emulator timer in between (a QEMU timer costs tens of microseconds
 * an event, a second or more for the storm on a busy host); the note
 * gives the time taken.
 */
TEST_CASE(irq, storm)
{
	uint64_t last_change, start;
	uint32_t seen;

	if (!irq_begin(t))
		return;
	if (!alarm_begin_lvtt(t, storm_hook))
		goto out;
	storm.armed = 0;
	storm.delivered = 0;
	storm.extra = 0;
	start = real_now();
	storm_arm();
	vmi_enable_interrupts();
	seen = 0;
	last_change = real_now();
	while (storm.delivered < STORM_EVENTS) {
		if (storm.delivered != seen) {
			seen = storm.delivered;
			last_change = real_now();
		} else if (real_now() - last_change >
			   us_to_cycles(STORM_STALL_US)) {
			break;
		}
	}
	vmi_disable_interrupts();
	note(t, "vmitest: irq.storm: %u one-shots delivered in %u ms",
	     storm.delivered, (uint32_t)cycles_to_us(real_now() - start) / 1000);
	check(t, storm.delivered == STORM_EVENTS && storm.armed == STORM_EVENTS,
	      "%u one-shots armed, %u delivered (the chain stalled for %u ms: an event was lost)",
	      storm.armed, storm.delivered, STORM_STALL_US / 1000);
	check(t, storm.extra == 0, "%u events arrived with none armed (two in flight)",
	      storm.extra);
out:
	irq_teardown();
}
