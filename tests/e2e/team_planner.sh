# team_planner: :sync and :conflicts in the real planner (issue 19). Ana (this
# planner's database) and Ben are one team on a bare repository in the
# test's folder. Both change Dana's phone offline (a true conflict); Ben
# also logs a call with her and syncs first. Ana's planner: the title's
# mark says a change waits to be sent; :sync applies Ben's entry and finds
# the conflict (the message and the mark say so); the card says who
# logged Ben's call; :conflicts lists it (old value, theirs, mine, which
# was kept); Enter takes Ben's value back; u undoes that.
NAME=team_planner
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
phone() {
  sqlite3 "$KITH_DB" "SELECT value FROM contact_channel WHERE kind = 'phone'"
}

R="$T/team.git" B="$T/ben.db"
git init -q --bare "$R"
ok add contact "Dana Reyes" --phone "555 0100"
ok map new "Zoning vote"
ok team init "$R" --as Ana
run team invite
ok -d "$B" team join "$R" "$out" --as Ben
ok edit contact "Dana Reyes" --phone "555 0111"
ok -d "$B" edit contact "Dana Reyes" --phone "555 0333"
ok -d "$B" log "Dana Reyes" "Called about the zoning vote" --kind call --at "2026-03-09 10:00"
ok -d "$B" map place "Zoning vote" "Dana Reyes" --influence 4 --alignment 1 --reason chairs
ok -d "$B" sync

tm new-session -d -s k -x 200 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
wait_for "1 to send" "the title's mark: Ana's change waits"

keys : sync Enter
wait_for "Synced: 1 from the team, 1 conflict (:conflicts)" ":sync applies Ben's entry and finds the conflict"
wait_for "1 conflict (:conflicts)" "the title's mark shows the conflict"
same "$(phone)" "555 0111" "the later entry (Ana's) keeps her phone"

keys Enter
wait_for "Called about the zoning vote  (logged by Ben)" "the card says who logged Ben's call"
keys Escape

keys : conflicts Enter
wait_for "Conflicts (Enter takes the other value; Esc closes)" ":conflicts opens the list"
wait_for "Dana Reyes's phone: value was \"555 0100\", theirs \"555 0333\", mine \"555 0111\"; mine kept" \
  "the conflict: old value, theirs, mine, which was kept"
keys Enter
wait_for "The other value is back" "Enter takes the other value"
same "$(phone)" "555 0333" "Ben's phone is back"
keys u
wait_for "Undone: take the other value" "u undoes"
same "$(phone)" "555 0111" "undone: Ana's phone again"

# the power map: Ben's placement says he placed it
keys 3
wait_for "Zoning vote" "the map"
keys /
tm send-keys -t k -l dana
keys Enter
wait_for "Dana Reyes: influence 4, passive ally" "find: Dana is where Ben placed her"
keys Enter
wait_for "influence 4 · passive ally  (logged by Ben)" "the map's card says who placed her"
wait_for "passive ally — chairs  (logged by Ben)" "and who made the move in its history"

keys q
wait_for "kith-exited-0" "the planner quits cleanly"
finish
