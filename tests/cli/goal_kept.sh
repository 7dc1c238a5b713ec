# goal_kept: a goal's progress is kept as writes happen (goal_member,
# schema migrations 19 and 21: a write marks, the next read brings the
# rows up) and reads as it is computed from the touches: after each kind
# of write from the command line, on other days (KITH_TODAY), in several
# time zones. "Computed" is what kith reads while a mark is left that it
# cannot bring up to date (goal_dirty, while another program's import has
# not made its search documents).
. "${KITH_SRC:-.}/tests/cli/testlib"

DB=$KITH_DB

# what `kith goal list --all --json` and `kith today --json` say, kept and computed
both_ways() { # label
  run goal list --all --json
  kept_goals=$out
  run today --json
  kept_today=$out
  sqlite3 "$DB" "INSERT INTO goal_dirty VALUES (987654321);
    INSERT INTO meta(key, value) VALUES ('fts_deferred', '1')"
  run goal list --all --json
  same "$kept_goals" "$out" "$1: goals kept as computed"
  run today --json
  same "$kept_today" "$out" "$1: the review's goal term kept as computed"
  sqlite3 "$DB" "DELETE FROM goal_dirty WHERE contact_id = 987654321;
    DELETE FROM meta WHERE key = 'fts_deferred'"
}

ok add contact "Ana Diaz" --org "Riverton School Board" --role Member --tag school-board --tier A
ok add contact "Bo Chen" --org "Riverton School Board" --role Trustee --tag school-board --influence 4
ok add contact "Cy Moss" --tag school-board --influence 2
ok add contact "Dee Park" --org "City Hall" --role Clerk --tier B
ok goal add "Meet 3 school-board members" --by 2026-04-09 --count 3 --who tag:school-board --how met
ok goal add "Talk to 2 at the board" --by 2026-04-30 --count 2 --who "org:riverton" --how talked
ok goal add "Talk to tier B" --by 2026-03-31 --count 1 --who "tier:b" --how talked
same "$(sqlite3 "$DB" 'SELECT count(*) FROM goal_stale')" 3 "the new goals are marked to be built"
ok log "Dee Park" "a note" --kind note
same "$(sqlite3 "$DB" 'SELECT count(*) FROM goal_dirty')" 1 "a write marks its person"
ok goal list
same "$(sqlite3 "$DB" 'SELECT count(*) FROM goal_stale') $(sqlite3 "$DB" 'SELECT count(*) FROM goal_dirty')" \
  "0 0" "nothing left marked after a read"
same "$(sqlite3 "$DB" 'SELECT count(*) FROM goal_member')" 6 "every goal's people kept"
both_ways "new goals"

for tz in UTC America/Los_Angeles Pacific/Auckland; do
  export TZ=$tz
  ok log ana "coffee" --kind coffee --at "2026-03-10 00:30"
  ok goal list --json
  has "$out" '"count": 1' "$tz: the coffee counts"
  both_ways "$tz: a logged coffee"
done
unset TZ
ok log "Cy Moss" "call" --kind call
both_ways "a call (talked, not met)"
ok edit contact "Dee Park" --tag school-board
both_ways "a tag given"
ok edit contact "Bo Chen" --tier B
ok log "Bo Chen" "lunch" --kind meeting
both_ways "a tier changed, then a meeting"
ok edit contact "Ana Diaz" --untag school-board
both_ways "a tag taken away"
ok me "Bo Chen"
both_ways "me is never counted"
for day in 2026-03-01 2026-03-20 2026-04-01 2026-04-10 2026-05-01; do
  KITH_TODAY=$day both_ways "read on $day"
done
ok goal drop 1
both_ways "a goal dropped"
finish
