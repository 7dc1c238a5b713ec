# team: three replicas A, B, C of one team on a bare repository in the
# test's folder (issue 19), exchanging changes with kith sync: the seed
# reaches every replica; A and C change the same phone (one conflict,
# recorded by the one that syncs later, whose value stays), B changes that
# person's email and adds someone (both survive); after syncs in the order
# C, A, B and then all again every replica exports the same data; a sync
# with nothing new changes nothing; two syncs racing on one replica lose
# nothing; a sync after enough entries writes a snapshot and compacts the
# log (the entries leave its tree, not git's history), a replica behind it
# catches up from the history, and a fourth replica joins from the
# snapshot and the log's tail; kith sync --log says who changed what.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db" C="$T/c.db" D="$T/d.db"

shared() {      # shared DB: the team's data as kith exports it
  "$KITH_BIN" -d "$1" export --format json
}

all_same() {    # all_same WHAT DB...: every database exports the same data
  what=$1
  shift
  first=$(shared "$1")
  for db in "$@"; do
    if [ "$(shared "$db")" = "$first" ]; then pass; else
      fail "$what: $db differs: $(shared "$db" | diff - "$T/.first" 2>/dev/null | head -3)"
    fi
  done
}

# ---- seed on A, everyone synced ----------------------------------------------
ok -d "$A" add contact "Dana Reyes" --email dana@x.org --phone "555 0100" --org "Tenants Union" --role Chair
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
code=$out
ok -d "$B" team join "$R" "$code" --as Ben
ok -d "$C" team join "$R" "$code" --as Cy
run -d "$B" sync
expect_rc 0 "the first sync of B"
has "$out" "Synced" "kith sync says it synced"
ok -d "$C" sync
run -d "$B" list contacts
has "$out" "Dana Reyes" "B has the seed's contact"
all_same "after the seed" "$A" "$B" "$C"

# ---- offline edits -----------------------------------------------------------
ok -d "$A" edit contact "Dana Reyes" --phone "555 0111"
ok -d "$C" edit contact "Dana Reyes" --phone "555 0333"
ok -d "$B" edit contact "Dana Reyes" --email dana@reyes.org
run -d "$B" add contact "Eli Park" --org "Tenants Union" --role Member
expect_rc 0 "B adds a contact"

ok -d "$C" sync
run -d "$A" sync
expect_rc 0 "A's sync"
has "$out" "conflict" "A's sync reports the phone's conflict"
has "$out" "555 0333" "the conflict names theirs"
has "$out" "555 0111" "the conflict names mine"
has "$out" "conflict: Dana Reyes's phone: value was" "the conflict names the person and the field, not a table and key"
same "$(printf '%s\n' "$out" | grep -c conflict)" 1 "exactly one conflict"
run -d "$B" sync
expect_rc 0 "B's sync"
case $out in *conflict*) fail "B's sync reports a conflict: $out" ;; *) pass ;; esac
for db in "$A" "$B" "$C"; do ok -d "$db" sync; done
all_same "after C, A, B and all again" "$A" "$B" "$C"
json=$(shared "$C")
has "$json" '"value": "dana@reyes.org"' "B's email survives"
has "$json" '"value": "555 0111"' "the later entry's phone (A's) wins"
has "$json" '"name": "Eli Park"' "B's new contact reaches C"

# ---- nothing new: nothing changes --------------------------------------------
before=$(shared "$B")
head=$(git --git-dir="$R" rev-list --count --all)
run -d "$B" sync
has "$out" "no changes of yours" "an idle sync sends nothing"
same "$(shared "$B")" "$before" "an idle sync changes nothing"
same "$(git --git-dir="$R" rev-list --count --all)" "$head" "an idle sync appends nothing"

# ---- two syncs racing on one replica ------------------------------------------
ok -d "$A" add contact "Fay Ngata"
ok -d "$C" add contact "Gus Olsen"
"$KITH_BIN" -d "$A" sync >"$T/s1" 2>&1 &
p1=$!
"$KITH_BIN" -d "$A" sync >"$T/s2" 2>&1
r2=$?
wait "$p1"
r1=$?
same "$r1 $r2" "0 0" "two racing syncs on A both finish"
for db in "$C" "$B" "$A" "$C"; do ok -d "$db" sync; done
all_same "after the race" "$A" "$B" "$C"
json=$(shared "$B")
has "$json" '"name": "Fay Ngata"' "A's contact from the race is not lost"
has "$json" '"name": "Gus Olsen"' "C's contact is not lost"

# ---- an automatic snapshot compacts the log -------------------------------------
# (KITH_TEAM_SNAPSHOT_EVERY=3: after every 3 entries, not 1,000, to see it here)
ok -d "$A" add contact "Hal Ueda"
run_env KITH_TEAM_SNAPSHOT_EVERY=3 -- -d "$A" sync
expect_rc 0 "A's sync that writes a snapshot"
has "$out" "Wrote the team's snapshot of entry" "the sync says it wrote a snapshot"
n=$(printf '%s\n' "$out" | sed -n 's/.*snapshot of entry \([0-9]*\).*/\1/p')
tree=$(git --git-dir="$R" ls-tree -r --name-only refs/heads/log)
has "$tree" "$(printf 'snap/%012d/000000' "$n")" "the snapshot is in the log's tree"
same "$(printf '%s\n' "$tree" | grep -c '^snap/[0-9]*/000000$')" 1 "one snapshot: the seed's is gone"
same "$(printf '%s\n' "$tree" | grep -c '^log/')" 0 "the entries it holds left the tree"
same "$(git --git-dir="$R" log --format=%s refs/heads/log | grep -c '^entry ')" "$n" "git's history keeps every entry"
# a tail after the snapshot
ok -d "$C" add contact "Ivy Chen"
run_env KITH_TEAM_SNAPSHOT_EVERY=3 -- -d "$C" sync
expect_rc 0 "C's sync after the snapshot"
case $out in *"Wrote the team's snapshot"*) fail "one entry after it wrote another snapshot" ;; *) pass ;; esac
# B was behind: the entries it lacks are read from git's history
run -d "$B" sync
expect_rc 0 "B, behind the snapshot, syncs"
for db in "$A" "$B" "$C"; do ok -d "$db" sync; done
all_same "after the snapshot" "$A" "$B" "$C"

# ---- a fourth replica joins from the snapshot and the log's tail ---------------
run -d "$D" team join "$R" "$code" --as Dee
expect_rc 0 "D joins"
has "$out" "its snapshot and" "D starts from the snapshot"
ok -d "$D" sync
all_same "a late joiner" "$A" "$D"
json=$(shared "$D")
has "$json" '"name": "Hal Ueda"' "the snapshot's last contact is on D"
has "$json" '"name": "Ivy Chen"' "the tail's contact is on D"
run -d "$D" sync --log
expect_rc 0 "kith sync --log on a replica that joined after compaction"
has "$out" "Cy: added 1 person" "its log has the tail"

# ---- who changed what ----------------------------------------------------------
run -d "$A" sync --log
expect_rc 0 "kith sync --log"
has "$out" "Ben: " "the log names Ben"
has "$out" "added 1 person" "the log says what an entry added, in a member's words"
has "$out" "Cy: changed 1 email or phone" "the log says what C changed"

# ---- outside a team --------------------------------------------------------------
run -d "$T/solo.db" sync
expect_rc 1 "kith sync outside a team"
has "$err" "in no team" "the message says so"

finish
