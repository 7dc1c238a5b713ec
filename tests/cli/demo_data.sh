#!/bin/sh
# The demo network (assets/demo.sql) and the synthetic generator
# (build/tools/kith-gen): both load into the real schema, keep foreign keys,
# CHECK constraints, derived tables and folded keys right, and have the
# documented shape. Needs the sqlite3 command-line shell.
set -u
B=${KITH_BUILD:-build}
SRC=${KITH_SRC:-.}
GEN=$B/tools/kith-gen
DAY=2026-03-11
T=$(mktemp -d "${TMPDIR:-/tmp}/kith-demo-data.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT INT TERM
n=0; bad=0

ok() { n=$((n + 1)); }
no() { n=$((n + 1)); bad=$((bad + 1)); echo "not ok: $*"; }
# expect NAME ACTUAL WANTED
expect() { if [ "$2" = "$3" ]; then ok; else no "$1: got '$2', want '$3'"; fi; }
# between NAME VALUE LO HI
between() {
	if [ "$2" -ge "$3" ] 2>/dev/null && [ "$2" -le "$4" ]; then ok
	else no "$1: $2 not in $3..$4"; fi
}
q() { sqlite3 -batch -noheader "$1" "$2"; }

command -v sqlite3 >/dev/null || { echo "demo_data: sqlite3 shell not installed"; exit 1; }
[ -x "$GEN" ] || { echo "demo_data: $GEN not built"; exit 1; }

# ---- the generator ------------------------------------------------------
out=$("$GEN" "$T/g.db" --contacts 1000 --seed 7 --today $DAY --check 2>&1)
expect "kith-gen exit" $? 0
case $out in
*"1000 contacts"*"10000 interactions"*"2000 follow-ups"*"checks passed"*) ok ;;
*) no "kith-gen summary: $out" ;;
esac
G=$T/g.db
expect "contacts" "$(q $G 'SELECT count(*) FROM contact')" 1000
expect "organisations" "$(q $G 'SELECT count(*) FROM organisation')" 100
expect "roles" "$(q $G 'SELECT count(*) FROM role')" 200
expect "interactions" "$(q $G 'SELECT count(*) FROM interaction')" 10000
expect "follow-ups" "$(q $G 'SELECT count(*) FROM followup')" 2000
expect "events" "$(q $G 'SELECT count(*) FROM event')" 200
expect "attendance" "$(q $G 'SELECT count(*) FROM attendance')" 4000
expect "relationships" "$(q $G 'SELECT count(*) FROM relationship')" 3000
expect "maps" "$(q $G 'SELECT count(*) FROM power_map')" 1
expect "placements" "$(q $G 'SELECT count(*) FROM placement')" 50
expect "me" "$(q $G "SELECT value FROM meta WHERE key = 'me'")" 1
expect "integrity_check" "$(q $G 'PRAGMA integrity_check')" ok
expect "foreign_key_check" "$(q $G 'PRAGMA foreign_key_check')" ""
expect "journal_mode" "$(q $G 'PRAGMA journal_mode')" wal
expect "schema version" "$(q $G 'PRAGMA user_version')" \
	"$(grep -c '^-- @migration' "$SRC/assets/schema.sql")"
expect "mode 0600" "$(stat -c %a "$G")" 600
# a later migration may replace a trigger: DROP TRIGGER, then CREATE it again
expect "triggers kept" "$(q $G "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'")" \
	"$(($(grep -c '^CREATE TRIGGER' "$SRC/assets/schema.sql") - $(grep -c '^DROP TRIGGER' "$SRC/assets/schema.sql")))"
expect "indexes kept" "$(q $G "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")" \
	"$(( $(grep -c '^CREATE \(UNIQUE \)\?INDEX' "$SRC/assets/schema.sql") - \
	     $(grep -c '^DROP INDEX' "$SRC/assets/schema.sql") ))"
# Shape: history over three years up to today, skewed interactions, open
# follow-ups 20-30% with some overdue, placements with a move history.
between "oldest interaction" "$(q $G "SELECT julianday('$DAY') - julianday(min(substr(at, 1, 10))) FROM interaction" | cut -d. -f1)" 1000 1100
expect "no future interaction" "$(q $G "SELECT count(*) FROM interaction WHERE at > '$DAY 24'")" 0
between "busiest contact" "$(q $G 'SELECT max(n) FROM (SELECT count(*) AS n FROM interaction_contact GROUP BY contact_id)')" 100 5000
between "contacts never touched by an interaction" "$(q $G 'SELECT count(*) FROM contact WHERE id NOT IN (SELECT contact_id FROM interaction_contact)')" 20 400
between "open follow-ups" "$(q $G "SELECT count(*) FROM followup WHERE status = 'open'")" 400 600
between "overdue follow-ups" "$(q $G "SELECT count(*) FROM followup WHERE status = 'open' AND due < '$DAY'")" 100 450
between "recent placement moves" "$(q $G "SELECT count(*) FROM placement_move WHERE at >= date('$DAY', '-30 days')")" 5 200
between "non-Latin names" "$(q $G "SELECT count(*) FROM contact WHERE display_name GLOB '*[^ -~]*'")" 100 600
# Derived data was rebuilt, and the triggers work again afterwards.
expect "last contacted" "$(q $G 'SELECT count(*) FROM contact_stat s JOIN contact_touch_calc c USING (contact_id) WHERE s.last_at != c.last_at')" 0
id=$(q $G "SELECT contact_id FROM interaction_contact GROUP BY contact_id ORDER BY count(*) DESC LIMIT 1")
q $G "INSERT INTO interaction (id, at, kind, summary, created_at) VALUES (999999, '$DAY 23:59', 'note', 'zzyzx probe', '$DAY 23:59:00');
      INSERT INTO interaction_contact(interaction_id, contact_id, at) VALUES (999999, $id, '$DAY 23:59');"
expect "trigger: last contacted" "$(q $G "SELECT last_at FROM contact_stat WHERE contact_id = $id")" "$DAY 23:59"
expect "trigger: interaction fts" "$(q $G "SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH 'zzyzx'")" 999999
name=$(q $G "SELECT family_name FROM contact WHERE id = 2")
between "fts finds a contact" "$(q $G "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH '\"$name\"'")" 1 1000

# Same seed, same data; another seed, other data.
"$GEN" "$T/g2.db" --contacts 1000 --seed 7 --today $DAY >/dev/null 2>&1
"$GEN" "$T/g3.db" --contacts 1000 --seed 8 --today $DAY >/dev/null 2>&1
dump() { sqlite3 "$1" '.dump contact interaction followup placement_move'; }
dump "$T/g2.db" > "$T/d2"; dump "$T/g3.db" > "$T/d3"
"$GEN" "$T/g4.db" --contacts 1000 --seed 7 --today $DAY >/dev/null 2>&1
dump "$T/g4.db" > "$T/d4"
if cmp -s "$T/d2" "$T/d4"; then ok; else no "same seed gives different data"; fi
if cmp -s "$T/d2" "$T/d3"; then no "different seeds give the same data"; else ok; fi

# Bad input changes nothing.
"$GEN" "$T/g.db" --contacts 10 >/dev/null 2>&1
expect "refuses an existing file" $? 1
"$GEN" "$T/x.db" --contacts ten >/dev/null 2>&1
expect "refuses a bad number" $? 1
[ -e "$T/x.db" ] && no "bad number created a file" || ok

# ---- the demo network -----------------------------------------------------
# Loaded into a database migrated by the data layer (kith-gen with no
# contacts writes the bare schema), with kith_today() fixed to $DAY.
"$GEN" "$T/demo.db" --contacts 0 >/dev/null 2>&1
expect "bare schema" $? 0
D=$T/demo.db
{
	echo "PRAGMA foreign_keys = ON; BEGIN;"
	sed "s/kith_today()/'$DAY'/g; s/kith_now()/'$DAY 09:00'/g" "$SRC/assets/demo.sql"
	echo "COMMIT;"
} | sqlite3 -bail "$D" >"$T/demo.err" 2>&1
expect "demo loads" "$?:$(cat "$T/demo.err")" "0:"
expect "demo contacts" "$(q $D 'SELECT count(*) FROM contact')" 60
expect "demo organisations" "$(q $D 'SELECT count(*) FROM organisation')" 15
expect "demo events" "$(q $D 'SELECT count(*) FROM event')" 20
expect "demo interactions" "$(q $D 'SELECT count(*) FROM interaction')" 150
between "demo relationships" "$(q $D 'SELECT count(*) FROM relationship')" 75 95
between "demo placements" "$(q $D 'SELECT count(*) FROM placement')" 20 30
expect "demo me" "$(q $D "SELECT display_name FROM contact WHERE id = (SELECT value FROM meta WHERE key = 'me')")" "Sam Okafor"
expect "demo map" "$(q $D "SELECT m.goal || '|' || c.display_name FROM power_map m JOIN contact c ON c.id = m.primary_target_id WHERE m.name = 'School bond 2027'")" \
	"Pass the 2027 school bond|Nguyễn Thị Lan"
expect "demo secondary targets" "$(q $D 'SELECT count(*) FROM map_target WHERE map_id = 1')" 2
expect "demo introduction" "$(q $D "SELECT count(*) FROM followup WHERE intro_stage = 'requested' AND intro_a_id AND intro_b_id AND intro_by_id")" 1
between "demo overdue follow-ups" "$(q $D "SELECT count(*) FROM followup WHERE status = 'open' AND due < '$DAY'")" 3 20
between "demo commitments" "$(q $D "SELECT count(*) FROM followup WHERE direction != 'none' AND status = 'open'")" 3 20
between "demo placement moves this month" "$(q $D "SELECT count(*) FROM placement_move WHERE at >= date('$DAY', '-30 days')")" 3 30
between "demo dates follow today" "$(q $D "SELECT CAST(julianday('$DAY') - julianday(max(substr(at, 1, 10))) AS INT) FROM interaction")" 0 3
between "demo upcoming events" "$(q $D "SELECT count(*) FROM event WHERE start_at > '$DAY'")" 5 12
expect "demo fts: jose" "$(q $D "SELECT display_name FROM contact WHERE id IN (SELECT rowid FROM contact_fts WHERE contact_fts MATCH 'jose')")" "José Álvarez"
expect "demo fts: ngu*" "$(q $D "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH 'ngu*'")" 1
expect "demo met is a touch" "$(q $D "SELECT last_at FROM contact_stat WHERE contact_id = 31")" \
	"$(q $D "SELECT max(at) FROM interaction_contact WHERE contact_id = 31")"
out=$("$GEN" --check "$D" 2>&1)
expect "demo check (keys are fold_text, derived data, FKs)" "$?" 0
[ -n "${out##*checks passed*}" ] && echo "$out"

# Through the command line, when it can load the demo.
if [ -x "${KITH_BIN:-}" ] && "$KITH_BIN" help demo 2>/dev/null | grep -q -- --no-ui; then
	KITH_TODAY=$DAY "$KITH_BIN" -d "$T/cli.db" demo --no-ui >/dev/null 2>"$T/cli.err"
	expect "kith demo --no-ui" "$?:$(cat "$T/cli.err")" "0:"
	expect "kith demo: same data" "$(q "$T/cli.db" 'SELECT count(*), max(at) FROM interaction')" \
		"$(q $D 'SELECT count(*), max(at) FROM interaction')"
	"$GEN" --check "$T/cli.db" >/dev/null 2>&1
	expect "kith demo: check" $? 0
fi

echo "demo_data: $((n - bad)) of $n checks passed"
[ $bad -eq 0 ]
