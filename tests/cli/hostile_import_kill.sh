# hostile_import_kill: an import killed midway leaves the whole file in or
# none of it. A 5,000-card vCard file is imported and SIGKILLed at random
# moments while it runs, at least 20 times; after each kill the database
# passes PRAGMA integrity_check and holds either none of the file's
# contacts or all of them. Then an import runs to the end, and a second
# one changes nothing. The file is over 1 MB, so the import writes with a
# rollback journal (kdb_bulk_journal): a kill leaves a hot journal, rolled
# back by the next open, and kith's next open puts the database back in WAL.
# Before the kills, a file-size limit makes the commit's writes fail.
NAME=hostile_import_kill
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }

N=5000
MIN_KILLS=20
i=0
while [ $i -lt $N ]; do
  printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %05d Zoë\r\nN:Zoë;Person %05d;;;\r\nEMAIL:p%05d@example.org\r\nTEL:+1 555 %05d\r\nORG:Org %d\r\nNOTE:%s\r\nEND:VCARD\r\n' \
    $i $i $i $i $((i % 97)) "met at the harbour fair, asked about the ferry timetable and the library"
  i=$((i + 1))
done >"$T/cards.vcf"
[ "$(wc -c <"$T/cards.vcf")" -gt 1048576 ] || fail "the file is under 1 MB: no rollback journal"
ok add contact "Already Here"
count() {
  sqlite3 "$KITH_DB" "SELECT count(*) FROM contact" 2>/dev/null
}

# a file-size limit the commit's writes reach (written 64 KB at a time by a
# thread of their own, src/db/vfs_join.c): the import fails, says nothing was
# changed, and nothing was; ulimit -f counts blocks of 512 bytes (dash) or
# 1024, either well under the few MB the import needs
size=$(cat "$KITH_DB" "$KITH_DB-wal" 2>/dev/null | wc -c)
(
  ulimit -f $((size / 512 + 400))
  "$KITH_BIN" import "$T/cards.vcf" >"$T/.out" 2>"$T/.err"
  echo $? >"$T/.rc"
)
same "$(cat "$T/.rc")" 1 "file-size limit: the import fails"
has "$(cat "$T/.err")" "nothing was changed" "file-size limit: says nothing was changed"
same "$(count)" 1 "file-size limit: nothing was imported"
same "$(sqlite3 "$KITH_DB" "PRAGMA integrity_check")" ok "file-size limit: integrity"

# how long a whole import takes here, to spread the kills over it
start=$(date +%s%N)
"$KITH_BIN" -d "$T/probe.db" import "$T/cards.vcf" >/dev/null 2>&1 || fail "a probe import failed"
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$full_ms" -gt 0 ] || full_ms=1

kills=0 whole=0 none=0 tries=0
while [ $kills -lt $MIN_KILLS ] && [ $tries -lt 200 ]; do
  tries=$((tries + 1))
  "$KITH_BIN" import "$T/cards.vcf" >/dev/null 2>&1 &
  pid=$!
  sleep_ms "$(random_below "$full_ms")"
  if kill -9 "$pid" 2>/dev/null; then
    kills=$((kills + 1))
  fi
  wait "$pid" 2>/dev/null
  ic=$(sqlite3 "$KITH_DB" "PRAGMA integrity_check" 2>&1)
  [ "$ic" = ok ] || { fail "integrity_check after a kill: $ic"; break; }
  n=$(count)
  case $n in
    1) none=$((none + 1)) ;;
    $((N + 1))) whole=$((whole + 1)); break ;;   # it finished before the kill
    *) fail "after a kill the database holds $n contacts: not 1 and not $((N + 1))"; break ;;
  esac
done
[ $kills -ge $MIN_KILLS ] || [ $whole -gt 0 ] && pass || fail "only $kills kills landed"
echo "$NAME: $kills kills during the import, $none left nothing, $whole found it complete"

ok import "$T/cards.vcf"
same "$(count)" $((N + 1)) "the whole file, once an import runs to the end"
ok import "$T/cards.vcf"
same "$(count)" $((N + 1)) "importing it again adds nothing"
same "$(sqlite3 "$KITH_DB" "PRAGMA integrity_check")" ok "integrity at the end"
same "$(sqlite3 "$KITH_DB" "PRAGMA journal_mode")" wal "back in WAL after the imports"
finish
