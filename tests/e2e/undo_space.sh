# undo_space: SQLite's temporary files (the undo of a big import, kith
# demo) stay in the database's directory, never in /var/tmp or $TMPDIR;
# and an undo that runs out of space says "not enough space for undo",
# keeps the step, and works once there is room (issue 15, item 9).
NAME=undo_space
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

command -v strace >/dev/null 2>&1 || { echo "$NAME: strace is missing (it is in DEB_PKGS)"; exit 1; }
DATA="$T/data"
mkdir -p "$DATA" "$T/shared-tmp"
export KITH_DB="$DATA/kith.db"
awk 'BEGIN { print "name,email,phone,notes"
  for (i = 0; i < 5000; i++) printf "Person %d,p%d@example.org,+1555%06d,note %d\n", i, i, i, i }' >"$T/big.csv"

# where SQLite puts its temporary files: every file created outside the
# data directory is listed (the import file is only read)
outside() {
  # (under make check-valgrind, valgrind's own files are not kith's)
  grep -E 'O_CREAT' "$1" | grep -v "\"$DATA/" | grep -v '"/dev/' |
    grep -v -e '/valgrind_proc_' -e '/vgdb-pipe-' -e '/valgrind/logs/vg\.[0-9]*\.log"' | head -3
}
printf ':import %s\r' "$T/big.csv" >"$T/keys"
# (the first import asks which one is you: Enter makes the first one you,
# and the first u takes that back, the second the import)
printf '\ru' >>"$T/keys"
printf 'u' >>"$T/keys"
printf 'q' >>"$T/keys"
KITH_NO_DISPLAY=1 TMPDIR="$T/shared-tmp" strace -f -qq -e trace=open,openat,creat -o "$T/trace.undo" \
  "$KITH_BIN" <"$T/keys" >/dev/null 2>&1
[ -s "$T/trace.undo" ] || { echo "$NAME: strace produced nothing (ptrace not allowed here?)"; exit 1; }
has "$(grep etilqs "$T/trace.undo")" "\"$DATA/etilqs_" "the undo of a big import made its temporary file in the data directory"
same "$(outside "$T/trace.undo")" "" "the import and its undo created no file outside the data directory"
run list contacts --json --all
same "$(jqo 'length')" 0 "the import was undone"

TMPDIR="$T/shared-tmp" strace -f -qq -e trace=open,openat,creat -o "$T/trace.demo" \
  "$KITH_BIN" demo --no-ui -d "$DATA/demo.db" >/dev/null 2>&1
same "$(outside "$T/trace.demo")" "" "kith demo created no file outside the data directory"
same "$(ls -A "$T/shared-tmp")" "" "nothing was left in TMPDIR"

# ---- a full disk during undo: a small tmpfs ----------------------------------
if [ "$(id -u)" != 0 ]; then
  echo "$NAME: skipped the disk-full undo: not root (cannot mount a tmpfs)"
  finish
fi
mkdir "$T/small"
# (the undo of the 5,000-contact import needs about 30 MB beside the
# database at its peak: 32 MB left no room once contacts carried a UID)
if ! mount -t tmpfs -o size=64m tmpfs "$T/small" 2>/dev/null; then
  echo "$NAME: skipped the disk-full undo: mounting a tmpfs is not permitted here"
  finish
fi
unmount_at_exit "$T/small"
DB="$T/small/kith.db"
tm new-session -d -s k -x 120 -y 30 \
  "env HOME='$HOME' KITH_DB='$DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 600" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner started on the small disk"
tm send-keys -t k ":import $T/big.csv" Enter
WAIT_TRIES=$((WAIT_TRIES * 4))
wait_for "5000 contacts added" "the import finished"
wait_for "Which one is you?" "the first import asks which one is you"
tm send-keys -t k Escape
wait_for "Not asking again" "Esc dismisses it"
# fill what is left of the disk, then undo
dd if=/dev/zero of="$T/small/fill" bs=64k 2>/dev/null
tm send-keys -t k u
wait_for "not enough space for undo" "an undo on a full disk says why"
lacks "$(screen)" "not an error" "no meaningless message"
same "$(sqlite3 "$DB" 'SELECT count(*) FROM contact')" 5000 "the failed undo changed nothing"
rm -f "$T/small/fill"
tm send-keys -t k u
wait_for "Undone" "with room again, the same undo works"
tm send-keys -t k q
wait_for "kith-exited-0" "q quits"
same "$(sqlite3 "$DB" 'SELECT count(*) FROM contact')" 0 "the import was undone"
finish
