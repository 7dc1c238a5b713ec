# bulk: marks and a bulk action in the real planner (issue 16): mark three
# people with t, ; then + tags all three with one form, the status line
# says so, the fourth person is left alone, and one u undoes all three;
# ? lists the ; prefix.
NAME=bulk
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

tagged() {
  sqlite3 "$KITH_DB" "SELECT count(*) FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id
    WHERE tag.name = 'housing'"
}

for who in "Ana Lima" "Ben Ortiz" "Carla Diaz" "Dana Wu"; do
  ok add contact "$who"
done

tm new-session -d -s k -x 100 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
wait_for "Dana Wu" "the list is drawn"
keys t t t
wait_for "3 marked" "t marks three rows"
keys '\;'            # tmux reads a bare ; as its own separator
wait_for "the next command applies to all of them" "; waits for a command"
keys +
wait_for "Tag 3 people" "+ asks for the tag of the three"
keys housing Enter
wait_for "tagged 3 people with housing" "the status line says what it did"
same "$(tagged)" 3 "three people tagged in the database"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM contact_tag JOIN contact ON contact.id = contact_id
  WHERE display_name = 'Dana Wu'")" 0 "the unmarked person is not"
keys u
wait_for "Undone: tagged 3 people with housing" "u undoes the bulk action"
same "$(tagged)" 0 "one undo untagged all three"
keys '?'
keys /bulk
wait_for "Apply the next command to every marked row" "? lists the bulk prefix"
keys Escape q
wait_for " NORMAL " "help closes"
keys q
wait_for "kith-exited-0" "the planner quits"
finish
