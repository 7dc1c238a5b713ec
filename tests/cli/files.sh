# files: where the database is created and with which modes (under umask
# 022), and kith backup.
. "${KITH_SRC:-.}/tests/cli/testlib"

# The XDG default: directories 0700, database 0600.
unset KITH_DB
export XDG_DATA_HOME="$T/xdg/data"
ok add contact "Rosa Díaz" --email rosa@example.org
db="$XDG_DATA_HOME/kith/kith.db"
[ -f "$db" ] && pass || fail "database not created at \$XDG_DATA_HOME/kith/kith.db"
same "$(mode_of "$db")" 600 "database mode"
same "$(mode_of "$XDG_DATA_HOME/kith")" 700 "kith data directory mode"
same "$(mode_of "$XDG_DATA_HOME")" 700 "created parent directory mode"
for f in "$db-wal" "$db-shm"; do
  [ -e "$f" ] && same "$(mode_of "$f")" 600 "$(basename "$f") mode"
done

# Without XDG_DATA_HOME: ~/.local/share/kith/kith.db.
unset XDG_DATA_HOME
ok list contacts
[ -f "$HOME/.local/share/kith/kith.db" ] && pass || fail "default path under HOME"
same "$(mode_of "$HOME/.local/share/kith")" 700 "default directory mode"
same "$(mode_of "$HOME/.local/share/kith/kith.db")" 600 "default database mode"

# KITH_DB beats the default, -d beats KITH_DB.
export KITH_DB="$T/env.db"
ok add contact "Env Only"
[ -f "$T/env.db" ] && pass || fail "KITH_DB not used"
ok -d "$db" list contacts --json
same "$(jqo '[.[].name] | join(",")')" "Rosa Díaz" "-d beats KITH_DB"
ok -d "$T/new/deeper/k.db" list contacts
same "$(mode_of "$T/new/deeper")" 700 "-d parents created 0700"
same "$(mode_of "$T/new/deeper/k.db")" 600 "-d database 0600"

# backup: a readable 0600 copy with the same contents; never overwrites.
export KITH_DB="$db"
ok log rosa "walked the district"
ok list contacts --json
orig=$out
ok backup
bk=$out
case $bk in
  */kith-backup-2026-03-10.db) pass ;;
  *) fail "backup default name: $bk" ;;
esac
same "$(dirname "$bk")" "$(dirname "$db")" "backup next to the database"
[ -f "$bk" ] && pass || fail "backup file missing"
same "$(mode_of "$bk")" 600 "backup mode"
ok -d "$bk" list contacts --json
same "$out" "$orig" "backup has the same contacts"
ok backup
case $out in
  */kith-backup-2026-03-10-2.db) pass ;;
  *) fail "second backup the same day: $out" ;;
esac
ok backup "$T/explicit.db"
same "$out" "$T/explicit.db" "backup FILE prints FILE"
same "$(mode_of "$T/explicit.db")" 600 "backup FILE mode"
cp "$T/explicit.db" "$T/explicit.orig"
run backup "$T/explicit.db"
expect_rc 1 "backup onto an existing file"
has "$err" "already exists" "backup onto an existing file"
cmp -s "$T/explicit.db" "$T/explicit.orig" && pass || fail "backup overwrote a file"
run backup "$T/nodir/x.db"
expect_rc 1 "backup into a missing directory"
has "$err" "kith: " "backup into a missing directory message"

finish
