#!/bin/sh
# import_fresh: an import into a database with no contact skips the lookups
# of emails, phones and names none of its records had (src/io/import_contact.c,
# may_have). It must find and report exactly what it finds in a database that
# had a contact: the same possible duplicates within the file (same email,
# shared phone, same name at the same organisation, same name under an
# honorific), the same merge by UID, and the duplicate of an email that the
# merge by UID gave.
. "$(dirname "$0")/testlib"
export TZ=UTC

# card PROPERTIES: one vCard (the properties as a printf format: no %)
card() { printf "BEGIN:VCARD\r\nVERSION:3.0\r\n$1END:VCARD\r\n"; }
{
	card 'FN:Ana Lima\r\nEMAIL:ana@x.org\r\nTEL:+1 555 000 1111\r\nORG:City Hall\r\n'
	card 'FN:Bruno Costa\r\nEMAIL:ANA@x.org\r\n'
	card 'FN:Carla Dias\r\nTEL:+1 (555) 000-1111\r\n'
	card 'FN:Ana Lima\r\nEMAIL:other@x.org\r\nORG:City Hall\r\n'
	card 'UID:u-1\r\nFN:Eva Reis\r\n'
	card 'UID:u-1\r\nFN:Eva Reis\r\nEMAIL:eva@x.org\r\n'
	card 'FN:Gil Reis\r\nEMAIL:Eva@X.org\r\n'
	card 'FN:Hana Sato\r\n'
	card 'FN:Dr. Hana Sato\r\nN:Sato;Hana;;Dr.;\r\n'
	card 'FN:Ivo Nunes\r\nEMAIL:ivo@x.org\r\nTEL:+1 555 000 2222\r\n'
} >"$T/cards.vcf"

norm() { printf '%s\n' "$1" | sed 's/#[0-9][0-9]*/#N/g'; }

# into a new database: a fresh import
ok import "$T/cards.vcf"
fresh=$out
has "$fresh" "Bruno Costa: possible duplicate of" "same email within the file"
has "$fresh" "(same email ANA@x.org), kept apart" "same email, as written in the card"
has "$fresh" "Carla Dias: possible duplicate of" "a shared phone"
has "$fresh" "Ana Lima (same name at City Hall), kept apart" "same name at the same organisation"
has "$fresh" "Eva Reis: merged by UID" "merged by UID"
has "$fresh" "Gil Reis: possible duplicate of" "the email the merge by UID gave"
has "$fresh" "Hana Sato: possible duplicate of" "the same name under an honorific"
lacks "$fresh" "Ivo Nunes: possible" "a record like no other"
has "$fresh" "9 contacts added, 1 merged, 5 possible duplicates kept apart" "the summary"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM contact")" "9" "nine contacts"

# into a database with a contact already: the lookups all run; the same report
export KITH_DB="$T/other.db"
ok add contact "Zed Unrelated" --email zed@y.org
ok import "$T/cards.vcf"
same "$(norm "$out")" "$(norm "$fresh")" "the same report as into a database with a contact"

# a file large enough to be read on a second thread, whose parser says which
# keys an earlier card had (io_contact_rec.seen): the same report, after
# 700 cards of other people
{
	i=0
	while [ $i -lt 700 ]; do
		card "FN:Filler Person $i\r\nEMAIL:filler$i@y.org\r\nTEL:+1 555 7$i\r\n"
		i=$((i + 1))
	done
	cat "$T/cards.vcf"
} >"$T/big.vcf"
[ "$(wc -c <"$T/big.vcf")" -gt 65536 ] && pass || fail "big.vcf is too small to be piped"
export KITH_DB="$T/piped.db"
ok import "$T/big.vcf"
same "$(norm "$out" | sed 's/big.vcf: 709 /cards.vcf: 9 /')" "$(norm "$fresh")" \
	"the same report from a piped fresh import"

# to-dos without a UID into a database with no follow-up: one with the
# title and due date of one before it is that one (src/io/import_record.c,
# todo_may_have), as when a follow-up was there already
todo() { printf "BEGIN:VTODO\r\n$1END:VTODO\r\n"; }
{
	printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n'
	todo 'SUMMARY:Call Ana\r\n'
	todo 'SUMMARY:Call Ana\r\n'
	todo 'SUMMARY:Call Ana\r\nDUE;VALUE=DATE:20270105\r\n'
	todo 'SUMMARY:Call Ana\r\nDUE;VALUE=DATE:20270105\r\nDESCRIPTION:bring the map\r\n'
	todo 'SUMMARY:Send the minutes\r\nDUE;VALUE=DATE:20270105\r\n'
	printf 'END:VCALENDAR\r\n'
} >"$T/todos.ics"
export KITH_DB="$T/todos.db"
ok import "$T/todos.ics"
has "$out" "3 follow-ups added, 1 follow-up merged, 1 follow-up unchanged" "the same to-do twice"
same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM followup")" "3" "three follow-ups"
same "$(sqlite3 "$KITH_DB" "SELECT notes FROM followup WHERE due = '2027-01-05' AND title = 'Call Ana'")" \
	"bring the map" "the notes merged in"
fresh=$out
export KITH_DB="$T/todos2.db"
ok add contact "Zed Unrelated"
ok follow-up add "Zed Unrelated" "Unrelated" --due 2027-02-01
ok import "$T/todos.ics"
same "$out" "$fresh" "the same report as into a database with a follow-up"

finish
