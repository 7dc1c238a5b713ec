# team_kill: kill -9 during a sync, twenty times (issue 19): the next sync
# completes and nothing acknowledged is lost. Each round A adds a person
# (acknowledged: kith said so) and B adds one now and then; A's sync is
# killed at a known step (KITH_TEST_PAUSE stops it there, so where the kill
# lands does not depend on timing: after the fetch, after the apply, with
# its entry committed but not pushed, pushed but not marked done, done,
# with the snapshot made, with the snapshot committed but not pushed) or,
# in the last rounds, after a short sleep (wherever it is, a git it started
# may live on). Every sync writes a snapshot here (KITH_TEAM_SNAPSHOT_EVERY=1),
# so kills land in snapshots too. In the end every replica has every
# person exactly once, and they all export the same data.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db"
export KITH_TEAM_SNAPSHOT_EVERY=1

ok -d "$A" add contact "Seed Person"
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
ok -d "$B" team join "$R" "$out" --as Ben

# The process's state letter (T: stopped), or nothing once it has ended.
state() {
  sed -n 's/^[0-9]* (.*) \([A-Za-z]\) .*/\1/p' "/proc/$1/stat" 2>/dev/null
}

# Wait (at most a minute) until pid is stopped or has ended; print which.
wait_stop() {
  i=0
  while [ $i -lt 600 ]; do
    s=$(state "$1")
    case $s in
      T|t) echo stopped; return ;;
      ''|Z) echo ended; return ;;
    esac
    sleep 0.1
    i=$((i + 1))
  done
  echo running
}

points="fetched applied entry-committed pushed synced snapshot-made snapshot-committed"
set -- $points
npoints=$#
for round in $(seq 1 20); do
  ok -d "$A" add contact "Kill Round $round"
  if [ $((round % 3)) = 0 ]; then
    ok -d "$B" add contact "Ben Round $round"
    ok -d "$B" sync
  fi
  if [ "$round" -le 14 ]; then
    point=$(echo $points | cut -d' ' -f$(( (round - 1) % npoints + 1 )))
    KITH_TEST_PAUSE=$point "$KITH_BIN" -d "$A" sync >"$T/killed.out" 2>&1 &
    pid=$!
    same "$(wait_stop $pid)" stopped "round $round: the sync stops at $point"
  else
    point="a sleep of $((round - 14))0 ms"
    "$KITH_BIN" -d "$A" sync >"$T/killed.out" 2>&1 &
    pid=$!
    sleep "0.$((round - 14))"
  fi
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  run -d "$A" sync
  expect_rc 0 "round $round: the sync after a kill ($point) completes"
done

for db in "$B" "$A" "$B"; do ok -d "$db" sync; done
a=$("$KITH_BIN" -d "$A" export --format json)
b=$("$KITH_BIN" -d "$B" export --format json)
same "$a" "$b" "A and B export the same data"
for round in $(seq 1 20); do
  same "$(printf '%s\n' "$b" | grep -c "\"name\": \"Kill Round $round\"")" 1 "Kill Round $round is on B once"
done
for round in 3 6 9 12 15 18; do
  same "$(printf '%s\n' "$a" | grep -c "\"name\": \"Ben Round $round\"")" 1 "Ben Round $round is on A once"
done
run -d "$A" team status
has "$out" "waiting   0 local changes" "nothing waits on A"

finish
