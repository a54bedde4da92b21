/*
 * rom_private.h - the layout contract of the vmi-xen ROM image.
 *
 * The VMI header (spec section 4) says where the ROM is and which API it
 * speaks.  Its reserved3 field ("reserved for private use") holds the offset
 * of a vmi-xen private block that tells the PV boot image where the shim's
 * run-time state lives in the window and tells romtool which calls the image
 * implements.  reserved2 carries the lowest linear address the guest must
 * leave alone ("virtual top", the name later VMI revisions gave this field).
 *
 * Shared by the shim, the PV boot image, romtool and the host unit tests; it
 * compiles for both the 32-bit guest and the 64-bit host.
 */
#ifndef VMIX_ROM_PRIVATE_H
#define VMIX_ROM_PRIVATE_H

/* Option-ROM window the guest scans, and the scan step (spec: 2 KiB). */
#define VMI_ROM_WINDOW_START	0xC8000
#define VMI_ROM_WINDOW_END	0xE0000
#define VMI_ROM_SCAN_STEP	0x800

/* VMI header fields (spec section 4, rev 13 header). */
#define VMI_ROM_SIGNATURE	0xAA55		/* bytes 0x55 0xAA */
#define VMI_SIGNATURE		0x696d5663	/* "cVmi" */
#define VMI_API_REV_MAJOR	13
#define VMI_API_REV_MINOR	0
#define VMI_SLOT_SIZE		32
#define VMI_NR_SLOTS		128		/* header (0-3) + calls 4-127 */
#define VMI_NR_CALLS		85		/* rev 13 list: 0-84 */
#define VMI_HEADER_SIZE		128

/* Offsets of header fields. */
#define VMI_HDR_ROM_SIG		0x00
#define VMI_HDR_ROM_LENGTH	0x02
#define VMI_HDR_ROM_ENTRY	0x03
#define VMI_HDR_VMI_SIG		0x08
#define VMI_HDR_API_MINOR	0x0c
#define VMI_HDR_API_MAJOR	0x0d
#define VMI_HDR_VIRTUAL_TOP	0x10		/* reserved2 */
#define VMI_HDR_PRIVATE		0x14		/* reserved3 */
#define VMI_HDR_PCI_OFF		0x18
#define VMI_HDR_PNP_OFF		0x1a

/*
 * Linear addresses from VMIX_VIRTUAL_TOP up belong to the hypervisor side:
 * [0xF5400000, 0xF5800000) is kept for the shim's own mappings, Xen's
 * compat hole starts at 0xF5800000 and a domU cannot move it.
 */
#define VMIX_VIRTUAL_TOP	0xF5400000
#define XEN_COMPAT_HOLE_START	0xF5800000

/* The private block, at the offset held in reserved3. */
#define VMIX_PRIV_MAGIC		0x6e655876	/* "vXen" */
#define VMIX_PRIV_VERSION	1
#define VMIX_NAME_LEN		24		/* bytes per call name, NUL padded */

/* Call status bytes in the private block's status table. */
#define VMIX_CALL_RESERVED	0		/* header slot or reserved call */
#define VMIX_CALL_IMPL		1
#define VMIX_CALL_NONE		2		/* listed but not implemented */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct vmix_rom_private {
	uint32_t magic;			/* VMIX_PRIV_MAGIC */
	uint16_t version;		/* VMIX_PRIV_VERSION */
	uint16_t nr_slots;		/* VMI_NR_SLOTS */
	uint32_t footprint;		/* bytes of the window the ROM owns: image + state */
	uint32_t boot_block_off;	/* struct vmix_boot_block (state area) */
	uint32_t hypercall_page_off;	/* 4 KiB, page aligned, state area */
	uint32_t shared_info_off;	/* 4 KiB, page aligned, state area */
	uint32_t names_off;		/* char[VMI_NR_SLOTS][VMIX_NAME_LEN] */
	uint32_t status_off;		/* uint8_t[VMI_NR_SLOTS], VMIX_CALL_* */
	uint32_t unimpl_off;		/* common not-implemented handler */
} __attribute__((packed));

/*
 * Filled in by the PV boot image before it enters the guest; VMI_Init reads
 * it.  Lives in the ROM's state area (beyond the checksummed image).
 */
#define VMIX_BOOT_MAGIC		0x746f6f42	/* "Boot" */
#define VMIX_BOOT_VERSION	2

/*
 * Frames the boot image sets aside for the shim (top of pseudo-physical
 * memory, reserved in the memory map, mapped nowhere writable): the shadow
 * GDT handed to Xen (Xen allows 14 pages: 7168 entries) and the shadow LDT
 * (8192 entries), which is mapped read-only at VMIX_SHIM_LDT_VA.
 */
#define VMIX_GDT_FRAMES		14
#define VMIX_LDT_FRAMES		16
#define VMIX_SHIM_FRAMES	(VMIX_GDT_FRAMES + VMIX_LDT_FRAMES)
#define VMIX_SHIM_LDT_VA	VMIX_VIRTUAL_TOP

#define VMIX_BOOT_DOM0		0x1		/* start_info SIF_INITDOMAIN */
#define VMIX_BOOT_PRIVILEGED	0x2		/* start_info SIF_PRIVILEGED */

struct vmix_boot_block {
	uint32_t magic;			/* VMIX_BOOT_MAGIC once filled */
	uint32_t version;
	uint32_t flags;			/* VMIX_BOOT_* */
	uint32_t rom_gpa;		/* guest-physical load address of the ROM */
	uint32_t nr_pages;		/* guest pseudo-physical pages */
	uint32_t shared_info_mfn;	/* aliased at rom_gpa + shared_info_off */
	uint32_t p2m_gpa;		/* pfn -> mfn list (uint32_t per page) */
	uint32_t console_mfn;		/* domU console ring (0 in dom0) */
	uint32_t console_evtchn;
	uint32_t store_mfn;
	uint32_t store_evtchn;
	uint32_t reserved_start;	/* guest-physical range the boot */
	uint32_t reserved_end;		/* structures occupy */
	uint32_t gdt_mfn[VMIX_GDT_FRAMES];	/* shadow GDT frames */
	uint32_t ldt_mfn[VMIX_LDT_FRAMES];	/* shadow LDT frames */
	uint32_t ldt_va;		/* where the shadow LDT is mapped */
};	/* all uint32_t: the same layout for every compiler, no packing */

#endif /* __ASSEMBLER__ */
#endif /* VMIX_ROM_PRIVATE_H */
