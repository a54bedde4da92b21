// SPDX-License-Identifier: GPL-2.0
/*
 * apic.c - APICRead and APICWrite: the local APIC model (events/intc.h) by
 * register address.  The guest passes the address of the register in its
 * mapping of the APIC page; only the offset within the page (the low 12
 * bits) selects the register, wherever the guest maps it.  (The shim does
 * not let the guest map the APIC's frame: a PTE for it names no frame of
 * the domain and is refused, so the calls are the only way in.)
 *
 * Never: leave a refused access without its diagnostic, or change the
 * model on a refused write.
 */
#include "shim/shim.h"
#include "events/events.h"
#include "events/intc.h"
#include "xenif/console.h"

#define APIC_PAGE_OFFSET	0xfffu

int VMI_ENTRY vmi_APICWrite(uint32_t reg, uint32_t value)
{
	uint32_t offset = reg & APIC_PAGE_OFFSET;
	uint8_t held = events_hold();
	int rc;

	events_poll();
	rc = intc_apic_write(offset, value);

	events_release(held);
	if (!rc)
		return 0;
	console_printf("vmi: APICWrite(reg=%08x, value=%08x): %s (register %03x, %s); injecting #GP\n",
		       reg, value, intc_apic_strerror(rc), offset,
		       intc_apic_reg_name(offset));
	return 1;
}

uint64_t VMI_ENTRY vmi_APICRead(uint32_t reg)
{
	uint32_t offset = reg & APIC_PAGE_OFFSET, value = 0;
	uint8_t held = events_hold();
	int rc;

	events_poll();
	rc = intc_apic_read(offset, &value);

	events_release(held);
	if (!rc)
		return vmi_value(value);
	console_printf("vmi: APICRead(reg=%08x): %s (register %03x, %s); injecting #GP\n",
		       reg, intc_apic_strerror(rc), offset,
		       intc_apic_reg_name(offset));
	return vmi_refused();
}
