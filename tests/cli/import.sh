#!/bin/sh
# import: kith import and kith export from the shell: counts, dry run,
# line-numbered refusals that change nothing, --skip-invalid, re-import,
# the phone + LinkedIn + council feed story of issue 7, and round trips.
. "$(dirname "$0")/testlib"
export TZ=UTC

cat >"$T/phone.vcf" <<'V'
BEGIN:VCARD
VERSION:3.0
FN:Ana Lima
N:Lima;Ana;;;
EMAIL;TYPE=work:ana@city.gov
TEL;TYPE=cell:+1 555 010 0001
ORG:City Council
TITLE:Council member
END:VCARD
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ng=C3=B4;Zo=C3=AB;;;
TEL;CELL:+1 555 010 0002
END:VCARD
V
printf 'Notes:\n"Some emails are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana,ana@city.gov,City Council,Council member,01 Jan 2025\nTom,Ruiz,https://www.linkedin.com/in/tom,,Planning Dept,Planner,02 Feb 2025\n' >"$T/Connections.csv"
cat >"$T/council.ics" <<'I'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Town//Council//EN
BEGIN:VEVENT
UID:council-2026-03-12@town
SUMMARY:City council meeting
DTSTART;TZID=America/New_York:20260312T190000
DURATION:PT2H
LOCATION:Town hall
ATTENDEE;CN=Ana Lima;PARTSTAT=ACCEPTED:mailto:ana@city.gov
END:VEVENT
END:VCALENDAR
I

# a dry run says what it would do and changes nothing
snapshot "$T/.before"
ok import --dry-run "$T/phone.vcf"
has "$out" "add contact Ana Lima" "dry run lists additions"
has "$out" "add contact Zoë Ngô" "dry run: quoted-printable name"
has "$out" "2 contacts to add (dry run: nothing changed)" "dry-run summary"
unchanged "dry run"

# the phone, LinkedIn and the council feed in one go
ok import "$T/phone.vcf"
expect_out "$T/phone.vcf: 2 contacts added" "vcard import"
ok import "$T/Connections.csv"
# every merge is printed with why, then the summary
expect_out "Ana Lima: merged by email ana@city.gov with #1 Ana Lima: +handle https://www.linkedin.com/in/ana, +fields kith keeps aside
$T/Connections.csv: 1 contact added, 1 merged, 2 fields kept aside" \
  "linkedin merges Ana by email (Connected On kept aside)"
ok import "$T/council.ics"
expect_out "$T/council.ics: 1 event added" "ics import"
run list events --all --json
same "$(jqo '.[0].start')" "2026-03-12 23:00" "19:00 New York is 23:00 UTC"
same "$(jqo '.[0].title')" "City council meeting" "event title"
run list contacts --json
same "$(jqo 'length')" "3" "three people"

# re-importing all three changes nothing
snapshot "$T/.before"
ok import "$T/phone.vcf"
expect_out "$T/phone.vcf: 2 unchanged" "vcard again"
ok import "$T/Connections.csv"
expect_out "$T/Connections.csv: 2 unchanged" "csv again"
ok import "$T/council.ics"
expect_out "$T/council.ics: 1 event unchanged" "ics again"
unchanged "re-import"

# a malformed record: the line, exit 1, nothing imported
printf 'BEGIN:VCARD\nFN:Good One\nEND:VCARD\nBEGIN:VCARD\nFN:Bad\nnot a property\nEND:VCARD\n' >"$T/bad.vcf"
snapshot "$T/.before"
run import "$T/bad.vcf"
expect_rc 1 "malformed file"
expect_err "kith: $T/bad.vcf:6: no ':' (not a vCard property line) (nothing imported)" "bad line named"
unchanged "refused import"
run import --skip-invalid "$T/bad.vcf"
expect_rc 0 "skip invalid"
has "$out" "$T/bad.vcf:6: no ':' (not a vCard property line) (skipped)" "skipped record reported"
has "$out" "1 contact added, 1 skipped" "skip summary"

# several files are one transaction: one bad file and none is imported
snapshot "$T/.before"
printf 'name,email\nNew Person,new@x.org\n' >"$T/new.csv"
run import "$T/new.csv" "$T/bad.vcf"
expect_rc 1 "one bad file of two"
has "$err" "bad.vcf:6: no ':'" "the bad file's line"
unchanged "several files, one bad"
ok import --dry-run "$T/new.csv" "$T/new.csv"
has "$out" "$T/new.csv: 1 unchanged (dry run" "a dry run of two files sees the first"
unchanged "dry run of several files"

# usage errors
run import
expect_rc 2 "no file"
run import "$T/nope.vcf"
expect_rc 1 "missing file"
run import --format json "$T/phone.vcf"
expect_rc 2 "json is not importable"
printf 'just some text\n' >"$T/notes.dat"
run import "$T/notes.dat"
expect_rc 1 "unknown format"
has "$err" "cannot tell the format" "format message"
run export --format svgz
expect_rc 2 "unknown export format"

# exports: files 0600, and a round trip into an empty database
ok export --format vcf -o "$T/out.vcf"
same "$(mode_of "$T/out.vcf")" "600" "export file mode"
ok export --format csv -o "$T/out.csv"
ok export --format ics -o "$T/out.ics"
ok export --format json
same "$(printf '%s\n' "$out" | jq -r '.contacts | length')" "4" "json contacts"
same "$(printf '%s\n' "$out" | jq -r '.events[0].attendance[0].status')" "confirmed" "json attendance"
run list contacts --all --json
before=$(printf '%s\n' "$out" | jq -c '[.[] | {name, org}] | sort_by(.name)')
for f in vcf csv; do
  KITH_DB="$T/rt-$f.db" "$KITH_BIN" import "$T/out.$f" >/dev/null 2>"$T/.e" || fail "import out.$f: $(cat "$T/.e")"
  after=$(KITH_DB="$T/rt-$f.db" "$KITH_BIN" list contacts --all --json | jq -c '[.[] | {name, org}] | sort_by(.name)')
  same "$after" "$before" "round trip through $f"
done
KITH_DB="$T/rt-vcf.db" "$KITH_BIN" import "$T/out.ics" >/dev/null 2>&1 || fail "import out.ics"
same "$(KITH_DB="$T/rt-vcf.db" "$KITH_BIN" list events --all --json | jq -r '.[0].start')" "2026-03-12 23:00" "ics round trip"
# any number of files (issue 17, bug 9: more than four was refused)
for n in 1 2 3 4 5 6; do
	printf 'name,email\nMany Person%s,many%s@x.org\n' "$n" "$n" >"$T/many$n.csv"
done
KITH_DB="$T/many.db"
ok import "$T/many1.csv" "$T/many2.csv" "$T/many3.csv" "$T/many4.csv" "$T/many5.csv" "$T/many6.csv"
has "$out" "$T/many6.csv: 1 contact added" "the sixth of six files is imported"
KITH_DB="$T/kith.db"

# "which one is you?" (issue 17): the first import into a network without "me"
# names kith me, once, on a terminal; a script's standard error stays quiet
KITH_DB="$T/me.db"
ok import "$T/many1.csv"        # ok: nothing on standard error
if command -v script >/dev/null 2>&1; then
	tty1=$(script -qec "\"$KITH_BIN\" import \"$T/many2.csv\"" /dev/null </dev/null | tr -d '\r')
	has "$tty1" "hint: which one is you? Warm paths start from you: kith me NAME" "on a terminal: the hint"
	tty2=$(script -qec "\"$KITH_BIN\" import \"$T/many3.csv\"" /dev/null </dev/null | tr -d '\r')
	lacks "$tty2" "which one is you" "asked once: not again"
	KITH_DB="$T/me2.db"
	ok add contact "Sam Okafor"
	ok me "Sam Okafor"
	tty3=$(script -qec "\"$KITH_BIN\" import \"$T/many4.csv\"" /dev/null </dev/null | tr -d '\r')
	lacks "$tty3" "which one is you" "me already set: no hint"
else
	fail "script(1) is missing: cannot run kith on a terminal"
fi
KITH_DB="$T/kith.db"

finish
