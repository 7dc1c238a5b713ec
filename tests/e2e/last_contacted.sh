# last_contacted: "last contacted" is never in the future (issue 14).
# `kith log NAME TEXT --at` a date after today is refused, naming the way
# to plan a meeting (an event), and writes nothing. A touch dated after
# today that an older kith stored is shown as "today" in the planner's
# list and card, never as "in 3w".
NAME=last_contacted
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

ok add contact "Ana Lima"
ana=$out
ok add contact "Ben Ortiz"
snapshot "$T/.before"
run log ana "budget meeting" --at 2027-01-01
expect_rc 2 "log --at a future date"
expect_err "kith: at 2027-01-01: after today (2026-03-10): log what has happened; a planned meeting is an event (kith add event TITLE --at 2027-01-01)" \
  "the message names the event"
unchanged "a refused future log"
run log ana "coffee" --at "2026-03-11 09:00"
expect_rc 2 "log --at tomorrow morning"
ok log ana "coffee" --at "2026-03-10 08:00"

# as an older kith stored it: a touch three weeks ahead
sqlite3 "$KITH_DB" "INSERT INTO interaction(at, kind, summary, body, created_at)
  VALUES ('2026-03-31 10:00', 'coffee', 'planned', '', '2026-03-10 09:00:00');
  INSERT INTO interaction_contact(interaction_id, contact_id, at)
  VALUES (last_insert_rowid(), (SELECT id FROM contact WHERE display_name = 'Ben Ortiz'),
  '2026-03-31 10:00');" || fail "sqlite3 could not store the old row"

tm new-session -d -s k -x 100 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
wait_for "Ben Ortiz" "the list is drawn"
case $(screen) in *"in 3w"*|*"in 2"*) fail "a last contact in the future: $(screen)" ;; *) pass ;; esac
line=$(screen | grep "Ben Ortiz")
has "$line" "today" "Ben's last contact shows as today"
tm send-keys -t k j Enter
wait_for "last contacted" "Ben's card"
has "$(screen)" "last contacted today" "the card says today"
tm send-keys -t k Escape q
wait_for "kith-exited-0" "the planner quits"
finish
