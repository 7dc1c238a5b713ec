# capture: quick capture in the real planner under tmux. `c` opens the
# line, the preview follows the typing, an ambiguous @an opens "Which an?"
# with the most recently contacted first, Enter shows the result and Enter
# again saves it; then the database is checked through the command line.
NAME=capture
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

ok add contact "Zoe Park"
ok add contact "Tom Ruiz"
tom=$out
ok add contact "Ana Lima"
ok add contact "Anh Tran"
ok log "Anh Tran" "catch-up" --at 2026-03-01

tm new-session -d -s k -x 120 -y 40 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "capture: tmux cannot start a session"; exit 1; }
wait_for "kith — Contacts" "planner open"

keys c
wait_for "capture:" "c opens the capture line"
wait_for "CAPTURE" "capture mode on the status line"
keys -l '@zoe @"Tom Ruiz" coffee about zoning #housing !fri send the draft'
wait_for "Due 2026-03-13  send the draft  (@Tom Ruiz)" "preview of the follow-up while typing"
keys Enter
wait_for "Quick capture: save this?" "Enter shows the resolved result"
wait_for "Zoe Park, Tom Ruiz" "resolved names"
keys Enter
wait_for "Logged with Zoe Park, Tom Ruiz; 1 follow-up" "Enter saves"

# an ambiguous name: a pick list, most recently contacted first
keys c
wait_for "capture:" "c again"
keys -l '@an lunch'
keys Enter
wait_for "Which an? (2 matches)" "pick list for @an"
wait_for "Anh Tran · last contact 2026-03-01" "Anh first: contacted most recently"
keys Escape
wait_for "capture: @an lunch" "Esc goes back to the line"
keys Escape
wait_for "Capture cancelled" "Esc again cancels"
keys q
wait_for "kith-exited-0" "q quits"

ok list follow-ups --json
same "$(jqo 'length')" 1 "one follow-up saved"
same "$(jqo '.[0].contact_id')" "$tom" "follow-up about Tom"
same "$(jqo '.[0].due')" 2026-03-13 "due Friday"
ok search lunch --json
same "$(jqo 'map(select(.kind == "interaction")) | length')" 0 "the cancelled capture wrote nothing"

finish
