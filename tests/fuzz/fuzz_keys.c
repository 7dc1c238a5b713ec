/*
 * fuzz_keys: the key-sequence parser (src/engine/keymap.c, key_parse).
 * Property: a sequence it accepts prints (keyseq_name) as text that
 * parses back to the same keys.
 */
#include "fuzz.h"

#include "engine/core.h"
#include "kith/str.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct keyseq seq, back;
	struct strbuf name = { 0 };
	const char *why = NULL;
	int i;

	if (key_parse(s, &seq, &why)) {
		FUZZ_ASSERT(seq.n >= 1 && seq.n <= KEYSEQ_MAX);
		keyseq_name(&seq, &name);
		why = NULL;
		FUZZ_ASSERT(key_parse(sb_str(&name), &back, &why));
		FUZZ_ASSERT(back.n == seq.n);
		for (i = 0; i < seq.n; i++)
			FUZZ_ASSERT(key_eq(seq.k[i], back.k[i]));
		sb_free(&name);
	} else {
		FUZZ_ASSERT(why && why[0]);
	}
	free(s);
	return 0;
}
