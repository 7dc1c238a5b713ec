# goals: the planner's Goals view in the real binary: zg and :goals open
# it, each goal with its progress bar and pace, the card with who counted
# and who is next, ? lists the keys, D deletes a goal and u brings it back.
NAME=goals
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

k() {
  "$KITH_BIN" "$@" || fail "kith $*"
}

k add contact "Ana Diaz" --tag school-board >/dev/null
k add contact "Bo Chen" --tag school-board --influence 4 >/dev/null
k add contact "Cy Moss" --tag press >/dev/null
same "$(k goal add "Meet the board" --by 2026-04-09 --count 2 --who tag:school-board)" 1 "a goal"
same "$(k goal add "Talk to the press" --by 2026-06-30 --count 4 --who tag:press --how talked)" 2 \
  "another"
k log ana "coffee about the bond" --kind coffee >/dev/null

tm new-session -d -s k -x 120 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "goals: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"

keys z g
wait_for "kith — Goals" "zg opens the Goals view"
wait_for "2 goals" "the title counts them"
wait_for "[#####.....]" "a progress bar half full"
wait_for "1/2 met" "how many of how many"
wait_for "Meet the board" "the goal's title"
wait_for "on pace, 4 weeks left" "its pace"
wait_for "0/4 talked" "the other goal"
keys Enter
wait_for "Counted" "Enter opens the card"
wait_for "2026-03-10  Ana Diaz" "who counted, and when"
wait_for "Next" "who is next"
wait_for "Bo Chen" "the best person not counted yet"
keys Escape
keys '?' /
keys goals
wait_for "The Goals view" "? lists the command"
wait_for "zg" "with the key that opens the view"
keys Escape Escape
keys 1
wait_for "kith — Contacts" "1 goes back to the contacts"
keys : g o a l s Enter
wait_for "kith — Goals" ":goals opens the view too"
keys D
wait_for "Delete this goal?" "D asks"
keys y
wait_for "goal deleted (u undoes)" "deleted"
wait_for "1 goal" "one goal left"
keys u
wait_for "2 goals" "u brings it back"
keys q
wait_for "kith-exited-0" "quit"

same "$("$KITH_BIN" goal list --json | jq length)" 2 "both goals in the database"
finish
