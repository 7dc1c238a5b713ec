# flow: the issue's "done when" and the everyday commands, checked through
# stdout and the database afterwards (list --json).
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Zoë Ngô" --org "Planning Commission" --influence 4
zoe=$out
case $zoe in ''|*[!0-9]*) fail "add contact prints an id, got [$zoe]" ;; *) pass ;; esac
ok list contacts --json
valid_json "list contacts --json"
same "$(jqo 'length')" 1 "one contact"
same "$(jqo '.[0].id')" "$zoe" "contact id"
same "$(jqo '.[0].name')" "Zoë Ngô" "contact name"
same "$(jqo '.[0].organisation')" "Planning Commission" "organisation from --org"
same "$(jqo '.[0].influence')" 4 "influence"
same "$(jqo '.[0].tier')" null "no tier"
same "$(jqo '.[0].last_contacted')" null "never contacted yet"

ok log zoe "coffee about the bond" --follow-up fri
inter=$out
case $inter in ''|*[!0-9]*) fail "log prints an id, got [$inter]" ;; *) pass ;; esac
ok list follow-ups --json
valid_json "list follow-ups --json"
same "$(jqo 'length')" 1 "one follow-up"
same "$(jqo '.[0].due')" 2026-03-13 "follow-up due the Friday after Tuesday 2026-03-10"
same "$(jqo '.[0].title')" "Follow up: coffee about the bond" "default follow-up title"
same "$(jqo '.[0].contact')" "Zoë Ngô" "follow-up contact"
same "$(jqo '.[0].contact_id')" "$zoe" "follow-up contact_id"
same "$(jqo '.[0].status')" open "follow-up status"
same "$(jqo '.[0].direction')" none "follow-up direction"
ok list follow-ups
has "$out" "2026-03-13" "list follow-ups text shows the due date"
has "$out" "Zoë Ngô" "list follow-ups text shows the contact"
ok list contacts --json
same "$(jqo '.[0].last_contacted[0:10]')" 2026-03-10 "log resets last contacted"
same "$(jqo '.[0].next_follow_up')" 2026-03-13 "next follow-up"

ok search zoe
has "$out" "contact" "search zoe finds a contact"
has "$out" "Zoë Ngô" "search zoe finds Zoë Ngô"
ok search zoe --json
valid_json "search --json"
same "$(jqo '[.[] | select(.kind == "contact")][0].id')" "$zoe" "search hit id"
same "$(jqo '[.[] | select(.kind == "contact")][0].title')" "Zoë Ngô" "search hit title"
ok search ngo
has "$out" "Zoë Ngô" "search ngo (accent-free) finds Zoë Ngô"
ok search bond --json
same "$(jqo '[.[] | select(.kind == "interaction")] | length')" 1 "search finds the interaction"
ok search nobodyhere --json
same "$out" "[]" "no hits is an empty array"

# A fuller contact, and --role with --org.
ok add contact "Ana Lima" --org "City Council" --role "Council member" --email ana@example.org \
  --email ana.lima@example.net --phone "+1 555 0100" --tag housing --tag transit \
  --influence 5 --alignment -1 --tier a --cadence 30
ana=$out
ok list contacts --json --sort influence
same "$(jqo '.[0].name')" "Ana Lima" "sort influence puts 5 first"
same "$(jqo '.[0].role')" "Council member" "role from --role"
same "$(jqo '.[0].organisation')" "City Council" "organisation"
same "$(jqo '.[0].tier')" A "tier is upper case"
same "$(jqo '.[0].alignment')" -1 "alignment"
ok list contacts --json
same "$(jqo '[.[].name] | join(",")')" "Ana Lima,Zoë Ngô" "sort by name"
ok list contacts --json --limit 1
same "$(jqo 'length')" 1 "--limit 1"
ok list contacts
same "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2 "text listing has one line per contact"
has "$out" "City Council" "text listing shows the organisation"

# Follow-ups and commitments.
ok follow-up add ana "send the draft ordinance" --due 3d --owe
fu=$out
ok list follow-ups --json
same "$(jqo "map(select(.id == $fu))[0].due")" 2026-03-13 "--due 3d"
same "$(jqo "map(select(.id == $fu))[0].direction")" owe "--owe"
ok follow-up add zoe "her numbers" --due 2026-04-01 --owed
fu2=$out
ok follow-up snooze "$fu" 2w --reason "waiting for legal"
same "$out" "" "snooze prints nothing"
ok list follow-ups --json
same "$(jqo "map(select(.id == $fu))[0].due")" 2026-03-24 "snoozed two weeks from today"
ok follow-up done "#$fu2"
ok list follow-ups --json
same "$(jqo "map(select(.id == $fu2)) | length")" 0 "done follow-up leaves the open list"
ok list follow-ups --json --all
same "$(jqo "map(select(.id == $fu2))[0].status")" done "--all shows it done"
run follow-up done "$fu2"
expect_rc 2 "done twice"
case $err in "kith: "*) pass ;; *) fail "done twice message: $err" ;; esac

# Events and attendance.
ok add event "Budget town hall" --at "2026-03-12 18:30" --until 20:00 --where "City Hall" \
  --kind town-hall --with zoe --with "ana"
ev=$out
ok add event "Planning retreat" --at 2026-03-01
past=$out
ok list events --json
valid_json "list events --json"
same "$(jqo 'length')" 1 "one upcoming event"
same "$(jqo '.[0].title')" "Budget town hall" "event title"
same "$(jqo '.[0].start')" "2026-03-12 18:30" "event start"
same "$(jqo '.[0].end')" "2026-03-12 20:00" "--until HH:MM on the start day"
same "$(jqo '.[0].location')" "City Hall" "event location"
same "$(jqo '.[0].kind')" town-hall "event kind"
same "$(jqo '.[0].attendees')" 2 "two invited"
ok list events --past --json
same "$(jqo '[.[].id] | join(",")')" "$past" "--past lists the past event"
same "$(jqo '.[0].end')" null "no end is null"
ok list events --all --json
same "$(jqo '[.[].id] | map(tostring) | join(",")')" "$past,$ev" "--all is oldest first"
ok attend "Planning" zoe --status met
ok list contacts --json
same "$(jqo "map(select(.id == $zoe))[0].last_contacted[0:10]")" 2026-03-10 "still 2026-03-10"

# log with --kind, --at and --title.
ok log ana "call about the budget" --kind call --at yesterday --follow-up tomorrow --title "send budget notes"
ok list follow-ups --json
same "$(jqo 'map(select(.title == "send budget notes"))[0].due')" 2026-03-11 "--follow-up tomorrow"
same "$(jqo 'map(select(.title == "send budget notes"))[0].contact')" "Ana Lima" "follow-up for Ana"

# me.
run me
expect_rc 1 "me unset"
expect_err "kith: me: not set (set it with: kith me CONTACT)" "me unset"
ok me "zoë"
same "$out" "$zoe	Zoë Ngô" "me sets and prints"
ok me
same "$out" "$zoe	Zoë Ngô" "me prints"

# Contacts by id and with -d after the command.
ok log "#$ana" "quick note"
ok -d "$T/other.db" add contact "Only Here"
ok list contacts --json -d "$T/other.db"
same "$(jqo '[.[].name] | join(",")')" "Only Here" "-d after the command"
ok --db="$T/other.db" list contacts --json
same "$(jqo 'length')" 1 "--db=PATH"

finish
