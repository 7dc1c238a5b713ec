# two_planners: two planners on one database, `e` on the same contact in
# both (issue 15, item 1). A changes the email and saves; B changes only
# the phone and saves: both changes are kept. Then both change the name:
# B's save is refused with what the name is now, B's text stays in the
# form, and a second Enter saves B's name over A's.
NAME=two_planners
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

field() {   # field ID NAME: a contact's column, through sqlite3
  sqlite3 "$KITH_DB" "SELECT $2 FROM contact WHERE id = $1"
}

channel() { # channel ID KIND
  sqlite3 "$KITH_DB" "SELECT value FROM contact_channel WHERE contact_id = $1 AND kind = '$2'"
}

ok add contact "Ada Lovelace" --email ada@old.example --phone "555 0100"
ada=$out

for s in A B; do
  tm new-session -d -s $s -x 120 -y 40 \
    "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
    { echo "$NAME: tmux cannot start a session"; exit 1; }
  wait_for "Ada Lovelace" "planner $s lists the contact" $s
done

# both open the form; A saves a new email, then B a new phone
tm send-keys -t A e
wait_for "Edit Ada Lovelace" "A opens the form" A
tm send-keys -t B e
wait_for "Edit Ada Lovelace" "B opens the form" B
tm send-keys -t A Tab Tab Tab C-u
tm send-keys -t A -l "ada@new.example"
tm send-keys -t A Enter
wait_for "saved Ada Lovelace" "A saves" A
same "$(channel "$ada" email)" "ada@new.example" "A's email is stored"
tm send-keys -t B Tab Tab Tab Tab C-u
tm send-keys -t B -l "555 0199"
tm send-keys -t B Enter
wait_for "saved Ada Lovelace" "B saves" B
same "$(channel "$ada" email)" "ada@new.example" "A's email is still there after B saved"
same "$(channel "$ada" phone)" "555 0199" "B's phone is stored"

# both change the name: B is told, keeps its text, and decides
tm send-keys -t A e
wait_for "Edit Ada Lovelace" "A opens the form again" A
tm send-keys -t B e
wait_for "Edit Ada Lovelace" "B opens the form again" B
tm send-keys -t A C-u
tm send-keys -t A -l "Ada King"
tm send-keys -t A Enter
wait_for "saved Ada King" "A saves a new name" A
tm send-keys -t B C-u
tm send-keys -t B -l "Ada Byron"
tm send-keys -t B Enter
wait_for "Not saved: Name changed elsewhere" "B's save is refused" B
wait_for "elsewhere: \"Ada King\"" "B's form says what the name is now" B
has "$(tm capture-pane -p -t B)" "Ada Byron" "B's text is kept in the form"
same "$(field "$ada" display_name)" "Ada King" "A's name is stored"
tm send-keys -t B Enter
wait_for "saved Ada Byron" "a second Enter saves B's name over it" B
same "$(field "$ada" display_name)" "Ada Byron" "B's name is stored"
same "$(channel "$ada" email)" "ada@new.example" "the email survives all of it"

for s in A B; do
  tm send-keys -t $s q
  wait_for "kith-exited-0" "planner $s quits cleanly" $s
done
finish
