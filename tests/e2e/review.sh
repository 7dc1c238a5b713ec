# review: the morning review in the real binary, as a user would do it on
# the demo network: r, read why, explain, mark done, skip, log with the
# proposed check-in, quit midway, and resume the same day without the
# people already handled. Then checks the database from the shell.
NAME=review
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

"$KITH_BIN" -d "$KITH_DB" demo --no-ui >/dev/null || fail "demo database"
first=$("$KITH_BIN" today --json | jq -r '.[0].name')
second=$("$KITH_BIN" today --json | jq -r '.[1].name')
third=$("$KITH_BIN" today --json | jq -r '.[2].name')
fourth=$("$KITH_BIN" today --json | jq -r '.[3].name')
done_before=$("$KITH_BIN" list follow-ups --all --json | jq -r '[.[] | select(.status == "done")] | length')
checkins() {
  "$KITH_BIN" list follow-ups --json | jq -r --arg n "$third" '[.[] | select(.contact == $n and (.title | startswith("Check in with")))] | length'
}
checkins_before=$(checkins)

tm new-session -d -s k -x 100 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "review: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"

keys r
wait_for "Daily review — 2026-03-10 — 1 of 12" "r starts the review"
wait_for "$first" "the first person"
wait_for "l log · x done · s snooze · n skip" "the review's keys in the status line"
keys '?'
wait_for "the sum of:" "? explains the score"
keys x
wait_for "2 of 12" "x: done, next"
wait_for "$second" "the second person"
keys n
wait_for "3 of 12" "n: skipped, next"
keys l
wait_for "Log an interaction with $third" "l opens the log form"
keys "Coffee at the diner" Enter
wait_for "Next check-in with $third" "after logging, the next check-in is proposed"
keys Enter
wait_for "4 of 12" "Enter accepts it, next"
wait_for "next check-in with $third" "the message says so"
keys q
wait_for "Review done: 1 done, 1 logged, 0 snoozed, 1 skipped (r resumes)" "q: the summary"
keys q
wait_for "kith-exited-0" "quit"

# the same day, again: only what is left, starting with the fourth person
restart "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "review: tmux cannot start the planner again"; exit 1; }
wait_for "NORMAL" "the planner is up again"
keys r
wait_for "1 of 12" "resumed: a full day's cap again, from what is left"
wait_for "$fourth" "resumes at the fourth person"
keys Escape
wait_for "Review done: 0 done" "Esc ends it too"
keys q
wait_for "kith-exited-0" "quit again"

same "$("$KITH_BIN" list follow-ups --all --json | jq -r '[.[] | select(.status == "done")] | length')" $((done_before + 1)) "one more follow-up done"
same "$(checkins)" $((checkins_before + 1)) "the check-in was planned"
same "$("$KITH_BIN" today --json | jq -r --arg a "$first" --arg b "$second" --arg c "$third" '[.[] | select(.name == $a or .name == $b or .name == $c)] | length')" 0 "the handled people are out of today's queue"
finish
