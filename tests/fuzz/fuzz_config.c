/*
 * fuzz_config: the configuration language (src/parse/kithrc.c; bind and
 * color in src/engine/config.c) through engine_config_text, on a fresh
 * engine each time over one in-memory database. Properties: bad lines
 * are counted and reported, and the engine still takes keys afterwards.
 */
#include "fuzz.h"

#include "kith/date.h"
#include "kith/db.h"
#include "kith/engine.h"

static struct kdb *db;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kith_err err;
	struct engine *e = NULL;
	char *s;
	int bad;

	if (!db) {
		setenv("KITH_TODAY", "2026-03-10", 1);
		setenv("HOME", "/nonexistent-kith-fuzz", 1);
		kdate_init_clock(NULL);
		if (kdb_open(":memory:", KDB_CREATE, &db, &err) != KITH_OK)
			abort();
	}
	s = fuzz_str(data, size);
	if (engine_new(db, "fuzz.db", &e, &err) != KITH_OK)
		abort();
	engine_layout(e, 20, 10, true);
	bad = engine_config_text(e, s, "fuzz.conf");
	FUZZ_ASSERT(bad >= 0);
	FUZZ_ASSERT((bad > 0) == (engine_config_errors(e)[0] != '\0'));
	engine_keys(e, "jjk<Tab>");
	(void)engine_view(e);
	engine_free(e);
	free(s);
	return 0;
}
