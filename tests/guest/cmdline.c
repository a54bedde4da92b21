// SPDX-License-Identifier: GPL-2.0
/*
 * cmdline.c - parses the space-separated Multiboot command line into
 * struct guest_options.  Unknown words (such as the kernel path a loader
 * puts first) are ignored.
 */
#include "cmdline.h"
#include "kstring.h"

static int word_is(const char *w, size_t len, const char *opt)
{
	size_t n = strlen(opt);

	return len == n && strncmp(w, opt, n) == 0;
}

static int parse_decimal(const char *s, size_t len, int *out)
{
	int v = 0;
	size_t i;

	if (len == 0 || len > 9)
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

void cmdline_parse(const char *cmdline, struct guest_options *opts)
{
	static const char unimpl[] = "unimpl=", only[] = "only=";
	static const char stolen[] = "stolen=min:";
	const size_t unimpl_len = sizeof(unimpl) - 1;
	const size_t stolen_len = sizeof(stolen) - 1;
	const size_t only_len = sizeof(only) - 1;
	const char *w = cmdline;
	size_t len;

	opts->exit_port = 0;
	opts->end = END_SHUTDOWN;
	opts->unimpl = -1;
	opts->crash_ud = 0;
	opts->rom_inplace = 0;
	opts->input_expect = 0;
	opts->stolen_min_pct = 0;
	opts->only = "";
	opts->only_len = 0;

	while (*w) {
		while (*w == ' ')
			w++;
		for (len = 0; w[len] && w[len] != ' '; len++)
			;
		if (word_is(w, len, "exit=port"))
			opts->exit_port = 1;
		else if (word_is(w, len, "end=reboot"))
			opts->end = END_REBOOT;
		else if (word_is(w, len, "end=shutdown"))
			opts->end = END_SHUTDOWN;
		else if (word_is(w, len, "end=hang"))
			opts->end = END_HANG;
		else if (word_is(w, len, "forge=poweroff"))
			opts->end = END_FORGE_POWEROFF;
		else if (word_is(w, len, "forge=reboot"))
			opts->end = END_FORGE_REBOOT;
		else if (word_is(w, len, "crash=ud"))
			opts->crash_ud = 1;
		else if (word_is(w, len, "rom=inplace"))
			opts->rom_inplace = 1;
		else if (word_is(w, len, "input=expect"))
			opts->input_expect = 1;
		else if (len > stolen_len && strncmp(w, stolen, stolen_len) == 0)
			parse_decimal(w + stolen_len, len - stolen_len,
				      &opts->stolen_min_pct);
		else if (len > unimpl_len && strncmp(w, unimpl, unimpl_len) == 0)
			parse_decimal(w + unimpl_len, len - unimpl_len,
				      &opts->unimpl);
		else if (len > only_len && strncmp(w, only, only_len) == 0) {
			opts->only = w + only_len;
			opts->only_len = len - only_len;
		}
		w += len;
	}
}
