# writers: every command that writes a file goes through the one helper
# (src/util/safefile.c): under strace, each file kith creates is either a
# database (the database itself, a backup's copy, SQLite's -wal, -shm
# and -journal beside them and its unnamed temporary files) or a temporary ".NAME.XXXXXX" made with
# O_EXCL and mode 0600 in the target's directory and then renamed (or
# linked) onto the target. Every file left is mode 0600, even under
# umask 000 (issue 16, item 6).
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v strace >/dev/null 2>&1 || { echo "$NAME: strace is missing (it is in DEB_PKGS)"; exit 1; }
W="$T/w"
mkdir -p "$W"
cd "$W" || exit 1
umask 000

ok add contact "Ada Lovelace" --email ada@example.org
ok add event "Gala" --at "2026-03-20 19:00" --with Ada
ok follow-up add Ada "send the deck" --due fri
ok map new "Board"
ok map place Board "Ada Lovelace" --influence 4 --alignment 2

n=0
traced() {   # traced ARG...: run kith under strace; the trace is $W/../trace.N
  n=$((n + 1))
  # (LeakSanitizer cannot work under ptrace: in the SANITIZE=1 build it stays off here)
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
  strace -f -qq -e trace=open,openat,creat,rename,renameat,renameat2,link,linkat \
    -o "$T/trace.$n" "$KITH_BIN" "$@" >"$T/.out" 2>"$T/.err"
  rc=$?
  if [ "$rc" -eq 0 ]; then pass; else fail "kith $* -> exit $rc: $(cat "$T/.err")"; fi
}

for fmt in vcf csv ics json; do
  traced export --format $fmt -o "out.$fmt"
done
for fmt in svg dot; do
  traced export --format $fmt --map Board -o "board.$fmt"
  traced export --format $fmt --map Board -o "$W/abs-board.$fmt"
done
traced export --format json -o out.json           # over an existing file
traced backup "named.db"
traced backup
traced -d "$W/fresh.db" add contact "Bo"
traced -d "$W/demo.db" demo --no-ui
printf 'name,email\nCy,cy@example.org\n' >"$W/in.csv"
traced import "$W/in.csv"
[ -s "$T/trace.1" ] || { echo "$NAME: strace produced nothing (ptrace not allowed here?)"; exit 1; }

cat "$T"/trace.* >"$T/all"
awk '
  BEGIN { x = "[A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9][A-Za-z0-9]" }   # mkstemp XXXXXX
  function q(s, k,   i) {        # the k-th quoted string of s
    for (i = 1; i <= k; i++) {
      if (!match(s, /"[^"]*"/)) return ""
      r = substr(s, RSTART + 1, RLENGTH - 2); s = substr(s, RSTART + RLENGTH)
    }
    return r
  }
  function base(p) { sub(/.*\//, "", p); return p }
  / = -1 / { next }
  $2 ~ /^(open|openat|creat)\(/ && ($0 ~ /O_CREAT/ || $2 ~ /^creat/) {
    p = q($0, 1)
    if (p ~ /\.db(-wal|-shm|-journal)?$/ || base(p) ~ ("^\\..*\\.db\\." x "-(journal|wal|shm)$"))
      next                        # a database, or SQLite beside one (a backup copy too)
    if (base(p) ~ /^etilqs_/ && $0 ~ /O_EXCL/ && $0 ~ /, 0600\)/)
      next                        # a temporary file of SQLite (removed as soon as made)
    if (base(p) ~ ("^\\..+\\." x "$") && $0 ~ /O_EXCL/ && $0 ~ /, 0600\)/) { tmp[base(p)] = p; next }
    print "created outside the helper: " $0
    next
  }
  $2 ~ /^(rename|renameat|renameat2|link|linkat)\(/ {
    t = base(q($0, 1)); d = base(q($0, 2))
    if (t in tmp) { if ("." d "." == substr(t, 1, length(d) + 2)) done[t] = 1; else print "renamed elsewhere: " $0 }
  }
  END { for (t in tmp) if (!(t in done)) print "a temporary file never put in place: " tmp[t] }
' "$T/all" >"$T/bad"
same "$(head -5 "$T/bad")" "" "every file is a database or goes through a 0600 temporary and a rename"
grep -c 'O_EXCL' "$T/all" >"$T/nexcl"
[ "$(cat "$T/nexcl")" -ge 12 ] && pass || fail "only $(cat "$T/nexcl") temporary files seen: the check reads nothing"

# what is left: every file 0600, no temporary file
for f in "$W"/* "$W"/.[!.]*; do
  [ -e "$f" ] || continue
  case $f in "$W/in.csv") continue ;; esac
  same "$(mode_of "$f")" 600 "$(basename "$f") is 0600 under umask 000"
done
for f in "$T"/kith-backup-*.db; do
  same "$(mode_of "$f")" 600 "the default backup is 0600 under umask 000"
done
ls -a "$W" | grep -E '^\.[^.].*\.[A-Za-z0-9]{6}$' && fail "a temporary file was left" || pass
for f in out.vcf out.csv out.ics out.json board.svg board.dot abs-board.svg abs-board.dot named.db \
         fresh.db demo.db; do
  [ -s "$W/$f" ] && pass || fail "$f was not written"
done
finish
