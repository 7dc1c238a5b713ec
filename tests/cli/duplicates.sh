# duplicates: kith duplicates [--json], kith duplicates merge KEEP DROP,
# kith duplicates not-same A B.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok duplicates
same "$out" "No possible duplicates." "an empty database has none"
ok duplicates --json
same "$out" "[]" "an empty JSON array"

ok add contact "Maria Garcia" --org "City Hall" --role Clerk --email maria@cityhall.gov \
  --tag housing
m1=$out
ok add contact "Maria Garcia" --org "City Hall" --role "Deputy clerk" --phone "555 010 0100" \
  --email m.garcia@home.net --tag parks
m2=$out
ok add contact "Maria Garcia" --org "School Board"
m3=$out
ok add contact "Ben Okafor" --phone "(555) 010-0100"
ben=$out
ok add contact "Eve Stone" --email eve@x.org
ok add contact "Evan Stone" --email EVE@x.org

ok duplicates
has "$out" "#$m1 Maria Garcia (City Hall)  #$m2 Maria Garcia (City Hall)  same name at City Hall" \
  "the same name at the same place"
has "$out" "share phone 555 010 0100" "a shared phone"
has "$out" "share email eve@x.org" "a shared email"
lacks "$out" "#$m3 " "the same name at another place is another person"
same "$(printf '%s\n' "$out" | wc -l)" 3 "three pairs, each once"

ok duplicates --json
valid_json "duplicates --json"
same "$(jqo 'length')" 3 "three pairs in JSON"
same "$(jqo ".[] | select(.a.id == $m1) | [.b.id, .reasons[0], .org, .email] | @tsv")" \
  "$m2	name	City Hall	" "a name pair names the organisation, no email"
same "$(jqo ".[] | select(.b.id == $ben) | [.a.id, .phone, .a.org, .b.org] | @tsv")" \
  "$m2	555 010 0100	City Hall	" "a phone pair"
same "$(jqo '[.[] | .a.id < .b.id] | all')" true "the lower id first"
same "$(jqo '[.[] | .reason | length > 0] | all')" true "every pair says why"

# not the same person: remembered, never proposed again
ok duplicates not-same "$ben" "$m2"
has "$out" "#$ben Ben Okafor and #$m2 Maria Garcia: not the same person" "not-same says so"
ok duplicates --json
same "$(jqo 'length')" 2 "the pair is gone"
same "$(jqo "[.[] | select(.b.id == $ben)] | length")" 0 "Ben is not proposed again"

# merge: everything of both
ok duplicates merge "$m1" "$m2"
has "$out" "merged #$m2 Maria Garcia into #$m1 Maria Garcia" "merge says what it did"
ok list contacts --json --all
same "$(jqo "[.[] | select(.name == \"Maria Garcia\")] | length")" 2 "one Maria at City Hall left"
ok search deputy --json
same "$(jqo "[.[] | select(.kind == \"contact\") | .id] | @tsv")" "$m1" "the second role moved"
ok search parks --json
same "$(jqo "[.[] | select(.kind == \"contact\") | .id] | @tsv")" "$m1" "the tag moved"
ok export --format json
same "$(jqo ".contacts[] | select(.id == $m1) | [.emails[].value] | sort | @tsv")" \
  "m.garcia@home.net	maria@cityhall.gov" "both emails kept"
ok duplicates --json
same "$(jqo 'length')" 1 "only Eve and Evan left"
same "$(jqo "[.[] | select(.b.id == $ben)] | length")" 0 \
  "not the same as the dropped one is not the same as the kept one"

# refusals change nothing
snapshot "$T/.before"
run duplicates merge "$m1" "$m1"
expect_rc 2 "merging a contact into itself"
has "$err" "the same contact" "says why"
run duplicates merge "$m1" "Nobody Here"
expect_rc 2 "an unknown contact"
run duplicates merge "$m1" "$m2"
expect_rc 2 "the merged contact is gone"
run duplicates not-same "$m1"
expect_rc 2 "not-same needs two"
run duplicates frobnicate
expect_rc 2 "an unknown subcommand"
unchanged "refused commands"
finish
