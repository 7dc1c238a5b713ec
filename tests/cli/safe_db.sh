# safe_db: kith opens only its own databases and says plainly what is
# wrong with a bad one (issue 15, items 7 and 13): another program's SQLite
# file is refused with nothing changed; kith's databases carry
# PRAGMA application_id; a negative schema version and a damaged database
# get their own message and exit status 4; ":memory:" and overlong paths
# are refused before anything is created.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }
KITH_APP_ID=1802073192

# ---- item 7: another program's database ----------------------------------
sqlite3 "$T/places.sqlite" "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT);
  CREATE INDEX moz_url ON moz_places(url);
  INSERT INTO moz_places(url) VALUES ('https://example.org/');
  PRAGMA user_version = 70;"
chmod 644 "$T/places.sqlite"
sum_before=$(cksum <"$T/places.sqlite")
for cmd in "list contacts" "add contact Eve" "backup $T/pb.db"; do
  # shellcheck disable=SC2086
  run -d "$T/places.sqlite" $cmd
  expect_rc 1 "kith $cmd on another program's database"
  has "$err" "not a kith database" "kith $cmd on another program's database says why"
  same "$(cksum <"$T/places.sqlite")" "$sum_before" "kith $cmd changed another program's database"
  same "$(mode_of "$T/places.sqlite")" 644 "kith $cmd changed the file's mode"
  same "$(ls "$T" | grep -c 'places.sqlite-')" 0 "kith $cmd made -wal or -shm files"
  same "$(sqlite3 "$T/places.sqlite" 'PRAGMA journal_mode')" delete "kith $cmd switched it to WAL"
done
[ -e "$T/pb.db" ] && fail "a backup of another program's database was written" || pass

# A database marked by another application is refused too, even if empty of kith tables.
sqlite3 "$T/other.db" "PRAGMA application_id = 42; CREATE TABLE t(x);"
run -d "$T/other.db" list contacts
expect_rc 1 "a database with another application id"
has "$err" "not a kith database" "a database with another application id says why"

# New databases carry the mark; an empty file is a new database.
ok add contact "Ada Lovelace"
same "$(sqlite3 "$KITH_DB" 'PRAGMA application_id')" "$KITH_APP_ID" "a new database is marked"
: >"$T/empty.db"
ok -d "$T/empty.db" list contacts
same "$(sqlite3 "$T/empty.db" 'PRAGMA application_id')" "$KITH_APP_ID" "an empty file becomes a marked database"

# A kith database from before the mark (tables, meta, user_version) is
# recognised and marked.
sqlite3 "$T/old.db" <"$KITH_SRC/tests/migrations/v5.sql"
same "$(sqlite3 "$T/old.db" 'PRAGMA application_id')" 0 "the old fixture has no mark"
ok -d "$T/old.db" list contacts
same "$(sqlite3 "$T/old.db" 'PRAGMA application_id')" "$KITH_APP_ID" "an old kith database is marked"

# ---- item 13: bad versions, damage, :memory:, long paths ----------------------
cp "$KITH_DB" "$T/neg.db"
sqlite3 "$T/neg.db" 'PRAGMA user_version = -5'
run -d "$T/neg.db" list contacts
expect_rc 4 "user_version -5"
has "$err" "schema version -5" "user_version -5 names the version"
lacks "$err" "not an error" "user_version -5 gives a real message"

# A damaged index (an entry whose row is gone): its own message and status.
ok map new Board
ok map place Board "Ada Lovelace" --influence 3 --alignment 1
sqlite3 "$KITH_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rp=$(sqlite3 "$KITH_DB" "SELECT rootpage FROM sqlite_schema WHERE name = 'placement_contact'")
sqlite3 "$KITH_DB" "PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name = 'placement_contact'"
sqlite3 "$KITH_DB" "PRAGMA foreign_keys = OFF; DELETE FROM placement"
sqlite3 "$KITH_DB" "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema VALUES ('index',
  'placement_contact', 'placement', $rp, 'CREATE UNIQUE INDEX placement_contact ON
  placement(map_id, contact_id) WHERE contact_id IS NOT NULL')"
run map place Board "Ada Lovelace" --influence 3 --alignment 1
expect_rc 4 "a write into a damaged index"
has "$err" "damaged" "a write into a damaged index says the database is damaged"

# The same damage seen only as a uniqueness failure: the lookup before the
# insert goes through placement_by_contact, which is sound (the damaged
# index is made partial on contact_id > 0, so the planner cannot use it for
# contact_id = ?), and the insert then meets the stray entry in
# placement_contact: SQLite says "UNIQUE constraint failed". That is the
# database's fault, not the input's: exit 4, never 2. (quick_check does not
# see it; integrity_check on the table does.)
D="$T/uniq.db"
ok -d "$D" add contact "Ada Lovelace"
ok -d "$D" add contact "Bob Moses"
ok -d "$D" map new Board
ok -d "$D" map place Board "Ada Lovelace" --influence 3 --alignment 1
ok -d "$D" map place Board "Bob Moses" --influence 2 --alignment 0
sqlite3 "$D" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rp=$(sqlite3 "$D" "SELECT rootpage FROM sqlite_schema WHERE name = 'placement_contact'")
sqlite3 "$D" "PRAGMA writable_schema = ON; DELETE FROM sqlite_schema WHERE name = 'placement_contact'"
# Ada's row goes (the first, so a new one gets another rowid); her entry
# stays in placement_contact's pages
sqlite3 "$D" "PRAGMA foreign_keys = OFF; DELETE FROM placement WHERE contact_id =
  (SELECT id FROM contact WHERE display_name = 'Ada Lovelace')"
sqlite3 "$D" "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema VALUES ('index',
  'placement_contact', 'placement', $rp, 'CREATE UNIQUE INDEX placement_contact ON
  placement(map_id, contact_id) WHERE contact_id > 0')"
same "$(sqlite3 "$D" 'PRAGMA quick_check')" ok "quick_check does not see a stray index entry"
has "$(sqlite3 "$D" 'PRAGMA integrity_check(placement)')" "wrong # of entries in index placement_contact" \
  "integrity_check sees the stray entry"
run -d "$D" map place Board "Ada Lovelace" --influence 3 --alignment 1
has "$err" "UNIQUE constraint failed" "the damage shows as a uniqueness failure"
expect_rc 4 "a uniqueness failure from a damaged index"
has "$err" "the database is damaged" "a uniqueness failure from a damaged index says the database is damaged"
has "$err" "nothing was changed" "and that nothing was changed"
same "$(sqlite3 "$D" 'SELECT count(*) FROM placement')" 1 "nothing was added"

run -d :memory: add contact "Nobody"
expect_rc 2 "-d :memory:"
has "$err" "keep nothing" "-d :memory: says why"
run_env KITH_DB=:memory: -- add contact "Nobody"
expect_rc 2 "KITH_DB=:memory:"

long="$T/long"
i=0
while [ $i -lt 400 ]; do long="$long/dddddddddd"; i=$((i + 1)); done
run -d "$long/kith.db" list contacts
expect_rc 2 "a -d path over PATH_MAX"
has "$err" "longer than" "a -d path over PATH_MAX says why"
[ -e "$T/long" ] && fail "an overlong -d path created directories" || pass
run -d "$T/$(printf '%0300d' 0)/kith.db" list contacts
expect_rc 2 "a -d path with a name over NAME_MAX"
same "$(ls "$T" | grep -c '^0000')" 0 "a name over NAME_MAX created a directory"

finish
