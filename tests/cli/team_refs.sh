# team_refs: short references in a team (issue 19). Rows made after kith
# team init have long keys (R * 2^40 + n); each replica shows and takes
# them as short numbers of its own, counting on from the seed's keys,
# which stay as they were. Two replicas: A (the seed: Dana #1) and B.
# Each lists the other's contacts and its own with short numbers, and a
# short number typed (#n, or n) names the row it showed: edit, delete,
# follow-up done, an ambiguous name's candidates. --json keeps the real
# keys, the same on every replica.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db"

id_of() {       # id_of DB NAME: the number `kith list contacts` shows for NAME
  "$KITH_BIN" -d "$1" list contacts | awk -v n="$2" 'index($0, n) { print $1; exit }'
}

ok -d "$A" add contact "Dana Reyes"
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
ok -d "$B" team join "$R" "$out" --as Ben

# each adds one, offline; A's sync comes first
run -d "$A" add contact "Hal Ortiz"
same "$out" 2 "A's new contact is shown as #2, not its long key"
run -d "$B" add contact "Gus Olsen"
same "$out" 2 "B's new contact is #2 on B"
ok -d "$B" follow-up add "Gus Olsen" "Call Gus" --due 2026-12-20
ok -d "$A" sync
ok -d "$B" sync
ok -d "$A" sync

same "$(id_of "$A" "Dana Reyes")" 1 "the seed's contact keeps #1 on A"
same "$(id_of "$B" "Dana Reyes")" 1 "the seed's contact keeps #1 on B"
same "$(id_of "$A" "Hal Ortiz")" 2 "A shows its own contact as #2"
same "$(id_of "$A" "Gus Olsen")" 3 "A shows B's contact as #3"
same "$(id_of "$B" "Gus Olsen")" 2 "B shows its own contact as #2"
same "$(id_of "$B" "Hal Ortiz")" 3 "B shows A's contact as #3"
run -d "$A" list contacts
case $out in *[0-9][0-9][0-9][0-9][0-9][0-9][0-9]*) fail "a long key is shown: $out" ;; *) pass ;; esac

# JSON carries the key itself, the same on both replicas
ka=$("$KITH_BIN" -d "$A" list contacts --json | grep 'Gus Olsen' | sed 's/.*"id": \([0-9]*\).*/\1/')
kb=$("$KITH_BIN" -d "$B" list contacts --json | grep 'Gus Olsen' | sed 's/.*"id": \([0-9]*\).*/\1/')
same "$ka" "$kb" "--json gives the same key on both replicas"
[ "${#ka}" -gt 12 ] && pass || fail "--json gives the long key, not the short one: $ka"

# what A shows, A takes
ok -d "$A" edit contact "#3" --phone "555 0133"
run -d "$A" list contacts --json
has "$out" '"Gus Olsen"' "Gus is still there"
ok -d "$A" sync
ok -d "$B" sync
run -d "$B" export --format json
has "$out" '555 0133' "A's change through #3 reached Gus on B"
ok -d "$A" edit contact 2 --email hal@x.org        # a bare number too
run -d "$A" export --format json
has "$out" 'hal@x.org' "a bare 2 named Hal on A"
run -d "$A" edit contact "$ka" --email gus@x.org   # the long key still works
expect_rc 0 "the long key itself is taken"

# a follow-up B made: A lists it short and closes it by that number
run -d "$A" list follow-ups
fid=$(printf '%s\n' "$out" | awk '/Call Gus/ { print $1; exit }')
same "$fid" 1 "A shows B's follow-up as #1"
ok -d "$A" follow-up done "$fid"
run -d "$A" list follow-ups --all
has "$out" "[done]" "follow-up #$fid was closed on A"

# an ambiguous name offers the short numbers
ok -d "$A" add contact "Gus Olmos"
run -d "$A" edit contact "Gus Ol" --phone 1
expect_rc 2 "an ambiguous prefix"
has "$err" "Gus Olsen (#3)" "the candidates are named by their short numbers"

# #n of no row
run -d "$A" edit contact "#99" --phone 1
has "$err" "contact #99: no such contact" "a short number of no row is refused"

# delete by the short number
run -d "$B" delete contact 3 --yes
expect_rc 0 "B deletes #3"
has "$out" "contact #3 Hal Ortiz" "the confirmation names #3"

finish
