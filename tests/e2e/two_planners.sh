# two_planners: two planners on one database, `e` on the same contact in
# both (issue 15, item 1). A changes the email and saves; B changes only
# the phone and saves: both changes are kept. Then both change the name:
# B's save is refused with what the name is now, B's text stays in the
# form, and a second Enter saves B's name over A's.
NAME=two_planners
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

# wait_in SESSION TEXT WHAT: wait_for on another session
wait_in() {
  i=0
  while [ $i -lt "$WAIT_TRIES" ]; do
    case $(tm capture-pane -p -t "$1" 2>/dev/null) in *"$2"*) pass; return 0 ;; esac
    sleep 0.05
    i=$((i + 1))
  done
  fail "$3: [$2] never appeared; the screen was:"
  tm capture-pane -p -t "$1"
  return 1
}

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
  wait_in $s "Ada Lovelace" "planner $s lists the contact"
done

# both open the form; A saves a new email, then B a new phone
tm send-keys -t A e
wait_in A "Edit Ada Lovelace" "A opens the form"
tm send-keys -t B e
wait_in B "Edit Ada Lovelace" "B opens the form"
tm send-keys -t A Tab Tab Tab C-u
tm send-keys -t A -l "ada@new.example"
tm send-keys -t A Enter
wait_in A "saved Ada Lovelace" "A saves"
same "$(channel "$ada" email)" "ada@new.example" "A's email is stored"
tm send-keys -t B Tab Tab Tab Tab C-u
tm send-keys -t B -l "555 0199"
tm send-keys -t B Enter
wait_in B "saved Ada Lovelace" "B saves"
same "$(channel "$ada" email)" "ada@new.example" "A's email is still there after B saved"
same "$(channel "$ada" phone)" "555 0199" "B's phone is stored"

# both change the name: B is told, keeps its text, and decides
tm send-keys -t A e
wait_in A "Edit Ada Lovelace" "A opens the form again"
tm send-keys -t B e
wait_in B "Edit Ada Lovelace" "B opens the form again"
tm send-keys -t A C-u
tm send-keys -t A -l "Ada King"
tm send-keys -t A Enter
wait_in A "saved Ada King" "A saves a new name"
tm send-keys -t B C-u
tm send-keys -t B -l "Ada Byron"
tm send-keys -t B Enter
wait_in B "Not saved: Name changed elsewhere" "B's save is refused"
wait_in B "elsewhere: \"Ada King\"" "B's form says what the name is now"
has "$(tm capture-pane -p -t B)" "Ada Byron" "B's text is kept in the form"
same "$(field "$ada" display_name)" "Ada King" "A's name is stored"
tm send-keys -t B Enter
wait_in B "saved Ada Byron" "a second Enter saves B's name over it"
same "$(field "$ada" display_name)" "Ada Byron" "B's name is stored"
same "$(channel "$ada" email)" "ada@new.example" "the email survives all of it"

for s in A B; do
  tm send-keys -t $s q
  wait_in $s "kith-exited-0" "planner $s quits cleanly"
done
finish
