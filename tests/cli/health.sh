# health: `kith health` (text and --json), marking gives and asks with
# kith log --give/--ask and capture's +give/+ask, and its options from the
# config file; under several time zones (the 90 days end today, wherever).
. "${KITH_SRC:-.}/tests/cli/testlib"

ok health
has "$out" "The active network: 0 of 0 people touched in the last 90 days (since 2025-12-11)" "empty database"
has "$out" "Nothing marked yet: +give and +ask in a capture" "empty: how to mark"
ok health --json
same "$(jqo 'type')" object "empty --json: one object"
same "$(jqo '.active')" 0 "no one active"

ok add contact "Me Myself"
ok me "Me Myself"
ok add contact "Ana Diaz" --org "City Hall" --tier A
ok add contact "Bo Lind" --org "City Hall" --tier B
ok add contact "Cy Moss" --org "City Hall" --tier C
ok add contact "Di Park" --tier A
ok add contact "Ed Nash" --org "Tenants Union" --tier D
sqlite3 "$KITH_DB" "UPDATE organisation SET kind = 'government' WHERE name = 'City Hall';
  UPDATE organisation SET kind = 'union' WHERE name = 'Tenants Union';
  UPDATE contact SET district = 'Ward 1' WHERE display_name IN ('Ana Diaz', 'Bo Lind', 'Cy Moss');"
ok log ana "coffee" --at 2026-03-01
ok log bo "call" --at 2026-03-02
ok log cy "asked Cy to host the meeting" --ask --at 2026-03-03
ok log di "asked Di for the flyers" --ask --at 2026-02-01
ok log ed "helped Ed with the lease letter" --give --at 2026-03-04
ok follow-up add cy "Cy to send the hall booking" --due 2026-03-09 --owed
same "$(sqlite3 "$KITH_DB" "SELECT group_concat(exchange, ',') FROM (SELECT exchange FROM interaction ORDER BY id)")" \
  "none,none,ask,ask,give" "log --give and --ask mark the interaction"

run log ana "both" --give --ask
expect_rc 2 "--give with --ask is a usage error"
has "$err" "--give" "the error names the option"

ok health
has "$out" "The active network: 5 of 5 people touched in the last 90 days (since 2025-12-11)" "five active"
has "$out" "  government                    3   60 %" "sector counts"
has "$out" "  ! 60 % of the people you talked to in the last 90 days are in government" "the sector warning at the threshold"
has "$out" "  ! 60 % of the people you talked to in the last 90 days are in Ward 1" "the district warning"
has "$out" "Gave and asked: 3 people, 2 you only asked of (first)" "the reciprocity summary"
has "$out" "  Cy Moss                  asked 2 (1 favour, 1 owed to you), gave nothing: offer something" "only asked: offer something"
has "$out" "  Ed Nash                  gave 1 (1 help) · asked 0 (nothing)" "a give"
# the people only asked of come first
first=$(printf '%s\n' "$out" | sed -n '/^Gave and asked/{n;p;}')
has "$first" "Cy Moss" "the most asked-of first"

ok health --json
same "$(jqo 'type')" object "health --json: one object"
same "$(jqo '.active')" 5 "json: active"
same "$(jqo '.sector.groups[0].name')" "government" "json: the largest sector"
same "$(jqo '.sector.groups[0].percent')" 60 "json: its share"
same "$(jqo '.sector.warning')" "60 % of the people you talked to in the last 90 days are in government" "json: the warning"
same "$(jqo '.met.warning')" null "json: no warning where none holds the share"
same "$(jqo '[.reciprocity[].name] | join(",")')" "Cy Moss,Di Park,Ed Nash" "json: only-asked first"
same "$(jqo '.reciprocity[0].only_asked')" true "json: only_asked"
same "$(jqo '.reciprocity[0].favours')" 1 "json: favours"
same "$(jqo '.reciprocity[0].owed_to_you')" 1 "json: owed to you"
same "$(jqo '.only_asked')" 2 "json: only_asked total"

ok health --limit 1
has "$out" "  (2 more: --limit N)" "--limit lists fewer and says how many more"
run health --limit 0
expect_rc 2 "--limit 0 is a usage error"

# the threshold is an option: above the share, no warning
mkdir -p "$HOME/.config/kith"
printf 'set health.warn_percent 61\n' >"$HOME/.config/kith/config"
ok health
lacks "$out" "  ! " "no warning above the share (health.warn_percent from the config)"
printf 'set health.days 8\n' >"$HOME/.config/kith/config"
ok health --json
same "$(jqo '.active')" 2 "health.days: only Cy and Ed in the last 8 days"
rm "$HOME/.config/kith/config"

# a capture marks what happened; +give ends "only asked"
ok capture '@di dropped off the ward maps +give'
has "$out" "help you gave" "capture says it was a give"
ok capture '@cy coffee +ask' --json
same "$(jqo '.exchange')" "ask" "capture --json: the exchange"
run capture '@cy coffee +give +ask'
expect_rc 2 "+give and +ask together are refused"
has "$err" "one capture is either +give or +ask" "and say why"
run capture '!fri call @cy +give'
expect_rc 2 "a +give with nothing logged is refused"
ok capture '@cy plus one: \+give is text'
same "$(sqlite3 "$KITH_DB" "SELECT summary || '|' || exchange FROM interaction ORDER BY id DESC LIMIT 1")" \
  "plus one: +give is text|none" "a backslash keeps +give as text"
ok health --json
same "$(jqo '[.reciprocity[] | select(.only_asked) | .name] | join(",")')" "Cy Moss" "Di gave-to now"

# the review offers something instead of another ask
ok today --explain
has "$out" "Offer Cy Moss something before asking for: Cy to send the hall booking" "review: offer before asking"
has "$out" "offer      you asked 3 times (2 favours, 1 owed to you) and gave nothing yet" "explain: the offer term"

# the same report under other time zones: the days are the user's
for tz in America/Los_Angeles Pacific/Auckland UTC; do
  run_env TZ=$tz -- health --json
  expect_rc 0 "health under TZ=$tz"
  same "$(jqo '.since')" "2025-12-11" "the window under TZ=$tz"
  same "$(jqo '.active')" 5 "the active network under TZ=$tz"
done

finish
