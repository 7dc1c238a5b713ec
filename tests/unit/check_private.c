/*
 * check_private.c: private notes in the private file beside the database
 * (src/db/private.c): made on demand and 0600, attached again at open,
 * on the timeline among interactions, found by search, undone and redone,
 * unlinked when their person is deleted (and linked again by that
 * delete's undo), never in the database file itself.
 */
#include "testutil.h"

#include <sys/stat.h>

#include "kith/contact.h"
#include "kith/interaction.h"
#include "kith/duplicate.h"
#include "kith/search.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
#include "kith/teamlog.h"
#include "kith/types.h"

static char *dir;
static char path[4200];

static void
setup(void)
{
	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/k.db", dir);
}

static void
teardown(void)
{
	char cmd[4300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

static struct kdb *
open_db(void)
{
	struct kdb *db;
	struct kith_err err;

	ck_assert_msg(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK, "%s", err.msg);
	return db;
}

static int64_t
person(struct kdb *db, const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

static int64_t
note(struct kdb *db, int64_t who, const char *at, const char *text, bool priv)
{
	struct kith_interaction i = { .at = (char *)at, .kind = KITH_IKIND_NOTE,
				      .summary = (char *)text, .contact_ids = &who,
				      .n_contacts = 1, .is_private = priv };
	struct kith_err err;
	int64_t id = 0;

	ck_assert_msg(interaction_add(db, &i, &id, &err) == KITH_OK, "%s", err.msg);
	return id;
}

struct lines {
	char text[1024];
	int n;
};

static int
line(void *ud, const struct interaction_row *r)
{
	struct lines *l = ud;
	size_t len = strlen(l->text);

	snprintf(l->text + len, sizeof l->text - len, "%s%s%s", l->n++ ? "|" : "",
		 KITH_PRIVATE_ID(r->id) ? "P:" : "", r->summary);
	return 0;
}

static const char *
timeline(struct kdb *db, int64_t who, int64_t anchor, int limit)
{
	static struct lines l;
	struct kith_err err;

	memset(&l, 0, sizeof l);
	ck_assert_msg(interaction_list_for_contact(db, who, anchor, limit, line, &l, &err) ==
		      KITH_OK, "%s", err.msg);
	return l.text;
}

/* Does the file at p (if it exists) hold the bytes s? */
static bool
file_has(const char *p, const char *s)
{
	FILE *f = fopen(p, "rb");
	char *buf;
	long n;
	bool found = false;

	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_int_eq((long)fread(buf, 1, (size_t)n, f), n);
	fclose(f);
	for (long i = 0; !found && i + (long)strlen(s) <= n; i++)
		found = !memcmp(buf + i, s, strlen(s));
	free(buf);
	return found;
}

static int
hit_count(void *ud, const struct search_hit *h)
{
	int *n = ud;

	ck_assert_int_eq(h->kind, SEARCH_INTERACTION);
	ck_assert(KITH_PRIVATE_ID(h->id));
	ck_assert_ptr_nonnull(strstr(h->detail, "private"));
	(*n)++;
	return 0;
}

/* A solo database without private notes has no private file. */
START_TEST(test_none_until_needed)
{
	struct kdb *db = open_db();
	char p[4300];
	struct stat sb;
	int64_t dana = person(db, "Dana Reyes");

	note(db, dana, "2026-03-01 10:00", "coffee", false);
	snprintf(p, sizeof p, "%s.private", path);
	ck_assert_int_ne(stat(p, &sb), 0);
	ck_assert(!kdb_private_attached(db));
	kdb_close(db);
}
END_TEST

START_TEST(test_private_note)
{
	struct kdb *db = open_db();
	struct kith_interaction got;
	struct kith_err err;
	char p[4300], wal[4400];
	struct stat sb;
	int64_t dana = person(db, "Dana Reyes"), id;
	int n = 0;

	note(db, dana, "2026-03-01 10:00", "coffee about zoning", false);
	id = note(db, dana, "2026-03-02 10:00", "her divorce CANARY-7f3a", true);
	note(db, dana, "2026-03-03 10:00", "call back", false);
	ck_assert(KITH_PRIVATE_ID(id));
	snprintf(p, sizeof p, "%s.private", path);
	ck_assert_int_eq(stat(p, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_str_eq(timeline(db, dana, 0, 10),
			 "call back|P:her divorce CANARY-7f3a|coffee about zoning");
	/* paging across the two kinds */
	ck_assert_str_eq(timeline(db, dana, 0, 2), "call back|P:her divorce CANARY-7f3a");
	ck_assert_str_eq(timeline(db, dana, id, 2), "coffee about zoning");
	ck_assert_int_eq(interaction_get(db, id, &got, &err), KITH_OK);
	ck_assert(got.is_private);
	ck_assert_str_eq(got.summary, "her divorce CANARY-7f3a");
	ck_assert_uint_eq(got.n_contacts, 1);
	ck_assert_int_eq(got.contact_ids[0], dana);
	interaction_free(&got);
	ck_assert_int_eq(search_all(db, "canary", 10, hit_count, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	/* never a byte of it in the database file or its log */
	snprintf(wal, sizeof wal, "%s-wal", path);
	ck_assert(!file_has(path, "CANARY-7f3a"));
	ck_assert(!file_has(wal, "CANARY-7f3a"));
	kdb_close(db);
	/* attached again at open */
	db = open_db();
	ck_assert(kdb_private_attached(db));
	ck_assert_str_eq(timeline(db, dana, 0, 10),
			 "call back|P:her divorce CANARY-7f3a|coffee about zoning");
	ck_assert_int_eq(interaction_delete(db, id, &err), KITH_OK);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "call back|coffee about zoning");
	ck_assert_int_eq(interaction_delete(db, id, &err), KITH_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "p1"));
	kdb_close(db);
	ck_assert(!file_has(path, "CANARY-7f3a"));
}
END_TEST

/* One undo step: undone and redone. */
START_TEST(test_undo)
{
	struct kdb *db = open_db();
	struct kith_err err;
	struct kdb_change *ch;
	int64_t dana = person(db, "Dana Reyes");

	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	note(db, dana, "2026-03-02 10:00", "secret", true);
	ch = kdb_change_take(db);
	ck_assert_ptr_nonnull(ch);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "P:secret");
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "");
	ck_assert_msg(kdb_change_apply(db, ch, false, &err) == KITH_OK, "%s", err.msg);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "P:secret");
	/* an undo of a note changed since is refused, nothing changed */
	ck_assert_msg(kdb_change_apply(db, ch, false, &err) == KITH_CONFLICT, "%s", err.msg);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "P:secret");
	kdb_change_free(ch);
	kdb_close(db);
}
END_TEST

/* Deleting a person unlinks their private notes; undoing the delete links them again. */
START_TEST(test_contact_delete)
{
	struct kdb *db = open_db();
	struct kith_err err;
	struct kdb_change *ch;
	int64_t dana = person(db, "Dana Reyes"), eli, id;
	int n = 0;

	id = note(db, dana, "2026-03-02 10:00", "secret", true);
	ck_assert_int_eq(kdb_record_changes(db, true, &err), KITH_OK);
	ck_assert_int_eq(contact_delete(db, dana, &err), KITH_OK);
	ch = kdb_change_take(db);
	/* the note stays (search finds it), linked to nobody */
	ck_assert_int_eq(search_all(db, "secret", 10, hit_count, &n, &err), KITH_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_msg(kdb_change_apply(db, ch, true, &err) == KITH_OK, "%s", err.msg);
	kdb_change_free(ch);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "P:secret");
	/* the delete again, then a new person who may get the same key: not theirs */
	ck_assert_int_eq(contact_delete(db, dana, &err), KITH_OK);
	eli = person(db, "Eli Park");
	ck_assert_str_eq(timeline(db, eli, 0, 10), "");
	ck_assert_int_eq(interaction_delete(db, id, &err), KITH_OK);
	kdb_close(db);
}
END_TEST

/* A merge moves the dropped person's private notes to the one kept. */
START_TEST(test_merge)
{
	struct kdb *db = open_db();
	struct kith_err err;
	int64_t dana = person(db, "Dana Reyes"), dup = person(db, "Dana R.");

	note(db, dup, "2026-03-02 10:00", "secret", true);
	ck_assert_msg(contact_merge(db, dana, dup, NULL, &err) == KITH_OK, "%s", err.msg);
	ck_assert_str_eq(timeline(db, dana, 0, 10), "P:secret");
	kdb_close(db);
}
END_TEST

static bool
mem_has(const void *data, size_t len, const char *s)
{
	for (size_t i = 0; data && i + strlen(s) <= len; i++)
		if (!memcmp((const char *)data + i, s, strlen(s)))
			return true;
	return false;
}

/*
** The canary, decrypted: a replica with private notes written before the
** team (beside the seed snapshot) and after, synced through a real log;
** no entry and no snapshot, read back and decrypted with the team's key,
** holds a private note's text (tests/cli/team_private.sh looks at the
** remote's bytes and objects).
*/
START_TEST(test_canary_decrypted)
{
	struct kith_err err;
	struct sync_result r;
	struct team *t;
	struct kdb *db;
	char remote[4300], msg[512], cmd[4400];
	char snapfile[4300];
	int64_t upto, dana, eli, head;
	int schema;

	snprintf(remote, sizeof remote, "%s/remote.git", dir);
	snprintf(snapfile, sizeof snapfile, "%s/snapshot.db", dir);
	snprintf(cmd, sizeof cmd, "git init -q --bare '%s'", remote);
	ck_assert_int_eq(system(cmd), 0);
	db = open_db();
	dana = person(db, "Dana Reyes");
	note(db, dana, "2026-03-01 10:00", "CANARY-d1 before the team", true);
	/* kith team init: the key, the replica, the seed snapshot (cli/cmd_team.c) */
	ck_assert_msg(team_create(path, remote, msg, sizeof msg) == TEAM_OK, "%s", msg);
	ck_assert_msg(kdb_replica_set(db, 5, "Ana", &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_sync_done(db, 0, 0, &err) == KITH_OK, "%s", err.msg);
	ck_assert_msg(kdb_snapshot_file(db, snapfile, &upto, &err) == KITH_OK, "%s", err.msg);
	ck_assert(file_has(snapfile, "Dana Reyes"));            /* the shared data is there */
	ck_assert(!file_has(snapfile, "CANARY"));
	ck_assert_int_eq(team_open(path, &t, msg, sizeof msg), TEAM_OK);
	ck_assert_int_eq(team_lock(t, msg, sizeof msg), TEAM_OK);
	ck_assert_int_eq(team_fetch(t, msg, sizeof msg), TEAM_OK);
	ck_assert_msg(team_snapshot_put(t, 0, kdb_schema_version(), snapfile, msg, sizeof msg) ==
		      TEAM_OK, "%s", msg);
	team_close(t);
	unlink(snapfile);
	/* in the team: more private notes, one about a person new in this replica */
	eli = person(db, "Eli Park");
	note(db, eli, "2026-03-02 10:00", "CANARY-d2 about the new one", true);
	note(db, dana, "2026-03-03 10:00", "a shared coffee", false);
	note(db, dana, "2026-03-04 10:00", "CANARY-d3 after", true);
	ck_assert_msg(sync_run(db, path, &r, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(r.pushed, 1);
	/* every entry and snapshot, decrypted */
	ck_assert_int_eq(team_open(path, &t, msg, sizeof msg), TEAM_OK);
	ck_assert_int_eq(team_lock(t, msg, sizeof msg), TEAM_OK);
	ck_assert_int_eq(team_fetch(t, msg, sizeof msg), TEAM_OK);
	head = team_head(t);
	ck_assert_int_ge(head, 1);
	for (int64_t s = 1; s <= head; s++) {
		struct team_entry e;
		ck_assert_msg(team_read(t, s, &e, msg, sizeof msg) == TEAM_OK, "%s", msg);
		ck_assert_msg(mem_has(e.data, e.len, "a shared coffee") || s != head,
			      "entry %lld is not the sync's", (long long)s);
		ck_assert_msg(!mem_has(e.data, e.len, "CANARY"), "entry %lld holds a private note",
			      (long long)s);
		team_entry_free(&e);
	}
	/* the snapshot, decrypted and decompressed: the database file it was made from */
	ck_assert_int_eq(team_snapshot_get(t, &upto, &schema, snapfile, msg, sizeof msg), TEAM_OK);
	ck_assert(file_has(snapfile, "Dana Reyes"));
	ck_assert(!file_has(snapfile, "CANARY"));
	unlink(snapfile);
	team_close(t);
	/* a snapshot made now (what an automatic one would hold) */
	ck_assert_msg(kdb_snapshot_file(db, snapfile, &upto, &err) == KITH_OK, "%s", err.msg);
	ck_assert(file_has(snapfile, "a shared coffee"));
	ck_assert(!file_has(snapfile, "CANARY"));
	unlink(snapfile);
	/* and they are all still here, the one about Eli too */
	ck_assert_str_eq(timeline(db, eli, 0, 10), "P:CANARY-d2 about the new one");
	ck_assert_str_eq(timeline(db, dana, 0, 10),
			 "P:CANARY-d3 after|a shared coffee|P:CANARY-d1 before the team");
	kdb_close(db);
}
END_TEST

static Suite *
private_suite(void)
{
	Suite *s = suite_create("private");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_none_until_needed);
	tcase_add_test(tc, test_private_note);
	tcase_add_test(tc, test_undo);
	tcase_add_test(tc, test_contact_delete);
	tcase_add_test(tc, test_merge);
	tcase_add_test(tc, test_canary_decrypted);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(private_suite()) ? EXIT_FAILURE : EXIT_SUCCESS;
}
