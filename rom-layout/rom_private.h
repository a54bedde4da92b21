/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom_private.h - the layout contract of the vmi-xen ROM image.
 *
 * The VMI header (spec section 4) says where the ROM is and which API it
 * speaks.  Its reserved3 field ("reserved for private use") holds the offset
 * of a vmi-xen private block that tells the PV boot image where the shim's
 * run-time state lives (its fixed range, below) and tells romtool which calls the image
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
 * [0xF5000000, 0xF5800000), 8 MiB, is the shim's range, mapped at the same
 * place in every address space; Xen's compat hole starts at 0xF5800000 and
 * a domU cannot move it.  The range holds, at fixed linear addresses:
 *
 *   VMIX_SHIM_TEXT_VA   the ROM image (what romLength covers), read-only:
 *                       the image is linked here, so every absolute
 *                       reference in it (data, function pointers, Xen's
 *                       callbacks) lands in this copy, while code-to-code
 *                       references are PC-relative: any other copy of the
 *                       image (the window, through any mapping, or the
 *                       guest's own copy) runs unchanged
 *   VMIX_SHIM_STATE_VA  everything mutable: the hypercall page copy, Xen's
 *                       shared_info, the per-vCPU pages (vcpu_info is
 *                       registered into each), the boot block, the shim's
 *                       variables (rom-layout/rom.ld.S's .state)
 *   VMIX_SHIM_LDT_VA    the shadow LDTs, read-only
 *   VMIX_SHIM_CONSOLE_VA  a domU's PV console ring (start_info's
 *                       console.domU.mfn, the boot block's console_mfn),
 *                       read-write; nothing is mapped there in dom0, which
 *                       writes with console_io
 *   VMIX_SHIM_STORE_VA  a domU's xenstore ring (start_info's store_mfn,
 *                       the boot block's store_mfn), read-write; nothing
 *                       in dom0
 *   VMIX_SHIM_P2M_VA    the P2M list (pfn -> mfn, 4 bytes a page): 2 MiB,
 *                       guests up to 2 GiB
 */
#define VMIX_VIRTUAL_TOP	0xF5000000
#define VMIX_SHIM_TEXT_VA	0xF5000000
#define VMIX_SHIM_TEXT_MAX	0x00040000	/* 256 KiB */
#define VMIX_SHIM_STATE_VA	0xF5040000
#define VMIX_SHIM_STATE_MAX	0x000c0000	/* 768 KiB, to 0xF5100000 */
#define VMIX_SHIM_POOL_VA	0xF5120000	/* slot-3 L2 pool, see below */
#define VMIX_SHIM_CONSOLE_VA	0xF51FF000	/* last page of the first L1 */
#define VMIX_SHIM_STORE_VA	0xF51FE000	/* the page before it */
#define VMIX_SHIM_P2M_VA	0xF5200000
#define VMIX_SHIM_P2M_MAX	0x00200000	/* 2 MiB */
#define VMIX_MAX_VCPUS		8		/* per-vCPU pages laid out */
#define XEN_COMPAT_HOLE_START	0xF5800000	/* Xen's __HYPERVISOR_VIRT_START_PAE
						   (checked in xenif/state.c) */

/* The private block, at the offset held in reserved3. */
#define VMIX_PRIV_MAGIC		0x6e655876	/* "vXen" */
#define VMIX_PRIV_VERSION	3
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
	uint32_t image_va;		/* VMIX_SHIM_TEXT_VA: the image's link address */
	uint32_t state_va;		/* VMIX_SHIM_STATE_VA */
	uint32_t state_size;		/* bytes of state, a page multiple */
	uint32_t hypercall_page_va;	/* state_va: the hypercall page copy */
	uint32_t shared_info_va;	/* state_va + 4 KiB: Xen's shared_info */
	uint32_t percpu_va;		/* state_va + 8 KiB: VMIX_MAX_VCPUS pages */
	uint32_t boot_block_va;		/* after the per-vCPU pages */
	uint32_t names_off;		/* char[VMI_NR_SLOTS][VMIX_NAME_LEN] */
	uint32_t status_off;		/* uint8_t[VMI_NR_SLOTS], VMIX_CALL_* */
	uint32_t unimpl_off;		/* common not-implemented handler */
	uint32_t fault_off;		/* #GP injection that fallible slots enter */
} __attribute__((packed));

/*
 * Slot patterns (generated by shim/slots.S from shim/calls.def; romtool
 * verify checks each):
 *   NONE and reserved:  6a <n>                 push $n
 *                       e9 <rel32>             jmp unimpl_off
 *   IMPL, NOFAULT:      e9 <rel32>             jmp <entry> (in the image,
 *                                              past the slot table)
 *   IMPL, GP / GPV:     ff 74 24 04            pushl 4(%esp)
 *                       e8 <rel32>             call <entry>
 *                       8d 64 24 04            leal 4(%esp), %esp
 *                       85 c0 (GP) / 85 d2 (GPV)  test %eax / %edx
 *                       0f 85 <rel32>          jnz fault_off
 *                       c3                     ret
 * where <entry> is vmix_counted_<name> for a REGPARM call (it counts the
 * call and jumps to vmi_<name>, shim/call_count.S), vmi_<name> otherwise.
 */
#define VMIX_SLOT_FALLIBLE_LEN	22

/*
 * The state area's order (rom-layout/rom.ld.S): at VMIX_SHIM_STATE_VA the
 * hypercall page, then the shared_info page, then VMIX_MAX_VCPUS per-vCPU
 * pages, then the boot block and the rest; state_size ends it.  The image
 * itself (romLength*512 bytes) is all that lies in the option-ROM window.
 */

/*
 * Filled in by the PV boot image before it enters the guest; VMI_Init reads
 * it.  Lives in the shim's state (boot_block_va).
 */
#define VMIX_BOOT_MAGIC		0x746f6f42	/* "Boot" */
#define VMIX_BOOT_VERSION	4

/*
 * Frames the boot image sets aside for the shim (top of pseudo-physical
 * memory, reserved in the memory map, mapped nowhere writable): two shadow
 * GDTs handed to Xen (Xen allows 14 pages: 7168 entries) and two shadow
 * LDTs (8192 entries each), mapped read-only at VMIX_SHIM_LDT_VA and the
 * next 64 KiB.  One of each pair is live; SetGDT and SetLDT build the new
 * table in the other and switch only once Xen accepted all of it, so a
 * refused load changes nothing.
 */
#define VMIX_GDT_FRAMES		14
#define VMIX_LDT_FRAMES		16
#define VMIX_SHADOWS		2
#define VMIX_SHIM_FRAMES	(VMIX_SHADOWS * (VMIX_GDT_FRAMES + VMIX_LDT_FRAMES) + \
				 VMIX_SLOT3_POOL)
#define VMIX_SHIM_LDT_VA	0xF5100000
#define VMIX_SHIM_LDT_SIZE	(VMIX_LDT_FRAMES * 4096)

/*
 * Xen's compat rule gives every PDPT a slot-3 L2 of its own, which a VMI
 * kernel (one kernel L2 shared by all its PDPTs) does not have: the shim
 * keeps one private copy of the kernel L2 per address space, from a pool
 * of frames mapped at VMIX_SHIM_POOL_VA (read-write while free, read-only
 * while Xen uses one as a page table).  Address spaces at once:
 */
#define VMIX_SLOT3_POOL		64

/* The boot image's L1s that map guest memory at 0 and at 0xC0000000. */
#define VMIX_BOOT_L1_MAX	1024	/* 2 GiB */

/*
 * vmi-xen's own MSRs (RDMSR/WRMSR through the VMI calls; no processor or
 * Xen MSR has these numbers): the shim's counters, for benchmarks.
 *   RDMSR VMIX_MSR_HYPERCALLS + nr  hypercalls of number nr made (nr < 64)
 *   RDMSR VMIX_MSR_MC_BATCHES       multicall hypercalls issued
 *   RDMSR VMIX_MSR_MC_ENTRIES       entries they carried
 *   RDMSR VMIX_MSR_PTE_WRITES       page-table writes queued
 *   RDMSR VMIX_MSR_MC_DIRECT        batches of one entry made as that
 *                                   entry's own hypercall (counted under
 *                                   its number, not as a batch or entry)
 *   RDMSR VMIX_MSR_CALLS + n        calls n made (REGPARM calls; 0-3:
 *                                   the owners of xenif/stats.h)
 *   RDMSR VMIX_MSR_CALL_HYPERCALLS + n  hypercalls charged to call n
 *   RDMSR VMIX_MSR_CALL_BATCHES + n     multicall batches it issued
 *   RDMSR VMIX_MSR_CALL_ENTRIES + n     entries they carried
 *   WRMSR VMIX_MSR_PRINT            print the counter lines now
 */
#define VMIX_MSR_HYPERCALLS	0x564d4900	/* "VMI" */
#define VMIX_MSR_MC_BATCHES	0x564d4940
#define VMIX_MSR_MC_ENTRIES	0x564d4941
#define VMIX_MSR_PTE_WRITES	0x564d4942
#define VMIX_MSR_MC_DIRECT	0x564d4943
#define VMIX_MSR_CALLS		0x564d4a00	/* + n, n < VMI_NR_SLOTS */
#define VMIX_MSR_CALL_HYPERCALLS 0x564d4a80
#define VMIX_MSR_CALL_BATCHES	0x564d4b00
#define VMIX_MSR_CALL_ENTRIES	0x564d4b80
#define VMIX_MSR_PRINT		0x564d49ff

#define VMIX_BOOT_DOM0		0x1		/* start_info SIF_INITDOMAIN */
#define VMIX_BOOT_PRIVILEGED	0x2		/* start_info SIF_PRIVILEGED */
#define VMIX_BOOT_NODEFER	0x4		/* defer=off: no PTE write queue */

struct vmix_boot_block {
	uint32_t magic;			/* VMIX_BOOT_MAGIC once filled */
	uint32_t version;
	uint32_t flags;			/* VMIX_BOOT_* */
	uint32_t rom_gpa;		/* guest-physical load address of the ROM */
	uint32_t nr_pages;		/* guest pseudo-physical pages */
	uint32_t shared_info_mfn;	/* mapped at shared_info_va */
	uint32_t p2m_gpa;		/* pfn -> mfn list (uint32_t per page), */
					/* also mapped at VMIX_SHIM_P2M_VA */
	uint32_t percpu_mfn[VMIX_MAX_VCPUS];	/* per-vCPU pages (percpu_va) */
	uint32_t console_mfn;		/* domU console ring (0 in dom0) */
	uint32_t console_evtchn;
	uint32_t store_mfn;
	uint32_t store_evtchn;
	uint32_t reserved_start;	/* guest-physical range the boot */
	uint32_t reserved_end;		/* structures occupy */
	uint32_t gdt_mfn[VMIX_SHADOWS][VMIX_GDT_FRAMES];	/* shadow GDTs */
	uint32_t ldt_mfn[VMIX_SHADOWS][VMIX_LDT_FRAMES];	/* shadow LDTs */
	uint32_t ldt_va[VMIX_SHADOWS];	/* where each shadow LDT is mapped */
	uint32_t shim_first_pfn;	/* the shim's frames: [this, nr_pages) */
	uint32_t boot_cr3;		/* guest-physical PDPT Xen started with */
	uint32_t shim_l1_mfn[2];	/* L1s of the shim's range (2 MiB each) */
	uint32_t pool_mfn[VMIX_SLOT3_POOL];	/* slot-3 L2 frames */
	uint32_t nr_boot_l1;		/* boot L1s (identity and high map) */
	uint32_t boot_l1_mfn[VMIX_BOOT_L1_MAX];
};	/* all uint32_t: the same layout for every compiler, no packing */

#endif /* __ASSEMBLER__ */
#endif /* VMIX_ROM_PRIVATE_H */
