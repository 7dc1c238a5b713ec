# search_triggers: a search document is rebuilt when a column it is made
# of is written, and only then (migration 13). A tier, influence, cadence,
# alignment or archive change leaves the contact's document as it was (a
# word planted in it stays findable), an organisation's influence or a
# role's start date writes nothing to any index; a new name, notes or
# district is found at once, and the old name no longer.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }

ok add contact "Ana Lima" --tier B --org "Riverside Tenants" --role Chair
ana=$out
ok add contact "Ben Ortiz" --tier C
sql() { sqlite3 "$KITH_DB" "$@"; }
found() {   # found WORD: the titles of the contacts `kith search WORD` finds
  run search "$1" --json
  jqo '[.[] | select(.kind == "contact") | .title] | join(",")'
}

# A word in Ana's document that no column of hers holds: only a rebuild of
# the document takes it away.
sql "UPDATE contact_fts SET notes = notes || ' zzplanted' WHERE rowid = $ana"
same "$(found zzplanted)" "Ana Lima" "the planted word is found"

# columns the document is not made of: as kith's bulk tier writes them,
# and one at a time as the duplicates merge does
sql "UPDATE contact SET tier = 'A', updated_at = '2026-03-10 10:00:00' WHERE id = $ana"
for set in "influence = 4" "alignment = 1" "cadence_days = 30" "archived = 1" "archived = 0" \
           "pronouns = 'she/her'" "birthday = '--05-01'" "how_met = 'a rally'"; do
  sql "UPDATE contact SET $set WHERE id = $ana"
done
same "$(found zzplanted)" "Ana Lima" "a tier, influence, cadence or archive change leaves the document"
same "$(sql "UPDATE contact SET tier = 'D' WHERE id = $ana; SELECT total_changes();")" 1 \
  "a tier change writes the contact row and nothing else"
# while an import defers the documents, it marks none for a rebuild (then
# ends as an import does, with nothing left marked)
same "$(sql "INSERT INTO meta(key, value) VALUES ('fts_deferred', '1');
  UPDATE contact SET tier = 'B' WHERE id = $ana;
  SELECT count(*) FROM contact_fts_dirty;
  DELETE FROM meta WHERE key = 'fts_deferred'; DELETE FROM contact_fts_dirty;")" 0 \
  "a deferred tier change marks no document"
# an organisation's influence, a role's start date: no index written
same "$(sql "UPDATE organisation SET influence = 3; SELECT total_changes();")" 1 \
  "an organisation's influence writes nothing to its search index"
same "$(sql "UPDATE role SET start_date = '2026-03-01' WHERE contact_id = $ana; SELECT total_changes();")" 1 \
  "a role's start date marks no document"

# columns it is made of: found by the new words, not the old
ok edit contact "$ana" --name "Ana Souza"
same "$(found souza)" "Ana Souza" "search finds the new name"
same "$(found lima)" "" "search no longer finds the old name"
same "$(found zzplanted)" "" "the rebuilt document is the contact's"
sql "UPDATE contact SET district = 'Harbourside' WHERE id = $ana"
same "$(found harbourside)" "Ana Souza" "search finds the new district"
sql "UPDATE contact SET notes = 'Keeps bees on the roof.' WHERE id = $ana"
same "$(found bees)" "Ana Souza" "search finds the new notes"
sql "UPDATE organisation SET description = 'Tenants of the estate by the quay.'"
run search quay --json
same "$(jqo '[.[] | select(.kind == "organisation") | .title] | join(",")')" "Riverside Tenants" \
  "search finds an organisation's new description"
sql "UPDATE organisation SET name = 'Quayside Tenants'"
same "$(found quayside)" "Ana Souza" "a contact is found by the new name of her organisation"
sql "UPDATE role SET title = 'Treasurer' WHERE contact_id = $ana"
same "$(found treasurer)" "Ana Souza" "a contact is found by her new role"
for f in contact_fts organisation_fts; do
  same "$(sql "INSERT INTO $f($f) VALUES ('integrity-check')" 2>&1)" "" "$f consistent"
done
finish
