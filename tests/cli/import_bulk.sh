#!/bin/sh
# import_bulk: a large import suspends the contact, role and organisation
# INSERT triggers and does their work at its end (src/db/io_db.c). Checks
# that what it leaves is what the triggers would have made: the triggers
# themselves (also after a failed import), ranks, counts, contact_stat
# rows, both search indexes (FTS5's own integrity check), the contact
# index's settings, and the documents of merged contacts given a new role.
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

# a failed import (the last card is broken) leaves everything as it was
{ cat "$T/big.vcf"; printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nbroken line\r\nEND:VCARD\r\n'; } \
	| sed 's/bulk\([0-9]*\)@/other\1@/; s/Bulk Person/Other Person/' >"$T/bad.vcf"
snapshot "$T/.before"
run import "$T/bad.vcf"
expect_rc 1 "a broken card stops the import"
unchanged "failed import"
same "$(triggers)" "$before" "the same triggers after a failed import"

finish
