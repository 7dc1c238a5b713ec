# hostile_screen: the planner on hostile terminals and files. TERM=dumb
# and an unset TERM are refused with a clear message; under LANG=C what
# the locale cannot show is drawn as '?'; a config "file" that
# is a directory, or that sources /dev/zero, is reported on the message
# line and the planner works; a terminal 1 column wide (from the start and
# after a resize) neither crashes nor hangs; a 1 MB note written with the
# editor is saved whole; under umask 000 the database and its -wal/-shm
# are 0600 and the new directories 0700 while the planner has them open.
NAME=hostile_screen
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

start() {   # start ENV...: the planner in pane k, with an exit marker
  tm respawn-pane -k -t k "env HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 $*; echo kith-exited-\$?; sleep 60"
}

ok add contact "Ana Lima" --org "City Council"
tm new-session -d -s k -x 100 -y 30 "sleep 60" || { echo "$NAME: tmux cannot start a session"; exit 1; }

# ---- terminals that cannot show a full screen ------------------------------------
start "TERM=dumb '$KITH_BIN'"
wait_for "kith: terminal: cannot start the screen (TERM=dumb): the terminal cannot move the cursor" "TERM=dumb: message"
wait_for "kith-exited-1" "TERM=dumb: exit status 1"
tm respawn-pane -k -t k "env -u TERM HOME='$HOME' KITH_DB='$KITH_DB' '$KITH_BIN'; echo kith-exited-\$?; sleep 60"
wait_for "kith: terminal: cannot start the screen (TERM=)" "no TERM: message"
wait_for "kith-exited-1" "no TERM: exit status 1"

# ---- LANG=C: letters the locale cannot show are '?', never dropped -----------------
ok add contact "Zoë Ünal 中文"
tm respawn-pane -k -t k "env -u LC_ALL -u LC_CTYPE HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C TERM=xterm-256color '$KITH_BIN'; echo kith-exited-\$?; sleep 60"
wait_for "Zo? ?nal ????" "LANG=C: non-ASCII letters shown as '?'"
wait_for "kith - Contacts" "LANG=C: the title's dash in ASCII"
keys q
wait_for "kith-exited-0" "LANG=C: quits"
run list contacts --json
has "$out" "Zoë Ünal 中文" "LANG=C: the name itself is unchanged"

# ---- a config that is a directory, or sources a device ------------------------------
mkdir -p "$HOME/.config/kith/config"
start "TERM=xterm-256color '$KITH_BIN'"
wait_for "config: is a directory, not a config file" "config directory: message"
wait_for "Ana Lima" "config directory: the planner works"
keys q
wait_for "kith-exited-0" "config directory: quits"
rmdir "$HOME/.config/kith/config"
printf 'source /dev/zero\nbind contacts Q quit\n' >"$HOME/.config/kith/config"
start "TERM=xterm-256color '$KITH_BIN'"
wait_for "config:1: /dev/zero: not a regular file" "source /dev/zero: message, no hang"
keys Q
wait_for "kith-exited-0" "source /dev/zero: the rest of the config applies"
rm "$HOME/.config/kith/config"

# ---- one column ---------------------------------------------------------------------
tm resize-window -t k -x 1 -y 30
start "TERM=xterm-256color '$KITH_BIN'"
wait_started "1 column from the start: the planner starts"
keys j k Tab 2 3 4 1 Enter Escape '?' Escape / A Enter Escape a Escape
tm resize-window -t k -x 100 -y 30
wait_for " 1 Contacts " "1 column from the start: drawn again when wide"
tm resize-window -t k -x 1 -y 30
keys j j Tab Enter Escape
sleep 0.3
tm resize-window -t k -x 1 -y 1
keys j
sleep 0.3
tm resize-window -t k -x 100 -y 30
wait_for " 1 Contacts " "1 column after a resize: drawn again"
keys 1
wait_for "Ana Lima" "1 column: the contacts again"
keys q
wait_for "kith-exited-0" "1 column: quits cleanly"

# ---- a 1 MB note through the editor ------------------------------------------------------
cat >"$T/ed" <<'SH'
#!/bin/sh
awk 'BEGIN { for (i = 0; i < 16384; i++) printf "line %05d of a very long note, written by the editor, padded to 64\n", i }' >"$1"
SH
sh "$T/ed" "$T/ref"
size=$(wc -c <"$T/ref")
[ "$size" -ge 1048576 ] && pass || fail "the editor's note is only $size bytes"
chmod +x "$T/ed"
start "TERM=xterm-256color VISUAL='$T/ed' '$KITH_BIN'"
wait_for "Ana Lima" "the planner, for the long note"
keys e
wait_for "Edit Ana Lima" "the edit form"
keys BTab
wait_for "E opens" "the Notes field has the focus"
keys E
wait_for "line 00000 of a very long note" "the editor's text is in the form"
keys Enter
wait_for "saved Ana Lima" "the 1 MB note is saved"
keys Enter
wait_for "line 00000" "the card shows the long note"
keys Escape q
wait_for "kith-exited-0" "quits after the long note"
same "$(sqlite3 "$KITH_DB" "SELECT length(notes) FROM contact WHERE display_name = 'Ana Lima'")" $((size - 1)) \
  "the whole 1 MB note is stored (the last newline trimmed)"

# ---- privacy under umask 000, while the planner is open --------------------------------
tm resize-window -t k -x 100 -y 30
tm respawn-pane -k -t k "umask 000; env -u KITH_DB HOME='$HOME' XDG_DATA_HOME='$T/xdg/share' KITH_TODAY=2026-03-10 LANG=C.UTF-8 TERM=xterm-256color '$KITH_BIN'; echo kith-exited-\$?; sleep 60"
wait_for " 1 Contacts " "the planner on a new database"
DB="$T/xdg/share/kith/kith.db"
for f in "$DB" "$DB-wal" "$DB-shm"; do
  if [ -e "$f" ]; then same "$(mode_of "$f")" 600 "umask 000: $(basename "$f") is 0600"; else fail "no $f while open"; fi
done
same "$(mode_of "$T/xdg")" 700 "umask 000: new directory 0700"
same "$(mode_of "$T/xdg/share/kith")" 700 "umask 000: data directory 0700"
keys q
wait_for "kith-exited-0" "quits"
finish
