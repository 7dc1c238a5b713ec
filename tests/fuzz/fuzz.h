/*
 * fuzz.h: shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c).
 *
 * A harness is one file defining LLVMFuzzerTestOneInput; the Makefile
 * finds it by its name, builds it with clang -fsanitize=fuzzer,address,
 * undefined against the core and the command line, and `make fuzz` runs
 * it with seeds from tests/fuzz/seeds/NAME/ and ../shared/corpus/NAME/.
 * run.sh passes -close_fd_mask=3, so the code's own messages are muted
 * while libFuzzer's reports still show. A harness checks properties with FUZZ_ASSERT, which aborts (a finding)
 * with the failed condition.
 */
#ifndef KITH_FUZZ_H
#define KITH_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* The input as a NUL-terminated string (cut at its first NUL); free it. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
