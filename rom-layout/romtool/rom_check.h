/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rom_check.h - check, seal and list a vmi-xen ROM image held in memory.
 *
 * rom_check() verifies everything rom_private.h and spec section 4 promise
 * about an image: BIOS header and romEntry, checksum, VMI signature, API
 * revision and virtual top, PCI data structure, PnP expansion header, the
 * private block (its tables and handlers inside the image, the image's link
 * address and the fixed linear addresses of the shim's state) and the
 * 32-byte call slots against shim/calls.def (status, name, and the exact
 * slot pattern of the call's fault kind).  rom_seal() turns the raw objcopy
 * output into a loadable option ROM.  Plain portable C: builds for the
 * 64-bit host (romtool, unit tests, fuzz targets) and with -m32.  It must
 * not read outside img[0..len) whatever the bytes say
 * (tests/fuzz/fuzz_rom_check.c).
 *
 * Byte layout checked, offsets relative to the structure:
 *   PCI data structure ("PCIR"), at the u16 in header offset 0x18:
 *     +0x00 "PCIR"   +0x0a u16 structure length (0x18)
 *     +0x10 u16 image length in 512-byte units (== romLength)
 *   PnP expansion header ("$PnP"), at the u16 in header offset 0x1a:
 *     +0x00 "$PnP"   +0x05 u8 length in 16-byte units (>= 2)
 *     +0x09 u8 checksum: the length*16 header bytes sum to 0 mod 256
 *
 * The private block (version 3, rom_private.h): the image (romLength * 512
 * bytes, all that lies in the option-ROM window) is linked at image_va ==
 * VMIX_SHIM_TEXT_VA and fits VMIX_SHIM_TEXT_MAX; the state is not in the
 * image: state_va == VMIX_SHIM_STATE_VA, state_size a nonzero multiple of
 * 4096 and at most VMIX_SHIM_STATE_MAX; hypercall page at state_va,
 * shared_info page at state_va + 4096, VMIX_MAX_VCPUS per-vCPU pages from
 * percpu_va == state_va + 8192, then the boot block at boot_block_va (at or
 * past the per-vCPU pages' end), which ends by state_va + state_size.
 * names_off, status_off, unimpl_off and fault_off are image offsets.
 * The virtual top (reserved2) must leave the shim's range to the shim: at
 * most VMIX_SHIM_TEXT_VA.
 */
#ifndef VMIX_ROM_CHECK_H
#define VMIX_ROM_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "rom-layout/rom_private.h"

#define ROM_UNIT		512	/* romLength unit */
#define ROM_FIRST_CALL		(VMI_HEADER_SIZE / VMI_SLOT_SIZE)	/* 4 */
#define ROM_SLOT_TABLE_SIZE	(VMI_NR_SLOTS * VMI_SLOT_SIZE)	/* 4096 */
#define ROM_MAX_SIZE		(VMI_ROM_WINDOW_END - VMI_ROM_WINDOW_START)
#define ROM_STATE_PAGE_SIZE	4096
#define ROM_PERCPU_SIZE		(VMIX_MAX_VCPUS * ROM_STATE_PAGE_SIZE)

/* PCI data structure. */
#define ROM_PCIR_SIGNATURE	"PCIR"
#define ROM_PCIR_STRUCT_LEN	0x0a	/* u16 */
#define ROM_PCIR_IMAGE_LEN	0x10	/* u16, 512-byte units */
#define ROM_PCIR_SIZE		0x18

/* PnP expansion header. */
#define ROM_PNP_SIGNATURE	"$PnP"
#define ROM_PNP_LENGTH		0x05	/* u8, 16-byte units */
#define ROM_PNP_CHECKSUM	0x09	/* u8 */
#define ROM_PNP_SIZE		0x20

/* romEntry (header offset 3): 16-bit "xor ax,ax; retf" (BIOS init). */
#define ROM_ENTRY_BYTES		"\x31\xc0\xcb\x90"
#define ROM_ENTRY_LEN		4

/* Unimplemented slot: push imm8 <n>; jmp rel32 <unimpl_off>. */
#define ROM_UNIMPL_PUSH		0x6a
#define ROM_UNIMPL_JMP		0xe9
#define ROM_UNIMPL_LEN		7

/* Implemented NOFAULT slot: jmp rel32 <vmi_name>. */
#define ROM_JMP_LEN		5

/*
 * Implemented GP / GPV slot (VMIX_SLOT_FALLIBLE_LEN bytes, rom_private.h):
 * offsets of the parts that vary.
 */
#define ROM_FALLIBLE_CALL_REL	5	/* rel32 of "call vmi_<name>" */
#define ROM_FALLIBLE_CALL_END	9	/* the call's target is relative to this */
#define ROM_FALLIBLE_TEST_REG	14	/* 0xc0: test %eax; 0xd2: test %edx */
#define ROM_FALLIBLE_JNZ_REL	17	/* rel32 of "jnz fault_off" */
#define ROM_FALLIBLE_JNZ_END	21
#define ROM_TEST_EAX		0xc0
#define ROM_TEST_EDX		0xd2

/* Slot padding after the pattern: int3. */
#define ROM_SLOT_PAD		0xcc

/* Fault kinds of calls.def (its `fault` column). */
enum rom_fault {
	ROM_FAULT_NOFAULT,
	ROM_FAULT_GP,
	ROM_FAULT_GPV,
};

/* Return values of rom_check() and rom_seal(): one per defect. */
enum rom_error {
	ROM_OK = 0,
	/* size and BIOS header */
	ROM_ERR_TOO_SHORT,		/* fewer than 512 bytes */
	ROM_ERR_SIGNATURE,		/* bytes 0,1 not 0x55 0xAA */
	ROM_ERR_LENGTH_ZERO,		/* romLength byte is 0 */
	ROM_ERR_LENGTH_MISMATCH,	/* image length != romLength * 512 */
	ROM_ERR_TOO_BIG,		/* does not fit the option-ROM window */
	ROM_ERR_SLOTS_TRUNCATED,	/* shorter than the 128 * 32 slot table */
	ROM_ERR_CHECKSUM,		/* 8-bit sum of the image != 0 */
	/* VMI header */
	ROM_ERR_VMI_SIGNATURE,		/* no "cVmi" at offset 8 */
	ROM_ERR_API_MAJOR,		/* API major != 13 */
	ROM_ERR_ROM_ENTRY,		/* bytes 3-6 not 31 c0 cb 90 */
	ROM_ERR_VIRTUAL_TOP,		/* 0, not 4 KiB aligned or above the shim's range */
	/* PCI data structure */
	ROM_ERR_PCI_OFFSET,		/* outside the image or in the slot table */
	ROM_ERR_PCI_SIGNATURE,
	ROM_ERR_PCI_STRUCT_LEN,
	ROM_ERR_PCI_IMAGE_LEN,
	/* PnP expansion header */
	ROM_ERR_PNP_OFFSET,		/* the same, or overlapping the PCIR */
	ROM_ERR_PNP_SIGNATURE,
	ROM_ERR_PNP_LENGTH,
	ROM_ERR_PNP_CHECKSUM,
	/* private block */
	ROM_ERR_PRIV_OFFSET,
	ROM_ERR_PRIV_MAGIC,
	ROM_ERR_PRIV_VERSION,
	ROM_ERR_PRIV_NR_SLOTS,
	ROM_ERR_NAMES_OFFSET,
	ROM_ERR_STATUS_OFFSET,
	ROM_ERR_UNIMPL_OFFSET,
	ROM_ERR_FAULT_OFFSET,		/* fault_off outside the image, in the slot
					   table or == unimpl_off */
	ROM_ERR_TABLE_IN_SLOTS,		/* private block/tables overlap slots 4-127,
					   unimpl_off in the slot table */
	/* the image's link address and the shim's state (version 3) */
	ROM_ERR_IMAGE_VA,		/* image_va != VMIX_SHIM_TEXT_VA */
	ROM_ERR_IMAGE_TEXT_MAX,		/* image longer than VMIX_SHIM_TEXT_MAX */
	ROM_ERR_STATE_VA,		/* state_va != VMIX_SHIM_STATE_VA */
	ROM_ERR_STATE_SIZE_ZERO,	/* state_size is 0 */
	ROM_ERR_STATE_SIZE_ALIGN,	/* state_size not a multiple of 4096 */
	ROM_ERR_STATE_SIZE_BIG,		/* state_size > VMIX_SHIM_STATE_MAX */
	ROM_ERR_HYPERCALL_PAGE_VA,	/* hypercall_page_va != state_va */
	ROM_ERR_SHARED_INFO_VA,		/* shared_info_va != state_va + 4096 */
	ROM_ERR_PERCPU_VA,		/* percpu_va != state_va + 8192 */
	ROM_ERR_BOOT_BLOCK_VA,		/* boot block before the per-vCPU pages end */
	ROM_ERR_BOOT_BLOCK_END,		/* boot block ends past state_va + state_size */
	/* call slots */
	ROM_ERR_STATUS_RESERVED,	/* slot 0-3/85-127 not VMIX_CALL_RESERVED */
	ROM_ERR_STATUS_INVALID,		/* slot 4-84 neither IMPL nor NONE */
	ROM_ERR_STATUS_MISMATCH,	/* status differs from calls.def */
	ROM_ERR_NAME_MISMATCH,		/* name differs from calls.def */
	ROM_ERR_NAME_RESERVED,		/* reserved slot has a name */
	ROM_ERR_UNIMPL_PATTERN,		/* not "push imm8; jmp rel32" */
	ROM_ERR_UNIMPL_NUMBER,		/* push imm8 != slot number */
	ROM_ERR_UNIMPL_TARGET,		/* jmp target != unimpl_off */
	ROM_ERR_IMPL_EMPTY,		/* IMPL slot starts with 0x00 or 0xCC */
	ROM_ERR_IMPL_IS_UNIMPL,		/* IMPL slot holds the unimpl pattern */
	ROM_ERR_IMPL_FAULT_KIND,	/* pattern of another fault kind than calls.def's */
	ROM_ERR_IMPL_PATTERN,		/* none of the IMPL patterns */
	ROM_ERR_IMPL_TARGET,		/* jmp/call target not in the image past the
					   slot table, or a common handler */
	ROM_ERR_IMPL_FAULT_TARGET,	/* fallible slot's jnz target != fault_off */
	ROM_ERR_SLOT_PADDING,		/* bytes after the pattern not 0xCC */
	/* rom_seal() only */
	ROM_ERR_SEAL_TOO_BIG,		/* padded image does not fit the window */
	ROM_ERR_SEAL_CAP,		/* buffer too small for the padded image */
	ROM_ERR_COUNT
};

#define ROM_CHECK_MSG_LEN	256

struct rom_check_report {
	int error;			/* ROM_OK or ROM_ERR_* */
	char msg[ROM_CHECK_MSG_LEN];	/* "ok" or what is wrong, with values */
	/* Filled as far as the checks got; all valid when error == ROM_OK. */
	size_t length;			/* romLength * 512 */
	uint8_t api_major;
	uint8_t api_minor;
	unsigned int nr_impl;		/* calls 4-84 with VMIX_CALL_IMPL */
	unsigned int nr_none;		/* calls 4-84 with VMIX_CALL_NONE */
	uint32_t image_va;		/* the private block's fields */
	uint32_t state_va;
	uint32_t state_size;
	uint32_t boot_block_va;
};

/* One call as the image lists it. */
struct rom_call {
	unsigned int nr;
	char name[VMIX_NAME_LEN + 1];	/* always NUL terminated */
	uint8_t status;			/* VMIX_CALL_* */
};

/*
 * Check the image img[0..len).  Returns ROM_OK or the first defect found;
 * r (may be NULL) receives the code, a message and what was learnt.
 */
int rom_check(const uint8_t *img, size_t len, struct rom_check_report *r);

/*
 * Seal the raw image img[0..len) in a buffer of cap bytes: zero-pad it to a
 * multiple of 512 with at least one spare byte, set romLength, the PCI image
 * length and the PnP checksum, then make the last byte the image checksum.
 * The raw image must already hold 0x55 0xAA and valid PCIR / $PnP offsets.
 * Stores the sealed length in *out_len.  Returns ROM_OK or ROM_ERR_*.
 * It does not run rom_check(); callers verify the result.
 */
int rom_seal(uint8_t *img, size_t len, size_t cap, size_t *out_len);
/* The same, with a message in r (may be NULL). */
int rom_seal_report(uint8_t *img, size_t len, size_t cap, size_t *out_len,
		    struct rom_check_report *r);

/*
 * Read call nr (0..VMI_NR_SLOTS-1) from the image's names and status tables.
 * Only needs a readable private block; returns 0, or -1 when nr or the
 * tables are out of range.
 */
int rom_get_call(const uint8_t *img, size_t len, unsigned int nr,
		 struct rom_call *c);

/* "implemented", "not-implemented", "reserved" or "invalid". */
const char *rom_status_name(uint8_t status);

/* "ROM_ERR_CHECKSUM" etc., "ROM_OK", or "ROM_ERR_?" when out of range. */
const char *rom_error_name(int err);

#endif /* VMIX_ROM_CHECK_H */
