// SPDX-License-Identifier: GPL-2.0
/*
 * test_xlate.c - guest descriptors and gates into Xen's forms
 * (shim/xlate.c), including malformed ones.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "shim/xlate.h"

/* Flat 4 GiB descriptors as a native kernel writes them. */
#define KCODE_LO	0x0000ffffu
#define KCODE_HI	0x00cf9a00u	/* P, DPL0, code, read, G, D */
#define KDATA_HI	0x00cf9200u	/* P, DPL0, data, write */
#define UCODE_HI	0x00cffa00u	/* DPL3 */

static void test_kernel_code_dpl_raised(void **state)
{
	const char *why;
	uint64_t out;

	(void)state;
	assert_int_equal(xlate_descriptor(KCODE_LO, KCODE_HI, &out, &why),
			 XLATE_OK);
	assert_int_equal((uint32_t)out, KCODE_LO);
	assert_int_equal((uint32_t)(out >> 32), 0x00cfba00u);	/* DPL1 */
	assert_int_equal(xlate_descriptor(KCODE_LO, KDATA_HI, &out, &why),
			 XLATE_OK);
	assert_int_equal((uint32_t)(out >> 32), 0x00cfb200u);
}

static void test_user_and_ring1_unchanged(void **state)
{
	const char *why;
	uint64_t out;

	(void)state;
	assert_int_equal(xlate_descriptor(KCODE_LO, UCODE_HI, &out, &why),
			 XLATE_OK);
	assert_int_equal((uint32_t)(out >> 32), UCODE_HI);
	assert_int_equal(xlate_descriptor(KCODE_LO, 0x00cfba00u, &out, &why),
			 XLATE_OK);
	assert_int_equal((uint32_t)(out >> 32), 0x00cfba00u);
}

static void test_not_present_passes(void **state)
{
	const char *why;
	uint64_t out;

	(void)state;
	assert_int_equal(xlate_descriptor(0x12345678, 0x00cf1a00u, &out, &why),
			 XLATE_OK);
	assert_int_equal(out, 0x00cf1a0012345678ull);
	assert_int_equal(xlate_descriptor(0, 0, &out, &why), XLATE_OK);
	assert_int_equal(out, 0);
}

static void test_tss_and_ldt_shadowed_null(void **state)
{
	const char *why;
	uint64_t out = 1;

	(void)state;
	/* 32-bit TSS available / busy, LDT */
	assert_int_equal(xlate_descriptor(0x10000067, 0x00008900u, &out, &why),
			 XLATE_SHADOW_NULL);
	assert_int_equal(out, 0);
	assert_int_equal(xlate_descriptor(0x10000067, 0x00008b00u, &out, &why),
			 XLATE_SHADOW_NULL);
	assert_int_equal(xlate_descriptor(0x2000003f, 0x00008200u, &out, &why),
			 XLATE_SHADOW_NULL);
}

static void test_malformed_refused(void **state)
{
	const char *why;
	uint64_t out;

	(void)state;
	/* 64-bit code segment */
	assert_int_equal(xlate_descriptor(KCODE_LO, 0x00af9a00u, &out, &why),
			 XLATE_BAD);
	assert_non_null(strstr(why, "64-bit"));
	/* interrupt gate and task gate in the GDT */
	assert_int_equal(xlate_descriptor(0x00081000, 0x00008e00u, &out, &why),
			 XLATE_BAD);
	assert_int_equal(xlate_descriptor(0x00280000, 0x00008500u, &out, &why),
			 XLATE_BAD);
	/* reserved system types 0x8, 0xa, 0xd */
	assert_int_equal(xlate_descriptor(0, 0x00008800u, &out, &why),
			 XLATE_BAD);
	assert_int_equal(xlate_descriptor(0, 0x00008a00u, &out, &why),
			 XLATE_BAD);
	assert_int_equal(xlate_descriptor(0, 0x00008d00u, &out, &why),
			 XLATE_BAD);
	/* 16-bit call gate */
	assert_int_equal(xlate_descriptor(0x00081000, 0x00008400u, &out, &why),
			 XLATE_BAD);
}

static void test_call_gate_selector_rpl(void **state)
{
	const char *why;
	uint64_t out;

	(void)state;
	assert_int_equal(xlate_descriptor(0x00081000, 0x0000ec00u, &out, &why),
			 XLATE_OK);
	assert_int_equal((uint32_t)out, 0x00091000u);	/* selector 0x08|1 */
}

static void test_interrupt_and_trap_gates(void **state)
{
	struct xlate_trap t;
	const char *why;

	(void)state;
	/* interrupt gate, DPL0, selector 0x08, handler 0x00123456 */
	assert_int_equal(xlate_gate(14, 0x00083456, 0x00128e00, &t, &why),
			 XLATE_OK);
	assert_int_equal(t.vector, 14);
	assert_int_equal(t.cs, 0x09);
	assert_int_equal(t.address, 0x00123456);
	assert_int_equal(t.flags, 5);		/* mask, DPL 0 raised to 1 */
	/* trap gate, DPL3 */
	assert_int_equal(xlate_gate(0x80, 0x00083456, 0x0012ef00, &t, &why),
			 XLATE_OK);
	assert_int_equal(t.flags, 3);
	assert_int_equal(t.vector, 0x80);
	/* selector already ring 1 / ring 3 kept */
	assert_int_equal(xlate_gate(3, 0x000b3456, 0x0012ef00, &t, &why),
			 XLATE_OK);
	assert_int_equal(t.cs, 0x0b);
}

static void test_not_present_gate_has_no_handler(void **state)
{
	struct xlate_trap t;
	const char *why;

	(void)state;
	assert_int_equal(xlate_gate(5, 0x00083456, 0x00120e00, &t, &why),
			 XLATE_OK);
	assert_int_equal(t.address, 0);
}

static void test_bad_gates(void **state)
{
	struct xlate_trap t;
	const char *why;

	(void)state;
	assert_int_equal(xlate_gate(256, 0x00083456, 0x00128e00, &t, &why),
			 XLATE_BAD);
	assert_non_null(strstr(why, "256"));
	assert_int_equal(xlate_gate(8, 0x00280000, 0x00008500, &t, &why),
			 XLATE_BAD);				/* task gate */
	assert_int_equal(xlate_gate(8, 0x00083456, 0x00128600, &t, &why),
			 XLATE_BAD);				/* 16-bit */
	assert_int_equal(xlate_gate(8, 0x00083456, 0x00128c00, &t, &why),
			 XLATE_BAD);				/* call gate */
	assert_int_equal(xlate_gate(8, 0x00080000, 0x00008e00, &t, &why),
			 XLATE_BAD);				/* address 0 */
}

static void test_descriptor_fields(void **state)
{
	(void)state;
	assert_int_equal(desc_base(0x1000ffff, 0x00cf9302), 0x00021000);
	assert_int_equal(desc_limit(0x1000ffff, 0x00cf9302), 0xffffffff);
	assert_int_equal(desc_limit(0x00000067, 0x00008900), 0x67);
	assert_int_equal(desc_type(0x00008900), 0x09);
	assert_int_equal(desc_type(0x00cf9300), 0x13);
	assert_true(desc_present(0x00008900));
	assert_false(desc_present(0x00000900));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_code_dpl_raised),
		cmocka_unit_test(test_user_and_ring1_unchanged),
		cmocka_unit_test(test_not_present_passes),
		cmocka_unit_test(test_tss_and_ldt_shadowed_null),
		cmocka_unit_test(test_malformed_refused),
		cmocka_unit_test(test_call_gate_selector_rpl),
		cmocka_unit_test(test_interrupt_and_trap_gates),
		cmocka_unit_test(test_not_present_gate_has_no_handler),
		cmocka_unit_test(test_bad_gates),
		cmocka_unit_test(test_descriptor_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
