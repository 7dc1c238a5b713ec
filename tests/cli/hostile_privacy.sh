# hostile_privacy: what kith touches. The command line and the planner
# run under strace (file and network system calls, children followed):
# no network system call at all, and every file kith creates, writes,
# removes, renames or chmods is inside its data directory (or is the
# terminal or /dev/null); the only directories it creates are the data
# directory and its parents. The config directory is only read, and a
# note being edited in $VISUAL stays in the data directory too.
NAME=hostile_privacy
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v strace >/dev/null 2>&1 || { echo "$NAME: strace is missing (it is in DEB_PKGS)"; exit 1; }
unset KITH_DB
DATA="$HOME/.local/share/kith"
mkdir -p "$HOME/.config/kith"
printf 'set undo.steps 50\n' >"$HOME/.config/kith/config"
cd "$T" || exit 1

shift_trace() { n=$1; shift; strace -f -qq -e trace=network,file -o "$T/trace.$n" "$KITH_BIN" "$@" >/dev/null 2>&1; }

shift_trace add add contact "Ada Lovelace" --org "Engines" --email ada@example.org
shift_trace log log Ada "met" --follow-up fri
shift_trace list list contacts --json
shift_trace search search met
shift_trace event add event "Gala" --at "2026-03-20 19:00" --with Ada
shift_trace done follow-up done 1
shift_trace backup backup
shift_trace backup2 backup "$DATA/named-backup.db"
shift_trace demo demo --help
[ -s "$T/trace.add" ] || { echo "$NAME: strace produced nothing (ptrace not allowed here?)"; exit 1; }

# the planner, headless (KITH_NO_DISPLAY draws to /dev/null), keys from stdin
printf 'jj2341q' | KITH_NO_DISPLAY=1 strace -f -qq -e trace=network,file -o "$T/trace.planner" \
  "$KITH_BIN" >/dev/null 2>&1
[ -s "$T/trace.planner" ] && pass || fail "the planner was not traced"

# the planner running the editor on a contact's note (e, Shift-Tab to
# Notes, E): the note being edited is kept beside the database, not in /tmp
printf '#!/bin/sh\nprintf "a private note\\n" >"$1"\n' >"$T/ed"
chmod +x "$T/ed"
printf 'e\033[ZE\r\rq' | KITH_NO_DISPLAY=1 VISUAL="$T/ed" TMPDIR="$T/shared-tmp" \
  strace -f -qq -e trace=network,file -o "$T/trace.editor" "$KITH_BIN" >/dev/null 2>&1
same "$(sqlite3 "$DATA/kith.db" "SELECT notes FROM contact WHERE display_name = 'Ada Lovelace'")" \
  "a private note" "the note written in the editor is saved"
has "$(grep 'kith-note' "$T/trace.editor")" "$DATA/.kith-note-" "the note is edited inside the data directory"
[ -e "$T/shared-tmp" ] && fail "something was written to TMPDIR" || pass
same "$(ls -a "$DATA" | grep kith-note)" "" "the note file is removed after editing"

cat "$T"/trace.* >"$T/all"
# 1. no network system call at all
net=$(grep -E '^[0-9]+ +(socket|connect|bind|listen|accept4?|sendto|sendmsg|recvfrom|recvmsg|socketpair|getsockopt|setsockopt)\(' "$T/all" | head -3)
same "$net" "" "no network system call"

# 2. every write-like call names a path inside DATA, or a terminal / null device
awk -v data="$DATA" -v home="$HOME" '
  function path(s,   a) { if (match(s, /"[^"]*"/)) return substr(s, RSTART + 1, RLENGTH - 2); return "" }
  function ok(p) {
    if (index(p, data "/") == 1 || p == data) return 1
    if (p == "/dev/null" || p == "/dev/tty" || p ~ /^\/dev\/pts\//) return 1
    # the parents of the data directory, created on first use
    if (index(data, p "/") == 1 && p != "" ) return 1
    return 0
  }
  {
    call = $2; sub(/\(.*/, "", call)
    w = 0
    if (call ~ /^(open|openat|creat)$/) { if ($0 ~ /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND/ || call == "creat") w = 1 }
    else if (call ~ /^(mkdir|mkdirat|unlink|unlinkat|rename|renameat2?|chmod|fchmodat|chown|fchownat|lchown|truncate|link|linkat|symlink|symlinkat|utimensat|rmdir|mknod|mknodat)$/) w = 1
    if (!w) next
    p = path($0)
    if (call ~ /^(mkdir|mkdirat)$/ && index(data, p) == 1) next
    if (!ok(p)) print "outside: " $0
  }' "$T/all" >"$T/outside"
same "$(head -5 "$T/outside")" "" "every file written is in the data directory"
# the config directory was read, never written
lacks "$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|unlink|rename|mkdir' "$T/all" | grep "$HOME/.config")" "$HOME/.config" \
  "the config directory is only read"
has "$(grep "$HOME/.config/kith/config" "$T/trace.planner")" "O_RDONLY" "the planner read the config"
# 3. and the files it made are private
for f in "$DATA/kith.db" "$DATA/named-backup.db" "$DATA"/kith-backup-*.db; do
  same "$(mode_of "$f")" 600 "$(basename "$f") is 0600"
done
same "$(mode_of "$DATA")" 700 "the data directory is 0700"
finish
