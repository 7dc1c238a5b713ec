# hostile_env: the command line in a hostile environment. A read-only
# database, a full disk (RLIMIT_FSIZE, and a small tmpfs when it can be
# mounted), no $HOME or XDG directories, LANG=C, a 10,000-character name,
# a long note, invalid UTF-8 in arguments, and a permissive umask: each
# gets a clear message (naming the file), no crash (exit 1 or 2, never a
# signal), and nothing already saved is lost.
NAME=hostile_env
. "${KITH_SRC:-.}/tests/cli/testlib"

# no_signal WHAT: the last run ended by exit, not by a signal (>= 128)
no_signal() {
  if [ "$rc" -lt 128 ]; then pass; else fail "$1: killed by signal $((rc - 128))"; fi
}

ok add contact "Ada Lovelace" --org "Analytical Engines"
ok log Ada "first meeting" --kind meeting
ok follow-up add Ada "send the notes" --due fri
snapshot "$T/.before"

# ---- read-only database file ------------------------------------------------
# root ignores file modes, so as root the test runs kith as nobody
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null 2>&1 && id nobody >/dev/null 2>&1; then
    AS="setpriv --reuid=nobody --regid=$(id -g nobody) --clear-groups"
  else
    AS=""
  fi
else
  AS="env"
fi
if [ -n "$AS" ]; then
  mkdir "$T/ro"
  chmod 755 "$T"
  cp "$KITH_DB" "$T/ro/kith.db"
  [ "$(id -u)" = 0 ] && chown -R nobody "$T/ro"
  chmod 400 "$T/ro/kith.db"
  $AS env KITH_DB="$T/ro/kith.db" "$KITH_BIN" log Ada "never saved" >"$T/.out" 2>"$T/.err"
  rc=$?; err=$(cat "$T/.err")
  expect_rc 1 "read-only database: log"
  has "$err" "$T/ro/kith.db" "read-only database: the message names the file"
  has "$err" "readonly" "read-only database: the message says why"
  has "$err" "nothing was changed" "read-only database: the message says nothing changed"
  $AS env KITH_DB="$T/ro/kith.db" "$KITH_BIN" list contacts >"$T/.out" 2>"$T/.err"
  rc=$?
  expect_rc 0 "read-only database: listing still works"
  same "$(stat -c %a "$T/ro/kith.db")" 400 "read-only database: kith keeps the owner's 0400"
  same "$(sqlite3 "$T/ro/kith.db" "SELECT count(*) FROM interaction WHERE summary = 'never saved'")" 0 \
    "read-only database: nothing written"
  chmod 755 "$T/ro"; chmod 600 "$T/ro/kith.db"
  chmod 700 "$T"
else
  echo "$NAME: (skipped the read-only check: running as root without setpriv)"
fi

# ---- full disk: a file-size limit ---------------------------------------------
big=$(head -c 120000 /dev/zero | tr '\0' 'x')
(
  ulimit -f 100     # 100 blocks (50 or 100 kB): less than the note
  "$KITH_BIN" log Ada "$big" >"$T/.out" 2>"$T/.err"
  echo $? >"$T/.rc"
)
rc=$(cat "$T/.rc"); err=$(cat "$T/.err")
no_signal "file-size limit"
expect_rc 1 "file-size limit: log fails"
has "$err" "$KITH_DB" "file-size limit: the message names the file"
has "$err" "nothing was changed" "file-size limit: the message says nothing changed"
unchanged "file-size limit"
same "$(sqlite3 "$KITH_DB" 'PRAGMA integrity_check')" ok "file-size limit: integrity"
ok log Ada "after the limit"

# ---- full disk: a small tmpfs (root with mount rights only) --------------------
mkdir "$T/mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1m kith-test "$T/mnt" 2>/dev/null; then
  trap 'umount "$T/mnt" 2>/dev/null; rm -rf "$T"' EXIT
  cp "$KITH_DB" "$T/mnt/kith.db"
  dd if=/dev/zero of="$T/mnt/fill" bs=4k 2>/dev/null
  KITH_DB="$T/mnt/kith.db"
  run log Ada "$big"
  no_signal "full tmpfs"
  expect_rc 1 "full tmpfs: log fails"
  case $err in
    *"disk is full"*|*"No space left"*) pass ;;
    *) fail "full tmpfs: the message does not say the disk is full: $err" ;;
  esac
  has "$err" "nothing was changed" "full tmpfs: the message says nothing changed"
  rm -f "$T/mnt/fill"
  run list follow-ups
  has "$out" "send the notes" "full tmpfs: saved data still there"
  same "$(sqlite3 "$KITH_DB" 'PRAGMA integrity_check')" ok "full tmpfs: integrity"
  KITH_DB="$T/kith.db"
  umount "$T/mnt"
else
  echo "$NAME: (no tmpfs mount here; the file-size limit covers a full disk)"
fi

# ---- no HOME, no XDG ---------------------------------------------------------------
run_env -u HOME -u KITH_DB -u XDG_DATA_HOME -u XDG_CONFIG_HOME -- list contacts
expect_rc 1 "no HOME"
expect_err "kith: database: HOME and XDG_DATA_HOME are unset; give one with -d PATH or KITH_DB" "no HOME: message"
run_env -u KITH_DB HOME= -- list contacts
expect_rc 1 "empty HOME"
# a relative XDG_DATA_HOME is ignored (the spec says absolute), HOME used
run_env -u KITH_DB XDG_DATA_HOME=relative/dir -- add contact "Xdg Person"
expect_rc 0 "relative XDG_DATA_HOME"
[ -f "$HOME/.local/share/kith/kith.db" ] && pass || fail "relative XDG_DATA_HOME: HOME's default not used"
[ -e relative ] && fail "relative XDG_DATA_HOME: created a relative directory" || pass
# an XDG directory that does not exist yet is created, private
run_env -u KITH_DB XDG_DATA_HOME="$T/xdg/data" -- add contact "Xdg Two"
expect_rc 0 "missing XDG_DATA_HOME directory"
same "$(mode_of "$T/xdg/data/kith")" 700 "new XDG data directory is 0700"
# the data "directory" is a file
: >"$T/notadir"
run_env KITH_DB="$T/notadir/kith.db" -- list contacts
expect_rc 1 "database directory is a file"
has "$err" "not a directory" "database directory is a file: message"

# ---- LANG=C -----------------------------------------------------------------------
run_env LANG=C LC_ALL=C -- add contact "Zoë Ünal"
expect_rc 0 "LANG=C: a UTF-8 name"
run_env LANG=C LC_ALL=C -- list contacts --json
same "$(jqo '[.[].name] | index("Zoë Ünal") != null')" true "LANG=C: the name is stored exactly"

# ---- huge input ---------------------------------------------------------------------
long=$(head -c 10000 /dev/zero | tr '\0' 'n')
ok add contact "$long"
run list contacts --json
same "$(jqo '[.[].name | length] | max')" 10000 "a 10,000-character name is kept whole"
run list contacts
no_signal "listing a 10,000-character name"
expect_rc 0 "listing a 10,000-character name"
note=$(head -c 120000 /dev/zero | tr '\0' 'w')
ok log Ada "$note"
same "$(sqlite3 "$KITH_DB" "SELECT max(length(summary)) FROM interaction")" 120000 "a 120 kB note is kept whole"
run search "$(head -c 5000 /dev/zero | tr '\0' 'q')"
no_signal "a 5,000-character search"

# ---- invalid UTF-8 ------------------------------------------------------------------
snapshot "$T/.before"
run add contact "$(printf 'Bad\377\376Name')"
expect_rc 2 "invalid UTF-8 name"
has "$err" "not valid UTF-8" "invalid UTF-8 name: message"
run log Ada "$(printf 'half \342\202')"
expect_rc 2 "truncated UTF-8 note"
run add contact Ok --org "$(printf '\300\200')"
expect_rc 2 "overlong UTF-8 option value"
has "$err" "--org" "overlong UTF-8: names the option"
unchanged "invalid UTF-8 changed nothing"

# ---- a permissive umask -------------------------------------------------------------
(
  umask 000
  KITH_DB="$T/u0/data/kith.db" "$KITH_BIN" add contact "Umask Zero" >/dev/null 2>&1
  KITH_DB="$T/u0/data/kith.db" "$KITH_BIN" backup >"$T/.bk" 2>&1
  KITH_DB="$T/u0/data/kith.db" "$KITH_BIN" backup "$T/u0/elsewhere.db" >/dev/null 2>&1
)
same "$(mode_of "$T/u0")" 700 "umask 000: new directory 0700"
same "$(mode_of "$T/u0/data")" 700 "umask 000: data directory 0700"
same "$(mode_of "$T/u0/data/kith.db")" 600 "umask 000: database 0600"
bk=$(cat "$T/.bk")
[ -f "$bk" ] && same "$(mode_of "$bk")" 600 "umask 000: backup 0600" || fail "umask 000: no backup at [$bk]"
same "$(mode_of "$T/u0/elsewhere.db")" 600 "umask 000: named backup 0600"
# an existing database left world-readable by hand is made private
chmod 644 "$KITH_DB"
ok list contacts
same "$(mode_of "$KITH_DB")" 600 "a 0644 database is made 0600"
finish
