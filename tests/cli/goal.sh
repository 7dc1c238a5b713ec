# goal: kith goal add/list/drop/delete, and kith search with a query of
# fields (kith(1), GOALS and QUERIES). Time moves with KITH_TODAY; the
# counting runs under several time zones.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Ana Diaz" --org "Riverton School Board" --role Member --tag school-board --tier A
ana=$out
ok add contact "Bo Chen" --org "Riverton School Board" --role Trustee --tag school-board --influence 4
bo=$out
ok add contact "Cy Moss" --tag school-board --influence 2
ok add contact "Małgorzata Łukasiewicz" --org "City Hall" --role Clerk --tier B

# ---- the query language in search
ok search "tag:school-board -tier:a"
has "$out" "Bo Chen" "tag and a negated tier"
has "$out" "Cy Moss" "tag and a negated tier (no tier)"
lacks "$out" "Ana Diaz" "tier A is left out"
ok search "org:\"school board\" role:trustee"
same "$(printf '%s\n' "$out" | wc -l)" 1 "org and role select one"
has "$out" "Riverton School Board · Trustee" "with the organisation and role"
ok search "lukasiewicz kind:other"
has "$out" "Łukasiewicz" "a bare word is folded as in search"
ok search "tag:school-board" --json
same "$(jqo 'length')" 3 "JSON hits"
same "$(jqo '.[0].kind')" contact "contacts"
run search "tag:school-board colour:red"
expect_rc 2 "an unknown field is a usage error"
expect_err "kith: QUERY: col 18: colour:red: unknown field (org, role, tag, map, district, tier, kind)" \
  "the message names the column and the term"
run search "tier:E"
expect_err "kith: QUERY: col 1: tier:E: a tier is A, B, C or D" "a bad tier"
run search "map:zoning"
expect_rc 2 "a map that does not exist"
expect_err "kith: QUERY: map:zoning: no such map" "names the map"
ok search "Ana"
has "$out" "contact       $ana" "a search without fields is the full-text search"

# ---- goals: bad input changes nothing
snapshot "$T/.before"
run goal add "Meet the board" --by 2026-03-01 --count 2 --who tag:school-board
expect_rc 2 "a date already passed"
expect_err "kith: by 2026-03-01: the date has passed (today is 2026-03-10)" "says which date"
run goal add "Meet the board" --by 2026-04-30 --count 2 --who "tag:school-board -"
expect_rc 2 "a bad query"
expect_err "kith: --who: col 18: -: a term must follow the '-'" "names the query's column"
run goal add "Meet the board" --by 2026-04-30 --how seen
expect_err "kith: --how: \"seen\": one of met, talked, introduced, placed" "a bad way to count"
run goal add "Meet the board" --count 2
expect_err "kith: --by: give the goal's date (--by 2027-03-01)" "the date is needed"
run goal add "Meet the board" --by 2026-04-30 --count 0
expect_rc 2 "a count of 0"
unchanged "rejected goals change nothing"
ok goal list --json
same "$out" "[]" "no goals"

# ---- a goal, and touches before and after it was set
ok log ana "coffee before the goal" --kind coffee --at 2026-03-01
ok goal add "Meet 3 school-board members by April" --by 2026-04-09 --count 3 \
  --who tag:school-board --how met
g1=$out
same "$g1" 1 "the goal's id"
ok goal add "Talk to the clerk" --by 2026-03-20 --who "org:\"city hall\"" --how talked
g2=$out
for tz in UTC America/Los_Angeles Pacific/Auckland; do
  export KITH_TODAY=2026-03-12
  TZ=$tz "$KITH_BIN" log bo "met at the library" --kind meeting --at "2026-03-11 23:30" >/dev/null
  TZ=$tz "$KITH_BIN" log ana "call" --kind call --at 2026-03-12 >/dev/null
  export KITH_TODAY=2026-03-31
  TZ=$tz ok goal list --json
  same "$(jqo '.[0].count')" 1 "$tz: Bo's meeting counts, Ana's coffee was before and her call is no meeting"
  same "$(jqo '.[0].counted[0].name')" "Bo Chen" "$tz: who counted"
  same "$(jqo '.[0].counted[0].at')" "2026-03-11 23:30" "$tz: when, as logged"
  same "$(jqo '.[0].behind')" true "$tz: behind its pace (2 by now)"
  same "$(jqo '.[0].expected')" 2 "$tz: the pace"
  same "$(jqo '.[1].state')" missed "$tz: the clerk's goal passed its date"
  "$KITH_BIN" delete interaction "$("$KITH_BIN" search library --json | jq -r '.[] | select(.kind == "interaction") | .id' | head -1)" --yes >/dev/null
  "$KITH_BIN" delete interaction "$("$KITH_BIN" search call --json | jq -r '.[] | select(.kind == "interaction") | .id' | head -1)" --yes >/dev/null
done
export KITH_TODAY=2026-03-12
ok log bo "coffee" --kind coffee --at 2026-03-11
ok log "Cy Moss" "walk" --kind meeting --at 2026-03-12
ok goal list
has "$out" "#1   [######....] 2 of 3 met  on pace, 4 weeks left  by 2026-04-09  Meet 3 school-board members by April" \
  "the text line: bar, count, pace, date, title"
has "$out" "      counted: Bo Chen (2026-03-11), Cy Moss (2026-03-12)" "the people counted"
has "$out" "#2 " "the open clerk's goal"
ok goal drop "$g2"
same "$out" "dropped goal #2 Talk to the clerk (0 of 1 talked) on 2026-03-12: kept in kith goal list --all" \
  "drop says what it kept"
ok goal list
lacks "$out" "#2 " "a dropped goal leaves the open list"
ok goal list --all
has "$out" "dropped 2026-03-12" "and stays in --all with its date"
ok log ana "lunch" --kind coffee --at 2026-03-12
export KITH_TODAY=2026-05-01
ok goal list --all
has "$out" "[##########] 3 of 3 met  reached 2026-03-12" "reached, with the day, after its date"
run goal delete "$g1"
expect_rc 2 "delete asks on a terminal, so a script says --yes"
ok goal delete "$g1" --yes
has "$out" "deleted goal #1 Meet 3 school-board members by April (3 of 3 met)" "deleted"
run goal delete 99 --yes
expect_rc 2 "no such goal"
expect_err "kith: goal 99: no such goal" "says which"
finish
