/*
 * sqlfunc.c: the SQL functions kith's schema and queries call
 * (kith_today, kith_now, kith_fold, kith_honorific, kith_value_key),
 * registered on every connection by db_sql_init().
 */
#include "internal.h"

#include <stdlib.h>

#include "kith/contact.h"
#include "kith/date.h"
#include "kith/fold.h"


static void
sql_kith_today(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[KDATE_STR];

	(void)argc;
	(void)argv;
	kdate_format(kdate_today(), buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* FNV-1a, 64 bits, of a text's bytes: import_extra.value_key (migration 9). */
static void
sql_kith_value_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *s = sqlite3_value_text(argv[0]);
	int n = sqlite3_value_bytes(argv[0]);
	uint64_t h = 14695981039346656037u;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	for (int i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211u;
	sqlite3_result_int64(ctx, (sqlite3_int64)h);
}

static void
sql_kith_now(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char buf[KDATETIME_STR];
	struct kdatetime t = kdate_now();

	(void)argc;
	(void)argv;
	t.has_time = true;
	kdatetime_format(t, buf);
	sqlite3_result_text(ctx, buf, -1, SQLITE_TRANSIENT);
}

/* kith_fold(text): the folded form of a name (src/util/fold.c), for migrations
   that re-fold stored keys. */
static void
sql_kith_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *t = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	sqlite3_result_text(ctx, fold_text((const char *)t), -1, free);
}

/* kith_honorific(name): the honorifics a display name starts with ("Cllr."),
   or '' (contact_honorific_len). */
static void
sql_kith_honorific(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	size_t n = contact_honorific_len(t, NULL);

	(void)argc;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	sqlite3_result_text(ctx, t ? t : "", (int)n, SQLITE_TRANSIENT);
}


void
db_sql_init(sqlite3 *h)
{
	sqlite3_create_function(h, "kith_today", 0, SQLITE_UTF8, NULL, sql_kith_today, NULL, NULL);
	sqlite3_create_function(h, "kith_now", 0, SQLITE_UTF8, NULL, sql_kith_now, NULL, NULL);
	sqlite3_create_function(h, "kith_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				sql_kith_fold, NULL, NULL);
	sqlite3_create_function(h, "kith_honorific", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				NULL, sql_kith_honorific, NULL, NULL);
	sqlite3_create_function(h, "kith_value_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				NULL, sql_kith_value_key, NULL, NULL);
}
