# json: every --json output is valid JSON and round-trips names with
# quotes, backslashes, control characters, bidi controls and emoji; plain
# text never carries a raw control character to the terminal.
. "${KITH_SRC:-.}/tests/cli/testlib"

esc=$(printf '\033')
bel=$(printf '\007')
tab=$(printf '\t')
rlo=$(printf '\342\200\256')       # U+202E RIGHT-TO-LEFT OVERRIDE
nl='
'
names="Quote \"The Boss\" O'Neil|Back\\slash \\n Person|Tab${tab}Bell${bel}Esc${esc}[31mRed|Émoji 🎉 家族 Lê|Bidi ${rlo}evil"
IFS='|'
set -f
for n in $names; do
  ok add contact "$n" --org "Org \"$n\"" --tag "t\\$n"
  ok log "#$out" "said \"$n\"" --follow-up 1w --title "Reply to $n"
done
unset IFS
set +f
ok add contact "Line${nl}Break"
lb=$out
ok add event "Event \"$esc\" 🎉" --at "2026-03-20 10:00" --where "Room\\1${nl}B" --with "#$lb"

check_all() {   # check_all NAME: NAME is in every listing, exactly
  ok list contacts --json
  valid_json "list contacts --json"
  same "$(printf '%s\n' "$out" | jq --arg n "$1" 'map(select(.name == $n)) | length')" 1 \
    "contacts --json round-trips [$1]"
  ok search "$(printf '%s' "$1" | cut -c1-4)" --json
  valid_json "search --json for [$1]"
}

IFS='|'
set -f
for n in $names; do
  unset IFS
  check_all "$n"
  ok list follow-ups --json
  valid_json "list follow-ups --json"
  same "$(printf '%s\n' "$out" | jq --arg t "Reply to $n" 'map(select(.title == $t)) | length')" 1 \
    "follow-ups --json round-trips [$n]"
  same "$(printf '%s\n' "$out" | jq --arg t "Reply to $n" --arg n "$n" \
    'map(select(.title == $t))[0].contact == $n')" true "follow-up contact name [$n]"
  IFS='|'
done
unset IFS
set +f
check_all "Line${nl}Break"

ok list contacts --json
same "$(printf '%s\n' "$out" | jq -r 'map(select(.name | startswith("Quote")))[0].organisation')" \
  "Org \"Quote \"The Boss\" O'Neil\"" "organisation with quotes"
ok list events --json
valid_json "list events --json"
same "$(printf '%s\n' "$out" | jq -r '.[0].title')" "Event \"$esc\" 🎉" "event title with ESC"
same "$(printf '%s\n' "$out" | jq -r '.[0].location')" "Room\\1${nl}B" "event location with newline"
ok list follow-ups --json --all
valid_json "list follow-ups --json --all"
ok search "Émoji" --json
valid_json "search Émoji --json"
same "$(printf '%s\n' "$out" | jq -r '[.[] | select(.kind == "contact")][0].title')" \
  "Émoji 🎉 家族 Lê" "search finds the emoji name"
ok search "emoji" --json
same "$(printf '%s\n' "$out" | jq -r '[.[] | select(.kind == "contact")] | length')" 1 \
  "search ignores accents"

# Plain text: no raw control or bidi characters, one line per record.
for cmd in "list contacts" "list events" "list follow-ups" "search emoji" "search esc" \
  "search line"; do
  # shellcheck disable=SC2086
  ok $cmd
  lacks "$out" "$esc" "$cmd: raw ESC"
  lacks "$out" "$bel" "$cmd: raw BEL"
  lacks "$out" "$tab" "$cmd: raw TAB"
  lacks "$out" "$rlo" "$cmd: raw U+202E"
done
ok list contacts
same "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 6 "one line per contact despite the newline"
has "$out" "^[" "ESC shown as ^["
has "$out" "<U+202E>" "bidi override shown visibly"
ok list contacts --sort last --limit 2
same "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2 "--limit in text"

# Errors quoting user text are sanitized too.
run log "Nobody${esc}]0;owned${bel}" "x"
expect_rc 2 "unknown contact with escapes"
lacks "$err" "$esc" "stderr: raw ESC"
lacks "$err" "$bel" "stderr: raw BEL"

# Empty listings are empty arrays.
ok -d "$T/empty.db" list contacts --json
same "$out" "[]" "empty contacts"
ok -d "$T/empty.db" list events --json
same "$out" "[]" "empty events"
ok -d "$T/empty.db" list follow-ups --json
same "$out" "[]" "empty follow-ups"

finish
