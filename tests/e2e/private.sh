# private: a private note in the real planner under tmux (issue 19). A
# capture ending in !private says so in its preview, saves to the private
# file, shows on the person's card marked (private) among the shared
# interactions, and u undoes it like any change; the log form's Private
# field does the same; a private line with a #tag is refused on the line.
NAME=private
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

ok add contact "Dana Reyes"
ok log "Dana Reyes" "shared coffee" --at 2026-03-01

tm new-session -d -s k -x 120 -y 40 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "private: tmux cannot start a session"; exit 1; }
wait_for "kith — Contacts" "planner open"
keys Enter
wait_for "shared coffee" "Dana's card shows the shared interaction"

keys c
wait_for "capture:" "c opens the capture line"
keys -l '@dana lunch #donor !private'
wait_for "a private note holds @people and words only" "a private line with a tag is refused as it is typed"
keys C-u
keys -l '@dana her divorce is final !private'
wait_for "a private note: kept on this machine, never shared" "the preview says it is private"
keys Enter
wait_for "Quick capture: save this?" "Enter shows the resolved result"
keys Enter
wait_for "Private note (kept on this machine) about Dana Reyes" "Enter saves it"
wait_for "(private) her divorce is final" "the card shows it, marked"
case $(screen) in *"shared coffee"*) pass ;; *) fail "the shared interaction is still on the card" ;; esac
[ -f "$KITH_DB.private" ] && pass || fail "the private file was made"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction")" 1 "nothing new in the database file"
same "$(sqlite3 "$KITH_DB.private" "SELECT summary FROM private_note")" "her divorce is final" \
  "the note is in the private file"

keys u
wait_for "Undone: capture" "u undoes the private note"
same "$(sqlite3 "$KITH_DB.private" "SELECT count(*) FROM private_note")" 0 "the undo removed it"

# the log form: its Private field
keys n
wait_for "Log an interaction with Dana Reyes" "n opens the log form"
keys -l 'owes the bank'
keys Tab Tab Tab Tab Tab
keys -l 'yes'
keys Enter
wait_for "private note, kept on this machine: owes the bank" "the form saves a private note"
wait_for "(private) owes the bank" "on the card, marked"
keys q
wait_for "kith-exited-0" "q quits"

ok search bank --json
same "$(jqo '.[0].id')" "-1" "kith search finds it (a private note's id is negative in JSON)"
ok export --format json
lacks "$out" "owes the bank" "an export leaves it out"

finish
