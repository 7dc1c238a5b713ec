#!/bin/sh
# story: issue 7's "done when", as a new user would: a phone's vCards, a
# LinkedIn Connections.csv and the town's council-meeting feed import in
# one go; importing them again creates nothing; the meeting shows in the
# Events pane on its day and time; after it, a debrief in the planner
# creates the thank-you follow-up.
. "$(dirname "$0")/testlib"
export TZ=America/New_York

printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nEMAIL:ana@city.gov\r\nTEL;TYPE=cell:+1 555 010 0001\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nN:Ortiz;Ben\r\nTEL;CELL:+1 555 010 0002\r\nEND:VCARD\r\n' >"$T/phone.vcf"
printf 'Notes:\n"Some emails are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana,ana@city.gov,City Council,Council member,01 Jan 2025\n' >"$T/Connections.csv"
printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Town//Council//EN\r\nBEGIN:VEVENT\r\nUID:council-0312@town\r\nSUMMARY:City council meeting\r\nDTSTART;TZID=America/New_York:20260312T190000\r\nDTEND;TZID=America/New_York:20260312T210000\r\nLOCATION:Town hall\r\nATTENDEE;CN=Ana Lima:mailto:ana@city.gov\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' >"$T/council.ics"

ok import "$T/phone.vcf" "$T/Connections.csv" "$T/council.ics"
has "$out" "$T/phone.vcf: 2 contacts added" "phone cards"
has "$out" "$T/Connections.csv: 1 merged" "LinkedIn merges Ana by email"
has "$out" "$T/council.ics: 1 event added" "the feed"
snapshot "$T/.before"
for f in phone.vcf Connections.csv council.ics; do
  ok import "$T/$f"
  lacks "$out" "added" "re-import of $f adds nothing"
done
unchanged "second import"

# the planner (headless) shows the meeting on Thursday at 19:00, Ana invited
screen=$(printf '2\r' | KITH_NO_DISPLAY=1 LINES=24 COLUMNS=80 "$KITH_BIN" 2>&1)
has "$screen" "City council meeting" "events pane lists the meeting"
has "$screen" "when     2026-03-12 19:00 – 2026-03-12 21:00" "on its day and time"
has "$screen" "Ana Lima                 invited" "Ana is expected"

# the day after: debrief in the planner (b), one line for Ana, none for Ben
screen=$(printf '2zpbtalked about the budget\r' | KITH_TODAY=2026-03-13 KITH_NO_DISPLAY=1 LINES=24 COLUMNS=80 "$KITH_BIN" 2>&1)
has "$screen" "debrief: met 1, thank-you follow-ups due 2026-03-15" "debrief saved"
run list follow-ups --json
same "$(jqo '.[0].title')" "Thank Ana Lima for City council meeting" "thank-you follow-up"
same "$(jqo '.[0].due')" "2026-03-15" "two days after the meeting"
finish
