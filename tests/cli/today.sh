# today: `kith today` — the review queue from the shell, its options and
# its config, on a small network and on the demo network.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok today
expect_out "Nothing is due today: everyone is up to date." "empty database"
ok today --json
expect_out "[]" "empty JSON queue"

ok add contact "Ana Diaz" --tier A --influence 3
ok log ana "coffee" --at 2026-02-01
ok add contact "Eve Ortiz" --influence 1
ok follow-up add eve "send the draft" --due 2026-03-07 --owe
ok add contact "Ben Ode" --tier B
ok log ben "call" --at 2026-01-05

ok today
has "$out" " 1. Keep your word to Eve Ortiz: send the draft — due 2026-03-07, 3 days ago; you promised it; influence 1" "first line: who, what, why"
has "$out" " 2. Reconnect with Ana Diaz — last talked 37 days ago, cadence 21; influence 3" "second: lapsed cadence"
has "$out" " 3. Reconnect with Ben Ode — last talked 64 days ago, cadence 60" "third: cadence"

ok today --json
valid_json "today --json"
same "$(jqo 'length')" 3 "three items"
same "$(jqo '.[0].name')" "Eve Ortiz" "rank 1"
same "$(jqo '.[0].score')" 20 "score 13 + 6 + 1"
same "$(jqo '[.[0].terms[].term] | join(",")')" "overdue,owe,influence" "terms"
same "$(jqo '[.[] | .score == ([.terms[].points] | add)] | all')" true "each score is the sum of its terms"
same "$(jqo '.[1].followup_id')" null "a cadence item has no follow-up"

ok today --explain
has "$out" "(score 20)" "explain shows the score"
has "$out" "+13  overdue    due 2026-03-07, 3 days ago" "explain shows each term"

ok today --limit 1
has "$out" "(2 more for another day: --limit N or set review.cap)" "the cap says how many wait"
lacks "$out" "Ana Diaz" "capped"

mkdir -p "$HOME/.config/kith"
printf 'set review.cap 2\nset review.weight.cadence 50\n' >"$HOME/.config/kith/config"
ok today --json
same "$(jqo 'length')" 2 "review.cap from the config file"
same "$(jqo '.[0].name')" "Ben Ode" "weights from the config file"
printf 'set review.cap lots\n' >"$HOME/.config/kith/config"
run today
has "$err" "config:1:" "a bad config line is reported with its line"
expect_rc 0 "and the rest still runs"
# options are read without the planner: a sourced file's set lines apply,
# and a bad bind or color line is still reported
printf 'set review.cap 1\n' >"$HOME/.config/kith/review"
printf 'source review\nbind nowhere x quit\ncolor cursor black mauve\n' >"$HOME/.config/kith/config"
run today --json
expect_rc 0 "bad bind and color lines do not stop kith today"
same "$(jqo 'length')" 1 "review.cap from a sourced file"
has "$err" "config:2: unknown keymap 'nowhere'" "a bad bind line is reported"
has "$err" "config:3: unknown colour 'mauve'" "a bad color line is reported"
rm "$HOME/.config/kith/config" "$HOME/.config/kith/review"

run today --limit 0
expect_rc 2 "--limit 0"
has "$err" "--limit" "names the option"
run today --json --explain
expect_rc 2 "--json with --explain"
run today extra
expect_rc 2 "no arguments"

# the demo network: every item has a reason and its score is explained
rm -f "$KITH_DB"
ok -d "$KITH_DB" demo --no-ui
ok today --json
same "$(jqo 'length')" 12 "the demo fills a 12-person review"
same "$(jqo '[.[] | [.terms[].term] | any(. == "overdue" or . == "due" or . == "cadence" or . == "lapsed" or . == "event" or . == "birthday" or . == "never" or . == "promise")] | all')" true "each item has a reason"
same "$(jqo '[.[] | .score == ([.terms[].points] | add)] | all')" true "each demo score adds up"
same "$(jqo '[.[].score] | . == (sort | reverse)')" true "best first"
finish
