# attend: `kith attend EVENT CONTACT` names an event as contacts are named
# (exact title, then an unambiguous prefix; a word inside a title is only
# offered), and a future event can be invited or confirmed, not attended
# (issue 17, bug 4). Run under several time zones: "future" is the user's day.
. "${KITH_SRC:-.}/tests/cli/testlib"

for zone in UTC America/Chicago Pacific/Auckland; do
  export TZ="$zone" KITH_DB="$T/$(echo "$zone" | tr / _).db"
  ok add contact "Gary Holt"
  ok add event "City Council Regular Meeting" --at "2026-03-24 18:30"
  council=$out
  ok add event "Rally for rent stabilisation" --at "2026-03-02 12:00"
  rally=$out
  ok add event "Tenants meeting" --at "2026-03-10 23:30"
  tenants=$out

  # a word inside the title is offered, never chosen
  snapshot "$T/.before"
  run attend "Council" gary
  expect_rc 2 "TZ=$zone: a word inside a title does not pick the event"
  has "$err" "\"Council\": no event title starts with it; did you mean \"City Council Regular Meeting, 2026-03-24\" (#$council)?" "TZ=$zone: the event is offered"
  unchanged "TZ=$zone: nothing recorded for a word match"

  # a future event: invited or confirmed, not attended, met or no-show
  for status in attended met no-show; do
    run attend "City Council" gary --status "$status"
    expect_rc 2 "TZ=$zone: $status at a future event"
    expect_err "kith: event #$council \"City Council Regular Meeting\" is on 2026-03-24, in the future: it can be invited or confirmed, not $status" "TZ=$zone: $status refused with the date"
  done
  run attend "City Council" gary
  expect_rc 2 "TZ=$zone: the default (attended) refused for a future event"
  unchanged "TZ=$zone: nothing recorded for a future attendance"
  ok attend "City Council" gary --status confirmed
  ok export --format json
  same "$(jqo ".events[] | select(.id == $council) | .attendance[0].status")" confirmed "TZ=$zone: confirmed for a future event"

  # past events, and an event of today: attended
  ok attend rally gary
  ok attend "Tenants meeting" gary
  ok list contacts --json
  same "$(jqo '.[0].last_contacted')" "2026-03-10 23:30" "TZ=$zone: today's event counts as a touch"
done
finish
