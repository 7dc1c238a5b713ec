# concerns: the listening report in the real planner (issue 18). Three
# people raised the Elm St light (two in one capture line with !raised),
# one the bus route: :concerns lists the light first with its people and
# districts, Enter shows who raised it in their words, Enter on a person
# opens their card with the concerns they raised; the review proposes
# telling them a promise's update, and x tells them with one message.
NAME=concerns
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

for who in "Ana Lima" "Ben Ortiz" "Carla Diaz" "Dana Wu"; do
  ok add contact "$who"
done
sqlite3 "$KITH_DB" "UPDATE contact SET district = 'Ward 3' WHERE display_name <> 'Dana Wu'"
ok capture '@ana @ben the light on Elm St is out #elm-st-light !raised'
ok concern add carla elm-st-light --words "Kids walk there in the dark" --at 2026-03-01
ok concern add dana bus-route-14 --at 2026-03-02
ok promise add elm-st-light "Fix the Elm St streetlight"
ok promise update 1 "The work order is filed"

tm new-session -d -s k -x 110 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
keys : concerns Enter
wait_for "#elm-st-light — 3 people, last 2026-03-10 — Ward 3 (3)" "the report: the light first"
wait_for "#bus-route-14 — 1 person, last 2026-03-02" "then the bus route"
keys Enter
wait_for "Who raised #elm-st-light" "Enter: who raised it"
wait_for "2026-03-01  Carla Diaz  “Kids walk there in the dark”" "in their own words"
keys G Enter
wait_for "Concerns they raised" "Enter on a person opens the card"
wait_for "2026-03-01  #elm-st-light  “Kids walk there in the dark”" "with the concern"
keys r
wait_for "Tell the 3 people who raised #elm-st-light: The work order is filed" "the review proposes telling them"
wait_for "Carla Diaz" "and lists who is not told yet"
keys x
wait_for "Review done: 0 done, 1 logged" "x tells them, and the review (one item) ends"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM promise_told")" 3 "all three remembered as told"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction WHERE summary =
  'Update on #elm-st-light: The work order is filed'")" 1 "with one message"
keys q
wait_for "kith-exited-0" "the planner quits"
finish
