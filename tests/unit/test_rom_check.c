// SPDX-License-Identifier: GPL-2.0
/*
 * test_rom_check.c - host unit tests for rom-layout/rom_check.c.
 *
 * Builds a valid synthetic ROM in memory (header, slots, private block,
 * PCIR, $PnP, status and names tables), seals it with rom_seal() and then
 * breaks it one defect at a time, expecting the matching ROM_ERR_* code.
 *
 * Synthetic layout (raw 0x1d80 bytes, sealed 0x1e00 = romLength 15):
 *   0x0000 header            0x0080 call slots 4-127 (patterns of calls.def)
 *   0x1000 private block     0x1040 PCIR        0x1060 $PnP
 *   0x1080 unimpl handler    0x10a0 impl stub   0x10c0 #GP injection
 *   0x1100 status table      0x1180 names table
 * Private block version 3: linked at VMIX_SHIM_TEXT_VA; the state at
 * VMIX_SHIM_STATE_VA (S): hypercall page S, shared_info S + 0x1000, the
 * per-vCPU pages S + 0x2000 .. S + 0xa000, boot block S + 0xa000,
 * state_size 0xc000.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "rom-layout/romtool/rom_check.h"

#define PRIV_OFF	0x1000
#define PCIR_OFF	0x1040
#define PNP_OFF		0x1060
#define UNIMPL_OFF	0x1080
#define IMPL_OFF	0x10a0
#define FAULT_OFF	0x10c0
#define STATUS_OFF	0x1100
#define NAMES_OFF	0x1180
#define RAW_LEN		(NAMES_OFF + VMI_NR_SLOTS * VMIX_NAME_LEN)
#define SEALED_LEN	0x1e00
#define STATE_VA	VMIX_SHIM_STATE_VA
#define HC_VA		STATE_VA
#define SI_VA		(STATE_VA + 0x1000)
#define PERCPU_VA	(STATE_VA + 0x2000)
#define PERCPU_END	(PERCPU_VA + VMIX_MAX_VCPUS * 0x1000)
#define BOOT_VA		PERCPU_END
#define BOOT_SIZE	((uint32_t)sizeof(struct vmix_boot_block))
#define STATE_SIZE	0xc000u	/* boot block (VMIX_BOOT_L1_MAX) included */

#define IMG_CAP		0x20000

struct def_call {
	const char *name;
	uint8_t status;
	uint8_t fault;		/* enum rom_fault */
};

#define VMI_CALL(nr, name, conv, st, fault, file, ret, args, xen) \
	[nr] = { #name, VMIX_CALL_##st, ROM_FAULT_##fault },
static const struct def_call defs[VMI_NR_CALLS] = {
#include "shim/calls.def"
};
#undef VMI_CALL

static uint8_t img[IMG_CAP];
static size_t img_len;

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

static uint8_t *priv_field(size_t off)
{
	return img + PRIV_OFF + off;
}

#define PRIV(f) priv_field(offsetof(struct vmix_rom_private, f))

/* push imm8 nr; jmp rel32 target */
static void put_push_jmp(unsigned int nr, uint8_t push, uint32_t target)
{
	uint8_t *s = img + nr * VMI_SLOT_SIZE;

	s[0] = ROM_UNIMPL_PUSH;
	s[1] = push;
	s[2] = ROM_UNIMPL_JMP;
	put32(s + 3, target - (nr * VMI_SLOT_SIZE + ROM_UNIMPL_LEN));
}

/* jmp rel32 target: an implemented NOFAULT slot */
static void put_jmp(unsigned int nr, uint32_t target)
{
	uint8_t *s = img + nr * VMI_SLOT_SIZE;

	s[0] = 0xe9;
	put32(s + 1, target - (nr * VMI_SLOT_SIZE + 5));
}

/*
 * An implemented GP / GPV slot: pushl 4(%esp); call target; leal 4(%esp),
 * %esp; test reg; jnz fault; ret.  reg is 0xc0 (%eax) or 0xd2 (%edx).
 */
static void put_fallible(unsigned int nr, uint32_t target, uint8_t reg,
			 uint32_t fault)
{
	uint8_t *s = img + nr * VMI_SLOT_SIZE;
	uint32_t base = nr * VMI_SLOT_SIZE;

	s[0] = 0xff; s[1] = 0x74; s[2] = 0x24; s[3] = 0x04;
	s[4] = 0xe8;
	put32(s + 5, target - (base + 9));
	s[9] = 0x8d; s[10] = 0x64; s[11] = 0x24; s[12] = 0x04;
	s[13] = 0x85; s[14] = reg;
	s[15] = 0x0f; s[16] = 0x85;
	put32(s + 17, fault - (base + 21));
	s[21] = 0xc3;
	assert_int_equal(VMIX_SLOT_FALLIBLE_LEN, 22);
}

/* The slot calls.def asks for, entering target. */
static void put_impl_to(unsigned int nr, uint32_t target)
{
	memset(img + nr * VMI_SLOT_SIZE, 0xcc, VMI_SLOT_SIZE);
	if (defs[nr].fault == ROM_FAULT_NOFAULT)
		put_jmp(nr, target);
	else
		put_fallible(nr, target, defs[nr].fault == ROM_FAULT_GP ?
			     0xc0 : 0xd2, FAULT_OFF);
}

static void put_impl(unsigned int nr)
{
	put_impl_to(nr, IMPL_OFF);
}

/* The raw image, as objcopy would leave it; returns its length. */
static size_t build_raw(void)
{
	unsigned int nr;

	memset(img, 0, sizeof(img));
	memset(img + VMI_HEADER_SIZE, 0xcc, ROM_SLOT_TABLE_SIZE - VMI_HEADER_SIZE);
	img[0] = 0x55;
	img[1] = 0xaa;
	memcpy(img + VMI_HDR_ROM_ENTRY, "\x31\xc0\xcb\x90", 4);
	put32(img + VMI_HDR_VMI_SIG, VMI_SIGNATURE);
	img[VMI_HDR_API_MINOR] = VMI_API_REV_MINOR;
	img[VMI_HDR_API_MAJOR] = VMI_API_REV_MAJOR;
	put32(img + VMI_HDR_VIRTUAL_TOP, VMIX_VIRTUAL_TOP);
	put32(img + VMI_HDR_PRIVATE, PRIV_OFF);
	put16(img + VMI_HDR_PCI_OFF, PCIR_OFF);
	put16(img + VMI_HDR_PNP_OFF, PNP_OFF);

	for (nr = ROM_FIRST_CALL; nr < VMI_NR_SLOTS; nr++) {
		if (nr < VMI_NR_CALLS && defs[nr].status == VMIX_CALL_IMPL)
			put_impl(nr);
		else
			put_push_jmp(nr, (uint8_t)nr, UNIMPL_OFF);
		if (nr < VMI_NR_CALLS) {
			img[STATUS_OFF + nr] = defs[nr].status;
			memcpy(img + NAMES_OFF + nr * VMIX_NAME_LEN,
			       defs[nr].name, strlen(defs[nr].name));
		}
	}

	put32(PRIV(magic), VMIX_PRIV_MAGIC);
	put16(PRIV(version), VMIX_PRIV_VERSION);
	put16(PRIV(nr_slots), VMI_NR_SLOTS);
	put32(PRIV(image_va), VMIX_SHIM_TEXT_VA);
	put32(PRIV(state_va), STATE_VA);
	put32(PRIV(state_size), STATE_SIZE);
	put32(PRIV(hypercall_page_va), HC_VA);
	put32(PRIV(shared_info_va), SI_VA);
	put32(PRIV(percpu_va), PERCPU_VA);
	put32(PRIV(boot_block_va), BOOT_VA);
	put32(PRIV(names_off), NAMES_OFF);
	put32(PRIV(status_off), STATUS_OFF);
	put32(PRIV(unimpl_off), UNIMPL_OFF);
	put32(PRIV(fault_off), FAULT_OFF);

	memcpy(img + PCIR_OFF, "PCIR", 4);
	put16(img + PCIR_OFF + 0x04, 0x5853);		/* vendor */
	put16(img + PCIR_OFF + 0x06, 0x0001);		/* device */
	put16(img + PCIR_OFF + ROM_PCIR_STRUCT_LEN, ROM_PCIR_SIZE);
	img[PCIR_OFF + 0x15] = 0x80;			/* last image */

	memcpy(img + PNP_OFF, "$PnP", 4);
	img[PNP_OFF + 4] = 1;				/* revision */
	img[PNP_OFF + ROM_PNP_LENGTH] = ROM_PNP_SIZE / 16;
	put32(img + PNP_OFF + 0x0a, 0x12345678);	/* device id */

	img[UNIMPL_OFF] = 0x0f;				/* ud2 */
	img[UNIMPL_OFF + 1] = 0x0b;
	img[IMPL_OFF] = 0xc3;				/* ret */
	img[FAULT_OFF] = 0x0f;				/* ud2 */
	img[FAULT_OFF + 1] = 0x0b;
	return RAW_LEN;
}

/* A sealed, valid image in img[0..img_len). */
static void build(void)
{
	size_t raw = build_raw();

	assert_int_equal(rom_seal(img, raw, sizeof(img), &img_len), ROM_OK);
	assert_int_equal(img_len, SEALED_LEN);
}

static void fix_sum(void)
{
	img[img_len - 1] = 0;
	img[img_len - 1] = (uint8_t)-sum8(img, img_len - 1);
}

static void fix_pnp(void)
{
	uint8_t *p = img + PNP_OFF;

	p[ROM_PNP_CHECKSUM] = 0;
	p[ROM_PNP_CHECKSUM] = (uint8_t)-sum8(p, p[ROM_PNP_LENGTH] * 16u);
}

static struct rom_check_report report;

static void expect_len(size_t len, int err)
{
	int ret = rom_check(img, len, &report);

	if (ret != err)
		print_error("expected %s, got %s: %s\n", rom_error_name(err),
			    rom_error_name(ret), report.msg);
	assert_int_equal(ret, err);
	assert_int_equal(report.error, err);
	assert_true(report.msg[0] != '\0');
}

/* Fix the checksum, then expect err. */
static void expect(int err)
{
	fix_sum();
	expect_len(img_len, err);
}

/* ---- the valid image ---- */

static void test_good_image(void **state)
{
	unsigned int nr, impl = 0, none = 0;

	(void)state;
	for (nr = ROM_FIRST_CALL; nr < VMI_NR_CALLS; nr++) {
		if (defs[nr].status == VMIX_CALL_IMPL)
			impl++;
		else
			none++;
	}
	build();
	expect_len(img_len, ROM_OK);
	assert_string_equal(report.msg, "ok");
	assert_int_equal(report.length, SEALED_LEN);
	assert_int_equal(report.api_major, 13);
	assert_int_equal(report.api_minor, 0);
	assert_int_equal(report.nr_impl, impl);
	assert_int_equal(report.nr_none, none);
	assert_int_equal(impl + none, VMI_NR_CALLS - ROM_FIRST_CALL);
	assert_int_equal(report.image_va, VMIX_SHIM_TEXT_VA);
	assert_int_equal(report.state_va, STATE_VA);
	assert_int_equal(report.state_size, STATE_SIZE);
	assert_int_equal(report.boot_block_va, BOOT_VA);
	assert_int_equal(rom_check(img, img_len, NULL), ROM_OK);
	/* the private block ends before the PCIR */
	assert_true(PRIV_OFF + sizeof(struct vmix_rom_private) <= PCIR_OFF);
	assert_true(BOOT_VA + BOOT_SIZE <= STATE_VA + STATE_SIZE);
}

static void test_calls_def_complete(void **state)
{
	unsigned int nr;

	(void)state;
	for (nr = 0; nr < VMI_NR_CALLS; nr++)
		assert_true((defs[nr].name != NULL) == (nr >= ROM_FIRST_CALL));
}

/* ---- size and BIOS header ---- */

static void test_too_short(void **state)
{
	(void)state;
	build();
	expect_len(511, ROM_ERR_TOO_SHORT);
	expect_len(0, ROM_ERR_TOO_SHORT);
}

static void test_slots_truncated(void **state)
{
	(void)state;
	memset(img, 0, sizeof(img));
	img[0] = 0x55;
	img[1] = 0xaa;
	img[2] = 4;
	img_len = 4 * 512;
	expect(ROM_ERR_SLOTS_TRUNCATED);
}

static void test_bad_signature(void **state)
{
	(void)state;
	build();
	img[1] = 0xab;
	expect(ROM_ERR_SIGNATURE);
	assert_non_null(strstr(report.msg, "0x55 0xab"));
	build();
	img[0] = 0;
	expect(ROM_ERR_SIGNATURE);
}

static void test_length_zero(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_ROM_LENGTH] = 0;
	expect(ROM_ERR_LENGTH_ZERO);
}

static void test_wrong_length_byte(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_ROM_LENGTH] = 14;
	expect(ROM_ERR_LENGTH_MISMATCH);
	img[VMI_HDR_ROM_LENGTH] = 16;
	expect(ROM_ERR_LENGTH_MISMATCH);
}

static void test_truncated_file(void **state)
{
	(void)state;
	build();
	expect_len(img_len - 512, ROM_ERR_LENGTH_MISMATCH);
	expect_len(img_len - 1, ROM_ERR_LENGTH_MISMATCH);
	expect_len(img_len + 512, ROM_ERR_LENGTH_MISMATCH);
}

static void test_too_big(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_ROM_LENGTH] = ROM_MAX_SIZE / 512 + 1;
	img_len = (ROM_MAX_SIZE / 512 + 1) * 512;
	expect(ROM_ERR_TOO_BIG);
}

static void test_bad_checksum(void **state)
{
	(void)state;
	build();
	img[0x30] ^= 0x01;
	expect_len(img_len, ROM_ERR_CHECKSUM);
	assert_non_null(strstr(report.msg, "0x01"));
}

/* ---- VMI header ---- */

static void test_missing_cvmi(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_VMI_SIG] = 'C';
	expect(ROM_ERR_VMI_SIGNATURE);
}

static void test_wrong_api_major(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_API_MAJOR] = 12;
	img[VMI_HDR_API_MINOR] = 3;
	expect(ROM_ERR_API_MAJOR);
	assert_non_null(strstr(report.msg, "12.3"));
}

static void test_api_minor_ignored(void **state)
{
	(void)state;
	build();
	img[VMI_HDR_API_MINOR] = 7;
	expect(ROM_OK);
	assert_int_equal(report.api_minor, 7);
}

static void test_rom_entry(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		build();
		img[VMI_HDR_ROM_ENTRY + i] ^= 0x01;
		expect(ROM_ERR_ROM_ENTRY);
	}
	assert_non_null(strstr(report.msg, "31 c0 cb 91"));
	build();
	memcpy(img + VMI_HDR_ROM_ENTRY, "\xcb\x00\x00\x00", 4);	/* bare retf */
	expect(ROM_ERR_ROM_ENTRY);
	build();
	memcpy(img + VMI_HDR_ROM_ENTRY, "\xe9\x00\x10\x00", 4);	/* a jump */
	expect(ROM_ERR_ROM_ENTRY);
}

static void test_virtual_top(void **state)
{
	static const uint32_t bad[] = {
		0, 0xffffffff, VMIX_VIRTUAL_TOP + 1, VMIX_VIRTUAL_TOP - 0x800,
		XEN_COMPAT_HOLE_START + 0x1000, 0xfffff000, 0x00000fff,
		/* inside the shim's range: the guest could map over it */
		VMIX_SHIM_TEXT_VA + 0x1000, VMIX_SHIM_STATE_VA,
		0xf5400000, XEN_COMPAT_HOLE_START,
	};
	static const uint32_t good[] = {
		VMIX_VIRTUAL_TOP, VMIX_SHIM_TEXT_VA - 0x1000, 0xc0000000,
		0x1000,
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		build();
		put32(img + VMI_HDR_VIRTUAL_TOP, bad[i]);
		expect(ROM_ERR_VIRTUAL_TOP);
	}
	build();
	put32(img + VMI_HDR_VIRTUAL_TOP, 0x00000fff);
	expect(ROM_ERR_VIRTUAL_TOP);
	assert_non_null(strstr(report.msg, "0x00000fff"));
	assert_non_null(strstr(report.msg, "at most 0xf5000000"));
	assert_int_equal(VMIX_VIRTUAL_TOP, VMIX_SHIM_TEXT_VA);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		build();
		put32(img + VMI_HDR_VIRTUAL_TOP, good[i]);
		expect(ROM_OK);
	}
}

/* ---- PCI data structure ---- */

static void test_pci_offset(void **state)
{
	(void)state;
	build();
	put16(img + VMI_HDR_PCI_OFF, (uint16_t)(img_len - 8));
	expect(ROM_ERR_PCI_OFFSET);
	put16(img + VMI_HDR_PCI_OFF, 0xfff0);
	expect(ROM_ERR_PCI_OFFSET);
	/* a valid PCIR inside the slot table is still refused */
	build();
	memcpy(img + 0x0fe0, img + PCIR_OFF, ROM_PCIR_SIZE);
	put16(img + VMI_HDR_PCI_OFF, 0x0fe0);
	expect(ROM_ERR_PCI_OFFSET);
	assert_non_null(strstr(report.msg, "slot table"));
}

static void test_pci_signature(void **state)
{
	(void)state;
	build();
	img[PCIR_OFF + 3] = 'S';
	expect(ROM_ERR_PCI_SIGNATURE);
	build();
	put16(img + VMI_HDR_PCI_OFF, PCIR_OFF + 4);
	expect(ROM_ERR_PCI_SIGNATURE);
}

static void test_pci_struct_len(void **state)
{
	(void)state;
	build();
	put16(img + PCIR_OFF + ROM_PCIR_STRUCT_LEN, 0x1c);
	expect(ROM_ERR_PCI_STRUCT_LEN);
}

static void test_pci_image_len(void **state)
{
	(void)state;
	build();
	put16(img + PCIR_OFF + ROM_PCIR_IMAGE_LEN, 14);
	expect(ROM_ERR_PCI_IMAGE_LEN);
	assert_non_null(strstr(report.msg, "14 != romLength 15"));
}

/* ---- PnP header ---- */

static void test_pnp_offset(void **state)
{
	(void)state;
	build();
	put16(img + VMI_HDR_PNP_OFF, (uint16_t)(img_len - 16));
	expect(ROM_ERR_PNP_OFFSET);
	put16(img + VMI_HDR_PNP_OFF, 0x0040);	/* in the header */
	expect(ROM_ERR_PNP_OFFSET);
}

static void test_pnp_overlaps_pci(void **state)
{
	size_t out;

	(void)state;
	/*
	 * "$PnP" over the PCIR's code revision .. reserved bytes (0x12-0x17),
	 * which may hold anything: both headers check out on their own.
	 */
	build();
	memmove(img + PCIR_OFF + 0x12, img + PNP_OFF, ROM_PNP_SIZE);
	put16(img + VMI_HDR_PNP_OFF, PCIR_OFF + 0x12);
	expect(ROM_ERR_PNP_OFFSET);
	assert_non_null(strstr(report.msg, "overlaps the PCI"));
	/* sealing it would write one header into the other */
	build_raw();
	memmove(img + PCIR_OFF + 0x12, img + PNP_OFF, ROM_PNP_SIZE);
	put16(img + VMI_HDR_PNP_OFF, PCIR_OFF + 0x12);
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), &out),
			 ROM_ERR_PNP_OFFSET);
}

static void test_pnp_signature(void **state)
{
	(void)state;
	build();
	img[PNP_OFF] = '#';
	fix_pnp();
	expect(ROM_ERR_PNP_SIGNATURE);
}

static void test_pnp_length(void **state)
{
	(void)state;
	build();
	img[PNP_OFF + ROM_PNP_LENGTH] = 0;
	expect(ROM_ERR_PNP_LENGTH);
	build();
	img[PNP_OFF + ROM_PNP_LENGTH] = 1;
	expect(ROM_ERR_PNP_LENGTH);
	build();
	img[PNP_OFF + ROM_PNP_LENGTH] = 0xff;	/* runs off the image */
	expect(ROM_ERR_PNP_LENGTH);
}

static void test_pnp_checksum(void **state)
{
	(void)state;
	build();
	img[PNP_OFF + 0x0a] ^= 0x10;
	expect(ROM_ERR_PNP_CHECKSUM);
	fix_pnp();
	expect(ROM_OK);
}

/* ---- private block ---- */

static void test_priv_offset(void **state)
{
	(void)state;
	build();
	put32(img + VMI_HDR_PRIVATE, (uint32_t)img_len - 8);
	expect(ROM_ERR_PRIV_OFFSET);
	put32(img + VMI_HDR_PRIVATE, 0xfffffff0);
	expect(ROM_ERR_PRIV_OFFSET);
}

static void test_priv_magic(void **state)
{
	(void)state;
	build();
	put32(PRIV(magic), 0x6e655877);
	expect(ROM_ERR_PRIV_MAGIC);
}

static void test_priv_version(void **state)
{
	(void)state;
	build();
	put16(PRIV(version), 2);		/* state in the window */
	expect(ROM_ERR_PRIV_VERSION);
	assert_non_null(strstr(report.msg, "version 2 (expected 3)"));
	put16(PRIV(version), 1);		/* no fault_off yet */
	expect(ROM_ERR_PRIV_VERSION);
	put16(PRIV(version), 4);
	expect(ROM_ERR_PRIV_VERSION);
}

static void test_priv_nr_slots(void **state)
{
	(void)state;
	build();
	put16(PRIV(nr_slots), 127);
	expect(ROM_ERR_PRIV_NR_SLOTS);
}

static void test_table_offsets(void **state)
{
	(void)state;
	build();
	put32(PRIV(names_off), (uint32_t)img_len - VMIX_NAME_LEN);
	expect(ROM_ERR_NAMES_OFFSET);
	build();
	put32(PRIV(names_off), 0xffffff00);
	expect(ROM_ERR_NAMES_OFFSET);
	build();
	put32(PRIV(status_off), (uint32_t)img_len - 64);
	expect(ROM_ERR_STATUS_OFFSET);
	build();
	put32(PRIV(unimpl_off), (uint32_t)img_len);
	expect(ROM_ERR_UNIMPL_OFFSET);
}

static void test_table_in_slots(void **state)
{
	(void)state;
	build();
	put32(PRIV(status_off), 0x0f90);
	expect(ROM_ERR_TABLE_IN_SLOTS);
	build();
	put32(PRIV(unimpl_off), 0x0400);
	expect(ROM_ERR_TABLE_IN_SLOTS);
	build();
	put32(img + VMI_HDR_PRIVATE, 0x0fe0);
	memmove(img + 0x0fe0, img + PRIV_OFF, sizeof(struct vmix_rom_private));
	expect(ROM_ERR_TABLE_IN_SLOTS);
}

/* ---- the image's link address and the shim's state (version 3) ---- */

static void test_image_va(void **state)
{
	static const uint32_t bad[] = {
		0, VMI_ROM_WINDOW_START, VMIX_SHIM_TEXT_VA + 0x1000,
		VMIX_SHIM_TEXT_VA - 0x1000, VMIX_SHIM_STATE_VA, 0xffffffff,
	};
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		build();
		put32(PRIV(image_va), bad[i]);
		expect(ROM_ERR_IMAGE_VA);
	}
	build();
	put32(PRIV(image_va), VMI_ROM_WINDOW_START);
	expect(ROM_ERR_IMAGE_VA);
	assert_non_null(strstr(report.msg, "0x000c8000"));
	assert_non_null(strstr(report.msg, "0xf5000000"));
}

/*
 * The image fits VMIX_SHIM_TEXT_MAX.  The option-ROM window (ROM_ERR_TOO_BIG)
 * and the romLength byte are both smaller, so no image that gets this far
 * can fail it today: the largest one the window holds passes.
 */
static void test_image_text_max(void **state)
{
	size_t out;

	(void)state;
	assert_true(ROM_MAX_SIZE <= VMIX_SHIM_TEXT_MAX);
	assert_true(255 * ROM_UNIT <= VMIX_SHIM_TEXT_MAX);
	assert_int_equal(VMIX_SHIM_TEXT_VA + VMIX_SHIM_TEXT_MAX,
			 VMIX_SHIM_STATE_VA);
	build_raw();
	assert_int_equal(rom_seal(img, ROM_MAX_SIZE - 1, sizeof(img), &out),
			 ROM_OK);
	img_len = out;
	assert_int_equal(img_len, ROM_MAX_SIZE);
	expect(ROM_OK);
	assert_string_equal(rom_error_name(ROM_ERR_IMAGE_TEXT_MAX),
			    "ROM_ERR_IMAGE_TEXT_MAX");
}

static void test_state_va(void **state)
{
	(void)state;
	build();
	put32(PRIV(state_va), 0);
	expect(ROM_ERR_STATE_VA);
	/* right after the image, as version 2 had it (all fields moved) */
	build();
	put32(PRIV(state_va), VMIX_SHIM_TEXT_VA + 0x2000);
	put32(PRIV(hypercall_page_va), VMIX_SHIM_TEXT_VA + 0x2000);
	put32(PRIV(shared_info_va), VMIX_SHIM_TEXT_VA + 0x3000);
	put32(PRIV(percpu_va), VMIX_SHIM_TEXT_VA + 0x4000);
	put32(PRIV(boot_block_va), VMIX_SHIM_TEXT_VA + 0xc000);
	expect(ROM_ERR_STATE_VA);
	assert_non_null(strstr(report.msg, "0xf5002000"));
	assert_non_null(strstr(report.msg, "0xf5040000"));
	build();				/* in the window */
	put32(PRIV(state_va), 0xca000);
	expect(ROM_ERR_STATE_VA);
	build();
	put32(PRIV(state_va), STATE_VA + 0x1000);
	expect(ROM_ERR_STATE_VA);
}

static void test_state_size_zero(void **state)
{
	(void)state;
	build();
	put32(PRIV(state_size), 0);
	expect(ROM_ERR_STATE_SIZE_ZERO);
}

static void test_state_size_align(void **state)
{
	(void)state;
	build();
	put32(PRIV(state_size), STATE_SIZE + 1);
	expect(ROM_ERR_STATE_SIZE_ALIGN);
	assert_non_null(strstr(report.msg, "0xc001"));
	put32(PRIV(state_size), STATE_SIZE + 0x800);
	expect(ROM_ERR_STATE_SIZE_ALIGN);
	put32(PRIV(state_size), STATE_SIZE - 16);	/* a multiple of 16 */
	expect(ROM_ERR_STATE_SIZE_ALIGN);
	put32(PRIV(state_size), 0xfff);
	expect(ROM_ERR_STATE_SIZE_ALIGN);
	put32(PRIV(state_size), STATE_SIZE + 0x1000);	/* a page more */
	expect(ROM_OK);
}

static void test_state_size_big(void **state)
{
	(void)state;
	build();
	put32(PRIV(state_size), VMIX_SHIM_STATE_MAX + 0x1000);
	expect(ROM_ERR_STATE_SIZE_BIG);
	assert_non_null(strstr(report.msg, "0xf5100000"));
	put32(PRIV(state_size), 0xfffff000);
	expect(ROM_ERR_STATE_SIZE_BIG);
	put32(PRIV(state_size), VMIX_SHIM_STATE_MAX);	/* the whole range */
	expect(ROM_OK);
}

static void test_hypercall_page_va(void **state)
{
	(void)state;
	build();				/* the two pages swapped */
	put32(PRIV(hypercall_page_va), SI_VA);
	put32(PRIV(shared_info_va), HC_VA);
	expect(ROM_ERR_HYPERCALL_PAGE_VA);
	assert_non_null(strstr(report.msg, "0xf5041000"));
	build();
	put32(PRIV(hypercall_page_va), HC_VA + 0x10);
	expect(ROM_ERR_HYPERCALL_PAGE_VA);
	put32(PRIV(hypercall_page_va), HC_VA - 0x1000);	/* in the text */
	expect(ROM_ERR_HYPERCALL_PAGE_VA);
	put32(PRIV(hypercall_page_va), 0);
	expect(ROM_ERR_HYPERCALL_PAGE_VA);
}

static void test_shared_info_va(void **state)
{
	(void)state;
	build();
	put32(PRIV(shared_info_va), HC_VA);	/* on the hypercall page */
	expect(ROM_ERR_SHARED_INFO_VA);
	assert_non_null(strstr(report.msg, "0xf5041000"));
	put32(PRIV(shared_info_va), SI_VA + 0x1000);	/* a gap */
	expect(ROM_ERR_SHARED_INFO_VA);
	put32(PRIV(shared_info_va), SI_VA + 0x800);
	expect(ROM_ERR_SHARED_INFO_VA);
}

static void test_percpu_va(void **state)
{
	(void)state;
	build();
	put32(PRIV(percpu_va), SI_VA);		/* on shared_info */
	expect(ROM_ERR_PERCPU_VA);
	assert_non_null(strstr(report.msg, "0xf5042000"));
	put32(PRIV(percpu_va), PERCPU_VA + 0x1000);
	expect(ROM_ERR_PERCPU_VA);
	put32(PRIV(percpu_va), BOOT_VA);	/* after the boot block */
	expect(ROM_ERR_PERCPU_VA);
}

static void test_boot_block_va(void **state)
{
	(void)state;
	build();				/* in the last vCPU's page */
	put32(PRIV(boot_block_va), PERCPU_END - 0x1000);
	expect(ROM_ERR_BOOT_BLOCK_VA);
	assert_non_null(strstr(report.msg, "0xf504a000"));
	put32(PRIV(boot_block_va), PERCPU_END - 4);
	expect(ROM_ERR_BOOT_BLOCK_VA);
	put32(PRIV(boot_block_va), HC_VA);	/* on the hypercall page */
	expect(ROM_ERR_BOOT_BLOCK_VA);
	put32(PRIV(boot_block_va), SI_VA);
	expect(ROM_ERR_BOOT_BLOCK_VA);
	put32(PRIV(boot_block_va), 0x4000);	/* version 2's offset */
	expect(ROM_ERR_BOOT_BLOCK_VA);
	put32(PRIV(boot_block_va), PERCPU_END + 0x20);	/* further on is fine */
	expect(ROM_OK);
}

static void test_boot_block_end(void **state)
{
	(void)state;
	build();				/* the state ends where it starts */
	put32(PRIV(state_size), BOOT_VA - STATE_VA);
	expect(ROM_ERR_BOOT_BLOCK_END);
	assert_non_null(strstr(report.msg, "0xf504a000"));
	put32(PRIV(state_size), 0x1000);	/* not even the pages */
	expect(ROM_ERR_BOOT_BLOCK_END);
	build();				/* runs past state_size */
	put32(PRIV(boot_block_va), STATE_VA + STATE_SIZE - 8);
	expect(ROM_ERR_BOOT_BLOCK_END);
	put32(PRIV(boot_block_va), STATE_VA + STATE_SIZE);
	expect(ROM_ERR_BOOT_BLOCK_END);
	put32(PRIV(boot_block_va), 0xfffffff0);	/* no wrap-around */
	expect(ROM_ERR_BOOT_BLOCK_END);
	/* ending exactly at the state's end */
	put32(PRIV(boot_block_va), STATE_VA + STATE_SIZE - BOOT_SIZE);
	expect(ROM_OK);
}

/* The state checks run in the contract's order: the first broken field. */
static void test_state_check_order(void **state)
{
	(void)state;
	build();
	put32(PRIV(image_va), 0);
	put32(PRIV(state_va), 0);
	expect(ROM_ERR_IMAGE_VA);
	build();
	put32(PRIV(state_va), 0);
	put32(PRIV(state_size), 0);
	expect(ROM_ERR_STATE_VA);
	build();
	put32(PRIV(state_size), 0);
	put32(PRIV(hypercall_page_va), 0);
	expect(ROM_ERR_STATE_SIZE_ZERO);
	build();
	put32(PRIV(hypercall_page_va), 0);
	put32(PRIV(boot_block_va), 0);
	expect(ROM_ERR_HYPERCALL_PAGE_VA);
}

/* ---- status and names tables ---- */

static void test_status_reserved(void **state)
{
	(void)state;
	build();
	img[STATUS_OFF + 100] = VMIX_CALL_NONE;
	expect(ROM_ERR_STATUS_RESERVED);
	build();
	img[STATUS_OFF + 2] = VMIX_CALL_IMPL;
	expect(ROM_ERR_STATUS_RESERVED);
}

static void test_status_invalid(void **state)
{
	(void)state;
	build();
	img[STATUS_OFF + 4] = 7;
	expect(ROM_ERR_STATUS_INVALID);
	img[STATUS_OFF + 4] = VMIX_CALL_RESERVED;
	expect(ROM_ERR_STATUS_INVALID);
}

/* The first listed call calls.def marks not implemented. */
static unsigned int none_call(void)
{
	unsigned int nr;

	for (nr = ROM_FIRST_CALL; nr < VMI_NR_CALLS; nr++)
		if (defs[nr].status == VMIX_CALL_NONE)
			return nr;
	fail_msg("calls.def has no not-implemented call left: these tests need one (use a reserved slot instead)");
	return 0;
}

static void test_status_mismatch(void **state)
{
	(void)state;
	build();
	assert_int_equal(defs[5].status, VMIX_CALL_IMPL);
	img[STATUS_OFF + 5] = VMIX_CALL_NONE;
	expect(ROM_ERR_STATUS_MISMATCH);
	assert_non_null(strstr(report.msg, "CPUID"));
	build();
	img[STATUS_OFF + none_call()] = VMIX_CALL_IMPL;
	expect(ROM_ERR_STATUS_MISMATCH);
}

static void test_name_mismatch(void **state)
{
	uint8_t *n6 = img + NAMES_OFF + 6 * VMIX_NAME_LEN;

	(void)state;
	build();
	memcpy(n6, "WrMsr", 5);
	expect(ROM_ERR_NAME_MISMATCH);
	assert_non_null(strstr(report.msg, "\"WrMsr\""));
	build();
	n6[7] = 'X';			/* "WRMSR\0\0X" */
	expect(ROM_ERR_NAME_MISMATCH);
	assert_non_null(strstr(report.msg, "padding"));
	build();
	memset(n6, 'A', VMIX_NAME_LEN);	/* no NUL at all */
	expect(ROM_ERR_NAME_MISMATCH);
	build();
	memset(n6, 0, VMIX_NAME_LEN);
	expect(ROM_ERR_NAME_MISMATCH);
}

static void test_name_reserved(void **state)
{
	(void)state;
	build();
	memcpy(img + NAMES_OFF + 100 * VMIX_NAME_LEN, "Extra", 5);
	expect(ROM_ERR_NAME_RESERVED);
	build();
	img[NAMES_OFF + 1 * VMIX_NAME_LEN + 23] = 1;
	expect(ROM_ERR_NAME_RESERVED);
}

/* ---- slots ---- */

static void test_unimpl_pattern(void **state)
{
	(void)state;
	build();
	img[none_call() * VMI_SLOT_SIZE] = 0x90;
	expect(ROM_ERR_UNIMPL_PATTERN);
	build();
	img[100 * VMI_SLOT_SIZE + 2] = 0xeb;	/* reserved slot, jmp rel8 */
	expect(ROM_ERR_UNIMPL_PATTERN);
	build();
	memset(img + 127 * VMI_SLOT_SIZE, 0, VMI_SLOT_SIZE);
	expect(ROM_ERR_UNIMPL_PATTERN);
}

static void test_unimpl_number(void **state)
{
	(void)state;
	build();
	put_push_jmp(none_call(), none_call() + 1, UNIMPL_OFF);
	expect(ROM_ERR_UNIMPL_NUMBER);
	build();
	put_push_jmp(120, 0, UNIMPL_OFF);
	expect(ROM_ERR_UNIMPL_NUMBER);
}

static void test_unimpl_target(void **state)
{
	(void)state;
	build();
	put_push_jmp(none_call(), none_call(), UNIMPL_OFF + 1);
	expect(ROM_ERR_UNIMPL_TARGET);
	assert_non_null(strstr(report.msg, "0x1081"));
	build();
	put_push_jmp(90, 90, IMPL_OFF);
	expect(ROM_ERR_UNIMPL_TARGET);
}

static void test_impl_empty(void **state)
{
	(void)state;
	build();
	memset(img + 4 * VMI_SLOT_SIZE, 0, VMI_SLOT_SIZE);
	expect(ROM_ERR_IMPL_EMPTY);
	build();
	memset(img + 78 * VMI_SLOT_SIZE, 0xcc, VMI_SLOT_SIZE);
	expect(ROM_ERR_IMPL_EMPTY);
}

static void test_impl_is_unimpl(void **state)
{
	(void)state;
	build();
	put_push_jmp(4, 4, UNIMPL_OFF);
	expect(ROM_ERR_IMPL_IS_UNIMPL);
}

static void test_impl_push_jmp_elsewhere(void **state)
{
	(void)state;
	build();
	put_push_jmp(4, 4, IMPL_OFF);	/* not the NOFAULT pattern either */
	expect(ROM_ERR_IMPL_PATTERN);
}

/* The first implemented call of calls.def with that fault kind. */
static unsigned int impl_call(int fault)
{
	unsigned int nr;

	for (nr = ROM_FIRST_CALL; nr < VMI_NR_CALLS; nr++)
		if (defs[nr].status == VMIX_CALL_IMPL &&
		    defs[nr].fault == fault)
			return nr;
	fail_msg("calls.def has no implemented call of fault kind %d", fault);
	return 0;
}

static void test_slot_patterns_good(void **state)
{
	(void)state;
	/* every fault kind the tests below rely on is in calls.def */
	assert_true(impl_call(ROM_FAULT_NOFAULT) >= ROM_FIRST_CALL);
	assert_true(impl_call(ROM_FAULT_GP) >= ROM_FIRST_CALL);
	assert_true(impl_call(ROM_FAULT_GPV) >= ROM_FIRST_CALL);
	build();
	/* any target in the image past the slot table will do */
	put_impl_to(impl_call(ROM_FAULT_NOFAULT), ROM_SLOT_TABLE_SIZE);
	put_impl_to(impl_call(ROM_FAULT_GP), SEALED_LEN - 1);
	expect(ROM_OK);
}

static void test_fault_offset(void **state)
{
	(void)state;
	build();
	put32(PRIV(fault_off), (uint32_t)img_len);
	expect(ROM_ERR_FAULT_OFFSET);
	assert_non_null(strstr(report.msg, "fault_off"));
	put32(PRIV(fault_off), 0xffffffff);
	expect(ROM_ERR_FAULT_OFFSET);
	put32(PRIV(fault_off), 0x800);			/* in the slot table */
	expect(ROM_ERR_FAULT_OFFSET);
	put32(PRIV(fault_off), 0);
	expect(ROM_ERR_FAULT_OFFSET);
	put32(PRIV(fault_off), UNIMPL_OFF);
	expect(ROM_ERR_FAULT_OFFSET);
	assert_non_null(strstr(report.msg, "unimplemented handler"));
}

static void test_unimpl_in_header(void **state)
{
	(void)state;
	build();
	put32(PRIV(unimpl_off), 0x40);		/* the header is slots 0-3 */
	expect(ROM_ERR_TABLE_IN_SLOTS);
}

static void test_impl_pattern(void **state)
{
	unsigned int nf = impl_call(ROM_FAULT_NOFAULT);
	unsigned int gp = impl_call(ROM_FAULT_GP);
	unsigned int gpv = impl_call(ROM_FAULT_GPV);
	unsigned int i;

	(void)state;
	build();				/* replaced by ret */
	img[nf * VMI_SLOT_SIZE] = 0xc3;
	memset(img + nf * VMI_SLOT_SIZE + 1, 0xcc, VMI_SLOT_SIZE - 1);
	expect(ROM_ERR_IMPL_PATTERN);
	assert_non_null(strstr(report.msg, "e9 <rel32>"));
	build();
	img[gp * VMI_SLOT_SIZE] = 0xc3;
	memset(img + gp * VMI_SLOT_SIZE + 1, 0xcc, VMI_SLOT_SIZE - 1);
	expect(ROM_ERR_IMPL_PATTERN);
	assert_non_null(strstr(report.msg, "85 c0"));
	build();				/* jmp rel8 */
	img[nf * VMI_SLOT_SIZE] = 0xeb;
	expect(ROM_ERR_IMPL_PATTERN);
	/* any fixed byte of the fallible pattern changed */
	for (i = 0; i < VMIX_SLOT_FALLIBLE_LEN; i++) {
		if ((i >= 5 && i < 9) || (i >= 17 && i < 21) || i == 14)
			continue;		/* rel32s, the test register */
		build();
		img[gpv * VMI_SLOT_SIZE + i] ^= 0x40;
		expect(ROM_ERR_IMPL_PATTERN);
	}
	build();				/* test %ecx */
	img[gp * VMI_SLOT_SIZE + 14] = 0xc9;
	expect(ROM_ERR_IMPL_PATTERN);
}

static void test_impl_fault_kind(void **state)
{
	unsigned int nf = impl_call(ROM_FAULT_NOFAULT);
	unsigned int gp = impl_call(ROM_FAULT_GP);
	unsigned int gpv = impl_call(ROM_FAULT_GPV);

	(void)state;
	build();				/* a fallible call jumps */
	memset(img + gp * VMI_SLOT_SIZE, 0xcc, VMI_SLOT_SIZE);
	put_jmp(gp, IMPL_OFF);
	expect(ROM_ERR_IMPL_FAULT_KIND);
	assert_non_null(strstr(report.msg, defs[gp].name));
	build();				/* GP tests %edx */
	img[gp * VMI_SLOT_SIZE + 14] = 0xd2;
	expect(ROM_ERR_IMPL_FAULT_KIND);
	build();				/* GPV tests %eax */
	img[gpv * VMI_SLOT_SIZE + 14] = 0xc0;
	expect(ROM_ERR_IMPL_FAULT_KIND);
	assert_non_null(strstr(report.msg, "calls.def says GPV"));
	build();				/* a NOFAULT call is fallible */
	put_fallible(nf, IMPL_OFF, 0xc0, FAULT_OFF);
	expect(ROM_ERR_IMPL_FAULT_KIND);
}

static void test_impl_target(void **state)
{
	unsigned int nf = impl_call(ROM_FAULT_NOFAULT);
	unsigned int gp = impl_call(ROM_FAULT_GP);

	(void)state;
	build();
	put_jmp(nf, 0x800);			/* into the slot table */
	expect(ROM_ERR_IMPL_TARGET);
	put_jmp(nf, ROM_SLOT_TABLE_SIZE - 1);
	expect(ROM_ERR_IMPL_TARGET);
	put_jmp(nf, (uint32_t)img_len);		/* past the image */
	expect(ROM_ERR_IMPL_TARGET);
	put_jmp(nf, 0xfffffff0);		/* negative: below the image */
	expect(ROM_ERR_IMPL_TARGET);
	put_jmp(nf, FAULT_OFF);
	expect(ROM_ERR_IMPL_TARGET);
	assert_non_null(strstr(report.msg, "#GP injection"));
	put_jmp(nf, UNIMPL_OFF);
	expect(ROM_ERR_IMPL_TARGET);
	assert_non_null(strstr(report.msg, "unimplemented handler"));
	build();
	put_fallible(gp, 0x100, 0xc0, FAULT_OFF);
	expect(ROM_ERR_IMPL_TARGET);
	put_fallible(gp, FAULT_OFF, 0xc0, FAULT_OFF);
	expect(ROM_ERR_IMPL_TARGET);
	put_fallible(gp, (uint32_t)img_len + 0x1000, 0xc0, FAULT_OFF);
	expect(ROM_ERR_IMPL_TARGET);
}

static void test_impl_fault_target(void **state)
{
	unsigned int gp = impl_call(ROM_FAULT_GP);
	unsigned int gpv = impl_call(ROM_FAULT_GPV);

	(void)state;
	build();
	put_fallible(gp, IMPL_OFF, 0xc0, FAULT_OFF + 1);
	expect(ROM_ERR_IMPL_FAULT_TARGET);
	assert_non_null(strstr(report.msg, "0x10c1"));
	put_fallible(gp, IMPL_OFF, 0xc0, UNIMPL_OFF);
	expect(ROM_ERR_IMPL_FAULT_TARGET);
	build();
	put_fallible(gpv, IMPL_OFF, 0xd2, IMPL_OFF);
	expect(ROM_ERR_IMPL_FAULT_TARGET);
}

static void test_slot_padding(void **state)
{
	unsigned int nf = impl_call(ROM_FAULT_NOFAULT);
	unsigned int gp = impl_call(ROM_FAULT_GP);

	(void)state;
	build();
	img[nf * VMI_SLOT_SIZE + 5] = 0x90;
	expect(ROM_ERR_SLOT_PADDING);
	assert_non_null(strstr(report.msg, "byte 5"));
	build();
	img[gp * VMI_SLOT_SIZE + 31] = 0x00;
	expect(ROM_ERR_SLOT_PADDING);
	build();
	img[gp * VMI_SLOT_SIZE + 22] = 0xc3;
	expect(ROM_ERR_SLOT_PADDING);
	build();
	img[none_call() * VMI_SLOT_SIZE + 7] = 0x00;
	expect(ROM_ERR_SLOT_PADDING);
	build();
	img[127 * VMI_SLOT_SIZE + 31] = 0x90;	/* the last reserved slot */
	expect(ROM_ERR_SLOT_PADDING);
}

/* ---- listing ---- */

static void test_get_call(void **state)
{
	struct rom_call c;
	unsigned int none;

	(void)state;
	build();
	assert_int_equal(rom_get_call(img, img_len, 4, &c), 0);
	assert_int_equal(c.nr, 4);
	assert_string_equal(c.name, "Init");
	assert_int_equal(c.status, VMIX_CALL_IMPL);
	assert_string_equal(rom_status_name(c.status), "implemented");
	for (none = ROM_FIRST_CALL; none < VMI_NR_CALLS; none++)
		if (defs[none].name && defs[none].status == VMIX_CALL_NONE)
			break;
	assert_true(none < VMI_NR_CALLS);	/* calls.def has one left */
	assert_int_equal(rom_get_call(img, img_len, none, &c), 0);
	assert_string_equal(c.name, defs[none].name);
	assert_string_equal(rom_status_name(c.status), "not-implemented");
	assert_int_equal(rom_get_call(img, img_len, 100, &c), 0);
	assert_string_equal(c.name, "");
	assert_string_equal(rom_status_name(c.status), "reserved");
	assert_string_equal(rom_status_name(9), "invalid");
	assert_int_equal(rom_get_call(img, img_len, VMI_NR_SLOTS, &c), -1);
	put32(PRIV(names_off), (uint32_t)img_len);
	assert_int_equal(rom_get_call(img, img_len, 4, &c), -1);
	put32(img + VMI_HDR_PRIVATE, 0xffffffff);
	assert_int_equal(rom_get_call(img, img_len, 4, &c), -1);

	/* a name filling all 24 bytes still comes back NUL terminated */
	build();
	memset(img + NAMES_OFF + 6 * VMIX_NAME_LEN, 'A', VMIX_NAME_LEN);
	assert_int_equal(rom_get_call(img, img_len, 6, &c), 0);
	assert_int_equal(strlen(c.name), VMIX_NAME_LEN);
}

static void test_error_names(void **state)
{
	int e;

	(void)state;
	for (e = 0; e < ROM_ERR_COUNT; e++)
		assert_string_not_equal(rom_error_name(e), "ROM_ERR_?");
	assert_string_equal(rom_error_name(ROM_OK), "ROM_OK");
	assert_string_equal(rom_error_name(ROM_ERR_CHECKSUM),
			    "ROM_ERR_CHECKSUM");
	assert_string_equal(rom_error_name(-1), "ROM_ERR_?");
	assert_string_equal(rom_error_name(ROM_ERR_COUNT), "ROM_ERR_?");
}

/* ---- rom_seal ---- */

static void test_seal_fields(void **state)
{
	size_t raw = build_raw(), i;

	(void)state;
	memset(img + raw, 0xee, 600);	/* garbage past the raw image */
	assert_int_equal(rom_seal(img, raw, sizeof(img), &img_len), ROM_OK);
	assert_int_equal(img_len, SEALED_LEN);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], SEALED_LEN / 512);
	assert_int_equal(get16(img + PCIR_OFF + ROM_PCIR_IMAGE_LEN),
			 SEALED_LEN / 512);
	assert_int_equal(sum8(img + PNP_OFF, ROM_PNP_SIZE), 0);
	assert_int_equal(sum8(img, img_len), 0);
	for (i = raw; i < img_len - 1; i++)
		assert_int_equal(img[i], 0);
	assert_int_equal(img[img_len], 0xee);	/* nothing written past */
}

static void test_seal_padding(void **state)
{
	size_t out;

	(void)state;
	/* a multiple of 512 gets a whole spare sector for the checksum */
	build_raw();
	assert_int_equal(rom_seal(img, 0x1e00, sizeof(img), &out), ROM_OK);
	assert_int_equal(out, 0x2000);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], 0x10);
	assert_int_equal(sum8(img, out), 0);

	/* one byte short of a multiple: that byte becomes the checksum */
	build_raw();
	assert_int_equal(rom_seal(img, 0x1dff, sizeof(img), &out), ROM_OK);
	assert_int_equal(out, 0x1e00);
	assert_int_equal(sum8(img, out), 0);

	/* exactly the capacity needed is enough */
	build_raw();
	assert_int_equal(rom_seal(img, RAW_LEN, SEALED_LEN, &out), ROM_OK);
	assert_int_equal(out, SEALED_LEN);
	img_len = out;
	expect_len(img_len, ROM_OK);

	/* out_len may be NULL */
	build_raw();
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), NULL), ROM_OK);
}

static void test_seal_too_big(void **state)
{
	struct rom_check_report r;
	size_t out = 0;

	(void)state;
	build_raw();
	assert_int_equal(rom_seal(img, ROM_MAX_SIZE, sizeof(img), &out),
			 ROM_ERR_SEAL_TOO_BIG);
	assert_int_equal(out, 0);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], 0);	/* untouched */
	assert_int_equal(rom_seal_report(img, ROM_MAX_SIZE, sizeof(img), &out,
					 &r), ROM_ERR_SEAL_TOO_BIG);
	assert_int_equal(r.error, ROM_ERR_SEAL_TOO_BIG);
	assert_non_null(strstr(r.msg, "0x18000"));
	/* the largest raw image that fits */
	assert_int_equal(rom_seal(img, ROM_MAX_SIZE - 1, sizeof(img), &out),
			 ROM_OK);
	assert_int_equal(out, ROM_MAX_SIZE);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], ROM_MAX_SIZE / 512);
	assert_int_equal(sum8(img, out), 0);
}

static void test_seal_cap(void **state)
{
	size_t out = 0;

	(void)state;
	build_raw();
	assert_int_equal(rom_seal(img, RAW_LEN, SEALED_LEN - 1, &out),
			 ROM_ERR_SEAL_CAP);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], 0);
	assert_int_equal(out, 0);
}

static void test_seal_bad_input(void **state)
{
	struct rom_check_report r;
	size_t out;

	(void)state;
	build_raw();
	assert_int_equal(rom_seal(img, 100, sizeof(img), &out),
			 ROM_ERR_TOO_SHORT);
	img[0] = 0x54;
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), &out),
			 ROM_ERR_SIGNATURE);
	build_raw();
	/* PCIR must lie in the raw image, not in the padding */
	put16(img + VMI_HDR_PCI_OFF, RAW_LEN - 8);
	assert_int_equal(rom_seal_report(img, RAW_LEN, sizeof(img), &out, &r),
			 ROM_ERR_PCI_OFFSET);
	assert_non_null(strstr(r.msg, "PCI"));
	build_raw();
	img[PCIR_OFF] = 'p';
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), &out),
			 ROM_ERR_PCI_SIGNATURE);
	build_raw();
	img[PNP_OFF + 1] = 'p';
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), &out),
			 ROM_ERR_PNP_SIGNATURE);
	build_raw();
	img[PNP_OFF + ROM_PNP_LENGTH] = 0;
	assert_int_equal(rom_seal(img, RAW_LEN, sizeof(img), &out),
			 ROM_ERR_PNP_LENGTH);
	assert_int_equal(img[VMI_HDR_ROM_LENGTH], 0);	/* untouched */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_image),
		cmocka_unit_test(test_calls_def_complete),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_slots_truncated),
		cmocka_unit_test(test_bad_signature),
		cmocka_unit_test(test_length_zero),
		cmocka_unit_test(test_wrong_length_byte),
		cmocka_unit_test(test_truncated_file),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_bad_checksum),
		cmocka_unit_test(test_missing_cvmi),
		cmocka_unit_test(test_wrong_api_major),
		cmocka_unit_test(test_api_minor_ignored),
		cmocka_unit_test(test_rom_entry),
		cmocka_unit_test(test_virtual_top),
		cmocka_unit_test(test_pci_offset),
		cmocka_unit_test(test_pci_signature),
		cmocka_unit_test(test_pci_struct_len),
		cmocka_unit_test(test_pci_image_len),
		cmocka_unit_test(test_pnp_offset),
		cmocka_unit_test(test_pnp_signature),
		cmocka_unit_test(test_pnp_length),
		cmocka_unit_test(test_pnp_checksum),
		cmocka_unit_test(test_pnp_overlaps_pci),
		cmocka_unit_test(test_priv_offset),
		cmocka_unit_test(test_priv_magic),
		cmocka_unit_test(test_priv_version),
		cmocka_unit_test(test_priv_nr_slots),
		cmocka_unit_test(test_table_offsets),
		cmocka_unit_test(test_table_in_slots),
		cmocka_unit_test(test_image_va),
		cmocka_unit_test(test_image_text_max),
		cmocka_unit_test(test_state_va),
		cmocka_unit_test(test_state_size_zero),
		cmocka_unit_test(test_state_size_align),
		cmocka_unit_test(test_state_size_big),
		cmocka_unit_test(test_hypercall_page_va),
		cmocka_unit_test(test_shared_info_va),
		cmocka_unit_test(test_percpu_va),
		cmocka_unit_test(test_boot_block_va),
		cmocka_unit_test(test_boot_block_end),
		cmocka_unit_test(test_state_check_order),
		cmocka_unit_test(test_status_reserved),
		cmocka_unit_test(test_status_invalid),
		cmocka_unit_test(test_status_mismatch),
		cmocka_unit_test(test_name_mismatch),
		cmocka_unit_test(test_name_reserved),
		cmocka_unit_test(test_unimpl_pattern),
		cmocka_unit_test(test_unimpl_number),
		cmocka_unit_test(test_unimpl_target),
		cmocka_unit_test(test_impl_empty),
		cmocka_unit_test(test_impl_is_unimpl),
		cmocka_unit_test(test_impl_push_jmp_elsewhere),
		cmocka_unit_test(test_slot_patterns_good),
		cmocka_unit_test(test_fault_offset),
		cmocka_unit_test(test_unimpl_in_header),
		cmocka_unit_test(test_impl_pattern),
		cmocka_unit_test(test_impl_fault_kind),
		cmocka_unit_test(test_impl_target),
		cmocka_unit_test(test_impl_fault_target),
		cmocka_unit_test(test_slot_padding),
		cmocka_unit_test(test_get_call),
		cmocka_unit_test(test_error_names),
		cmocka_unit_test(test_seal_fields),
		cmocka_unit_test(test_seal_padding),
		cmocka_unit_test(test_seal_too_big),
		cmocka_unit_test(test_seal_cap),
		cmocka_unit_test(test_seal_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
