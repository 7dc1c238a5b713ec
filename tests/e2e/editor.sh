# editor: the planner hands the terminal to $VISUAL for a long note and
# takes it back (the note is saved, the screen redrawn); a bad config line
# is reported on the message line with its file and line, and the rest of
# the config still applies.
NAME=editor
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

ok add contact "Ana Lima" --org "City Council"

# a config with two bad lines and one good one
mkdir -p "$HOME/.config/kith"
printf 'set no-such-option 3\nbind contacts Q quit\ncolor nosuchthing red blue\n' >"$HOME/.config/kith/config"

# the "editor": a script given flags (so the command line goes through a
# shell) that writes a note into the file it is given as its last argument
cat >"$T/ed" <<'SH'
#!/bin/sh
[ "$1" = "--flag" ] || { echo "editor: no --flag" >&2; exit 3; }
printf 'Met at the levy hearing.\nLikes mornings.\n' >"$2"
SH
chmod +x "$T/ed"

tm new-session -d -s k -x 100 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 VISUAL='$T/ed --flag' '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "editor: tmux cannot start a session"; exit 1; }

wait_for "Ana Lima" "the planner shows the contact"
wait_for "config:1:" "the first bad config line on the message line"
wait_for "+1 more" "the count of other bad lines"

# edit: Shift-Tab from the first field goes to the last (Notes), E runs
# the editor, the form shows its text
keys e
wait_for "Edit Ana Lima" "the edit form"
keys BTab
wait_for "E opens" "the Notes field has the focus"
keys E
wait_for "Met at the levy hearing." "the editor's text is in the form"
wait_for " 1 Contacts " "the screen is redrawn after the editor"
keys Enter
wait_for "saved Ana Lima" "the form saved"
keys Enter
wait_for "Likes mornings." "the saved note shows in the detail"
keys Escape

# the good line of the config applied: Q quits
keys Q
wait_for "kith-exited-0" "Q (bound in the config) quits"

# an editor that fails changes nothing, and the planner carries on
tm respawn-pane -k -t k \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 VISUAL=false '$KITH_BIN'; echo kith-exited-\$?; sleep 60"
wait_for "Ana Lima" "the planner again"
keys e
wait_for "Edit Ana Lima" "the edit form again"
keys BTab
wait_for "E opens" "Notes again"
keys E
wait_for "nothing changed" "a failing editor is reported"
keys Escape
keys q
wait_for "kith-exited-0" "q quits"

run list contacts --json
valid_json "list contacts --json"
same "$(jqo 'length')" 1 "still one contact"
# the note as stored, newline and all (the CLI has no command that prints notes)
if command -v sqlite3 >/dev/null 2>&1; then
  same "$(sqlite3 "$KITH_DB" "SELECT notes FROM contact")" "Met at the levy hearing.
Likes mornings." "the note in the database"
fi

finish
