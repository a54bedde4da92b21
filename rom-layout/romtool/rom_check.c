// SPDX-License-Identifier: GPL-2.0
/*
 * rom_check.c - check, seal and list a vmi-xen ROM image held in memory.
 *
 * The expected call table comes from shim/calls.def through the VMI_CALL
 * X-macro, so the checker and the shim cannot drift apart.  Every defect
 * has its own ROM_ERR_* code and a message that names the offending values.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rom-layout/romtool/rom_check.h"

struct rom_def_call {
	const char *name;
	uint8_t status;
	uint8_t fault;			/* enum rom_fault */
};

/* Compile-time sanity of calls.def: numbers in range, names fit. */
#define VMI_CALL(nr, name, conv, st, fault, file, ret, args, xen)				\
	_Static_assert((nr) >= ROM_FIRST_CALL && (nr) < VMI_NR_CALLS,	\
		       "calls.def: call number out of range: " #name);	\
	_Static_assert(sizeof(#name) <= VMIX_NAME_LEN,			\
		       "calls.def: name too long: " #name);
#include "shim/calls.def"
#undef VMI_CALL

#define VMI_CALL(nr, name, conv, st, fault, file, ret, args, xen) \
	[nr] = { #name, VMIX_CALL_##st, ROM_FAULT_##fault },
static const struct rom_def_call rom_defs[VMI_NR_CALLS] = {
#include "shim/calls.def"
};
#undef VMI_CALL

static const char *const rom_error_names[ROM_ERR_COUNT] = {
	[ROM_OK]			= "ROM_OK",
	[ROM_ERR_TOO_SHORT]		= "ROM_ERR_TOO_SHORT",
	[ROM_ERR_SIGNATURE]		= "ROM_ERR_SIGNATURE",
	[ROM_ERR_LENGTH_ZERO]		= "ROM_ERR_LENGTH_ZERO",
	[ROM_ERR_LENGTH_MISMATCH]	= "ROM_ERR_LENGTH_MISMATCH",
	[ROM_ERR_TOO_BIG]		= "ROM_ERR_TOO_BIG",
	[ROM_ERR_SLOTS_TRUNCATED]	= "ROM_ERR_SLOTS_TRUNCATED",
	[ROM_ERR_CHECKSUM]		= "ROM_ERR_CHECKSUM",
	[ROM_ERR_VMI_SIGNATURE]		= "ROM_ERR_VMI_SIGNATURE",
	[ROM_ERR_API_MAJOR]		= "ROM_ERR_API_MAJOR",
	[ROM_ERR_ROM_ENTRY]		= "ROM_ERR_ROM_ENTRY",
	[ROM_ERR_VIRTUAL_TOP]		= "ROM_ERR_VIRTUAL_TOP",
	[ROM_ERR_PCI_OFFSET]		= "ROM_ERR_PCI_OFFSET",
	[ROM_ERR_PCI_SIGNATURE]		= "ROM_ERR_PCI_SIGNATURE",
	[ROM_ERR_PCI_STRUCT_LEN]	= "ROM_ERR_PCI_STRUCT_LEN",
	[ROM_ERR_PCI_IMAGE_LEN]		= "ROM_ERR_PCI_IMAGE_LEN",
	[ROM_ERR_PNP_OFFSET]		= "ROM_ERR_PNP_OFFSET",
	[ROM_ERR_PNP_SIGNATURE]		= "ROM_ERR_PNP_SIGNATURE",
	[ROM_ERR_PNP_LENGTH]		= "ROM_ERR_PNP_LENGTH",
	[ROM_ERR_PNP_CHECKSUM]		= "ROM_ERR_PNP_CHECKSUM",
	[ROM_ERR_PRIV_OFFSET]		= "ROM_ERR_PRIV_OFFSET",
	[ROM_ERR_PRIV_MAGIC]		= "ROM_ERR_PRIV_MAGIC",
	[ROM_ERR_PRIV_VERSION]		= "ROM_ERR_PRIV_VERSION",
	[ROM_ERR_PRIV_NR_SLOTS]		= "ROM_ERR_PRIV_NR_SLOTS",
	[ROM_ERR_NAMES_OFFSET]		= "ROM_ERR_NAMES_OFFSET",
	[ROM_ERR_STATUS_OFFSET]		= "ROM_ERR_STATUS_OFFSET",
	[ROM_ERR_UNIMPL_OFFSET]		= "ROM_ERR_UNIMPL_OFFSET",
	[ROM_ERR_FAULT_OFFSET]		= "ROM_ERR_FAULT_OFFSET",
	[ROM_ERR_TABLE_IN_SLOTS]	= "ROM_ERR_TABLE_IN_SLOTS",
	[ROM_ERR_IMAGE_VA]		= "ROM_ERR_IMAGE_VA",
	[ROM_ERR_IMAGE_TEXT_MAX]	= "ROM_ERR_IMAGE_TEXT_MAX",
	[ROM_ERR_STATE_VA]		= "ROM_ERR_STATE_VA",
	[ROM_ERR_STATE_SIZE_ZERO]	= "ROM_ERR_STATE_SIZE_ZERO",
	[ROM_ERR_STATE_SIZE_ALIGN]	= "ROM_ERR_STATE_SIZE_ALIGN",
	[ROM_ERR_STATE_SIZE_BIG]	= "ROM_ERR_STATE_SIZE_BIG",
	[ROM_ERR_HYPERCALL_PAGE_VA]	= "ROM_ERR_HYPERCALL_PAGE_VA",
	[ROM_ERR_SHARED_INFO_VA]	= "ROM_ERR_SHARED_INFO_VA",
	[ROM_ERR_PERCPU_VA]		= "ROM_ERR_PERCPU_VA",
	[ROM_ERR_BOOT_BLOCK_VA]		= "ROM_ERR_BOOT_BLOCK_VA",
	[ROM_ERR_BOOT_BLOCK_END]	= "ROM_ERR_BOOT_BLOCK_END",
	[ROM_ERR_STATUS_RESERVED]	= "ROM_ERR_STATUS_RESERVED",
	[ROM_ERR_STATUS_INVALID]	= "ROM_ERR_STATUS_INVALID",
	[ROM_ERR_STATUS_MISMATCH]	= "ROM_ERR_STATUS_MISMATCH",
	[ROM_ERR_NAME_MISMATCH]		= "ROM_ERR_NAME_MISMATCH",
	[ROM_ERR_NAME_RESERVED]		= "ROM_ERR_NAME_RESERVED",
	[ROM_ERR_UNIMPL_PATTERN]	= "ROM_ERR_UNIMPL_PATTERN",
	[ROM_ERR_UNIMPL_NUMBER]		= "ROM_ERR_UNIMPL_NUMBER",
	[ROM_ERR_UNIMPL_TARGET]		= "ROM_ERR_UNIMPL_TARGET",
	[ROM_ERR_IMPL_EMPTY]		= "ROM_ERR_IMPL_EMPTY",
	[ROM_ERR_IMPL_IS_UNIMPL]	= "ROM_ERR_IMPL_IS_UNIMPL",
	[ROM_ERR_IMPL_FAULT_KIND]	= "ROM_ERR_IMPL_FAULT_KIND",
	[ROM_ERR_IMPL_PATTERN]		= "ROM_ERR_IMPL_PATTERN",
	[ROM_ERR_IMPL_TARGET]		= "ROM_ERR_IMPL_TARGET",
	[ROM_ERR_IMPL_FAULT_TARGET]	= "ROM_ERR_IMPL_FAULT_TARGET",
	[ROM_ERR_SLOT_PADDING]		= "ROM_ERR_SLOT_PADDING",
	[ROM_ERR_SEAL_TOO_BIG]		= "ROM_ERR_SEAL_TOO_BIG",
	[ROM_ERR_SEAL_CAP]		= "ROM_ERR_SEAL_CAP",
};

const char *rom_error_name(int err)
{
	if (err < 0 || err >= ROM_ERR_COUNT || !rom_error_names[err])
		return "ROM_ERR_?";
	return rom_error_names[err];
}

const char *rom_status_name(uint8_t status)
{
	switch (status) {
	case VMIX_CALL_IMPL:
		return "implemented";
	case VMIX_CALL_NONE:
		return "not-implemented";
	case VMIX_CALL_RESERVED:
		return "reserved";
	default:
		return "invalid";
	}
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

/* [off, off + size) lies within [0, len), without overflow. */
static int in_range(uint64_t off, uint64_t size, uint64_t len)
{
	return off <= len && size <= len - off;
}

/* [a, a + as) and [b, b + bs) intersect. */
static int overlaps(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

__attribute__((format(printf, 3, 4)))
static int fail(struct rom_check_report *r, int err, const char *fmt, ...)
{
	va_list ap;

	if (r) {
		r->error = err;
		va_start(ap, fmt);
		vsnprintf(r->msg, sizeof(r->msg), fmt, ap);
		va_end(ap);
	}
	return err;
}

/* A name field as printable text: stops at NUL, '?' for other bytes. */
static void name_text(const uint8_t *field, char out[VMIX_NAME_LEN + 1])
{
	unsigned int i;

	for (i = 0; i < VMIX_NAME_LEN && field[i]; i++)
		out[i] = (field[i] >= 0x20 && field[i] < 0x7f) ?
			 (char)field[i] : '?';
	out[i] = '\0';
}

/* Bytes field[from..VMIX_NAME_LEN) are all zero. */
static int name_zero_from(const uint8_t *field, size_t from)
{
	size_t i;

	for (i = from; i < VMIX_NAME_LEN; i++)
		if (field[i])
			return 0;
	return 1;
}

/* The field holds exactly name, NUL padded. */
static int name_equals(const uint8_t *field, const char *name)
{
	size_t n = strlen(name);

	return n < VMIX_NAME_LEN && memcmp(field, name, n) == 0 &&
	       name_zero_from(field, n);
}

/* Sizes, BIOS signature, romLength and checksum. */
static int check_bios(const uint8_t *img, size_t len,
		      struct rom_check_report *r)
{
	size_t rom_len;
	uint8_t sum;

	if (len < ROM_UNIT)
		return fail(r, ROM_ERR_TOO_SHORT,
			    "image too short: %zu bytes (minimum %u)",
			    len, ROM_UNIT);
	if (img[0] != 0x55 || img[1] != 0xaa)
		return fail(r, ROM_ERR_SIGNATURE,
			    "bad ROM signature: bytes 0,1 are 0x%02x 0x%02x (expected 0x55 0xaa)",
			    img[0], img[1]);
	if (img[VMI_HDR_ROM_LENGTH] == 0)
		return fail(r, ROM_ERR_LENGTH_ZERO,
			    "romLength (byte 2) is 0");
	rom_len = (size_t)img[VMI_HDR_ROM_LENGTH] * ROM_UNIT;
	if (r)
		r->length = rom_len;
	if (len != rom_len)
		return fail(r, ROM_ERR_LENGTH_MISMATCH,
			    "image length %zu != romLength %u * 512 (%zu)",
			    len, img[VMI_HDR_ROM_LENGTH], rom_len);
	if (len > ROM_MAX_SIZE)
		return fail(r, ROM_ERR_TOO_BIG,
			    "image of %zu bytes (romLength %u) does not fit the 0x%x-byte option-ROM window",
			    len, img[VMI_HDR_ROM_LENGTH], ROM_MAX_SIZE);
	if (len < ROM_SLOT_TABLE_SIZE)
		return fail(r, ROM_ERR_SLOTS_TRUNCATED,
			    "image of %zu bytes is shorter than the %u-byte slot table",
			    len, ROM_SLOT_TABLE_SIZE);
	sum = sum8(img, len);
	if (sum)
		return fail(r, ROM_ERR_CHECKSUM,
			    "checksum: the %zu bytes sum to 0x%02x (must be 0x00)",
			    len, sum);
	return ROM_OK;
}

/* "cVmi" and the API revision. */
static int check_vmi(const uint8_t *img, struct rom_check_report *r)
{
	uint32_t sig = get32(img + VMI_HDR_VMI_SIG);
	uint8_t major = img[VMI_HDR_API_MAJOR];
	uint8_t minor = img[VMI_HDR_API_MINOR];

	if (sig != VMI_SIGNATURE)
		return fail(r, ROM_ERR_VMI_SIGNATURE,
			    "no \"cVmi\" at offset 0x%x: found 0x%08x (expected 0x%08x)",
			    VMI_HDR_VMI_SIG, sig, VMI_SIGNATURE);
	if (r) {
		r->api_major = major;
		r->api_minor = minor;
	}
	if (major != VMI_API_REV_MAJOR)
		return fail(r, ROM_ERR_API_MAJOR,
			    "API revision %u.%u: major must be %u",
			    major, minor, VMI_API_REV_MAJOR);
	return ROM_OK;
}

/*
 * romEntry and the virtual top (reserved2): the guest leaves the linear
 * addresses from it up alone, so it must not lie above the start of the
 * shim's range (the image at VMIX_SHIM_TEXT_VA, the state after it).
 */
static int check_header(const uint8_t *img, struct rom_check_report *r)
{
	const uint8_t *e = img + VMI_HDR_ROM_ENTRY;
	uint32_t top = get32(img + VMI_HDR_VIRTUAL_TOP);

	if (memcmp(e, ROM_ENTRY_BYTES, ROM_ENTRY_LEN) != 0)
		return fail(r, ROM_ERR_ROM_ENTRY,
			    "romEntry (bytes 3-6) is %02x %02x %02x %02x, expected 31 c0 cb 90 (16-bit xor ax,ax; retf)",
			    e[0], e[1], e[2], e[3]);
	if (top == 0 || top % ROM_STATE_PAGE_SIZE || top > VMIX_SHIM_TEXT_VA)
		return fail(r, ROM_ERR_VIRTUAL_TOP,
			    "virtual top (reserved2, offset 0x%x) is 0x%08x: it must be nonzero, 4096-byte aligned and at most 0x%08x (the shim's range [0x%08x, 0x%08x))",
			    VMI_HDR_VIRTUAL_TOP, top, VMIX_SHIM_TEXT_VA,
			    VMIX_SHIM_TEXT_VA, XEN_COMPAT_HOLE_START);
	return ROM_OK;
}

/* PCI data structure: offset, "PCIR", structure length; image length if want_len. */
static int check_pcir(const uint8_t *img, size_t len, int want_len,
		      struct rom_check_report *r)
{
	uint16_t off = get16(img + VMI_HDR_PCI_OFF);
	const uint8_t *p;
	uint16_t n;

	if (!in_range(off, ROM_PCIR_SIZE, len))
		return fail(r, ROM_ERR_PCI_OFFSET,
			    "PCI data structure at 0x%x (0x%x bytes) lies outside the %zu-byte image",
			    off, ROM_PCIR_SIZE, len);
	if (off < ROM_SLOT_TABLE_SIZE)
		return fail(r, ROM_ERR_PCI_OFFSET,
			    "PCI data structure at 0x%x lies in the header and slot table [0, 0x%x)",
			    off, ROM_SLOT_TABLE_SIZE);
	p = img + off;
	if (memcmp(p, ROM_PCIR_SIGNATURE, 4) != 0)
		return fail(r, ROM_ERR_PCI_SIGNATURE,
			    "no \"PCIR\" at PCI data structure offset 0x%x (found %02x %02x %02x %02x)",
			    off, p[0], p[1], p[2], p[3]);
	n = get16(p + ROM_PCIR_STRUCT_LEN);
	if (n != ROM_PCIR_SIZE)
		return fail(r, ROM_ERR_PCI_STRUCT_LEN,
			    "PCI data structure at 0x%x: structure length %u (expected %u)",
			    off, n, ROM_PCIR_SIZE);
	if (!want_len)
		return ROM_OK;
	n = get16(p + ROM_PCIR_IMAGE_LEN);
	if (n != img[VMI_HDR_ROM_LENGTH])
		return fail(r, ROM_ERR_PCI_IMAGE_LEN,
			    "PCI data structure at 0x%x: image length %u != romLength %u",
			    off, n, img[VMI_HDR_ROM_LENGTH]);
	return ROM_OK;
}

/* PnP expansion header: offset, "$PnP", length; checksum if want_sum. */
static int check_pnp(const uint8_t *img, size_t len, int want_sum,
		     struct rom_check_report *r)
{
	uint16_t off = get16(img + VMI_HDR_PNP_OFF);
	uint16_t pci = get16(img + VMI_HDR_PCI_OFF);
	const uint8_t *p;
	size_t n;
	uint8_t sum;

	if (!in_range(off, ROM_PNP_SIZE, len))
		return fail(r, ROM_ERR_PNP_OFFSET,
			    "PnP header at 0x%x (0x%x bytes) lies outside the %zu-byte image",
			    off, ROM_PNP_SIZE, len);
	if (off < ROM_SLOT_TABLE_SIZE)
		return fail(r, ROM_ERR_PNP_OFFSET,
			    "PnP header at 0x%x lies in the header and slot table [0, 0x%x)",
			    off, ROM_SLOT_TABLE_SIZE);
	p = img + off;
	if (memcmp(p, ROM_PNP_SIGNATURE, 4) != 0)
		return fail(r, ROM_ERR_PNP_SIGNATURE,
			    "no \"$PnP\" at PnP header offset 0x%x (found %02x %02x %02x %02x)",
			    off, p[0], p[1], p[2], p[3]);
	n = (size_t)p[ROM_PNP_LENGTH] * 16;
	if (n < ROM_PNP_SIZE || !in_range(off, n, len))
		return fail(r, ROM_ERR_PNP_LENGTH,
			    "PnP header at 0x%x: length %u (%zu bytes) is below %u or runs past the %zu-byte image",
			    off, p[ROM_PNP_LENGTH], n, ROM_PNP_SIZE / 16, len);
	/* checked after check_pcir(): pci is a valid PCIR offset */
	if (overlaps(off, n, pci, ROM_PCIR_SIZE))
		return fail(r, ROM_ERR_PNP_OFFSET,
			    "PnP header at 0x%x (%zu bytes) overlaps the PCI data structure at 0x%x",
			    off, n, pci);
	if (!want_sum)
		return ROM_OK;
	sum = sum8(p, n);
	if (sum)
		return fail(r, ROM_ERR_PNP_CHECKSUM,
			    "PnP header at 0x%x: its %zu bytes sum to 0x%02x (must be 0x00)",
			    off, n, sum);
	return ROM_OK;
}

/* Private block fields, decoded. */
struct rom_priv {
	uint32_t off;
	uint32_t magic;
	uint16_t version;
	uint16_t nr_slots;
	uint32_t image_va;
	uint32_t state_va;
	uint32_t state_size;
	uint32_t hypercall_page_va;
	uint32_t shared_info_va;
	uint32_t percpu_va;
	uint32_t boot_block_va;
	uint32_t names_off;
	uint32_t status_off;
	uint32_t unimpl_off;
	uint32_t fault_off;
};

#define PRIV_FIELD(p, f) get32((p) + offsetof(struct vmix_rom_private, f))
#define PRIV_FIELD16(p, f) get16((p) + offsetof(struct vmix_rom_private, f))

/* Decode the private block; -1 when it does not fit the image. */
static int read_priv(const uint8_t *img, size_t len, struct rom_priv *pv)
{
	const uint8_t *p;

	if (len < VMI_HDR_PRIVATE + 4)
		return -1;
	pv->off = get32(img + VMI_HDR_PRIVATE);
	if (!in_range(pv->off, sizeof(struct vmix_rom_private), len))
		return -1;
	p = img + pv->off;
	pv->magic = PRIV_FIELD(p, magic);
	pv->version = PRIV_FIELD16(p, version);
	pv->nr_slots = PRIV_FIELD16(p, nr_slots);
	pv->image_va = PRIV_FIELD(p, image_va);
	pv->state_va = PRIV_FIELD(p, state_va);
	pv->state_size = PRIV_FIELD(p, state_size);
	pv->hypercall_page_va = PRIV_FIELD(p, hypercall_page_va);
	pv->shared_info_va = PRIV_FIELD(p, shared_info_va);
	pv->percpu_va = PRIV_FIELD(p, percpu_va);
	pv->boot_block_va = PRIV_FIELD(p, boot_block_va);
	pv->names_off = PRIV_FIELD(p, names_off);
	pv->status_off = PRIV_FIELD(p, status_off);
	pv->unimpl_off = PRIV_FIELD(p, unimpl_off);
	pv->fault_off = PRIV_FIELD(p, fault_off);
	return 0;
}

#define NAMES_SIZE	(VMI_NR_SLOTS * VMIX_NAME_LEN)
#define STATUS_SIZE	VMI_NR_SLOTS
#define CALL_SLOTS_START VMI_HEADER_SIZE
#define CALL_SLOTS_SIZE	(ROM_SLOT_TABLE_SIZE - VMI_HEADER_SIZE)

/* A handler offset lies in the image, past the slot table. */
static int handler_ok(uint32_t off, size_t len)
{
	return off >= ROM_SLOT_TABLE_SIZE && off < len;
}

/*
 * Version 3: the image's link address and the fixed linear addresses of
 * the state, in the contract's order (rom_private.h).  64-bit arithmetic:
 * no field value wraps a comparison.
 */
static int check_state(size_t len, const struct rom_priv *pv,
		       struct rom_check_report *r)
{
	const uint64_t pg = ROM_STATE_PAGE_SIZE;
	const uint64_t bb_size = sizeof(struct vmix_boot_block);
	uint64_t sva = pv->state_va, percpu_end, bb_end, state_end;

	if (r) {
		r->image_va = pv->image_va;
		r->state_va = pv->state_va;
		r->state_size = pv->state_size;
		r->boot_block_va = pv->boot_block_va;
	}
	if (pv->image_va != VMIX_SHIM_TEXT_VA)
		return fail(r, ROM_ERR_IMAGE_VA,
			    "private block: image_va 0x%08x: the image must be linked at 0x%08x (VMIX_SHIM_TEXT_VA)",
			    pv->image_va, VMIX_SHIM_TEXT_VA);
	if (len > VMIX_SHIM_TEXT_MAX)
		return fail(r, ROM_ERR_IMAGE_TEXT_MAX,
			    "image of %zu bytes does not fit the shim's text range: 0x%08x + 0x%zx > 0x%08x (VMIX_SHIM_TEXT_MAX 0x%x)",
			    len, VMIX_SHIM_TEXT_VA, len,
			    VMIX_SHIM_TEXT_VA + VMIX_SHIM_TEXT_MAX,
			    VMIX_SHIM_TEXT_MAX);
	if (pv->state_va != VMIX_SHIM_STATE_VA)
		return fail(r, ROM_ERR_STATE_VA,
			    "private block: state_va 0x%08x: the state must lie at 0x%08x (VMIX_SHIM_STATE_VA)",
			    pv->state_va, VMIX_SHIM_STATE_VA);
	if (pv->state_size == 0)
		return fail(r, ROM_ERR_STATE_SIZE_ZERO,
			    "private block: state_size is 0: the state holds at least the hypercall page, shared_info, the per-vCPU pages and the boot block");
	if (pv->state_size % pg)
		return fail(r, ROM_ERR_STATE_SIZE_ALIGN,
			    "private block: state_size 0x%x is not a multiple of 4096",
			    pv->state_size);
	if (pv->state_size > VMIX_SHIM_STATE_MAX)
		return fail(r, ROM_ERR_STATE_SIZE_BIG,
			    "private block: state_size 0x%x is more than the 0x%x bytes of the state range [0x%08x, 0x%08x) (VMIX_SHIM_STATE_MAX)",
			    pv->state_size, VMIX_SHIM_STATE_MAX, VMIX_SHIM_STATE_VA,
			    VMIX_SHIM_STATE_VA + VMIX_SHIM_STATE_MAX);
	if (pv->hypercall_page_va != sva)
		return fail(r, ROM_ERR_HYPERCALL_PAGE_VA,
			    "private block: hypercall page at 0x%08x, the contract puts it at state_va 0x%08x",
			    pv->hypercall_page_va, pv->state_va);
	if (pv->shared_info_va != sva + pg)
		return fail(r, ROM_ERR_SHARED_INFO_VA,
			    "private block: shared_info page at 0x%08x, the contract puts it at state_va + 4096 (0x%08llx)",
			    pv->shared_info_va, (unsigned long long)(sva + pg));
	if (pv->percpu_va != sva + 2 * pg)
		return fail(r, ROM_ERR_PERCPU_VA,
			    "private block: per-vCPU pages at 0x%08x, the contract puts them at state_va + 8192 (0x%08llx)",
			    pv->percpu_va, (unsigned long long)(sva + 2 * pg));
	percpu_end = (uint64_t)pv->percpu_va + ROM_PERCPU_SIZE;
	if (pv->boot_block_va < percpu_end)
		return fail(r, ROM_ERR_BOOT_BLOCK_VA,
			    "private block: boot block at 0x%08x lies before the end of the %u per-vCPU pages (0x%08llx)",
			    pv->boot_block_va, VMIX_MAX_VCPUS,
			    (unsigned long long)percpu_end);
	bb_end = (uint64_t)pv->boot_block_va + bb_size;
	state_end = sva + pv->state_size;
	if (bb_end > state_end)
		return fail(r, ROM_ERR_BOOT_BLOCK_END,
			    "private block: boot block at 0x%08x (%llu bytes) ends at 0x%08llx, past the state's end state_va + state_size = 0x%08llx",
			    pv->boot_block_va, (unsigned long long)bb_size,
			    (unsigned long long)bb_end,
			    (unsigned long long)state_end);
	return ROM_OK;
}

static int check_priv(const uint8_t *img, size_t len, struct rom_priv *pv,
		      struct rom_check_report *r)
{
	if (read_priv(img, len, pv))
		return fail(r, ROM_ERR_PRIV_OFFSET,
			    "private block at 0x%x (reserved3, %zu bytes) lies outside the %zu-byte image",
			    get32(img + VMI_HDR_PRIVATE),
			    sizeof(struct vmix_rom_private), len);
	if (pv->magic != VMIX_PRIV_MAGIC)
		return fail(r, ROM_ERR_PRIV_MAGIC,
			    "private block at 0x%x: magic 0x%08x (expected 0x%08x)",
			    pv->off, pv->magic, VMIX_PRIV_MAGIC);
	if (pv->version != VMIX_PRIV_VERSION)
		return fail(r, ROM_ERR_PRIV_VERSION,
			    "private block at 0x%x: version %u (expected %u)",
			    pv->off, pv->version, VMIX_PRIV_VERSION);
	if (pv->nr_slots != VMI_NR_SLOTS)
		return fail(r, ROM_ERR_PRIV_NR_SLOTS,
			    "private block at 0x%x: nr_slots %u (expected %u)",
			    pv->off, pv->nr_slots, VMI_NR_SLOTS);
	if (!in_range(pv->names_off, NAMES_SIZE, len))
		return fail(r, ROM_ERR_NAMES_OFFSET,
			    "private block: names table at 0x%x (0x%x bytes) lies outside the %zu-byte image",
			    pv->names_off, NAMES_SIZE, len);
	if (!in_range(pv->status_off, STATUS_SIZE, len))
		return fail(r, ROM_ERR_STATUS_OFFSET,
			    "private block: status table at 0x%x (0x%x bytes) lies outside the %zu-byte image",
			    pv->status_off, STATUS_SIZE, len);
	if (pv->unimpl_off >= len)
		return fail(r, ROM_ERR_UNIMPL_OFFSET,
			    "private block: unimplemented handler at 0x%x lies outside the %zu-byte image",
			    pv->unimpl_off, len);
	if (!handler_ok(pv->fault_off, len))
		return fail(r, ROM_ERR_FAULT_OFFSET,
			    "private block: #GP injection (fault_off) at 0x%x is not in the image past the slot table [0x%x, 0x%zx)",
			    pv->fault_off, ROM_SLOT_TABLE_SIZE, len);
	if (pv->fault_off == pv->unimpl_off)
		return fail(r, ROM_ERR_FAULT_OFFSET,
			    "private block: #GP injection (fault_off) at 0x%x is the unimplemented handler",
			    pv->fault_off);
	if (overlaps(pv->off, sizeof(struct vmix_rom_private),
		     CALL_SLOTS_START, CALL_SLOTS_SIZE))
		return fail(r, ROM_ERR_TABLE_IN_SLOTS,
			    "private block at 0x%x overlaps the call slots [0x%x, 0x%x)",
			    pv->off, CALL_SLOTS_START, ROM_SLOT_TABLE_SIZE);
	if (overlaps(pv->names_off, NAMES_SIZE,
		     CALL_SLOTS_START, CALL_SLOTS_SIZE))
		return fail(r, ROM_ERR_TABLE_IN_SLOTS,
			    "names table at 0x%x overlaps the call slots [0x%x, 0x%x)",
			    pv->names_off, CALL_SLOTS_START, ROM_SLOT_TABLE_SIZE);
	if (overlaps(pv->status_off, STATUS_SIZE,
		     CALL_SLOTS_START, CALL_SLOTS_SIZE))
		return fail(r, ROM_ERR_TABLE_IN_SLOTS,
			    "status table at 0x%x overlaps the call slots [0x%x, 0x%x)",
			    pv->status_off, CALL_SLOTS_START, ROM_SLOT_TABLE_SIZE);
	if (!handler_ok(pv->unimpl_off, len))
		return fail(r, ROM_ERR_TABLE_IN_SLOTS,
			    "unimplemented handler at 0x%x lies in the slot table [0, 0x%x)",
			    pv->unimpl_off, ROM_SLOT_TABLE_SIZE);
	return check_state(len, pv, r);
}

/* Target of the rel32 at slot offset rel, relative to slot offset end. */
static int64_t rel_target(const uint8_t *s, unsigned int nr, unsigned int rel,
			  unsigned int end)
{
	return (int64_t)nr * VMI_SLOT_SIZE + end + (int32_t)get32(s + rel);
}

/* Slot starts with push imm8; jmp rel32 to the unimplemented handler. */
static int is_unimpl_jump(const uint8_t *s, unsigned int nr, uint32_t target)
{
	return s[0] == ROM_UNIMPL_PUSH && s[2] == ROM_UNIMPL_JMP &&
	       rel_target(s, nr, 3, ROM_UNIMPL_LEN) == (int64_t)target;
}

/* Bytes s[from..VMI_SLOT_SIZE) are all int3 padding. */
static int check_padding(const uint8_t *s, unsigned int nr, const char *name,
			 unsigned int from, struct rom_check_report *r)
{
	unsigned int i;

	for (i = from; i < VMI_SLOT_SIZE; i++)
		if (s[i] != ROM_SLOT_PAD)
			return fail(r, ROM_ERR_SLOT_PADDING,
				    "slot %u (%s): byte %u after its %u-byte pattern is 0x%02x, not 0xcc padding",
				    nr, name, i, from, s[i]);
	return ROM_OK;
}

static int check_unimpl_slot(const uint8_t *img, unsigned int nr,
			     const char *name, const struct rom_priv *pv,
			     struct rom_check_report *r)
{
	const uint8_t *s = img + nr * VMI_SLOT_SIZE;
	int64_t to;

	if (s[0] != ROM_UNIMPL_PUSH || s[2] != ROM_UNIMPL_JMP)
		return fail(r, ROM_ERR_UNIMPL_PATTERN,
			    "slot %u (%s) is not implemented but does not start with push imm8; jmp rel32 (6a %02x e9): found %02x %02x %02x",
			    nr, name, nr, s[0], s[1], s[2]);
	if (s[1] != nr)
		return fail(r, ROM_ERR_UNIMPL_NUMBER,
			    "slot %u (%s) pushes call number %u",
			    nr, name, s[1]);
	to = rel_target(s, nr, 3, ROM_UNIMPL_LEN);
	if (to != (int64_t)pv->unimpl_off)
		return fail(r, ROM_ERR_UNIMPL_TARGET,
			    "slot %u (%s) jumps to 0x%llx, not to the unimplemented handler at 0x%x",
			    nr, name, (long long)to, pv->unimpl_off);
	return check_padding(s, nr, name, ROM_UNIMPL_LEN, r);
}

static int check_reserved_slot(const uint8_t *img, unsigned int nr,
			       const struct rom_priv *pv,
			       struct rom_check_report *r)
{
	const uint8_t *field = img + pv->names_off + nr * VMIX_NAME_LEN;
	uint8_t st = img[pv->status_off + nr];
	char text[VMIX_NAME_LEN + 1];

	if (st != VMIX_CALL_RESERVED)
		return fail(r, ROM_ERR_STATUS_RESERVED,
			    "status of reserved slot %u is %u (%s), expected %u (reserved)",
			    nr, st, rom_status_name(st), VMIX_CALL_RESERVED);
	if (!name_zero_from(field, 0)) {
		name_text(field, text);
		return fail(r, ROM_ERR_NAME_RESERVED,
			    "reserved slot %u has a name (\"%s\"); its entry must be all zero",
			    nr, text);
	}
	if (nr < ROM_FIRST_CALL)
		return ROM_OK;		/* the header */
	return check_unimpl_slot(img, nr, "reserved", pv, r);
}

static const uint8_t fallible_head[] = { 0xff, 0x74, 0x24, 0x04, 0xe8 };
static const uint8_t fallible_mid[] = { 0x8d, 0x64, 0x24, 0x04, 0x85 };
static const uint8_t fallible_jnz[] = { 0x0f, 0x85 };

/*
 * Which implemented-slot pattern s has, ignoring its targets: NOFAULT's
 * jmp, GP's or GPV's fallible sequence; -1 for none of them.
 */
static int slot_fault_kind(const uint8_t *s)
{
	if (s[0] == 0xe9)
		return ROM_FAULT_NOFAULT;
	if (memcmp(s, fallible_head, sizeof(fallible_head)) ||
	    memcmp(s + ROM_FALLIBLE_CALL_END, fallible_mid,
		   sizeof(fallible_mid)) ||
	    memcmp(s + ROM_FALLIBLE_JNZ_REL - 2, fallible_jnz,
		   sizeof(fallible_jnz)) ||
	    s[VMIX_SLOT_FALLIBLE_LEN - 1] != 0xc3)
		return -1;
	if (s[ROM_FALLIBLE_TEST_REG] == ROM_TEST_EAX)
		return ROM_FAULT_GP;
	if (s[ROM_FALLIBLE_TEST_REG] == ROM_TEST_EDX)
		return ROM_FAULT_GPV;
	return -1;
}

static const char *fault_kind_name(int kind)
{
	switch (kind) {
	case ROM_FAULT_NOFAULT:
		return "NOFAULT (jmp vmi_<name>)";
	case ROM_FAULT_GP:
		return "GP (call vmi_<name>; test %eax; jnz fault)";
	case ROM_FAULT_GPV:
		return "GPV (call vmi_<name>; test %edx; jnz fault)";
	default:
		return "none";
	}
}

static const char *fault_kind_pattern(int kind)
{
	switch (kind) {
	case ROM_FAULT_NOFAULT:
		return "e9 <rel32>";
	case ROM_FAULT_GP:
		return "ff 74 24 04 e8 <rel32> 8d 64 24 04 85 c0 0f 85 <rel32> c3";
	default:
		return "ff 74 24 04 e8 <rel32> 8d 64 24 04 85 d2 0f 85 <rel32> c3";
	}
}

/* The first n bytes of s as hex, in out (3 * n + 1 bytes). */
static void hex_bytes(const uint8_t *s, unsigned int n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < n; i++) {
		out[3 * i] = digits[s[i] >> 4];
		out[3 * i + 1] = digits[s[i] & 15];
		out[3 * i + 2] = i + 1 < n ? ' ' : '\0';
	}
	if (!n)
		out[0] = '\0';
}

/* An implemented slot against the pattern of its fault kind. */
static int check_impl_slot(const uint8_t *img, size_t len, unsigned int nr,
			   const struct rom_def_call *def,
			   const struct rom_priv *pv,
			   struct rom_check_report *r)
{
	const uint8_t *s = img + nr * VMI_SLOT_SIZE;
	char hex[3 * VMIX_SLOT_FALLIBLE_LEN + 1];
	int kind = slot_fault_kind(s);
	unsigned int end;
	int64_t to;

	if (s[0] == 0x00 || s[0] == 0xcc)
		return fail(r, ROM_ERR_IMPL_EMPTY,
			    "slot %u (%s) is implemented but empty (starts with 0x%02x)",
			    nr, def->name, s[0]);
	if (is_unimpl_jump(s, nr, pv->unimpl_off))
		return fail(r, ROM_ERR_IMPL_IS_UNIMPL,
			    "slot %u (%s) is implemented but jumps to the unimplemented handler",
			    nr, def->name);
	if (kind >= 0 && kind != def->fault)
		return fail(r, ROM_ERR_IMPL_FAULT_KIND,
			    "slot %u (%s) has the %s pattern, calls.def says %s",
			    nr, def->name, fault_kind_name(kind),
			    fault_kind_name(def->fault));
	if (kind < 0) {
		hex_bytes(s, def->fault == ROM_FAULT_NOFAULT ? ROM_JMP_LEN :
			  VMIX_SLOT_FALLIBLE_LEN, hex);
		return fail(r, ROM_ERR_IMPL_PATTERN,
			    "slot %u (%s, %s in calls.def) is %s, expected %s",
			    nr, def->name,
			    def->fault == ROM_FAULT_NOFAULT ? "NOFAULT" :
			    def->fault == ROM_FAULT_GP ? "GP" : "GPV",
			    hex, fault_kind_pattern(def->fault));
	}
	if (kind == ROM_FAULT_NOFAULT) {
		to = rel_target(s, nr, 1, ROM_JMP_LEN);
		end = ROM_JMP_LEN;
	} else {
		to = rel_target(s, nr, ROM_FALLIBLE_CALL_REL,
				ROM_FALLIBLE_CALL_END);
		end = VMIX_SLOT_FALLIBLE_LEN;
	}
	if (to < ROM_SLOT_TABLE_SIZE || to >= (int64_t)len ||
	    to == pv->unimpl_off || to == pv->fault_off)
		return fail(r, ROM_ERR_IMPL_TARGET,
			    "slot %u (%s) %s 0x%llx: %s",
			    nr, def->name,
			    kind == ROM_FAULT_NOFAULT ? "jumps to" : "calls",
			    (long long)to,
			    to == pv->unimpl_off ? "the unimplemented handler" :
			    to == pv->fault_off ? "the #GP injection" :
			    "not in the image past the slot table");
	if (kind != ROM_FAULT_NOFAULT) {
		to = rel_target(s, nr, ROM_FALLIBLE_JNZ_REL,
				ROM_FALLIBLE_JNZ_END);
		if (to != pv->fault_off)
			return fail(r, ROM_ERR_IMPL_FAULT_TARGET,
				    "slot %u (%s) branches on failure to 0x%llx, not to the #GP injection at 0x%x",
				    nr, def->name, (long long)to,
				    pv->fault_off);
	}
	return check_padding(s, nr, def->name, end, r);
}

static int check_call_slot(const uint8_t *img, size_t len, unsigned int nr,
			   const struct rom_priv *pv,
			   struct rom_check_report *r)
{
	const struct rom_def_call *def = &rom_defs[nr];
	const uint8_t *field = img + pv->names_off + nr * VMIX_NAME_LEN;
	uint8_t st = img[pv->status_off + nr];
	char text[VMIX_NAME_LEN + 1];

	if (!def->name)			/* a hole in calls.def */
		return fail(r, ROM_ERR_STATUS_MISMATCH,
			    "calls.def has no call %u", nr);
	if (st != VMIX_CALL_IMPL && st != VMIX_CALL_NONE)
		return fail(r, ROM_ERR_STATUS_INVALID,
			    "status of call %u (%s) is %u, expected %u (implemented) or %u (not-implemented)",
			    nr, def->name, st, VMIX_CALL_IMPL, VMIX_CALL_NONE);
	if (st != def->status)
		return fail(r, ROM_ERR_STATUS_MISMATCH,
			    "call %u (%s) is %s in the image but %s in calls.def",
			    nr, def->name, rom_status_name(st),
			    rom_status_name(def->status));
	if (!name_equals(field, def->name)) {
		name_text(field, text);
		return fail(r, ROM_ERR_NAME_MISMATCH,
			    "name of call %u is \"%s\"%s, calls.def says \"%s\"",
			    nr, text,
			    strcmp(text, def->name) ? "" :
			    " with non-zero padding", def->name);
	}
	if (st == VMIX_CALL_NONE)
		return check_unimpl_slot(img, nr, def->name, pv, r);
	return check_impl_slot(img, len, nr, def, pv, r);
}

static int check_slots(const uint8_t *img, size_t len,
		       const struct rom_priv *pv, struct rom_check_report *r)
{
	unsigned int nr;
	int err;

	for (nr = 0; nr < VMI_NR_SLOTS; nr++) {
		if (nr < ROM_FIRST_CALL || nr >= VMI_NR_CALLS) {
			err = check_reserved_slot(img, nr, pv, r);
		} else {
			err = check_call_slot(img, len, nr, pv, r);
			if (!err && r) {
				if (rom_defs[nr].status == VMIX_CALL_IMPL)
					r->nr_impl++;
				else
					r->nr_none++;
			}
		}
		if (err)
			return err;
	}
	return ROM_OK;
}

int rom_check(const uint8_t *img, size_t len, struct rom_check_report *r)
{
	struct rom_priv pv;
	int err;

	if (r)
		memset(r, 0, sizeof(*r));
	err = check_bios(img, len, r);
	if (!err)
		err = check_vmi(img, r);
	if (!err)
		err = check_header(img, r);
	if (!err)
		err = check_pcir(img, len, 1, r);
	if (!err)
		err = check_pnp(img, len, 1, r);
	if (!err)
		err = check_priv(img, len, &pv, r);
	if (!err)
		err = check_slots(img, len, &pv, r);
	if (err)
		return err;
	return fail(r, ROM_OK, "ok");
}

int rom_seal_report(uint8_t *img, size_t len, size_t cap, size_t *out_len,
		    struct rom_check_report *r)
{
	size_t padded = (len / ROM_UNIT + 1) * ROM_UNIT;
	uint8_t *pci, *pnp;
	size_t pnp_len;
	int err;

	if (r)
		memset(r, 0, sizeof(*r));
	if (len < VMI_HEADER_SIZE)
		return fail(r, ROM_ERR_TOO_SHORT,
			    "raw image too short: %zu bytes (the VMI header alone is %u)",
			    len, VMI_HEADER_SIZE);
	if (img[0] != 0x55 || img[1] != 0xaa)
		return fail(r, ROM_ERR_SIGNATURE,
			    "bad ROM signature: bytes 0,1 are 0x%02x 0x%02x (expected 0x55 0xaa)",
			    img[0], img[1]);
	if (padded > ROM_MAX_SIZE)
		return fail(r, ROM_ERR_SEAL_TOO_BIG,
			    "raw image of %zu bytes pads to %zu (romLength %zu), more than the 0x%x-byte window 0x%x-0x%x holds",
			    len, padded, padded / ROM_UNIT, ROM_MAX_SIZE,
			    VMI_ROM_WINDOW_START, VMI_ROM_WINDOW_END);
	if (padded > cap)
		return fail(r, ROM_ERR_SEAL_CAP,
			    "sealing needs a %zu-byte buffer, only %zu available",
			    padded, cap);
	/* PCIR and $PnP must lie in the raw part, not in the padding. */
	err = check_pcir(img, len, 0, r);
	if (!err)
		err = check_pnp(img, len, 0, r);
	if (err)
		return err;

	memset(img + len, 0, padded - len);
	img[VMI_HDR_ROM_LENGTH] = (uint8_t)(padded / ROM_UNIT);
	pci = img + get16(img + VMI_HDR_PCI_OFF);
	put16(pci + ROM_PCIR_IMAGE_LEN, (uint16_t)(padded / ROM_UNIT));
	pnp = img + get16(img + VMI_HDR_PNP_OFF);
	pnp_len = (size_t)pnp[ROM_PNP_LENGTH] * 16;
	pnp[ROM_PNP_CHECKSUM] = 0;
	pnp[ROM_PNP_CHECKSUM] = (uint8_t)-sum8(pnp, pnp_len);
	img[padded - 1] = (uint8_t)-sum8(img, padded - 1);
	if (out_len)
		*out_len = padded;
	return fail(r, ROM_OK, "ok");
}

int rom_seal(uint8_t *img, size_t len, size_t cap, size_t *out_len)
{
	return rom_seal_report(img, len, cap, out_len, NULL);
}

int rom_get_call(const uint8_t *img, size_t len, unsigned int nr,
		 struct rom_call *c)
{
	struct rom_priv pv;

	if (nr >= VMI_NR_SLOTS || read_priv(img, len, &pv) ||
	    !in_range(pv.names_off, NAMES_SIZE, len) ||
	    !in_range(pv.status_off, STATUS_SIZE, len))
		return -1;
	c->nr = nr;
	memcpy(c->name, img + pv.names_off + nr * VMIX_NAME_LEN,
	       VMIX_NAME_LEN);
	c->name[VMIX_NAME_LEN] = '\0';
	c->status = img[pv.status_off + nr];
	return 0;
}
