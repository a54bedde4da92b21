/* SPDX-License-Identifier: GPL-2.0 *
 * Never: be included by the shim.
 */
/*
 * pvboot.h - what the boot image's files share: start_info, the P2M list,
 * the memory layout it gives the VMI kernel, and its helpers.
 *
 * The boot image (a 32-bit PAE Xen PV kernel at 0xC1000000) runs before
 * the VMI kernel and never after: nothing here is called by the shim.
 */
#ifndef VMIX_PVBOOT_H
#define VMIX_PVBOOT_H

#include <stdarg.h>
#include <stdint.h>
#include "xenif/hypercall.h"
#include "rom-layout/rom_private.h"

#define VIRT_BASE	0xC0000000u
#define PAGE_SIZE	4096u
#define PAGE_SHIFT	12

#define _PAGE_PRESENT	0x001ull
#define _PAGE_RW	0x002ull
#define _PAGE_USER	0x004ull
#define _PAGE_ACCESSED	0x020ull
#define _PAGE_DIRTY	0x040ull
#define PAE_ADDR_MASK	0x000ffffffffff000ull

/* Where the multiboot information goes (guest-physical; below it, a stack). */
#define MBI_GPA		0x8000u
#define MBI_LIMIT	0x9000u
#define LOW_MEM_END	0x9f000u
#define HIGH_MEM_START	0x100000u

/* The layout pvboot_main decides (guest-physical unless said otherwise). */
struct pvboot {
	start_info_t *si;
	uint32_t *p2m;
	uint32_t mapped_pages;		/* pages given to the guest */
	uint32_t reserved_start;	/* Xen's boot structures */
	uint32_t reserved_end;
	uint32_t shim_frames;		/* first pfn of the shim's frames */
	uint32_t text_pages;		/* frames of the image's copy */
	uint32_t state_pages;		/* frames of the shim's state */
	uint32_t rom_gpa;		/* rom= */
	const char *guest_cmdline;	/* after -- */
	uint8_t no_defer;		/* defer=off */
};
extern struct pvboot pv;

/* console.c */
void print(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void __attribute__((noreturn, format(printf, 1, 2))) fatal(const char *fmt,
							    ...);
void *memcpy(void *d, const void *s, uint32_t n);
void *memset(void *d, int c, uint32_t n);

/* cmdline.c: "[rom=ADDR] [defer=off] [-- GUEST COMMAND LINE]" */
void parse_cmdline(char *cmd);

/* pagetables.c */
uint32_t va_to_pfn(const void *va);
uint32_t va_to_mfn(const void *va);
void make_read_only(void *va);
void build_identity_map(void);
void build_shim_range(const struct vmix_rom_private *priv);
uint32_t shim_text_pfn(uint32_t i);
uint32_t shim_state_pfn(uint32_t i);
uint32_t pool_pfn(uint32_t i);
uint32_t boot_l1_mfn(uint32_t i);
uint32_t shim_l1_mfn(uint32_t i);
uint32_t pvboot_max_pages(void);
uint32_t shadow_ldt_pfn(uint32_t shadow, uint32_t i);
uint32_t shadow_gdt_pfn(uint32_t shadow, uint32_t i);

/* rom.c */
const struct vmix_rom_private *rom_priv(void);
void check_rom_placement(const struct vmix_rom_private *priv);
void place_rom(const struct vmix_rom_private *priv);
uint32_t rom_image_len(void);

/* kernel.c */
uint32_t load_kernel(void);
void build_mbi(void);

#endif /* VMIX_PVBOOT_H */
