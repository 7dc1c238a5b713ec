# capture_full: Enter in capture on a full disk (a small tmpfs) says why in
# the preview, keeps the typed text, asks before Esc discards it, and saves
# the same text once there is room; a form saved on the full disk says why
# and stays open with what was typed (issue 15, item 2).
NAME=capture_full
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

if [ "$(id -u)" != 0 ]; then
  echo "$NAME: skipped: not root (cannot mount a tmpfs for a full disk)"
  finish
fi
mkdir "$T/small"
if ! mount -t tmpfs -o size=4m tmpfs "$T/small" 2>/dev/null; then
  echo "$NAME: skipped: mounting a tmpfs is not permitted here"
  finish
fi
unmount_at_exit "$T/small"
export KITH_DB="$T/small/kith.db"
ok add contact "Ada Lovelace"

tm new-session -d -s k -x 160 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 600" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for "Ada Lovelace" "planner open"

# Fill the disk with the planner open: a commit must grow the write-ahead
# log, and there is not one free block for it.
dd if=/dev/zero of="$T/small/fill" bs=4k 2>/dev/null
same "$(df -P "$T/small" | awk 'NR == 2 { print $4 }')" 0 "the disk is full"

keys c
wait_for "capture:" "c opens the capture line"
keys -l '@Ada tea about the bridge'
wait_for "tea about the bridge" "the typed text shows"
keys Enter
wait_for "Quick capture: save this?" "Enter resolves the names"
keys Enter
wait_for "Not saved:" "the failed save is reported in the preview"
has "$(screen)" "database or disk is full" "the message says the disk is full"
has "$(screen)" "The text is kept" "the message says the text is kept"
has "$(screen)" "capture: @Ada tea about the bridge" "the typed text is still on the line"
same "$(sqlite3 "file:$KITH_DB?mode=ro" "SELECT count(*) FROM interaction")" 0 "nothing was stored"

# Esc asks first; n goes back to the line with the text
keys Escape
wait_for "Discard this capture? It was not saved." "Esc asks before discarding an unsaved capture"
keys n
wait_for "capture: @Ada tea about the bridge" "n keeps the text"

# room again: Enter (twice: check, then save) saves what was typed
rm -f "$T/small/fill"
keys Enter
wait_for "Quick capture: save this?" "Enter checks the names again"
keys Enter
wait_for "Logged with Ada Lovelace" "the kept text is saved once there is room"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction WHERE summary LIKE '%tea about the bridge%'")" 1 \
  "one interaction stored"

# a form on the full disk: `a` (add contact), a name, save
dd if=/dev/zero of="$T/small/fill" bs=4k 2>/dev/null
same "$(df -P "$T/small" | awk 'NR == 2 { print $4 }')" 0 "the disk is full again"
keys a
wait_for "New contact" "a opens the new-contact form"
keys -l 'Grace Hopper'
wait_for "Grace Hopper" "the name is typed into the form"
keys Enter
wait_for "database or disk is full" "a form saved on a full disk says why"
has "$(screen)" "New contact" "the form stays open"
has "$(screen)" "Grace Hopper" "with what was typed"
same "$(sqlite3 "file:$KITH_DB?mode=ro" "SELECT count(*) FROM contact WHERE display_name = 'Grace Hopper'")" 0 \
  "the contact was not stored"
rm -f "$T/small/fill"
keys Enter
wait_for "added Grace Hopper" "with room again, the same form saves"
lacks "$(screen)" "New contact" "the form closed"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM contact WHERE display_name = 'Grace Hopper'")" 1 \
  "one contact stored"
keys q
wait_for "kith-exited-0" "the planner quits cleanly"
finish
