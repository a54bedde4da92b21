// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_rom_check.c - libFuzzer target for the ROM verifier
 * (rom-layout/romtool/rom_check.c).
 *
 * Each input is an image.  The verifier must never read or write outside
 * it (ASan), never hit undefined behaviour (UBSan) and always give a
 * verdict that agrees with itself.  Three passes per input:
 *
 *   1. rom_check() on the bytes as they are;
 *   2. rom_check() on a copy whose romLength byte and last byte are
 *      repaired (romLength = size / 512 when that fits, the 8-bit sum made
 *      0), so that mutations get past the length and checksum checks and
 *      reach the header, private block and slot checks;
 *   3. rom_seal_report() on a copy treated as the raw objcopy output, then,
 *      when it seals, the sealed image's own promises and rom_check() on
 *      it.
 *
 * Invariants asserted (abort() -> libFuzzer reports a crash):
 *   - rom_check() returns ROM_OK or a known ROM_ERR_* and the report says
 *     the same, with a NUL-terminated, non-empty message; the same verdict
 *     without a report (r == NULL);
 *   - the input is not modified by rom_check();
 *   - ROM_OK only for an image of romLength * 512 bytes, a multiple of 512
 *     within the window, summing to 0, with "cVmi" and API major 13, and
 *     nr_impl + nr_none == the 81 listed calls;
 *   - rom_seal_report() OK: sealed length a multiple of 512, longer than the
 *     raw image, at most the window, romLength and the PCI image length
 *     equal to it, the image sums to 0, the PnP header sums to 0, PCIR and
 *     $PnP lie in the raw part and the padding is zero, and rom_check() of
 *     the result fails on none of what sealing sets; not OK: nothing
 *     written.
 *
 * Build and run: `make fuzz` (tests/fuzz/fuzz.mk); seeds in
 * build/fuzz/seed/fuzz_rom_check/ (tests/fuzz/seeds.py).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rom-layout/romtool/rom_check.h"

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static uint8_t sum8(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s = (uint8_t)(s + *p++);
	return s;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* rom_check() on img[0..len), with the invariants every verdict keeps. */
static int check(const uint8_t *img, size_t len)
{
	struct rom_check_report r;
	size_t msg_len;
	int ret, again;

	ret = rom_check(img, len, &r);
	CHECK(ret >= ROM_OK && ret < ROM_ERR_COUNT);
	CHECK(ret != ROM_ERR_SEAL_TOO_BIG && ret != ROM_ERR_SEAL_CAP);
	CHECK(r.error == ret);
	CHECK(strcmp(rom_error_name(ret), "ROM_ERR_?") != 0);
	msg_len = strnlen(r.msg, sizeof(r.msg));
	CHECK(msg_len > 0 && msg_len < sizeof(r.msg));
	again = rom_check(img, len, NULL);
	CHECK(again == ret);
	if (ret == ROM_OK) {
		CHECK(strcmp(r.msg, "ok") == 0);
		CHECK(len % ROM_UNIT == 0 && len >= ROM_SLOT_TABLE_SIZE &&
		      len <= ROM_MAX_SIZE);
		CHECK(r.length == len && img[VMI_HDR_ROM_LENGTH] * 512u == len);
		CHECK(sum8(img, len) == 0);
		CHECK(img[0] == 0x55 && img[1] == 0xaa);
		CHECK(memcmp(img + VMI_HDR_VMI_SIG, "cVmi", 4) == 0);
		CHECK(r.api_major == VMI_API_REV_MAJOR);
		CHECK(r.nr_impl + r.nr_none == VMI_NR_CALLS - ROM_FIRST_CALL);
	}
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap = size + ROM_UNIT, sealed = 0, i;
	struct rom_check_report r;
	uint8_t *copy, *orig;
	struct rom_call c;
	unsigned int nr;
	int ret;

	/* 1. as it is; rom_check() must leave it alone */
	orig = malloc(size ? size : 1);
	CHECK(orig);
	memcpy(orig, data, size);
	check(data, size);
	CHECK(memcmp(orig, data, size) == 0);
	for (nr = 0; nr <= VMI_NR_SLOTS; nr++)
		if (rom_get_call(data, size, nr, &c) == 0)
			CHECK(nr < VMI_NR_SLOTS && c.nr == nr &&
			      strlen(c.name) <= VMIX_NAME_LEN &&
			      rom_status_name(c.status) != NULL);

	/*
	 * 2. length byte and checksum repaired.  An exact-size buffer, so
	 * that ASan sees any read past the end.
	 */
	copy = malloc(cap);
	CHECK(copy);
	memcpy(copy, data, size);
	if (size > VMI_HDR_ROM_LENGTH && size % ROM_UNIT == 0 &&
	    size / ROM_UNIT <= 0xff)
		copy[VMI_HDR_ROM_LENGTH] = (uint8_t)(size / ROM_UNIT);
	if (size) {
		copy[size - 1] = 0;
		copy[size - 1] = (uint8_t)-sum8(copy, size - 1);
	}
	check(copy, size);

	/* 3. the input as a raw image to seal */
	memcpy(copy, data, size);
	memset(copy + size, 0xa5, cap - size);
	ret = rom_seal_report(copy, size, cap, &sealed, &r);
	CHECK(ret >= ROM_OK && ret < ROM_ERR_COUNT && r.error == ret);
	CHECK(strnlen(r.msg, sizeof(r.msg)) < sizeof(r.msg) && r.msg[0]);
	if (ret != ROM_OK) {
		CHECK(memcmp(copy, data, size) == 0);	/* nothing written */
		for (i = size; i < cap; i++)
			CHECK(copy[i] == 0xa5);
	} else {
		uint16_t pnp = get16(copy + VMI_HDR_PNP_OFF);
		uint16_t pci = get16(copy + VMI_HDR_PCI_OFF);

		CHECK(sealed % ROM_UNIT == 0 && sealed > size &&
		      sealed <= cap && sealed <= ROM_MAX_SIZE);
		CHECK(copy[VMI_HDR_ROM_LENGTH] * (size_t)ROM_UNIT == sealed);
		CHECK(get16(copy + pci + ROM_PCIR_IMAGE_LEN) ==
		      sealed / ROM_UNIT);
		CHECK(sum8(copy + pnp, copy[pnp + ROM_PNP_LENGTH] * 16u) == 0);
		CHECK(sum8(copy, sealed) == 0);
		/* PCIR and $PnP lie in the raw part: the padding is zero */
		CHECK(pci + (size_t)ROM_PCIR_SIZE <= size &&
		      pnp + (size_t)ROM_PNP_SIZE <= size);
		for (i = size; i + 1 < sealed; i++)
			CHECK(copy[i] == 0);
		for (i = sealed; i < cap; i++)
			CHECK(copy[i] == 0xa5);
		ret = check(copy, sealed);
		CHECK(ret != ROM_ERR_CHECKSUM && ret != ROM_ERR_LENGTH_ZERO &&
		      ret != ROM_ERR_LENGTH_MISMATCH &&
		      ret != ROM_ERR_TOO_BIG && ret != ROM_ERR_SIGNATURE &&
		      ret != ROM_ERR_PCI_IMAGE_LEN &&
		      ret != ROM_ERR_PNP_CHECKSUM);
	}
	free(copy);
	free(orig);
	return 0;
}
