#!/bin/sh
# import_bulk: a large import suspends the contact, role and organisation
# INSERT triggers and does their work at its end (src/db/bulk_db.c). Checks
# that what it leaves is what the triggers would have made: the triggers
# themselves (also after a failed import), ranks, counts, contact_stat
# rows, both search indexes (FTS5's own integrity check), the contact
# index's settings, the documents of merged contacts given a new role, and
# of contacts the import made and then changed.
. "$(dirname "$0")/testlib"
export TZ=UTC
command -v sqlite3 >/dev/null || { echo "import_bulk: sqlite3 missing"; exit 1; }

q() { sqlite3 "$KITH_DB" "$@"; }
triggers() { q "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"; }

# someone already there, whom the file gives a role at a new organisation
ok add contact "Old Friend" --email old@x.org --influence 2
before=$(triggers)
ntrig=$(q "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
[ "$ntrig" -gt 30 ] || fail "only $ntrig triggers before the import"

# 6,000 cards: more than the 5,000 that switch the index to bulk settings
awk 'BEGIN {
	for (i = 0; i < 6000; i++) {
		printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bulk Person %d\r\n", i
		printf "EMAIL:bulk%d@example.org\r\nORG:Guild %d\r\n", i, i % 40
		if (i % 3 == 0)
			printf "X-KITH-INFLUENCE:%d\r\n", 1 + i % 5
		printf "END:VCARD\r\n"
	}
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old Friend\r\nEMAIL:old@x.org\r\n"
	printf "ORG:Quillmakers Cooperative\r\nEND:VCARD\r\n"
}' >"$T/big.vcf"
ok import "$T/big.vcf"
expect_out "Old Friend: merged by email old@x.org with #1 Old Friend: +role Quillmakers Cooperative
$T/big.vcf: 6000 contacts added, 1 merged" "6,000 added, one merged"

same "$(triggers)" "$before" "the same triggers after the import"
same "$(q "SELECT count(*) FROM meta WHERE key GLOB 'bulk*' OR key = 'fts_deferred'")" "0" \
	"no import state left in meta"
same "$(q "SELECT count(*) FROM contact WHERE influence_rank IS NOT 5 - coalesce(influence, 0)")" \
	"0" "every rank matches its influence"
same "$(q "SELECT count(*) FROM contact WHERE influence = 3")" "400" "influence read from the file"
same "$(q "SELECT n FROM list_count WHERE name = 'contacts'")" "6001" "the list count"
same "$(q "SELECT count(*) FROM contact_stat")" "6001" "a contact_stat row each"
same "$(q "SELECT count(*) FROM contact_fts_dirty")" "0" "no document left dirty"
same "$(q "SELECT count(*) FROM contact_fts")" "6001" "a search document each"
same "$(q "SELECT v FROM contact_fts_config WHERE k = 'hashsize'")" "1048576" \
	"the index's pending size set back"
q "INSERT INTO contact_fts(contact_fts) VALUES ('integrity-check')" 2>"$T/ic" ||
	fail "contact index: $(cat "$T/ic")"
q "INSERT INTO organisation_fts(organisation_fts) VALUES ('integrity-check')" 2>"$T/ic" ||
	fail "organisation index: $(cat "$T/ic")"
same "$(q "SELECT count(*) FROM organisation_fts")" "41" "the new organisations indexed"

# search finds the new people, the new organisations, and the merged
# contact by the organisation the file gave him
ok search "Guild 17" --json
same "$(jqo '[.[] | select(.kind == "organisation")] | length')" "1" "an organisation by its words"
ok search Quillmakers --json
same "$(jqo '[.[] | select(.kind == "contact")] | .[0].title')" "Old Friend" \
	"the merged contact found by his new organisation"
ok list contacts --sort influence --limit 1 --json
same "$(jqo '.[0].influence')" "5" "the influence order uses the ranks"

# a contact added afterwards gets its rows from the triggers again
ok add contact "Later Person" --org "Guild 3"
same "$(q "SELECT n FROM list_count WHERE name = 'contacts'")" "6002" "counted after the import"
ok search "Later" --json
same "$(jqo '.[0].title')" "Later Person" "indexed after the import"

# a contact this import made, then changed by a later card of the same
# file (merged by UID): its document is made from what it ends with
{
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:twice-1\r\nFN:Twice Carded\r\nEND:VCARD\r\n'
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nUID:twice-1\r\nFN:Twice Carded\r\n'
	printf 'NICKNAME:Zebrafinch\r\nORG:Heronry\r\nEND:VCARD\r\n'
} >"$T/twice.vcf"
ok import "$T/twice.vcf"
ok search Zebrafinch --json
same "$(jqo '[.[] | select(.kind == "contact")] | .[0].title')" "Twice Carded" \
	"found by the nickname a later card gave"
ok search Heronry --json
same "$(jqo '[.[] | select(.kind == "contact")] | .[0].title')" "Twice Carded" \
	"found by the organisation a later card gave"
same "$(q "SELECT count(*) FROM contact_fts")" "$(q "SELECT count(*) FROM contact")" \
	"one document a contact"

# a failed import (the last card is broken) leaves everything as it was
{ cat "$T/big.vcf"; printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nbroken line\r\nEND:VCARD\r\n'; } \
	| sed 's/bulk\([0-9]*\)@/other\1@/; s/Bulk Person/Other Person/' >"$T/bad.vcf"
snapshot "$T/.before"
run import "$T/bad.vcf"
expect_rc 1 "a broken card stops the import"
unchanged "failed import"
same "$(triggers)" "$before" "the same triggers after a failed import"

# A calendar of 6,000 events and 6,000 to-dos without UIDs (as calcurse
# exports them): their search documents and the open follow-ups' count are
# made at the import's end too. In the file, one event comes twice (the
# second fills in its location: an update of a row this import added), and
# one is an older event of kith's, given a location (an update of a row the
# import did not add).
ok add event "Older meeting" --at "2026-02-01 09:00"
ok follow-up add "Old Friend" "Older chore" --due 2026-05-01
before=$(triggers)
awk 'BEGIN {
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calcurse//NONSGML v4.7.1//EN\r\n"
	for (i = 0; i < 6000; i++) {
		printf "BEGIN:VEVENT\r\nDTSTART:2026%02d%02dT%02d0000\r\n", 1 + i % 12, 1 + i % 28, 8 + i % 10
		printf "DURATION:P0DT0H30M0S\r\nSUMMARY:Ward meeting %d\r\nEND:VEVENT\r\n", i
		printf "BEGIN:VTODO\r\nPRIORITY:%d\r\nSUMMARY:Chore %d\r\nEND:VTODO\r\n", i % 10, i
	}
	printf "BEGIN:VEVENT\r\nDTSTART:20260101T080000\r\nSUMMARY:Ward meeting 0\r\n"
	printf "LOCATION:Quillfield Hall\r\nEND:VEVENT\r\n"
	printf "BEGIN:VEVENT\r\nDTSTART:20260201T090000\r\nSUMMARY:Older meeting\r\n"
	printf "LOCATION:Inkwell Library\r\nEND:VEVENT\r\n"
	printf "END:VCALENDAR\r\n"
}' >"$T/cal.ics"
ok import "$T/cal.ics"
expect_out "$T/cal.ics: 6000 events added, 2 events merged, 6000 follow-ups added" \
	"6,000 events and to-dos added, two events merged"
same "$(triggers)" "$before" "the same triggers after the calendar"
same "$(q "SELECT count(*) FROM meta WHERE key GLOB 'bulk*' OR key = 'fts_deferred'")" "0" \
	"no calendar import state left in meta"
same "$(q "SELECT n FROM list_count WHERE name = 'followups_open'")" \
	"$(q "SELECT count(*) FROM followup WHERE status = 'open'")" "the open follow-ups' count"
same "$(q "SELECT count(*) FROM event_fts")" "6001" "a search document each event"
same "$(q "SELECT count(*) FROM followup_fts")" "6001" "a search document each follow-up"
for f in event_fts followup_fts; do
	q "INSERT INTO $f($f) VALUES ('integrity-check')" 2>"$T/ic" || fail "$f: $(cat "$T/ic")"
done
ok search Quillfield --json
same "$(jqo '[.[] | select(.kind == "event")] | .[0].title')" "Ward meeting 0" \
	"an event updated in its own import found by its final location"
ok search Inkwell --json
same "$(jqo '[.[] | select(.kind == "event")] | .[0].title')" "Older meeting" \
	"an older event found by the location the file gave it"
ok search "Chore 5999" --json
same "$(jqo '[.[] | select(.kind == "follow-up")] | length')" "1" "a new to-do found"
# the file again: the same to-dos found by their titles, nothing new
ok import "$T/cal.ics"
expect_out "$T/cal.ics: 6002 events unchanged, 6000 follow-ups unchanged" "nothing new the second time"
# a to-do without a UID is looked up by its title, not by reading every follow-up
same "$(q "EXPLAIN QUERY PLAN SELECT id FROM followup WHERE due IS NULL AND title = 'x'
	AND uid IS NULL ORDER BY id LIMIT 1" | grep -c 'USING INDEX')" "1" "to-dos found by an index"
# the tables a calendar fills check their values without IN lists (a
# temporary table built at every insert), and still refuse a wrong value
same "$(q "SELECT name FROM sqlite_master WHERE type = 'table'
	AND name IN ('event', 'followup', 'attendance', 'interaction')
	AND sql LIKE '%CHECK (% IN (''%'',%''%'',%'")" "" "no IN list of three in their checks"
q "INSERT INTO followup(title, status, created_at, updated_at) VALUES ('x', 'nope', '', '')" \
	2>/dev/null && fail "a wrong status accepted"
q "INSERT INTO event(title, kind, start_at, created_at, updated_at)
	VALUES ('x', 'party', '2026-01-01', '', '')" 2>/dev/null && fail "a wrong event kind accepted"

# Into an empty database, the indexes no lookup of an import reads (the
# contacts by influence and by birthday, an organisation's people) are
# built once at its end: afterwards they are all there, as they were, and
# agree with their tables; a failed import into an empty database leaves
# them as well.
indexes() { q "SELECT name || ': ' || sql FROM sqlite_master WHERE type = 'index' ORDER BY name"; }
before=$(indexes)
export KITH_DB="$T/empty.db"
ok list contacts
same "$(indexes)" "$before" "a new database has the same indexes"
run import "$T/bad.vcf"
expect_rc 1 "a broken card stops the import into an empty database"
same "$(indexes)" "$before" "the same indexes after a failed import"
same "$(q "SELECT count(*) FROM contact")" "0" "nothing imported"
awk 'BEGIN { for (i = 0; i < 300; i++)
	printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dated %d\r\nBDAY:19%02d-%02d-%02d\r\nORG:Lodge %d\r\nX-KITH-INFLUENCE:%d\r\nEND:VCARD\r\n", i, 50 + i % 40, 1 + i % 12, 1 + i % 28, i % 7, 1 + i % 5 }' >"$T/dated.vcf"
ok import "$T/big.vcf" "$T/dated.vcf"
same "$(indexes)" "$before" "the same indexes after an import into an empty database"
same "$(q "PRAGMA integrity_check")" "ok" "the indexes agree with their tables"
same "$(q "SELECT count(*) FROM meta WHERE key GLOB 'bulk*'")" "0" "no import state left in meta"
ok list contacts --sort influence --limit 1 --json
same "$(jqo '.[0].influence')" "5" "the influence order after an import into an empty database"
same "$(q "SELECT count(*) FROM contact INDEXED BY contact_by_birthday
	WHERE birthday IS NOT NULL AND substr(birthday, -5) = '03-03'")" "$(q "SELECT count(*) FROM contact WHERE birthday LIKE '%-03-03'")" \
	"the birthdays found by their index"

# the same file from a pipe, which is read as it comes, not in one block of its size
whole=$(q "SELECT count(*), sum(length(display_name)), max(id) FROM contact")
export KITH_DB="$T/piped.db"
for f in big dated; do
	cat "$T/$f.vcf" | "$KITH_BIN" import /dev/stdin >"$T/.out" 2>"$T/.err" && [ ! -s "$T/.err" ] &&
		pass || fail "import of $f.vcf from a pipe: $(cat "$T/.err")"
done
same "$(q "SELECT count(*), sum(length(display_name)), max(id) FROM contact")" "$whole" \
	"a pipe gives what the files gave"

finish
