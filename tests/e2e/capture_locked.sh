# capture_locked: a capture saved while another process holds the write lock
# (an import, or `sqlite3` inside BEGIN IMMEDIATE) fails after the 5 s wait:
# the planner says so where the capture line cannot hide it, keeps the
# typed text, asks before Esc discards it, and Enter saves it once the
# lock is gone (issue 15, item 2).
NAME=capture_locked
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

# wait_long TEXT WHAT: as wait_for, three times as long (past the 5 s lock wait)
wait_long() {
  WAIT_TRIES=$((WAIT_TRIES * 3))
  wait_for "$1" "$2"
  r=$?
  WAIT_TRIES=$((WAIT_TRIES / 3))
  return $r
}

ok add contact "Ada Lovelace"

# another process takes the write lock and keeps it until told to let go
mkfifo "$T/sql"
sqlite3 "$KITH_DB" <"$T/sql" >"$T/sqlite.out" 2>&1 &
holder=$!
exec 3>"$T/sql"
printf ".timeout 10000\n" >&3   # (the probe below may hold the lock for a moment)
echo "BEGIN IMMEDIATE; INSERT INTO meta(key, value) VALUES ('lock-holder', 'x');" >&3
i=0
while sqlite3 "$KITH_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 && [ $i -lt 100 ]; do
  sleep 0.05
  i=$((i + 1))
done
if sqlite3 "$KITH_DB" "BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1; then
  fail "the sqlite3 process never took the write lock"
fi

# (3>&-: the tmux server must not keep the holder's input open)
tm new-session -d -s k -x 120 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" 3>&- ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for "Ada Lovelace" "planner open"
keys c
wait_for "capture:" "c opens the capture line"
keys -l '@Ada tea about the bridge'
wait_for "tea about the bridge" "the typed text shows"
keys Enter
wait_for "Quick capture: save this?" "Enter resolves the names"
keys Enter
wait_long "Not saved:" "the failed save is reported in the preview"
has "$(screen)" "busy: another process is writing" "the message says why"
has "$(screen)" "The text is kept" "the message says the text is kept"
has "$(screen)" "capture: @Ada tea about the bridge" "the typed text is still on the line"

# Esc asks first; n goes back to the line with the text
keys Escape
wait_for "Discard this capture? It was not saved." "Esc asks before discarding an unsaved capture"
keys n
wait_for "capture: @Ada tea about the bridge" "n keeps the text"

# the lock goes; Enter (twice: check, then save) saves what was typed
echo "ROLLBACK;" >&3
exec 3>&-
wait "$holder"
same "$(cat "$T/sqlite.out")" "" "the lock holder ran without error"
keys Enter
wait_for "Quick capture: save this?" "Enter checks the names again"
keys Enter
wait_for "Logged with Ada Lovelace" "the kept text is saved once the lock is gone"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction WHERE summary LIKE '%tea about the bridge%'")" 1 \
  "one interaction stored"
keys q
wait_for "kith-exited-0" "the planner quits cleanly"
finish
