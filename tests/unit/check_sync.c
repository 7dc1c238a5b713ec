/*
 * check_sync.c: replicas exchanging changes through a log, without git
 * (src/db/sync_db.c, kith/syncdb.h). The log here is an array; each sync
 * applies the entries a replica has not seen, then its own changes over
 * them, and appends what those changed, as io/sync.c does over git.
 */
#include "testutil.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/duplicate.h"
#include "kith/goal.h"
#include "kith/interaction.h"
#include "kith/review.h"
#include "kith/org.h"
#include "kith/syncdb.h"
#include "kith/types.h"

#define MAXLOG 64

static struct {
	uint32_t replica;
	char author[32];
	void *data;
	size_t len;
} logv[MAXLOG];
static int nlog;
static char *dir;

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
	nlog = 0;
}

static void
teardown(void)
{
	char cmd[4200];

	for (int i = 0; i < nlog; i++)
		free(logv[i].data);
	nlog = 0;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static struct kdb *
replica(const char *name, uint32_t r)
{
	struct kdb *db;
	struct kith_err err;
	char path[4200];

	snprintf(path, sizeof path, "%s/%s.db", dir, name);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &db, &err), KITH_OK);
	ck_assert_msg(kdb_replica_set(db, r, name, &err) == KITH_OK, "%s", err.msg);
	return db;
}

/* One sync of db (replica r, author name): returns the conflicts it found. */
static int
sync_db(struct kdb *db, uint32_t r, const char *name)
{
	struct kdb_entry remote[MAXLOG];
	struct kdb_sync_state s;
	struct kdb_sync_out out;
	struct kith_err err;
	size_t n = 0;

	ck_assert_int_eq(kdb_sync_state(db, &s, &err), KITH_OK);
	for (int64_t i = s.applied; i < nlog; i++)
		remote[n++] = (struct kdb_entry){ i + 1, logv[i].replica, logv[i].author,
						  logv[i].data, logv[i].len };
	ck_assert_msg(kdb_sync_apply(db, remote, n, &out, &err) == KITH_OK, "sync %s: %s", name,
		      err.msg);
	if (out.mine) {
		ck_assert_int_lt(nlog, MAXLOG);
		logv[nlog].replica = r;
		snprintf(logv[nlog].author, sizeof logv[nlog].author, "%s", name);
		logv[nlog].data = out.mine;
		logv[nlog].len = out.mine_len;
		nlog++;
	}
	ck_assert_int_eq(kdb_sync_done(db, nlog, out.outbox_upto, &err), KITH_OK);
	ck_assert_int_eq(kdb_sync_state(db, &s, &err), KITH_OK);
	ck_assert_int_eq(s.applied, nlog);
	ck_assert_int_eq(s.waiting, 0);
	return out.conflicts + out.reported;
}

/* Every shared table's rows, as text (a test's own read of the file). */
static char *
dump(struct kdb *db)
{
	static const char *const tables[] = {
		"organisation", "event", "contact", "contact_channel", "contact_nickname", "tag",
		"contact_tag", "role", "relationship", "attendance", "interaction",
		"interaction_contact", "followup", "power_map", "map_target", "placement",
		"placement_move", "import_extra", "concern", "promise", "promise_update",
		"promise_told", "goal",
	};
	sqlite3 *h;
	size_t cap = 1 << 16, len = 0;
	char *out = calloc(1, cap);

	ck_assert_int_eq(sqlite3_open(kdb_path(db), &h), SQLITE_OK);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char sql[128];
		sqlite3_stmt *st;
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
		ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);
				size_t n = strlen(tables[t]) + (v ? strlen(v) : 4) + 4;
				if (len + n >= cap)
					out = realloc(out, cap *= 2);
				len += (size_t)snprintf(out + len, cap - len, "%s|%s%c", tables[t],
							v ? v : "NULL", i + 1 < sqlite3_column_count(st)
							? ',' : '\n');
			}
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return out;
}

static void
same_data(struct kdb *a, struct kdb *b)
{
	char *x = dump(a), *y = dump(b);

	ck_assert_msg(!strcmp(x, y), "the replicas differ:\n%s\n----\n%s", x, y);
	free(x);
	free(y);
}

static int64_t
add_person(struct kdb *db, const char *name, const char *email, const char *phone)
{
	struct kith_channel em = { NULL, (char *)email }, ph = { NULL, (char *)phone };
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1,
				  .emails = &em, .n_emails = 1, .phones = &ph, .n_phones = 1 };
	struct kith_err err;
	int64_t id;

	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

/* Change a person's email or phone (NULL: keep it). */
static void
edit_person(struct kdb *db, int64_t id, const char *email, const char *phone)
{
	struct kith_contact c;
	struct kith_err err;

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	ck_assert_uint_eq(c.n_emails, 1);
	ck_assert_uint_eq(c.n_phones, 1);
	if (email) {
		free(c.emails[0].value);
		c.emails[0].value = strdup(email);
	}
	if (phone) {
		free(c.phones[0].value);
		c.phones[0].value = strdup(phone);
	}
	ck_assert_msg(contact_update(db, &c, &err) == KITH_OK, "%s", err.msg);
	contact_free(&c);
}

static void
has_channels(struct kdb *db, int64_t id, const char *email, const char *phone)
{
	struct kith_contact c;
	struct kith_err err;

	ck_assert_int_eq(contact_get(db, id, &c, &err), KITH_OK);
	ck_assert_uint_eq(c.n_emails, 1);
	ck_assert_uint_eq(c.n_phones, 1);
	ck_assert_str_eq(c.emails[0].value, email);
	ck_assert_str_eq(c.phones[0].value, phone);
	contact_free(&c);
}

/* A write in team mode goes to the outbox; a solo write does not. */
START_TEST(test_outbox)
{
	struct kith_err err;
	struct kdb_sync_state s;
	struct kdb *solo;
	struct kdb *a = replica("Ana", 1);
	char path[4200];

	add_person(a, "Dana Reyes", "dana@x.org", "555 0100");
	ck_assert_int_eq(kdb_sync_state(a, &s, &err), KITH_OK);
	ck_assert_int_eq(s.waiting, 1);
	snprintf(path, sizeof path, "%s/solo.db", dir);
	ck_assert_int_eq(kdb_open(path, KDB_CREATE, &solo, &err), KITH_OK);
	add_person(solo, "Dana Reyes", "dana@x.org", "555 0100");
	ck_assert_int_eq(kdb_sync_state(solo, &s, &err), KITH_OK);
	ck_assert_int_eq(s.waiting, 0);
	kdb_close(solo);
	kdb_close(a);
}
END_TEST

/* Ana's new email and Ben's new phone for the same person both survive. */
START_TEST(test_fields_merge)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2), *c;
	struct kdb_sync_state s;
	struct kith_err err;
	int64_t dana = add_person(a, "Dana Reyes", "dana@x.org", "555 0100");

	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 0);
	has_channels(b, dana, "dana@x.org", "555 0100");
	edit_person(a, dana, "dana@reyes.org", NULL);
	edit_person(b, dana, NULL, "555 0199");
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 0);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	has_channels(a, dana, "dana@reyes.org", "555 0199");
	has_channels(b, dana, "dana@reyes.org", "555 0199");
	same_data(a, b);
	ck_assert_int_eq(kdb_sync_state(b, &s, &err), KITH_OK);
	ck_assert_int_eq(s.unseen, 0);
	/* a newcomer applying the same entries in the same order has the same data */
	c = replica("Cy", 3);
	ck_assert_int_eq(sync_db(c, 3, "Cy"), 0);
	same_data(a, c);
	/* and the authors: Dana was added by Ana's replica */
	{
		char *who = kdb_key_author(c, dana);
		ck_assert_ptr_nonnull(who);
		ck_assert_str_eq(who, "Ana");
		free(who);
	}
	kdb_close(c);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* Both change the phone: one conflict, recorded where it was found; the later entry wins. */
START_TEST(test_same_field)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	struct kdb_conflict *cf;
	struct kdb_sync_state s;
	struct kith_err err;
	size_t n;
	int64_t dana = add_person(a, "Dana Reyes", "dana@x.org", "555 0100");

	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	edit_person(a, dana, NULL, "555 0111");
	edit_person(b, dana, NULL, "555 0222");
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 1);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	has_channels(a, dana, "dana@x.org", "555 0222");
	same_data(a, b);
	ck_assert_int_eq(kdb_conflicts(a, 10, &cf, &n, &err), KITH_OK);
	ck_assert_uint_eq(n, 0);
	kdb_conflicts_free(cf, n);
	ck_assert_int_eq(kdb_conflicts(b, 10, &cf, &n, &err), KITH_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cf[0].kind, "field");
	ck_assert_str_eq(cf[0].table, "contact_channel");
	ck_assert_str_eq(cf[0].column, "value");
	ck_assert_str_eq(cf[0].old, "555 0100");
	ck_assert_str_eq(cf[0].theirs, "555 0111");
	ck_assert_str_eq(cf[0].mine, "555 0222");
	ck_assert_str_eq(cf[0].winner, "mine");
	kdb_conflicts_free(cf, n);
	ck_assert_int_eq(kdb_sync_state(b, &s, &err), KITH_OK);
	ck_assert_int_eq(s.unseen, 1);
	ck_assert_int_eq(kdb_conflicts_seen(b, &err), KITH_OK);
	ck_assert_int_eq(kdb_sync_state(b, &s, &err), KITH_OK);
	ck_assert_int_eq(s.unseen, 0);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* Ana deletes an organisation while Ben adds a role at it: reported, not silently dropped. */
START_TEST(test_role_at_deleted_org)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	struct kith_org o = { .name = (char *)"Tenants' Union" };
	struct kith_role r = { .title = (char *)"Chair" };
	struct kdb_conflict *cf;
	struct kith_err err;
	size_t n;
	int64_t org, role;

	r.contact_id = add_person(a, "Dana Reyes", "dana@x.org", "555 0100");
	ck_assert_int_eq(org_add(a, &o, &org, &err), KITH_OK);
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	ck_assert_int_eq(org_delete(a, org, &err), KITH_OK);
	r.org_id = org;
	ck_assert_int_eq(role_add(b, &r, &role, &err), KITH_OK);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 1);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	same_data(a, b);
	ck_assert_int_eq(kdb_conflicts(b, 10, &cf, &n, &err), KITH_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cf[0].kind, "missing");
	ck_assert_str_eq(cf[0].table, "role");
	ck_assert_int_eq(cf[0].key, role);
	ck_assert_msg(strstr(cf[0].what, "organisation"), "%s", cf[0].what);
	kdb_conflicts_free(cf, n);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/*
** The other order: Ben's role reaches the log first, then Ana (who never
** saw it) deletes the organisation: her deletion takes the role with it
** (ON DELETE CASCADE). Both are told: Ana's sync records the role it
** deleted ("cascade"), Ben's the role he lost ("lost"), each named.
*/
START_TEST(test_role_cascade_reported)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	struct kith_org o = { .name = (char *)"Tenants' Union" };
	struct kith_role r = { .title = (char *)"Chair" };
	struct kdb_conflict *cf;
	struct kith_err err;
	size_t n;
	int64_t org, role;

	r.contact_id = add_person(a, "Dana Reyes", "dana@x.org", "555 0100");
	ck_assert_int_eq(org_add(a, &o, &org, &err), KITH_OK);
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	r.org_id = org;
	ck_assert_int_eq(role_add(b, &r, &role, &err), KITH_OK);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 0);
	ck_assert_int_eq(org_delete(a, org, &err), KITH_OK);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 1);
	ck_assert_int_eq(kdb_conflicts(a, 10, &cf, &n, &err), KITH_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cf[0].kind, "cascade");
	ck_assert_str_eq(cf[0].table, "role");
	ck_assert_int_eq(cf[0].key, role);
	ck_assert_msg(strstr(cf[0].what, "Dana Reyes's role at Tenants' Union"), "%s", cf[0].what);
	kdb_conflicts_free(cf, n);
	ck_assert_int_eq(sync_db(b, 2, "Ben"), 1);
	ck_assert_int_eq(kdb_conflicts(b, 10, &cf, &n, &err), KITH_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(cf[0].kind, "lost");
	ck_assert_int_eq(cf[0].key, role);
	ck_assert_msg(strstr(cf[0].what, "Dana Reyes's role at Tenants' Union"), "%s", cf[0].what);
	kdb_conflicts_free(cf, n);
	ck_assert_int_eq(sync_db(a, 1, "Ana"), 0);
	same_data(a, b);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* Nothing new on either side: a sync changes nothing and appends nothing. */
START_TEST(test_idle_sync)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	char *before;

	add_person(a, "Dana Reyes", "dana@x.org", "555 0100");
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	before = dump(b);
	ck_assert_int_eq(nlog, 1);
	sync_db(b, 2, "Ben");
	sync_db(a, 1, "Ana");
	ck_assert_int_eq(nlog, 1);
	{
		char *after = dump(b);
		ck_assert_str_eq(before, after);
		free(after);
	}
	free(before);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* An undo is a write: it goes to the outbox, and the team sees the row go. */
START_TEST(test_undo_is_shared)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	struct kith_contact c = { .display_name = (char *)"Eli Park", .cadence_days = -1 };
	struct kdb_change *ch;
	struct kith_err err;
	int64_t id;

	ck_assert_int_eq(kdb_record_changes(a, true, &err), KITH_OK);
	ck_assert_int_eq(contact_add(a, &c, &id, &err), KITH_OK);
	ch = kdb_change_take(a);
	ck_assert_ptr_nonnull(ch);
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	ck_assert_int_eq(contact_get(b, id, &c, &err), KITH_OK);
	contact_free(&c);
	ck_assert_int_eq(kdb_change_apply(a, ch, true, &err), KITH_OK);
	kdb_change_free(ch);
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	ck_assert_int_eq(contact_get(b, id, &c, &err), KITH_NOTFOUND);
	same_data(a, b);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/* Every table of the schema is shared, derived or local: a new one must be named. */
START_TEST(test_table_kinds)
{
	struct kdb *a = replica("Ana", 1);
	sqlite3 *h;
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_open(kdb_path(a), &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT name FROM sqlite_schema WHERE type = "
					    "'table' AND name NOT LIKE 'sqlite%'", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		ck_assert_msg(kdb_table_kind(t) != KDB_TABLE_UNKNOWN, "table %s is not named shared, "
			      "derived or local (src/db/sync_snap.c, sync_key.c)", t);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	ck_assert_int_eq(kdb_table_kind("contact"), KDB_TABLE_SHARED);
	ck_assert_int_eq(kdb_table_kind("contact_fts_data"), KDB_TABLE_DERIVED);
	ck_assert_int_eq(kdb_table_kind("review_action"), KDB_TABLE_LOCAL);
	ck_assert_int_eq(kdb_table_kind("a_table_of_tomorrow"), KDB_TABLE_UNKNOWN);
	kdb_close(a);
}
END_TEST

static void
exec_sql(struct kdb *db, const char *sql)
{
	sqlite3 *h;
	char *e = NULL;

	ck_assert_int_eq(sqlite3_open(kdb_path(db), &h), SQLITE_OK);
	ck_assert_msg(sqlite3_exec(h, sql, NULL, NULL, &e) == SQLITE_OK, "%s: %s", sql, e);
	sqlite3_close(h);
}

/*
** The snapshot file: the shared tables and what triggers derive from
** them, none of a replica's own rows (not even in freed pages); taken by
** a newcomer, whose own number and author stay, it gives the same data.
*/
START_TEST(test_snapshot_file)
{
	struct kith_err err;
	struct kdb *a = replica("Ana", 1), *c;
	struct kdb_sync_state s;
	char snap[4200], cmd[16384];
	int64_t dana, upto = -1;
	uint32_t r;
	char *author;

	dana = add_person(a, "Dana Reyes", "dana@x.org", "555 0100");
	add_person(a, "Eli Moss", "eli@x.org", "555 0101");
	ck_assert_int_eq(kdb_set_me(a, dana, &err), KITH_OK);
	snprintf(snap, sizeof snap, "%s/snap.db", dir);
	/* local changes waiting: not yet */
	ck_assert_int_eq(kdb_snapshot_file(a, snap, &upto, &err), KITH_BUSY);
	ck_assert_int_ne(access(snap, F_OK), 0);
	sync_db(a, 1, "Ana");
	/* pages of them: freed pages, not only a table's first one */
	snprintf(cmd, sizeof cmd, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
		 "WHERE i < 300) INSERT INTO review_action(day, contact_id, action, reason, at) "
		 "SELECT '2026-03-10', %lld, 'skipped', 'CANARY-REASON-8812', '2026-03-10 09:00' "
		 "FROM n", (long long)dana);
	exec_sql(a, cmd);
	ck_assert_msg(kdb_snapshot_file(a, snap, &upto, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(upto, nlog);
	{
		struct stat sb;
		ck_assert_int_eq(stat(snap, &sb), 0);
		ck_assert_int_eq(sb.st_mode & 0777, 0600);
	}
	ck_assert_int_eq(test_sql_int(snap, "SELECT count(*) FROM meta"), 0);
	ck_assert_int_eq(test_sql_int(snap, "SELECT count(*) FROM review_action"), 0);
	ck_assert_int_eq(test_sql_int(snap, "SELECT count(*) FROM sync_outbox"), 0);
	ck_assert_int_eq(test_sql_int(snap, "SELECT count(*) FROM contact"), 2);
	ck_assert_int_eq(test_sql_int(snap, "SELECT count(*) FROM contact_fts WHERE contact_fts "
				   "MATCH 'reyes'"), 1);
	ck_assert_int_eq(test_sql_int(snap, "SELECT n FROM list_count WHERE name = 'contacts'"), 2);
	snprintf(cmd, sizeof cmd, "! grep -a -q CANARY-REASON '%s'", snap);
	ck_assert_msg(system(cmd) == 0, "a local row's text is in the snapshot's bytes");

	/* a newcomer takes it */
	c = replica("Cleo", 3);
	ck_assert_msg(kdb_snapshot_adopt(c, snap, upto, &err) == KITH_OK, "%s", err.msg);
	same_data(a, c);
	ck_assert_int_eq(kdb_replica_get(c, &r, &author, &err), KITH_OK);
	ck_assert_uint_eq(r, 3);
	ck_assert_str_eq(author, "Cleo");
	free(author);
	ck_assert_int_eq(kdb_me(c), 0);
	ck_assert_int_eq(kdb_sync_state(c, &s, &err), KITH_OK);
	ck_assert(s.started);
	ck_assert_int_eq(s.applied, upto);
	/* and cannot take it twice: it holds the team's rows now */
	ck_assert_int_eq(kdb_snapshot_adopt(c, snap, upto, &err), KITH_CONFLICT);
	/* its writes go on in its own range, and reach Ana */
	add_person(c, "Fay Lin", "fay@x.org", "555 0102");
	sync_db(c, 3, "Cleo");
	sync_db(a, 1, "Ana");
	same_data(a, c);
	kdb_close(a);
	kdb_close(c);
}
END_TEST

static int
timeline_count(void *ud, const struct interaction_row *r)
{
	(void)r;
	(*(int *)ud)++;
	return 0;
}

static bool
bytes_have(const void *data, size_t len, const char *s)
{
	for (size_t i = 0; i + strlen(s) <= len; i++)
		if (!memcmp((const char *)data + i, s, strlen(s)))
			return true;
	return false;
}

/*
** A private note never leaves its replica: no outbox row, nothing in any
** entry; a person added on the same replica keeps the note through the
** sync (which takes the outbox back and adds them again); when another
** member deletes the person, the sync unlinks the note (it stays, found
** by search).
*/
START_TEST(test_private_stays)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	struct kith_err err;
	struct kdb_sync_state s;
	int64_t dana = add_person(a, "Dana Reyes", "dana@x.org", "555 0100"), id;
	struct kith_interaction in = { .at = (char *)"2026-03-02 10:00", .kind = KITH_IKIND_NOTE,
				       .summary = (char *)"donor CANARY-51d2 private circumstances",
				       .contact_ids = &dana, .n_contacts = 1, .is_private = true };
	int n = 0;

	ck_assert_int_eq(kdb_sync_state(a, &s, &err), KITH_OK);
	ck_assert_int_eq(s.waiting, 1);
	ck_assert_msg(interaction_add(a, &in, &id, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(kdb_sync_state(a, &s, &err), KITH_OK);
	ck_assert_int_eq(s.waiting, 1);         /* the private note added no outbox row */
	/* nor do "me", a review's decision, "not the same person": unshared tables */
	{
		int64_t eli = add_person(a, "Eli Park", "eli@x.org", "555 0200");
		ck_assert_int_eq(kdb_sync_state(a, &s, &err), KITH_OK);
		ck_assert_int_eq(s.waiting, 2);
		ck_assert_msg(kdb_set_me(a, eli, &err) == KITH_OK, "%s", err.msg);
		ck_assert_msg(review_record(a, "2026-03-10", dana, 0, "snoozed", "2026-03-20",
					    "CANARY-51d2 reason", &err) == KITH_OK, "%s", err.msg);
		ck_assert_msg(duplicate_not_same(a, dana, eli, &err) == KITH_OK, "%s", err.msg);
		ck_assert_int_eq(kdb_sync_state(a, &s, &err), KITH_OK);
		ck_assert_int_eq(s.waiting, 2);
	}
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	for (int i = 0; i < nlog; i++)
		ck_assert_msg(!bytes_have(logv[i].data, logv[i].len, "CANARY-51d2"),
			      "entry %d holds the private note", i + 1);
	ck_assert_int_eq(interaction_list_for_contact(a, dana, 0, 10, timeline_count, &n, &err),
			 KITH_OK);
	ck_assert_int_eq(n, 1);
	n = 0;
	ck_assert_int_eq(interaction_list_for_contact(b, dana, 0, 10, timeline_count, &n, &err),
			 KITH_OK);
	ck_assert_int_eq(n, 0);
	same_data(a, b);
	ck_assert_int_eq(contact_delete(b, dana, &err), KITH_OK);
	sync_db(b, 2, "Ben");
	sync_db(a, 1, "Ana");
	n = 0;
	ck_assert_int_eq(interaction_list_for_contact(a, dana, 0, 10, timeline_count, &n, &err),
			 KITH_OK);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(interaction_get(a, id, &in, &err), KITH_OK);
	ck_assert_uint_eq(in.n_contacts, 0);
	interaction_free(&in);
	same_data(a, b);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/*
** A goal's kept progress (goal_member: derived, never shared) follows a
** sync's changes: the goal and its person come from Ana's replica, the
** touch that counts from Ben's, and each replica's rows read as computed.
*/
START_TEST(test_goal_progress_synced)
{
	struct kdb *a = replica("Ana", 1), *b = replica("Ben", 2);
	char *tags[] = { (char *)"board" };
	struct kith_contact c = { .display_name = (char *)"Eli Park", .cadence_days = -1,
				  .tags = tags, .n_tags = 1 };
	struct goal g = { .title = (char *)"meet the board", .who = (char *)"tag:board",
			  .how = GOAL_TALKED, .target = 1, .due = "2026-04-30" };
	int64_t eli, goal, in;
	struct kith_interaction i = { .at = (char *)"2026-03-09 10:00", .kind = KITH_IKIND_CALL,
				      .summary = (char *)"a call", .contact_ids = &eli,
				      .n_contacts = 1 };
	struct kith_err err;
	struct goal got;

	ck_assert_int_eq(contact_add(a, &c, &eli, &err), KITH_OK);
	ck_assert_msg(goal_add(a, &g, "2026-03-01", &goal, &err) == KITH_OK, "%s", err.msg);
	sync_db(a, 1, "Ana");
	sync_db(b, 2, "Ben");
	ck_assert_msg(goal_cache_verify(b, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(interaction_add(b, &i, &in, &err) == KITH_OK, "%s", err.msg);
	sync_db(b, 2, "Ben");
	sync_db(a, 1, "Ana");
	ck_assert_msg(goal_cache_verify(a, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(goal_get(a, goal, TEST_TODAY, &got, &err), KITH_OK);
	ck_assert_int_eq(got.count, 1);
	ck_assert_int_eq(got.state, GOAL_REACHED);
	goal_free(&got);
	same_data(a, b);
	kdb_close(a);
	kdb_close(b);
}
END_TEST

/*
** A replica's own answers about people it added since its last sync ("not
** the same person", in dup_not_same) are local rows: taking the outbox back
** deletes those people for a moment, and the answers must not go with them.
*/
START_TEST(test_local_answers_survive)
{
	struct kdb *a = replica("Ana", 1);
	struct kith_err err;
	int64_t x, y;
	char sql[160];

	sync_db(a, 1, "Ana");
	x = add_person(a, "Maria Garcia", "maria@x.org", "555 0301");
	y = add_person(a, "Maria Garcia", "mgarcia@y.org", "555 0302");
	ck_assert_msg(duplicate_not_same(a, x, y, &err) == KITH_OK, "%s", err.msg);
	snprintf(sql, sizeof sql, "INSERT INTO review_action(day, contact_id, action, at) "
		 "VALUES ('2026-03-10', %lld, 'skipped', '2026-03-10 09:00')", (long long)x);
	exec_sql(a, sql);
	sync_db(a, 1, "Ana");
	ck_assert_int_eq(test_sql_int(kdb_path(a), "SELECT count(*) FROM dup_not_same"), 1);
	ck_assert_int_eq(test_sql_int(kdb_path(a), "SELECT count(*) FROM review_action"), 1);
	kdb_close(a);
}
END_TEST

static Suite *
sync_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_outbox);
	tcase_add_test(tc, test_fields_merge);
	tcase_add_test(tc, test_same_field);
	tcase_add_test(tc, test_role_at_deleted_org);
	tcase_add_test(tc, test_role_cascade_reported);
	tcase_add_test(tc, test_idle_sync);
	tcase_add_test(tc, test_undo_is_shared);
	tcase_add_test(tc, test_table_kinds);
	tcase_add_test(tc, test_snapshot_file);
	tcase_add_test(tc, test_private_stays);
	tcase_add_test(tc, test_goal_progress_synced);
	tcase_add_test(tc, test_local_answers_survive);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(sync_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
