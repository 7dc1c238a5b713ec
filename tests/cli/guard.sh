#!/bin/sh
# guard.sh: the guard against being too eager (issue 18). Logging a third
# unanswered outreach within guard.days warns on stderr and still saves;
# the second does not warn; an answer (--reply, or a conversation such as
# a call) ends the count; a note is neither; guard.unanswered and
# guard.days from the config file change the threshold.
. "$(dirname "$0")/testlib"

ok add contact "Ana Lima" >/dev/null
ok add contact "Ben Ode" >/dev/null

# below the threshold: two emails, no warning
ok log ana "sent the survey" --kind email
ok log ana "reminder about the survey" --kind email
# at the threshold: the third warns, and is saved (exit 0, an id)
run log ana "third try" --kind email
expect_rc 0 "a warned log is still saved"
has "$err" "Ana Lima has not answered your last 2 messages in 7 days" "the third unanswered email warns"
case $out in ''|*[!0-9]*) fail "no id printed for the warned log: $out" ;; *) pass ;; esac
run list contacts --json
same "$("$KITH_BIN" search "third try" --json | jq -r 'length')" 1 "the warned log is saved"

# an answer ends the count; a note is neither outreach nor an answer
ok log ana "she answered" --kind email --reply
ok log ana "heard she moved office"
ok log ana "asked for a meeting" --kind email
ok log ana "sent the agenda" --kind email
run log ana "one more" --kind message
has "$err" "has not answered your last 2 messages" "two after the answer, then the third warns"

# a call is a conversation: it answers; --out makes it outreach (a voicemail)
ok log ana "called her" --kind call
ok log ben "voicemail" --kind call --out
ok log ben "voicemail again" --kind call --out
run log ben "left a third voicemail" --kind call --out
has "$err" "Ben Ode has not answered" "--out counts a call as outreach"
run log ben "x" --out --reply
expect_rc 2 "--out with --reply is a usage error"

# outreach older than guard.days does not count
ok add contact "Cy Park" >/dev/null
ok log cy "old email" --kind email --at 2026-03-01
ok log cy "old email 2" --kind email --at 2026-03-02
ok log cy "new email" --kind email

# the options: guard.unanswered 1 warns on the second; 0 turns it off
mkdir -p "$HOME/.config/kith"
printf 'set guard.unanswered 1\n' >"$HOME/.config/kith/config"
ok add contact "Dee Fox" >/dev/null
ok log dee "first" --kind email
run log dee "second" --kind email
has "$err" "Dee Fox has not answered your last message" "guard.unanswered 1"
printf 'set guard.unanswered 0\n' >"$HOME/.config/kith/config"
ok log dee "third" --kind email
printf 'set guard.days 1\n' >"$HOME/.config/kith/config"
ok log cy "newer email" --kind email

# a contact's rhythm: the review does not propose them sooner (issue 18)
: >"$HOME/.config/kith/config"
ok add contact "Eli Stone" --tier A >/dev/null
ok log eli "talked about the bond" --kind call --at 2026-02-01
run today --json
has "$out" '"Eli Stone"' "tier A, 37 days: in the review"
ok edit contact eli --at-most 60
run today --json
lacks "$out" '"Eli Stone"' "--at-most 60 keeps Eli out of the review for 60 days"
ok edit contact eli --at-most none
run today --json
has "$out" '"Eli Stone"' "--at-most none gives Eli back to the review"
run edit contact eli --at-most fortnightly
expect_rc 2 "--at-most with an unknown word"
has "$err" "weekly, monthly" "the error lists the words"
finish
