/*
 * check_sync.c: replicas exchanging changes through a log, without git
 * (src/db/sync_db.c, kith/syncdb.h). The log here is an array; each sync
 * applies the entries a replica has not seen, then its own changes over
 * them, and appends what those changed, as io/sync.c does over git.
 */
#include "testutil.h"

#include <sqlite3.h>

#include "kith/contact.h"
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
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(sync_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
