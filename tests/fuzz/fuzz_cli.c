/*
 * fuzz_cli: the command line, whole. The input is split at NUL bytes into
 * arguments and run as `kith -d :memory: ARG...` (main() is kith_main in
 * the fuzz build), so option parsing, argument conversion (dates, ids,
 * words) and each command run against a fresh in-memory database.
 * Excluded: no command (that opens the planner on the terminal), and
 * `backup` and any -d/--db argument (they write files wherever the input
 * says).
 * Property: the exit status is 0, 1 or 2 (kith(1)).
 */
#include "fuzz.h"

int kith_main(int argc, char **argv);

#define MAX_ARGS 12

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 4];
	int argc = 0, rc;
	size_t i, start = 0;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "kith";
	argv[argc++] = "-d";
	argv[argc++] = ":memory:";
	for (i = 0; i <= size && argc < MAX_ARGS + 3; i++) {
		if (i == size || buf[i] == '\0') {
			argv[argc++] = buf + start;
			start = i + 1;
		}
	}
	argv[argc] = NULL;
	for (i = 3; i < (size_t)argc; i++) {
		if (!strncmp(argv[i], "-d", 2) || !strncmp(argv[i], "--db", 4)) {
			free(buf);
			return -1;
		}
	}
	if (argc < 4 || argv[3][0] == '-' || argv[3][0] == '\0' ||
	    strcmp(argv[3], "backup") == 0) {
		free(buf);
		return -1;      /* not added to the corpus */
	}
	setenv("KITH_TODAY", "2026-03-10", 1);
	setenv("HOME", "/nonexistent-kith-fuzz", 1);
	unsetenv("KITH_DB");
	rc = kith_main(argc, argv);
	FUZZ_ASSERT(rc == 0 || rc == 1 || rc == 2);
	free(buf);
	return 0;
}
