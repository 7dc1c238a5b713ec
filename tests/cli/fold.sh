# fold: every name is found by its spelling on a US keyboard (issue 14):
# `kith search`, name resolution (`kith log`), capture `@name`, and the
# sort order, for names in Polish, Danish, Norwegian, German, Icelandic,
# Croatian and Serbian Latin, French, Turkish, Czech, Slovak, Hungarian,
# Romanian, Vietnamese, Maltese, Dutch, Sámi and (through ICU) Greek,
# Cyrillic and Chinese. Each line: the name, then the ASCII word typed.
. "${KITH_SRC:-.}/tests/cli/testlib"

grep -v '^#' "$KITH_SRC/tests/cli/fold_names.txt" >"$T/names"

n=0
while IFS='|' read -r name word; do
  ok add contact "$name" || continue
  n=$((n + 1))
done <"$T/names"
same "$n" 46 "every name added"

while IFS='|' read -r name word; do
  # search: the person, and only the person
  ok search "$word" --json || continue
  same "$(jqo '[.[] | select(.kind == "contact") | .title] | join(",")')" "$name" "search $word"
  # resolution on the command line
  ok log "$word" "call about $word" || continue
  ok search "call about $word" --json
  same "$(jqo '[.[] | select(.kind == "interaction") | .detail] | join(",")')" \
    "2026-03-10 09:00 · with $name" "log $word reached $name"
  # capture @name
  ok capture "@$word coffee with $word"
  expect_out "logged with $name" "capture @$word"
  # a query typed with the letters as written finds the person too
  first=${name%% *}
  ok search "$first" --json
  has "$(jqo '[.[] | select(.kind == "contact") | .title] | join(",")')" "$name" "search $first"
done <"$T/names"

# sorting: on the folded name (Ægir under A, Łucja under L, Þóra under T)
ok list contacts --json
order=$(jqo '[.[] | .name] | join("|")')
case "$order" in
  *"Ægir Jónsson|"*"Antonín Dvořák"*) pass ;;
  *) fail "Ægir sorts before Antonín: $order" ;;
esac
case "$order" in
  *"Łucja Kępa|Ľudovít Štúr|Małgorzata Łukasiewicz"*) pass ;;
  *) fail "Łucja sorts under L: $order" ;;
esac
case "$order" in
  *"Þóra Sigurðardóttir|Trần Đức Thắng"*) pass ;;
  *) fail "Þóra sorts under T: $order" ;;
esac

# An older database: the upgrade re-folds the keys and the search documents
# (tests/migrations/v11.sql has names that version folded as ß, æ, þ).
sqlite3 "$T/v11.db" <"$KITH_SRC/tests/migrations/v11.sql"
export KITH_DB="$T/v11.db"
for w in strauss:"Johann Strauß" aegir:"Ægir Þórsson" thorsson:"Ægir Þórsson" \
         thors:"Ægir Þórsson" lukasiewicz:"Małgorzata Łukasiewicz" dmitrij:"Дмитрий Соколов"; do
  ok search "${w%%:*}" --json
  same "$(jqo '[.[] | select(.kind == "contact") | .title] | join(",")')" "${w#*:}" "v11: search ${w%%:*}"
done
ok log strauss "after the upgrade"
ok capture "@thors coffee"
expect_out "logged with Ægir Þórsson" "v11: capture @thors (a nickname)"
same "$(sqlite3 "$KITH_DB" "INSERT INTO contact_fts(contact_fts) VALUES('integrity-check')" 2>&1)" "" \
  "v11: contact_fts consistent"
export KITH_DB="$T/kith.db"

# Imported in bulk into an empty database (6,000 other cards besides: the
# search documents are all made at the import's end), every name is found
# by its ASCII spelling right after the import.
export KITH_DB="$T/bulk.db"
{
  awk 'BEGIN { for (i = 0; i < 6000; i++)
    printf "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Filler %d Person\r\nEMAIL:filler%d@example.org\r\nEND:VCARD\r\n", i, i }'
  while IFS='|' read -r name word; do
    printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\nEND:VCARD\r\n' "$name"
  done <"$T/names"
} >"$T/bulk.vcf"
ok import "$T/bulk.vcf"
expect_out "$T/bulk.vcf: 6046 contacts added" "the names imported with 6,000 others"
while IFS='|' read -r name word; do
  ok search "$word" --json || continue
  same "$(jqo '[.[] | select(.kind == "contact") | .title] | join(",")')" "$name" \
    "after a bulk import: search $word"
done <"$T/names"
export KITH_DB="$T/kith.db"

# Searching with ASCII never loads ICU; only a name of another script does.
if command -v strace >/dev/null 2>&1; then
  strace -f -e trace=openat -o "$T/trace" "$KITH_BIN" search lukasiewicz >/dev/null 2>&1
  if grep -q libicu "$T/trace"; then fail "search lukasiewicz loaded ICU"; else pass; fi
  strace -f -e trace=openat -o "$T/trace" "$KITH_BIN" search Łukasiewicz >/dev/null 2>&1
  if grep -q libicu "$T/trace"; then fail "search Łukasiewicz loaded ICU"; else pass; fi
  strace -f -e trace=openat -o "$T/trace" "$KITH_BIN" add contact "Алексей Петров" >/dev/null 2>&1
  if grep -q libicu "$T/trace"; then pass; else fail "a Cyrillic name did not load ICU"; fi
fi
finish
