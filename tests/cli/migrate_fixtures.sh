# migrate_fixtures: every earlier schema version upgrades without losing
# a row. For each tests/migrations/vN.sql (see the README there): load it,
# open it with the current kith, and check the version, every old row,
# the integrity checks and that kith reads the old data.
NAME=migrate_fixtures
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }
DIR="$KITH_SRC/tests/migrations"
current=$(sed -n 's/^-- @migration \([0-9][0-9]*\).*/\1/p' "$KITH_SRC/assets/schema.sql" | sort -n | tail -n 1)
nfix=0

for fx in "$DIR"/v*.sql; do
  [ -f "$fx" ] || continue
  v=$(basename "$fx" .sql); v=${v#v}
  nfix=$((nfix + 1))
  db="$T/v$v.db"
  sqlite3 "$db" <"$fx" || { fail "v$v: the fixture does not load"; continue; }
  same "$(sqlite3 "$db" 'PRAGMA user_version')" "$v" "v$v: fixture is at version $v"
  # the plain tables (not full-text indexes or their shadow tables), and their columns
  tables=$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table'
    AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%\_fts\_%' ESCAPE '\\'
    AND name NOT LIKE 'sqlite\_%' ESCAPE '\\' ORDER BY name")
  mkdir -p "$T/v$v.before"
  rows=0 empty=""
  for t in $tables; do
    cols=$(sqlite3 "$db" "SELECT group_concat(char(34) || name || char(34), ', ') FROM pragma_table_info('$t')")
    printf '%s\n' "$cols" >"$T/v$v.before/$t.cols"
    # a WITHOUT ROWID table (goal_member, sync_alias) is read in key order
    order=rowid
    [ "$(sqlite3 "$db" "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = '$t'")" = 1 ] &&
      order=$cols
    printf '%s\n' "$order" >"$T/v$v.before/$t.order"
    sqlite3 -cmd '.mode quote' "$db" "SELECT $cols FROM \"$t\" ORDER BY $order" >"$T/v$v.before/$t"
    n=$(wc -l <"$T/v$v.before/$t")
    rows=$((rows + n))
    [ "$n" -eq 0 ] && empty="$empty $t"
  done
  same "$empty" "" "v$v: the fixture has rows in every table"

  # the upgrade: any command opens (and migrates) the database
  KITH_DB="$db"
  run list contacts --json --all
  expect_rc 0 "v$v: kith opens the old database"
  same "$(sqlite3 "$db" 'PRAGMA user_version')" "$current" "v$v: upgraded to version $current"

  for t in $tables; do
    cols=$(cat "$T/v$v.before/$t.cols")
    want="$T/v$v.before/$t"
    [ -f "$DIR/v$v/$t.expected" ] && want="$DIR/v$v/$t.expected"
    order=$(cat "$T/v$v.before/$t.order")
    if ! sqlite3 -cmd '.mode quote' "$db" "SELECT $cols FROM \"$t\" ORDER BY $order" >"$T/after" 2>"$T/after.err"; then
      fail "v$v: table $t or its columns are gone: $(cat "$T/after.err")"
      continue
    fi
    if cmp -s "$want" "$T/after"; then pass; else
      fail "v$v: table $t changed: $(diff "$want" "$T/after" | head -4)"
    fi
  done
  # migration 10: every contact has its own UID; one kept aside by an import becomes it
  same "$(sqlite3 "$db" 'SELECT count(*) FROM contact WHERE uid IS NULL')" 0 "v$v: every contact has a UID"
  if [ "$v" = 9 ]; then
    same "$(sqlite3 "$db" "SELECT group_concat(id) FROM contact WHERE uid = 'urn:uuid:6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b'")" \
      "$(sqlite3 "$db" "SELECT max(id) - 1 FROM contact")" "v9: the kept-aside UID is its contact's own"
  fi
  # migration 20: a row a team made (a long key) gets a short reference past the seed's keys
  if [ "$v" = 18 ]; then
    same "$(sqlite3 "$db" "SELECT n FROM sync_alias WHERE tbl = 'contact' AND key = 5497558138881")" \
      "$(sqlite3 "$db" "SELECT max(id) + 1 FROM contact WHERE id < 1099511627776")" \
      "v18: the team's contact is numbered after the seed's"
    list=$("$KITH_BIN" list contacts --all 2>&1)
    has "$list" "$(sqlite3 "$db" "SELECT n FROM sync_alias WHERE tbl = 'contact'")      Rosa Team" \
      "v18: kith lists the team's contact by its short number"
    same "$(sqlite3 "$db" "SELECT count(*) FROM sync_alias")" 3 "v18: the contact, event and follow-up are numbered"
  fi
  if [ "$v" = 19 ]; then
    same "$(sqlite3 "$db" "SELECT n FROM sync_alias WHERE tbl = 'contact' AND key = 3298534883329")" \
      "$(sqlite3 "$db" "SELECT max(id) + 1 FROM contact WHERE id < 1099511627776")" \
      "v19: the team's contact is numbered after the seed's"
    same "$(sqlite3 "$db" "SELECT count(*) FROM sync_alias")" 1 "v19: only the long-keyed row is numbered"
  fi
  same "$(sqlite3 "$db" 'PRAGMA integrity_check')" ok "v$v: integrity_check"
  same "$(sqlite3 "$db" 'PRAGMA foreign_key_check')" "" "v$v: foreign_key_check"
  for f in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"); do
    same "$(sqlite3 "$db" "INSERT INTO $f($f) VALUES('integrity-check')" 2>&1)" "" "v$v: $f index consistent"
  done
  # migration 9: every kept-aside field has the key its duplicate check reads
  same "$(sqlite3 "$db" 'SELECT count(*) FROM import_extra WHERE value_key IS NULL')" 0 \
    "v$v: every import_extra row has its value_key"
  # kith reads the old rows
  same "$(jqo 'length')" "$(sqlite3 "$db" 'SELECT count(*) FROM contact')" "v$v: every contact listed"
  name=$(sqlite3 "$db" 'SELECT display_name FROM contact ORDER BY id LIMIT 1')
  run search "$name" --json
  has "$out" "$name" "v$v: search finds an old contact"
  run list follow-ups --all --json
  expect_rc 0 "v$v: follow-ups listed"
  # migration 21: goal progress's marks are kith's own, not triggers
  same "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'
    AND name LIKE 'goal\_%' ESCAPE '\\'")" 0 "v$v: no goal marking triggers"
  same "$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name LIKE 'probe_fts%'")" 0 \
    "v$v: no probe_fts in the file"
  # migration 19: a goal's progress is computed from the touches while a
  # mark is left, is kept (goal_member) from the first read that can bring
  # it up (not while an import is under way), and then reads the same
  ngoals=$(sqlite3 "$db" "SELECT count(*) FROM sqlite_master WHERE name = 'goal'")
  [ "$ngoals" = 1 ] && ngoals=$(sqlite3 "$db" 'SELECT count(*) FROM goal')
  if [ "$ngoals" -gt 0 ]; then
    # before 19 every goal is marked by the migration; a later fixture keeps its own marks
    stale=$ngoals
    [ -f "$T/v$v.before/goal_stale" ] && stale=$(wc -l <"$T/v$v.before/goal_stale")
    same "$(sqlite3 "$db" 'SELECT count(*) FROM goal_stale')" "$stale" "v$v: every goal not kept is marked"
    sqlite3 "$db" "INSERT INTO meta(key, value) VALUES ('fts_deferred', '1')"
    run goal list --all --json
    computed=$out
    sqlite3 "$db" "DELETE FROM meta WHERE key = 'fts_deferred'"
    run follow-up add "$name" "after the upgrade" --due 2030-01-01
    expect_rc 0 "v$v: a write on the upgraded database"
    run goal list --all --json
    same "$out" "$computed" "v$v: kept progress reads as it was computed"
    same "$(sqlite3 "$db" 'SELECT count(*) FROM goal_stale') $(sqlite3 "$db" 'SELECT count(*) FROM goal_dirty')" \
      "0 0" "v$v: every goal kept"
  fi
  run log "$name" "after the upgrade"
  expect_rc 0 "v$v: a new interaction on the upgraded database"
  # migration 13: a tier change writes the contact row and no search document
  # (nor a goal mark since migration 21: kith marks, not a trigger)
  same "$(sqlite3 "$db" "UPDATE contact SET tier = 'A' WHERE id = (SELECT min(id) FROM contact);
    SELECT total_changes()")" 1 \
    "v$v: a tier change leaves the search index alone"
  echo "$NAME: v$v: $rows rows in $(echo $tables | wc -w) tables kept through the upgrade to v$current"
  KITH_DB="$T/kith.db"
done
[ $nfix -ge 1 ] && pass || fail "no fixtures in $DIR"
finish
