# hostile_crash: crash safety. A writer logs 1,000 interactions with
# `kith log`, one process each, recording every id kith printed (printed
# only after its commit returned). The writer's whole process group is
# SIGKILLed at random moments, at least 50 times, and restarted until
# 1,000 ids are recorded. Then the database passes PRAGMA integrity_check
# and the full-text index check, every recorded id is there with its
# contact link, and no interaction is half-written.
NAME=hostile_crash
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v setsid >/dev/null 2>&1 || { echo "$NAME: setsid (util-linux) is missing"; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }

TARGET=1000
MIN_KILLS=50
ok add contact "Ada Lovelace"

# the writer: logs until $T/ids has TARGET lines; an id is appended only
# once kith has printed it (and so committed)
cat >"$T/writer" <<'W'
n=$(wc -l <"$IDS")
while [ "$n" -lt "$TARGET" ]; do
  id=$("$KITH_BIN" log Ada "crash test note $n" --kind call) || exit 3
  printf '%s\n' "$id" >>"$IDS"
  n=$((n + 1))
done
W
export IDS="$T/ids" TARGET KITH_BIN
: >"$IDS"

# a random delay from /dev/urandom, up to twice what a writer takes to
# record one id (at least 50 ms; more with a sanitizer build or a loaded
# machine), so that some writes finish between the kills
t0=$(date +%s%N)
TARGET=1 sh "$T/writer" 2>>"$T/writer.err"
span=$(( ($(date +%s%N) - t0) / 500000 ))
[ "$span" -lt 50 ] && span=50

kills=0 starts=0 guard=0 idle=0
while [ "$(wc -l <"$IDS")" -lt $TARGET ] || [ $kills -lt $MIN_KILLS ]; do
  guard=$((guard + 1))
  [ $guard -gt 3000 ] && { fail "the writer never finished"; break; }
  before=$(wc -l <"$IDS")
  if [ "$before" -ge $TARGET ]; then
    TARGET=$((TARGET + 50))   # enough ids; keep writing until enough kills
  fi
  setsid sh "$T/writer" 2>>"$T/writer.err" &
  wpid=$!
  starts=$((starts + 1))
  sleep_ms "$(random_below $span)"
  if kill -0 "$wpid" 2>/dev/null; then
    kill -9 "-$wpid" 2>/dev/null && kills=$((kills + 1))
  fi
  wait "$wpid" 2>/dev/null
  # ten writers in a row killed before they recorded an id: a write takes
  # longer now than when it was timed (the machine got busier), and with
  # the same delays no id might ever be recorded again: double them
  if [ "$(wc -l <"$IDS")" -gt "$before" ]; then idle=0; else idle=$((idle + 1)); fi
  [ $idle -ge 10 ] && { span=$((span * 2)); idle=0; }
done
# a printed id's line may be cut by the kill: keep only whole numbers
grep -E '^[0-9]+$' "$IDS" | sort -u >"$T/printed"
printed=$(wc -l <"$T/printed")
lines=$(grep -c . "$IDS")

if [ "$printed" -ge 1000 ]; then pass; else fail "only $printed ids recorded"; fi
if [ $kills -ge $MIN_KILLS ]; then pass; else fail "only $kills kills"; fi
same "$(cat "$T/writer.err")" "" "the writer saw no error"

same "$(sqlite3 "$KITH_DB" 'PRAGMA integrity_check')" "ok" "integrity_check after $kills kills"
same "$(sqlite3 "$KITH_DB" "INSERT INTO interaction_fts(interaction_fts) VALUES('integrity-check')" 2>&1)" "" \
  "full-text index consistent"
sqlite3 "$KITH_DB" 'SELECT id FROM interaction' | sort >"$T/stored"
missing=$(comm -23 "$T/printed" "$T/stored" | head -5)
same "$missing" "" "every printed id is stored"
same "$(sqlite3 "$KITH_DB" 'SELECT count(*) FROM interaction i WHERE NOT EXISTS
  (SELECT 1 FROM interaction_contact c WHERE c.interaction_id = i.id)')" 0 "no interaction lost its contact link"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM interaction WHERE summary NOT LIKE 'crash test note %'")" 0 \
  "no half-written summary"
# ids printed twice would mean a commit reported twice
same "$(grep -E '^[0-9]+$' "$IDS" | sort | uniq -d | head -1)" "" "no id printed twice"
# the command line still works on the recovered database
ok log Ada "after the crashes"
run list contacts --json
has "$(jqo '.[0].last_contacted')" "2026-03-10" "listing after recovery"
echo "$NAME: $kills kills over $starts writer runs (delays under $span ms), $printed ids printed ($lines lines), all present"
finish
