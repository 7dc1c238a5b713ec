# team_cascade: a deletion that takes another member's rows with it is
# reported on both sides (issue 19). Ben adds a role and a follow-up for
# Dana and syncs; Ana, who has not seen them, deletes Dana: her deletion
# takes them with it (the schema's ON DELETE CASCADE). Ana's sync says
# what it deleted that she never saw, Ben's sync what he lost; both are
# recorded (kith team status counts them) and the replicas agree.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db"

ok -d "$A" add contact "Dana Reyes" --org "Tenants Union" --role Chair
ok -d "$A" add contact "Eli Park"
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
ok -d "$B" team join "$R" "$out" --as Ben

ok -d "$B" role add "Dana Reyes" "Riverton Council" --title Member
ok -d "$B" follow-up add "Dana Reyes" "Send Dana the minutes" --due 2026-12-20
ok -d "$B" sync
ok -d "$A" delete contact "Dana Reyes" --yes
run -d "$A" sync
expect_rc 0 "Ana's sync"
has "$out" "reported: Dana Reyes's role at Riverton Council: another replica added it to what you deleted; deleted with it" \
  "Ana's sync names the role her deletion took"
has "$out" "reported: follow-up Send Dana the minutes: another replica added it" \
  "Ana's sync names the follow-up her deletion took"
case $out in *"role at Tenants Union"*) fail "Ana's own role of Dana is reported: $out" ;; *) pass ;; esac
run -d "$A" team status
has "$out" "conflicts 2 not looked at" "Ana's replica recorded them"

run -d "$B" sync
expect_rc 0 "Ben's sync"
has "$out" "reported: Dana Reyes's role at Riverton Council: another replica deleted what it belongs to; deleted with it" \
  "Ben's sync names the role he lost"
has "$out" "reported: follow-up Send Dana the minutes: another replica deleted" \
  "Ben's sync names the follow-up he lost"
ok -d "$A" sync
same "$("$KITH_BIN" -d "$A" export --format json)" "$("$KITH_BIN" -d "$B" export --format json)" \
  "the replicas agree"
run -d "$B" list contacts
case $out in *Dana*) fail "Dana is still on B: $out" ;; *) pass ;; esac

finish
