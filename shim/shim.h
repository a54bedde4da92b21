/*
 * shim.h - declarations shared by the shim's C files.
 *
 * The shim runs inside the guest's ROM window at whatever linear address the
 * guest maps it: it is built -fpie with hidden visibility so that code and
 * state are reached PC-relative, and it keeps no absolute pointers in data.
 */
#ifndef VMIX_SHIM_H
#define VMIX_SHIM_H

#include <stdint.h>
#include <stdarg.h>
#include "rom_private.h"
#include "printk.h"

#ifdef __i386__
#define VMI_ENTRY	__attribute__((regparm(3), used))
#else	/* host unit tests */
#define VMI_ENTRY	__attribute__((used))
#endif
#define NORETURN	__attribute__((noreturn))
/* Every extern the shim declares is in the ROM: reach it PC-relative. */
#define HIDDEN		__attribute__((visibility("hidden")))

/* State area (beyond the checksummed image): see rom-layout/rom.ld. */
extern struct vmix_boot_block boot_block HIDDEN;
extern uint8_t shared_info_page[4096] HIDDEN;

static inline int shim_is_dom0(void)
{
	return boot_block.flags & VMIX_BOOT_DOM0;
}


/* xenif/console.c: the Xen console (console_io in dom0). */
void console_putc(char c);
void console_write(const char *s, uint32_t len);
void console_flush(void);

/* shim/diag.c: diagnostics on the console. */
void shim_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
NORETURN void shim_crash(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
const char *vmi_call_name(uint32_t nr);

/* The 6-byte operand of SetGDT/SetIDT/GetGDT/GetIDT (spec: VMI_DTR). */
struct vmi_dtr {
	uint16_t limit;
	uint32_t base;
} __attribute__((packed));

/* shim/idt.c: the guest's handler for a vector, as Xen would enter it. */
struct xlate_trap;
const struct xlate_trap *shim_trap(uint32_t vector);

/* Registers as vmi_unimplemented (shim/entry.S) saves them. */
struct unimpl_frame {
	uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;	/* pushal */
	uint32_t nr;					/* pushed by the slot */
	uint32_t ret;					/* the guest's call */
};
NORETURN void VMI_ENTRY shim_unimplemented(struct unimpl_frame *f);

/* shim/cpu_state.c */
void VMI_ENTRY vmi_Pause(void);
void VMI_ENTRY vmi_Halt(void);
void VMI_ENTRY vmi_Shutdown(void);
void VMI_ENTRY vmi_Reboot(uint32_t how);
void VMI_ENTRY vmi_IODelay(void);

/* shim/ports.c: the port I/O front end. */
uint32_t VMI_ENTRY port_in(uint32_t port, uint32_t size);
void VMI_ENTRY port_out(uint32_t port, uint32_t size, uint32_t value);

#endif /* VMIX_SHIM_H */
