# team_cmd: kith team init|join|invite|status on a bare repository in the
# test's folder (issue 19): a team is made, its code printed and used to
# join; a mistyped code, another team's code, a remote that is not there,
# a database that already holds people and a second init are refused with
# a message naming what, and change nothing.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db" C="$T/c.db"

# ---- init ------------------------------------------------------------------
run -d "$A" team status
expect_rc 0 "kith team status outside a team"
has "$out" "Not in a team" "status says so"
run -d "$A" add contact "Ana Lima"
run -d "$A" me "Ana Lima"
run -d "$A" team init "$R"
expect_rc 0 "kith team init"
has "$out" "cannot be recovered" "init says a lost key cannot be recovered"
has "$out" "logged by Ana Lima" "the author is the contact who is me"
same "$(stat -c %a "$A.team")" 700 "the team's folder is 0700"
same "$(stat -c %a "$A.team/key")" 600 "the key is 0600"
run -d "$A" team init "$R"
expect_rc 1 "a second init"
has "$err" "already replica" "a second init says why"
mv "$A.team" "$T/moved.team"
run -d "$A" team init "$T/other-empty.git"
expect_rc 1 "init of a replica whose team folder is gone"
has "$err" "already replica" "a replica is not made a second one"
mv "$T/moved.team" "$A.team"

# ---- invite ----------------------------------------------------------------
run -d "$A" team invite
expect_rc 0 "kith team invite"
code=$out
case $code in kith1-*) pass ;; *) fail "the code [$code] does not start with kith1-" ;; esac
same "$(printf '%s\n' "$code" | wc -l)" 1 "the code is one line"
has "$err" "by hand" "invite says how to give it"
run -d "$T/none.db" team invite
expect_rc 1 "invite outside a team"
has "$err" "not in a team" "invite outside a team says so"

# ---- join ------------------------------------------------------------------
bad=$(printf '%s' "$code" | sed 's/^\(kith1-...\)./\1#/')
run -d "$B" team join "$R" "$bad"
expect_rc 1 "a mistyped code"
has "$err" "not a kith team code" "a mistyped code is named"
[ ! -e "$B.team" ] && pass || fail "a refused join left $B.team"
run -d "$B" team join "$T/unplugged.git" "$code"
expect_rc 1 "a remote that is not there"
has "$err" "no network" "no network"
has "$err" "$T/unplugged.git" "the message names the remote"
[ ! -e "$B.team" ] && pass || fail "a failed join left $B.team"
git init -q --bare "$T/other.git"
run -d "$C" team init "$T/other.git"
run -d "$C" team invite
run -d "$B" team join "$R" "$out"
expect_rc 1 "another team's code"
has "$err" "rejected key" "another team's code is a rejected key"
run -d "$B" team join "$R" "$code" --as "Ben Okafor"
expect_rc 0 "kith team join"
has "$out" "logged by Ben Okafor" "--as names the author"
has "$out" "The team's data is here" "join brings the team's data"
run -d "$B" list contacts
has "$out" "Ana Lima" "the seed (A's network before the team) is on B after join"
ok -d "$B" team status
has "$out" "$R" "status names the remote"
has "$out" "Ben Okafor" "status names the author"
has "$out" "last sync 20" "status: the join synced"
has "$out" "waiting   0 local changes" "status: nothing waits"
has "$out" "conflicts 0 not looked at" "status: no conflict"
has "$out" "snapshot  of entry 0 (" "status: the seed is the team's snapshot"
case $out in *"replica   "[1-9]*) pass ;; *) fail "status gives no replica: [$out]" ;; esac
[ "$(sqlite3 "$B" "SELECT value FROM meta WHERE key = 'team.replica'")" -gt 0 ] && pass ||
  fail "the replica's number is not in the database"
run -d "$B" team invite
same "$out" "$code" "a member's invite prints the same code"

# a database that holds people is refused before anything is made
run -d "$T/d.db" add contact "Dana Fox"
run -d "$T/d.db" team join "$R" "$code"
expect_rc 1 "join on a database with people"
has "$err" "already holds people" "join says why"
[ ! -e "$T/d.db.team" ] && pass || fail "a refused join left d.db.team"

# ---- usage -------------------------------------------------------------------
run -d "$A" team init
expect_rc 2 "init without REMOTE"
run -d "$A" team join "$R"
expect_rc 2 "join without CODE"
run -d "$A" team init "$R" --as ""
expect_rc 2 "an empty --as"
finish
