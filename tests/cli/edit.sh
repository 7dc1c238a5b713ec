# edit: the command line changes and removes what it adds (issue 17):
# kith edit contact|event|follow-up and kith delete contact|event|follow-up|
# interaction. Each is one transaction; a bad value changes nothing; delete
# asks on a terminal and needs --yes in a script.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Ana Lima" --org "City Hall" --role "Clerk" --email ana@cityhall.gov \
  --phone "555-0100" --tag housing --tag press --tier B
ana=$out
ok add contact "Ben Okafor"

# fields given replace that field; the others stay
ok edit contact ana --name "Ana Lima-Reyes" --tier A --influence 4 --alignment 1 --cadence 30
ok list contacts --json
same "$(jqo '.[0].name')" "Ana Lima-Reyes" "edit --name"
same "$(jqo '.[0].tier')" "A" "edit --tier"
same "$(jqo '.[0].influence')" 4 "edit --influence"
same "$(jqo '.[0].alignment')" 1 "edit --alignment"
ok export --format json
same "$(jqo ".contacts[] | select(.id == $ana) | [.emails[].value] | join(\",\")")" "ana@cityhall.gov" "emails kept when not given"

# --email replaces every address; --add-email appends
ok edit contact ana --email ana@lima.org --email a.lima@union.org
ok export --format json
same "$(jqo ".contacts[] | select(.id == $ana) | [.emails[].value] | join(\",\")")" "ana@lima.org,a.lima@union.org" "--email replaces the list"
ok edit contact ana --add-email ana@home.net --add-phone "555-0199"
ok export --format json
same "$(jqo ".contacts[] | select(.id == $ana) | [.emails[].value] | join(\",\")")" "ana@lima.org,a.lima@union.org,ana@home.net" "--add-email appends"
same "$(jqo ".contacts[] | select(.id == $ana) | [.phones[].value] | join(\",\")")" "555-0100,555-0199" "--add-phone appends"

# tags: --tag adds, --untag removes; an absent tag is refused and nothing changes
ok edit contact ana --tag transit --untag press
ok export --format json
same "$(jqo ".contacts[] | select(.id == $ana) | .tags | sort | join(\",\")")" "housing,transit" "--tag and --untag"
snapshot "$T/.before"
run edit contact ana --untag nope --tier C
expect_rc 2 "untag a tag it lacks"
expect_err 'kith: --untag: Ana Lima-Reyes is not tagged "nope"' "untag names the tag"
unchanged "a refused edit changes nothing, not even the valid --tier"
run edit contact ana --influence 9
expect_rc 2 "influence out of range"
unchanged "bad influence"
run edit contact ana
expect_rc 2 "nothing to change"

# --org: the contact moved; the old role ends today, said on stdout
ok edit contact ana --org "School Board" --role "Chair"
has "$out" "ended: Clerk at City Hall, 2026-03-10" "the old role's end is said"
ok list contacts --json
same "$(jqo '.[0].organisation')" "School Board" "the current organisation"
same "$(jqo '.[0].role')" "Chair" "the new role's title"
ok edit contact ana --role "Vice Chair"
ok list contacts --json
same "$(jqo '.[0].role')" "Vice Chair" "--role alone retitles the current role"

# events
ok add event "Budget hearing" --at "2026-03-20 18:00" --where "City Hall"
ev=$out
ok edit event budget --title "Budget hearing (moved)" --at "2026-03-27 19:00" --where "Library"
ok list events --json
same "$(jqo '.[0].title')" "Budget hearing (moved)" "edit event --title"
same "$(jqo '.[0].start')" "2026-03-27 19:00" "edit event --at"
same "$(jqo '.[0].location')" "Library" "edit event --where"
run edit event "Budget hearing (moved)" --kind picnic
expect_rc 2 "edit event: unknown kind"

# follow-ups
ok follow-up add ben "Send the agenda" --due fri
fu=$out
ok edit follow-up "$fu" --title "Send the revised agenda" --due 2026-03-20 --contact ana
ok list follow-ups --json
same "$(jqo '.[0].title')" "Send the revised agenda" "edit follow-up --title"
same "$(jqo '.[0].due')" "2026-03-20" "edit follow-up --due"
same "$(jqo '.[0].contact_id')" "$ana" "edit follow-up --contact"

# delete: asks on a terminal, --yes in a script
ok log ben "coffee about the levy"
inter=$out
snapshot "$T/.before"
run delete contact ben </dev/null
expect_rc 2 "delete without --yes off a terminal"
has "$err" "give --yes to delete (nothing deleted)" "delete says why"
unchanged "delete refused"
if command -v script >/dev/null 2>&1; then
  asked=$(printf 'n\n' | script -qec "\"$KITH_BIN\" delete contact ben" /dev/null 2>&1 | tr -d '\r')
  has "$asked" "Delete contact #" "delete asks on a terminal"
  unchanged "n on the terminal keeps the contact"
fi
ok delete interaction "$inter" --yes
has "$out" "deleted interaction #$inter" "delete interaction"
ok delete follow-up "$fu" --yes
ok delete event budget --yes
ok delete contact ben --yes
has "$out" "deleted contact #" "delete contact says what"
ok list contacts --json
same "$(jqo 'length')" 1 "one contact left"
ok list events --all --json
same "$(jqo 'length')" 0 "no event left"
ok list follow-ups --all --json
same "$(jqo 'length')" 0 "no follow-up left"
run delete follow-up 999 --yes
expect_rc 2 "delete a missing follow-up"
expect_err "kith: follow-up #999: no such follow-up" "delete names what is missing"
finish
