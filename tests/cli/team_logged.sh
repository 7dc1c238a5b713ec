# team_logged: who recorded a placement (issue 19, "logged by Ana"). In a
# team, a row's key names the replica that made it, so a power map's
# placement says who placed it: kith map show --json gives "logged_by"
# for placements made in the team, on every replica, and none for the
# seed's (the planner's map card says "(logged by Ben)": tests/e2e/team_planner.sh).
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db"

ok -d "$A" add contact "Dana Reyes"
ok -d "$A" add contact "Eli Park"
ok -d "$A" map new "Zoning vote"
ok -d "$A" map place "Zoning vote" "Eli Park" --influence 2 --alignment 0
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
ok -d "$B" team join "$R" "$out" --as Ben

ok -d "$B" map place "Zoning vote" "Dana Reyes" --influence 4 --alignment 1 --note "chairs it"
ok -d "$B" sync
ok -d "$A" sync
for db in "$A" "$B"; do
  run -d "$db" map show "Zoning vote" --json
  expect_rc 0 "map show on $db"
  dana=$(printf '%s\n' "$out" | grep '"Dana Reyes"')
  eli=$(printf '%s\n' "$out" | grep '"Eli Park"')
  has "$dana" '"logged_by": "Ben"' "$db: Ben's placement says Ben placed it"
  case $eli in *logged_by*) fail "$db: the seed's placement names an author: $eli" ;; *) pass ;; esac
done

# solo: no author anywhere
ok -d "$T/solo.db" add contact "Fay Ngata"
ok -d "$T/solo.db" map new "Budget"
ok -d "$T/solo.db" map place "Budget" "Fay Ngata" --influence 3 --alignment 0
run -d "$T/solo.db" map show "Budget" --json
case $out in *logged_by*) fail "a solo database names an author: $out" ;; *) pass ;; esac

finish
