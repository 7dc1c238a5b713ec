/*
 * cmd_team.c: kith team init|join|invite|status — a database becomes a
 * replica of a team whose log is in a git remote (kith/teamlog.h; README
 * "Working as a team").
 *
 * init makes the team's key and its log on an empty remote; join clones a
 * team's log with the invite code a member printed (kith team invite) and
 * is refused on a database that already holds people, whose rows would
 * collide with the team's; status says where the team is and how far this
 * replica has read its log. Each replica has a number R, drawn here at
 * random among those its database has not seen, and an author name its
 * entries carry (kdb_replica_set).
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/sync.h"
#include "kith/syncdb.h"
#include "kith/teamlog.h"
#include "kith/xalloc.h"
#include "cli.h"
#include "commands.h"

/* ---- the replica's number and author (kdb_replica_*) ------------------------ */

/* Refuse a database that is already a replica (its DB.team gone, say). */
static int
not_a_replica(struct cli *c, const char *what)
{
	struct kith_err err = { 0 };
	uint32_t r = 0;
	enum kith_status st = kdb_replica_get(c->db, &r, NULL, &err);

	if (st != KITH_OK)
		return cli_fail(st, &err, NULL);
	if (r)
		return cli_error(CLI_RUNTIME, what, "%s is already replica %u of a team (kith "
				 "team status)", c->db_path, r);
	return CLI_OK;
}

/* ---- shared --------------------------------------------------------------- */

/* The name this replica's entries carry: --as, else "me", else the login's name. */
static char *
author_name(struct cli *c, const struct cli_args *a)
{
	struct kith_contact ct;
	struct passwd *pw;
	int64_t me;

	if (cli_opt(a, TM_AS))
		return xstrdup(cli_opt(a, TM_AS));
	if ((me = kdb_me(c->db)) && contact_get(c->db, me, &ct, NULL) == KITH_OK) {
		char *name = xstrdup(ct.display_name);
		contact_free(&ct);
		return name;
	}
	if ((pw = getpwuid(getuid()))) {
		const char *g = pw->pw_gecos;
		size_t n = g ? strcspn(g, ",") : 0;
		return n ? xstrndup(g, n) : xstrdup(pw->pw_name);
	}
	return xstrdup("a member");
}

/* Check --as and REMOTE before anything is made. */
static int
check_args(const struct cli_args *a)
{
	int rc;

	if (cli_opt(a, TM_AS)) {
		if ((rc = cli_nonempty("--as", cli_opt(a, TM_AS))) != CLI_OK)
			return rc;
		if (strlen(cli_opt(a, TM_AS)) > 120)
			return cli_error(CLI_USAGE, "--as", "a name of at most 120 bytes");
	}
	return cli_nonempty("REMOTE", a->pos[0]);
}

/* A random replica number no replica this database has seen uses. */
static enum kith_status
draw_replica(struct cli *c, uint32_t *out, struct kith_err *err)
{
	enum kith_status st;
	bool taken = true;
	uint32_t r = 0;

	while (taken) {
		if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
			r = (uint32_t)rand() ^ (uint32_t)getpid() << 8;
		r &= KDB_REPLICA_MAX;
		if (r && (st = kdb_replica_taken(c->db, r, &taken, err)) != KITH_OK)
			return st;
	}
	*out = r;
	return KITH_OK;
}

/* Become a new replica with the author name; say so. */
static int
become_member(struct cli *c, const struct cli_args *a, const char *what)
{
	struct kith_err err = { 0 };
	char *author = author_name(c, a);
	enum kith_status st;
	uint32_t r = 0;
	int rc = CLI_OK;

	if ((st = draw_replica(c, &r, &err)) != KITH_OK ||
	    (st = kdb_replica_set(c->db, r, author, &err)) != KITH_OK)
		rc = cli_fail(st, &err, NULL);
	if (rc == CLI_OK) {
		struct strbuf sb = { 0 };
		sb_printf(&sb, "%s replica %u; its changes are logged by ", what, r);
		cli_sanitize(&sb, author);
		sb_append(&sb, " (--as NAME chooses another name).\n");
		cli_flush(&sb);
		sb_free(&sb);
	}
	free(author);
	return rc;
}

/* A team error: "kith: team: <why>". */
static int
team_fail(const char *err)
{
	return cli_error(CLI_RUNTIME, "team", "%s", err);
}

/* ---- init ----------------------------------------------------------------- */

/*
** The data the team starts with (the seed: this database's rows from
** before the team) as the snapshot of entry 0, so that members who join
** start from it; then this replica counts as synced up to entry 0.
*/
static int
store_seed(struct cli *c)
{
	struct kith_err kerr = { 0 };
	struct team *t = NULL;
	char err[1024] = "", *file = NULL;
	int64_t upto = 0;
	enum kith_status st = KITH_OK;
	int rc = CLI_OK;

	if (team_open(c->db_path, &t, err, sizeof err) != TEAM_OK ||
	    team_lock(t, err, sizeof err) != TEAM_OK || team_fetch(t, err, sizeof err) != TEAM_OK)
		rc = cli_error(CLI_RUNTIME, "team", "%s", err);
	if (rc == CLI_OK) {
		file = team_file(t, "snapshot-new.db");
		if ((st = kdb_snapshot_file(c->db, file, &upto, &kerr)))
			rc = cli_fail(st, &kerr, NULL);
		else if (team_snapshot_put(t, 0, kdb_schema_version(), file, err, sizeof err) !=
			 TEAM_OK)
			rc = cli_error(CLI_RUNTIME, "team", "%s", err);
		unlink(file);
		free(file);
	}
	team_close(t);
	if (rc != CLI_OK)
		return rc;
	st = kdb_sync_done(c->db, 0, 0, &kerr);
	return st ? cli_fail(st, &kerr, NULL) : CLI_OK;
}

int
cli_cmd_team_init(struct cli *c, const struct cli_args *a)
{
	char err[1024] = "";
	int rc;

	if ((rc = check_args(a)) != CLI_OK || (rc = cli_db(c)) != CLI_OK ||
	    (rc = not_a_replica(c, "team init")) != CLI_OK)
		return rc;
	if (team_create(c->db_path, a->pos[0], err, sizeof err) != TEAM_OK) {
		if (strstr(err, "does not appear to be a git repository"))
			return cli_error(CLI_RUNTIME, "team", "%s; to start a team in a new folder "
					 "there: git init --bare %s", err, a->pos[0]);
		return team_fail(err);
	}
	printf("A team's log is made at %s, encrypted with a new key.\n", a->pos[0]);
	if ((rc = become_member(c, a, "This database is the team's first")) != CLI_OK ||
	    (rc = store_seed(c)) != CLI_OK)
		return rc;
	printf("The key is in %s.team/key. A lost key cannot be recovered, and whoever has it\n"
	       "can read everything the team shares: keep its code (kith team invite) somewhere\n"
	       "safe, and give it to members by hand.\n", c->db_path);
	return CLI_OK;
}

/* ---- join ----------------------------------------------------------------- */

static int
has_contact(void *ud, const struct contact_row *row)
{
	(void)row;
	*(bool *)ud = true;
	return 1;
}

/*
** The team's latest snapshot becomes this database: fetched into a file,
** given this replica's own rows (its number and author), and renamed over
** the database while it is closed; then opened again. A failure leaves
** the database as it was: kith sync starts from the snapshot then.
*/
static int
join_snapshot(struct cli *c)
{
	struct kith_err kerr = { 0 };
	enum kith_status st;
	char *file = NULL;
	int64_t upto = 0;

	if ((st = sync_snapshot_fetch(c->db_path, &file, &upto, &kerr)) != KITH_OK ||
	    (file && (st = kdb_snapshot_prepare(c->db, file, upto, &kerr)) != KITH_OK)) {
		if (file)
			unlink(file);
		free(file);
		cli_fail(st, &kerr, NULL);
		return cli_error(CLI_RUNTIME, "team join", "joined, but the team's data is not "
				 "here yet: run kith sync");
	}
	if (!file)
		return CLI_OK;
	kdb_close(c->db);
	c->db = NULL;
	st = kdb_snapshot_install(file, c->db_path, &kerr);
	if (st != KITH_OK)
		unlink(file);
	free(file);
	if (st != KITH_OK) {
		cli_fail(st, &kerr, NULL);
		return cli_error(CLI_RUNTIME, "team join", "joined, but the team's data is not "
				 "here yet: run kith sync");
	}
	return cli_db(c);
}

int
cli_cmd_team_join(struct cli *c, const struct cli_args *a)
{
	struct contact_query q = { .include_archived = true };
	struct kith_err kerr = { 0 };
	char err[1024] = "";
	bool any = false;
	enum kith_status st;
	int rc;

	if ((rc = check_args(a)) != CLI_OK || (rc = cli_nonempty("CODE", a->pos[1])) != CLI_OK ||
	    (rc = cli_db(c)) != CLI_OK || (rc = not_a_replica(c, "team join")) != CLI_OK)
		return rc;
	st = contact_list(c->db, &q, 0, 1, 1, has_contact, &any, &kerr);
	if (st != KITH_OK)
		return cli_fail(st, &kerr, NULL);
	if (any)
		return cli_error(CLI_RUNTIME, "team join", "%s already holds people; join with a "
				 "new database (kith -d NEW.db team join ...), since its rows "
				 "would collide with the team's", c->db_path);
	if (team_attach(c->db_path, a->pos[0], a->pos[1], err, sizeof err) != TEAM_OK)
		return team_fail(err);
	printf("Joined the team at %s.\n", a->pos[0]);
	if ((rc = become_member(c, a, "This database is")) != CLI_OK)
		return rc;
	/* the team's data: the latest snapshot, then the log's entries after it */
	if ((rc = join_snapshot(c)) != CLI_OK)
		return rc;
	{
		struct sync_result res;

		if ((st = sync_run(c->db, c->db_path, &res, &kerr)) != KITH_OK) {
			cli_fail(st, &kerr, NULL);
			return cli_error(CLI_RUNTIME, "team join", "joined, but the team's data is "
					 "not here yet: run kith sync");
		}
		printf("The team's data is here: its snapshot and %lld %s after it.\n",
		       (long long)res.applied, res.applied == 1 ? "entry" : "entries");
		if (res.note[0])
			fprintf(stderr, "kith: %s\n", res.note);
	}
	return CLI_OK;
}

/* ---- invite --------------------------------------------------------------- */

int
cli_cmd_team_invite(struct cli *c, const struct cli_args *a)
{
	char code[128], err[1024] = "";
	int rc;

	(void)a;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	rc = team_code(c->db_path, code, sizeof code, err, sizeof err);
	if (rc == TEAM_NONE)
		return cli_error(CLI_RUNTIME, "team invite", "%s", err);
	if (rc != TEAM_OK)
		return team_fail(err);
	printf("%s\n", code);
	fprintf(stderr, "kith: this code is the team's key: whoever has it can read and change "
		"everything the team shares. Give it by hand; a new member runs\n"
		"  kith team join REMOTE CODE\n");
	memset(code, 0, sizeof code);
	return CLI_OK;
}

/* ---- status --------------------------------------------------------------- */

int
cli_cmd_team_status(struct cli *c, const struct cli_args *a)
{
	struct kdb_sync_state ss;
	struct strbuf sb = { 0 };
	struct team *t;
	char err[1024] = "", *author;
	uint32_t replica;
	int rc;

	(void)a;
	if ((rc = cli_db(c)) != CLI_OK)
		return rc;
	rc = team_open(c->db_path, &t, err, sizeof err);
	if (rc == TEAM_NONE) {
		printf("Not in a team: %s\n", err);
		return CLI_OK;
	}
	if (rc != TEAM_OK)
		return team_fail(err);
	if (kdb_replica_get(c->db, &replica, &author, NULL) != KITH_OK) {
		replica = 0;
		author = NULL;
	}
	sb_append(&sb, "remote    ");
	cli_sanitize(&sb, team_remote(t));
	if (replica) {
		sb_printf(&sb, "\nreplica   %u\nauthor    ", replica);
		cli_sanitize(&sb, author);
	} else {
		sb_append(&sb, "\nreplica   none recorded (join again)");
	}
	sb_printf(&sb, "\nlog       %lld %s fetched\n", (long long)team_head(t),
		  team_head(t) == 1 ? "entry" : "entries");
	if (team_snapshot_at(t) >= 0) {
		int64_t n;
		uint64_t bytes, snap;

		team_since_snapshot(t, &n, &bytes, &snap);
		sb_printf(&sb, "snapshot  of entry %lld (%.1f MB), %lld %s after it\n",
			  (long long)team_snapshot_at(t), snap / 1048576.0, (long long)n,
			  n == 1 ? "entry" : "entries");
	}
	if (kdb_sync_state(c->db, &ss, NULL) == KITH_OK) {
		if (ss.started && ss.synced_at[0])
			sb_printf(&sb, "last sync %s, entries 1 to %lld applied\n", ss.synced_at,
				  (long long)ss.applied);
		else
			sb_append(&sb, "last sync never (kith sync)\n");
		sb_printf(&sb, "waiting   %lld local %s\n", ss.waiting,
			  ss.waiting == 1 ? "change" : "changes");
		sb_printf(&sb, "conflicts %lld not looked at%s\n", ss.unseen,
			  ss.unseen ? " (kith sync --log; :conflicts in the planner)" : "");
	}
	cli_flush(&sb);
	sb_free(&sb);
	free(author);
	team_close(t);
	return CLI_OK;
}
