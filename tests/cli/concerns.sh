#!/bin/sh
# concerns.sh: listening to constituents (issue 18). Concerns from the
# command line and from capture's !raised; the listening report ranks
# issues by people, then recency, with their districts; a promise's update
# is logged once, the review proposes telling everyone who raised it, and
# `kith promise tell` logs one group message and remembers who was told.
. "$(dirname "$0")/testlib"

ok add contact "Ana Lima" >/dev/null
ok add contact "Ben Ode" >/dev/null
ok add contact "Cy Park" >/dev/null
ok add contact "Dee Fox" >/dev/null
q() { sqlite3 "$KITH_DB" "$1"; }
q "UPDATE contact SET district = 'Ward 3' WHERE display_name IN ('Ana Lima', 'Ben Ode');
   UPDATE contact SET district = 'Ward 4' WHERE display_name = 'Cy Park'"

ok concern add ana elm-st-light --words "The light has been out for a month" --at 2026-03-01 >/dev/null
ok concern add cy '#elm-st-light' >/dev/null
ok concern add dee bus-route-14 --at 2026-03-09 >/dev/null
# capture: !raised makes each #tag a concern of each @person, the summary their words
ok capture '@ben @ana the corner is dark at night #elm-st-light !raised' >/dev/null
same "$(q "SELECT count(*) FROM concern c JOIN contact k ON k.id = c.contact_id
	WHERE k.display_name = 'Ben Ode' AND c.words = 'the corner is dark at night'")" 1 "!raised records Ben's words"
run capture '@ana late again !raised'
expect_rc 2 "!raised without a #tag is refused"
has "$err" "name the issue they raised with a #tag" "the error says how"

# the report: elm-st-light (3 people, Ward 3 and 4) before bus-route-14 (1)
run concerns
expect_rc 0 "kith concerns"
same "$(printf '%s\n' "$out" | awk 'NR == 1 { print $1, $2, $3 }')" "#elm-st-light 3 people" "most people first"
has "$out" "Ward 3 (2), Ward 4 (1)" "the districts, most first"
run concerns --json
same "$(jqo '.[0].issue + " " + (.[0].people|tostring) + " " + (.[0].raised|tostring)')" "elm-st-light 3 4" "JSON: people and times raised"
same "$(jqo '.[1].issue')" "bus-route-14" "JSON: the second issue"
run concerns --since 2026-03-05 --json
same "$(jqo '.[0].people')" 3 "--since counts the people of the window"
run concerns elm-st-light
has "$out" "The light has been out for a month" "who raised it, in their words"
run concerns nothing-here
has "$out" "Nobody raised #nothing-here" "an issue nobody raised"
run concern add ana potholes --at 2030-01-01
expect_rc 2 "a concern in the future is refused"

# promises
run promise add no-such-issue "Fix it"
expect_rc 2 "a promise about an issue nobody raised"
has "$err" "nobody raised this issue" "the error names it"
ok promise add elm-st-light "Fix the Elm St streetlight" >/dev/null
run promise tell 1
expect_rc 2 "nothing to tell before an update"
ok promise update 1 "The work order is filed" >/dev/null
run today --json
has "$out" "tell the 3 people who raised #elm-st-light: The work order is filed" "the review proposes telling them"
run today --explain
has "$out" "+14  promise" "the term and its weight"
# the review proposes a last update of the last 30 days (today 2026-03-10)
ok promise update 1 "Old news" --at 2026-02-08 >/dev/null
run today --json
has "$out" "who raised #elm-st-light: Old news" "an update 30 days old is proposed"
ok promise update 1 "Older news" --at 2026-02-07 >/dev/null
run today --json
lacks "$out" "who raised #elm-st-light" "the last update 31 days old is not"
ok promise update 1 "The work order is filed" >/dev/null
mkdir -p "$HOME/.config/kith"
printf 'set review.weight.promise 0\n' >"$HOME/.config/kith/config"
run today --json
lacks "$out" "who raised #elm-st-light" "review.weight.promise 0 leaves it out"
rm "$HOME/.config/kith/config"
run promise list --json
same "$(jqo '.[0].untold')" 3 "three not told yet"
run promise tell 1
expect_out "told 3 people: logged one message with them" "one group message"
same "$(q "SELECT count(*) FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id
	WHERE i.summary = 'Update on #elm-st-light: The work order is filed'")" 3 "one interaction with the three"
run promise list --json
same "$(jqo '.[0].untold')" 0 "everyone was told"
run today --json
lacks "$out" "who raised #elm-st-light" "told: the review has nothing more to propose"
run promise tell 1
expect_out "Everyone who raised it was told already." "telling twice writes nothing"
# someone new raises it: the same update is proposed for them alone
ok concern add dee elm-st-light >/dev/null
run promise list --json
same "$(jqo '.[0].untold')" 1 "the newcomer is not told yet"
ok promise kept 1
run promise list
has "$out" "No open promises." "a kept promise leaves the open list"
run promise list --all --json
same "$(jqo '.[0].status')" "kept" "--all lists it as kept"
# the card shows the concerns a person raised
run concerns --all
has "$out" "bus-route-14" "--all"
finish
