// SPDX-License-Identifier: GPL-2.0
/*
 * romtool.c - host tool for the vmi-xen ROM image.
 *
 *   romtool verify IMAGE     check an image (rom_check)
 *   romtool seal RAW OUT     pad and checksum the objcopy output, verify it
 *   romtool list IMAGE       calls 4-84 as the image lists them
 *   romtool info IMAGE       one line: "image <len> bytes, state <size> bytes
 *                            at <state_va>, text at <image_va>" (decimal
 *                            sizes, 0x-prefixed addresses) for a verified
 *                            image; nothing on stdout for a bad one
 *   romtool calls-md         docs/calls.md, generated from shim/calls.def
 *                            (status, fault kind, implementing file, Xen)
 *
 * A bad image is reported as "romtool: FILE: ROM_ERR_<NAME>: what is wrong".
 * Exit status: 0 ok, 1 bad image, 2 usage or I/O error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rom-layout/romtool/rom_check.h"

#define EXIT_BAD	1
#define EXIT_USAGE	2

/* Largest file romtool reads: well past anything that could be valid. */
#define MAX_FILE	(4u << 20)

struct md_call {
	unsigned int nr;
	const char *name;
	const char *conv;
	const char *status;
	const char *fault;
	const char *file;
	const char *xen;
};

#define VMI_CALL(nr, name, conv, st, fault, file, ret, args, xen) \
	{ nr, #name, #conv, #st, #fault, file, xen },
static const struct md_call md_calls[] = {
#include "shim/calls.def"
};
#undef VMI_CALL

#define NR_MD_CALLS (sizeof(md_calls) / sizeof(md_calls[0]))

static int usage(void)
{
	fprintf(stderr,
		"usage: romtool verify IMAGE\n       romtool seal RAW OUT\n       romtool list IMAGE\n       romtool info IMAGE\n       romtool calls-md\n");
	return EXIT_USAGE;
}

/*
 * Read a whole file into a buffer with room for extra more bytes.
 * Returns NULL (message printed) on error.
 */
static uint8_t *read_file(const char *path, size_t extra, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f) {
		fprintf(stderr, "romtool: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	buf = malloc(MAX_FILE + 1 + extra);
	if (!buf) {
		fprintf(stderr, "romtool: %s: out of memory\n", path);
		fclose(f);
		return NULL;
	}
	n = fread(buf, 1, MAX_FILE + 1, f);
	if (ferror(f)) {
		fprintf(stderr, "romtool: %s: read error\n", path);
		goto fail;
	}
	if (n > MAX_FILE) {
		fprintf(stderr, "romtool: %s: larger than %u bytes\n",
			path, MAX_FILE);
		goto fail;
	}
	fclose(f);
	*len = n;
	return buf;
fail:
	fclose(f);
	free(buf);
	return NULL;
}

static int write_file(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f) {
		fprintf(stderr, "romtool: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "romtool: %s: write error\n", path);
		remove(path);
		return -1;
	}
	return 0;
}

/*
 * Read path and check it: the image (to free) and 0, or the image and
 * EXIT_BAD with the defect printed, or NULL and EXIT_USAGE when unreadable.
 */
static uint8_t *read_checked(const char *path, size_t *len,
			     struct rom_check_report *r, int *ret)
{
	uint8_t *img = read_file(path, 0, len);

	*ret = 0;
	if (!img) {
		*ret = EXIT_USAGE;
		return NULL;
	}
	if (rom_check(img, *len, r)) {
		fprintf(stderr, "romtool: %s: %s: %s\n", path,
			rom_error_name(r->error), r->msg);
		*ret = EXIT_BAD;
	}
	return img;
}

/* read_checked for the report alone: 0, EXIT_BAD or EXIT_USAGE. */
static int check_only(const char *path, struct rom_check_report *r)
{
	size_t len;
	int ret;

	free(read_checked(path, &len, r, &ret));
	return ret;
}

static int cmd_verify(const char *path)
{
	struct rom_check_report r;
	int ret = check_only(path, &r);

	if (ret)
		return ret;
	printf("romtool: %s: ok (API %u.%u, %zu bytes, %u implemented, %u not implemented)\n",
	       path, r.api_major, r.api_minor, r.length, r.nr_impl,
	       r.nr_none);
	return 0;
}

static int cmd_seal(const char *raw, const char *out)
{
	struct rom_check_report r;
	uint8_t *img;
	size_t len, sealed;
	int ret;

	img = read_file(raw, ROM_UNIT, &len);
	if (!img)
		return EXIT_USAGE;
	if (rom_seal_report(img, len, len + ROM_UNIT, &sealed, &r)) {
		fprintf(stderr, "romtool: %s: %s: %s\n", raw,
			rom_error_name(r.error), r.msg);
		free(img);
		return EXIT_BAD;
	}
	ret = write_file(out, img, sealed);
	free(img);
	if (ret)
		return EXIT_USAGE;
	ret = cmd_verify(out);
	if (ret)
		remove(out);	/* leave no bad image for make to trust */
	return ret;
}

static int cmd_list(const char *path)
{
	struct rom_check_report r;
	struct rom_call c;
	unsigned int nr;
	uint8_t *img;
	size_t len;
	int ret = 0;

	img = read_checked(path, &len, &r, &ret);
	if (!img)
		return ret;
	for (nr = ROM_FIRST_CALL; nr < VMI_NR_CALLS; nr++) {
		if (rom_get_call(img, len, nr, &c)) {
			fprintf(stderr, "romtool: %s: cannot read the call tables\n",
				path);
			ret = EXIT_BAD;
			break;
		}
		printf("%u %s %s\n", c.nr, c.name[0] ? c.name : "?",
		       rom_status_name(c.status));
	}
	free(img);
	return ret;
}

/* Where the image and its state live, from a verified image only. */
static int cmd_info(const char *path)
{
	struct rom_check_report r;
	int ret = check_only(path, &r);

	if (ret)
		return ret;
	printf("image %zu bytes, state %u bytes at 0x%08x, text at 0x%08x\n",
	       r.length, (unsigned int)r.state_size, (unsigned int)r.state_va,
	       (unsigned int)r.image_va);
	return ferror(stdout) ? EXIT_USAGE : 0;
}

/* A calls.def string as a Markdown table cell: escape | * < */
static void md_cell(const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '<')
			putchar('\\');
		putchar(*s);
	}
}

/* The Fault column: what a failing call does at its call site. */
static const char *md_fault(const char *fault)
{
	if (!strcmp(fault, "GP"))
		return "#GP";
	if (!strcmp(fault, "GPV"))
		return "#GP (value in EAX, status in EDX)";
	return "-";
}

static int cmd_calls_md(void)
{
	unsigned int i, nr_impl = 0, nr_none = 0, nr_regparm = 0;
	unsigned int nr_gp = 0, nr_gpv = 0;
	const struct md_call *c;

	printf("# VMI calls (ROM API %u.%u) on Xen\n\n",
	       VMI_API_REV_MAJOR, VMI_API_REV_MINOR);
	printf("This file is generated by `romtool calls-md` from `shim/calls.def`; do not edit it, edit `shim/calls.def` and regenerate.\n\n");

	printf("## Conventions\n\n");
	printf("Each call N has a 32-byte slot at ROM offset N*32; slots 0-%u hold the ROM header and slots %u-%u are reserved.\n\n",
	       ROM_FIRST_CALL - 1, VMI_NR_CALLS, VMI_NR_SLOTS - 1);
	printf("- **REGPARM**: the C prototype of the spec's Appendix B, called with `regparm(3)`: arguments in EAX, EDX, ECX, then at 4(%%esp) and up; 64-bit values in EDX:EAX; clobbers EAX, ECX, EDX and flags.\n");
	printf("- **CUSTOM**: a register convention of its own, given with the call in the spec's Appendix A. The spec says:\n\n  > Many of these calls are compatible with the SVR4 C call ABI, using up to three register arguments. Some calls are not, due to restrictions of the native instruction set. Calls which diverge from this ABI are noted.\n\n");
	printf("- **implemented**: the slot enters the shim's implementation, `vmi_<Call>` in the file named under *Implemented in*.\n");
	printf("- **not implemented**: the slot pushes the call number and jumps to a common handler that reports `vmi: call <name> (<n>) not implemented` and crashes the domain. Reserved slots %u-%u behave the same way.\n\n",
	       VMI_NR_CALLS, VMI_NR_SLOTS - 1);

	printf("The *Fault* column says what an implemented call does with input it cannot honour:\n\n");
	printf("- **-**: the call cannot fail; its slot is a plain `jmp vmi_<Call>`.\n");
	printf("- **#GP**: the call is fallible. Its slot calls `vmi_<Call>` (passing the first stack argument on) and tests the status it returns in EAX. 0: the slot returns to the caller. Nonzero: `vmi_<Call>` has printed `vmi: <Call>(<arguments>): <reason>; injecting #GP` and changed nothing, and the slot injects #GP(0) at the call: the guest's #GP handler runs with a same-privilege frame whose EIP is the call's return address (`docs/decisions.md`, \"Bad input from the guest\").\n");
	printf("- **#GP (value in EAX, status in EDX)**: the same for a call that returns a value: `vmi_<Call>` returns the value in EAX and the status in EDX, and the slot tests EDX.\n\n");
	printf("`romtool verify` checks that every slot of an image holds exactly the pattern of its call's status and fault kind (`rom-layout/rom_private.h`).\n\n");

	printf("## Calls\n\n");
	printf("| N | Call | Convention | Status | Fault | Implemented in | Xen mapping |\n");
	printf("|---:|---|---|---|---|---|---|\n");
	for (i = 0; i < NR_MD_CALLS; i++) {
		c = &md_calls[i];
		printf("| %u | %s | %s | %s | %s | ", c->nr, c->name, c->conv,
		       strcmp(c->status, "IMPL") ? "not implemented" :
		       "implemented", md_fault(c->fault));
		if (c->file[0])
			printf("`%s`", c->file);	/* a path: no escapes */
		printf(" | ");
		md_cell(c->xen);
		printf(" |\n");
		if (!strcmp(c->status, "IMPL"))
			nr_impl++;
		else
			nr_none++;
		if (!strcmp(c->conv, "REGPARM"))
			nr_regparm++;
		if (!strcmp(c->fault, "GP"))
			nr_gp++;
		else if (!strcmp(c->fault, "GPV"))
			nr_gpv++;
	}

	printf("\n## Counts\n\n");
	printf("- %u calls (%u-%u): %u implemented, %u not implemented.\n",
	       (unsigned int)NR_MD_CALLS, ROM_FIRST_CALL, VMI_NR_CALLS - 1,
	       nr_impl, nr_none);
	printf("- %u REGPARM, %u CUSTOM.\n", nr_regparm,
	       (unsigned int)NR_MD_CALLS - nr_regparm);
	printf("- %u fallible: %u #GP, %u #GP with a value.\n",
	       nr_gp + nr_gpv, nr_gp, nr_gpv);
	printf("- %u reserved slots (%u-%u) after the header slots (0-%u).\n",
	       VMI_NR_SLOTS - VMI_NR_CALLS, VMI_NR_CALLS,
	       VMI_NR_SLOTS - 1, ROM_FIRST_CALL - 1);
	return ferror(stdout) ? EXIT_USAGE : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "verify"))
		return cmd_verify(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "seal"))
		return cmd_seal(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "list"))
		return cmd_list(argv[2]);
	if (argc == 3 && !strcmp(argv[1], "info"))
		return cmd_info(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "calls-md"))
		return cmd_calls_md();
	return usage();
}
