# health: the planner's Health view in the real binary on the demo network,
# as a user would use it: zh opens it, the report reads as kith health
# prints it (the breakdowns, a dormant strong tie, the people only asked of
# first), j moves the cursor, Enter on a person opens their card with the
# same reciprocity line, :health opens it again, ? lists its keys, q closes.
NAME=health
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

"$KITH_BIN" -d "$KITH_DB" demo --no-ui >/dev/null || fail "demo database"
active=$("$KITH_BIN" health --json | jq -r '.active')
first=$("$KITH_BIN" health --json | jq -r '.reciprocity[0].name')
dormant=$("$KITH_BIN" health --json | jq -r '.dormant[0].name')

tm new-session -d -s k -x 110 -y 40 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "health: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"

keys z h
wait_for "kith — Health" "zh opens the Health view"
wait_for "— $active active" "the title counts the active network"
wait_for "The active network: $active of" "the report's first line"
wait_for "By sector (the kind of organisation of their roles)" "the sector breakdown"
wait_for "government" "a sector"
wait_for "<Enter> open" "the view's keys in the status line"
keys G
wait_for "Strong ties going dormant: 1" "one strong tie gone dormant"
wait_for "$dormant · tier A" "the dormant tie, with its tier"
wait_for "$first · asked 1" "the people only asked of, first"
wait_for "gave nothing: offer something" "and what to do about it"

# a key the view does not take says so
keys /
wait_for "search: not in the Health view (q closes it)" "a key the view does not take says so"
# the cursor walks down to the first person only asked of; Enter opens their card
keys g
wait_selected "The active network:" "g goes to the top"
walk j "$first · asked" "j moves the cursor to $first"
keys Enter
wait_for "kith — Contacts" "Enter opens the person's card"
wait_for "you only asked: " "the card says you only asked"
wait_for "offer something before another ask" "and proposes giving"

keys : health Enter
wait_for "kith — Health" ":health opens the view again"
keys '?' /
keys health
wait_for "health-end" "? lists the view's commands"
wait_for "zh" "and the key that opens it"
keys Escape Escape
wait_for "kith — Health" "Esc closes the help"
keys q
wait_for "NORMAL" "q closes the view"
wait_for "kith — Contacts" "back on the pane it covered"
keys q
wait_for "kith-exited-0" "the planner quits cleanly"

finish
