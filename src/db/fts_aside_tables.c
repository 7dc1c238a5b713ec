/*
 * fts_aside_tables.c: the tables whose search documents an import may make
 * aside, with the SQL that counts their rows, watches them for a row
 * written again and makes such a row's document again (see fts_aside.c).
 */
#include "fts_aside.h"

/* A temporary trigger noting that the documents of rows (all: -1) may no longer be theirs. */
#define STALE(name, on, rows) \
	"CREATE TEMP TRIGGER kith_aside_" name " AFTER " on \
	" BEGIN INSERT INTO kith_aside_stale VALUES " rows "; END;"
#define NOT_NOTED " NOT IN (SELECT x FROM temp.kith_aside_stale)"

const struct aside_table aside_tables[DB_ASIDE_COUNT_] = {
	[DB_ASIDE_EVENT] = {
		"event", "title, location, notes", 3, false, "NOT EXISTS (SELECT 1 FROM event)",
		"SELECT count(*) FROM event", NULL,
		STALE("event_upd", "UPDATE OF title, location, notes ON main.event WHEN"
		      " old.title IS NOT new.title OR old.location IS NOT new.location"
		      " OR old.notes IS NOT new.notes", "(-1)")
		STALE("event_del", "DELETE ON main.event", "(-1)"),
		NULL,
	},
	[DB_ASIDE_FOLLOWUP] = {
		"followup", "title, notes", 2, false, "NOT EXISTS (SELECT 1 FROM followup)",
		"SELECT count(*) FROM followup", NULL,
		STALE("followup_upd", "UPDATE OF title, notes ON main.followup WHEN"
		      " old.title IS NOT new.title OR old.notes IS NOT new.notes", "(-1)")
		STALE("followup_del", "DELETE ON main.followup", "(-1)"),
		NULL,
	},
	/* contact_fts_doc's: a contact, its nicknames, tags, current roles and
	   their organisations; and SQLite's lower() the ASCII one the C copies.
	   A contact written again (a second card with its UID) is made again
	   alone; an organisation or a tag renamed or deleted spoils all. */
	[DB_ASIDE_CONTACT] = {
		"contact", "name, nicknames, org, role, tags, notes", 6, true,
		"NOT EXISTS (SELECT 1 FROM contact) AND NOT EXISTS (SELECT 1 FROM contact_nickname)"
		" AND NOT EXISTS (SELECT 1 FROM contact_tag) AND NOT EXISTS (SELECT 1 FROM role)"
		" AND lower(char(193, 65)) = char(193, 97)",
		"SELECT (SELECT count(*) FROM contact), (SELECT count(*) FROM contact_nickname),"
		" (SELECT count(*) FROM contact_tag), (SELECT count(*) FROM role WHERE end_date IS NULL)",
		"SELECT (SELECT count(*) FROM contact WHERE id" NOT_NOTED "),"
		" (SELECT count(*) FROM contact_nickname WHERE contact_id" NOT_NOTED "),"
		" (SELECT count(*) FROM contact_tag WHERE contact_id" NOT_NOTED "),"
		" (SELECT count(*) FROM role WHERE end_date IS NULL AND contact_id" NOT_NOTED ")",
		STALE("contact_upd", "UPDATE OF id, display_name, name_key, given_name, family_name,"
		      " notes, district ON main.contact WHEN old.id IS NOT new.id"
		      " OR old.display_name IS NOT new.display_name OR old.name_key IS NOT new.name_key"
		      " OR old.given_name IS NOT new.given_name"
		      " OR old.family_name IS NOT new.family_name OR old.notes IS NOT new.notes"
		      " OR old.district IS NOT new.district", "(old.id), (new.id)")
		STALE("contact_del", "DELETE ON main.contact", "(old.id)")
		STALE("nickname_upd", "UPDATE ON main.contact_nickname",
		      "(old.contact_id), (new.contact_id)")
		STALE("nickname_del", "DELETE ON main.contact_nickname", "(old.contact_id)")
		STALE("contact_tag_upd", "UPDATE ON main.contact_tag",
		      "(old.contact_id), (new.contact_id)")
		STALE("contact_tag_del", "DELETE ON main.contact_tag", "(old.contact_id)")
		STALE("role_upd", "UPDATE OF contact_id, org_id, title, seat, end_date ON main.role",
		      "(old.contact_id), (new.contact_id)")
		STALE("role_del", "DELETE ON main.role", "(old.contact_id)")
		STALE("org_upd", "UPDATE OF id, name ON main.organisation"
		      " WHEN old.id IS NOT new.id OR old.name IS NOT new.name", "(-1)")
		STALE("org_del", "DELETE ON main.organisation", "(-1)")
		STALE("tag_upd", "UPDATE ON main.tag", "(-1)")
		STALE("tag_del", "DELETE ON main.tag", "(-1)"),
		"DELETE FROM main.contact_fts WHERE rowid IN (SELECT x FROM temp.kith_aside_stale);"
		"INSERT INTO main.contact_fts(rowid, name, nicknames, org, role, tags, notes)"
		" SELECT id, name, nicknames, org, role, tags, notes FROM main.contact_fts_doc"
		" WHERE id IN (SELECT x FROM temp.kith_aside_stale);",
	},
};

const char aside_unwatch_sql[] =
	"DROP TRIGGER IF EXISTS temp.kith_aside_event_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_event_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_followup_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_followup_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_contact_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_contact_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_nickname_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_nickname_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_contact_tag_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_contact_tag_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_role_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_role_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_org_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_org_del;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_tag_upd;"
	"DROP TRIGGER IF EXISTS temp.kith_aside_tag_del;"
	"DROP TABLE IF EXISTS temp.kith_aside_stale;";
