#!/bin/sh
# interop: what kith exports is read by the tools people use: vCards by
# abook (--convert) and khard, the .ics by calcurse (-i). Each tool that is
# not installed is skipped with a message; libical reads the .ics in the
# import tests (kith's importer is libical).
. "$(dirname "$0")/testlib"

ok add contact "Zoë Ngô" --email zoe@city.gov --phone "+1 555 0100" --org "City Council" --role Clerk
ok add contact "Tom Ruiz" --email tom@x.org
ok add event "Council meeting" --at "2026-03-12 19:00" --until "2026-03-12 21:00" --where "Town hall" --with "Zoë"
ok follow-up add Tom "Send the draft" --due 2026-03-13
ok export --format vcf -o "$T/k.vcf"
ok export --format vcf --vcard-version 3.0 -o "$T/k3.vcf"
ok export --format ics -o "$T/k.ics"
skipped=""

if command -v abook >/dev/null 2>&1; then
  for f in k.vcf k3.vcf; do
    got=$(HOME="$T/home" abook --convert --informat vcard --infile "$T/$f" --outformat csv --outfile - 2>&1)
    has "$got" '"Zoë Ngô","zoe@city.gov","+1 555 0100"' "abook reads $f"
    has "$got" '"Tom Ruiz","tom@x.org"' "abook reads the second card of $f"
  done
else
  skipped="$skipped abook"
fi

if command -v khard >/dev/null 2>&1; then
  mkdir -p "$T/ab"
  # khard reads a directory of one-card files
  awk -v d="$T/ab" '/^BEGIN:VCARD/ { n++ } { print > (d "/c" n ".vcf") }' "$T/k.vcf"
  printf '[addressbooks]\n[[kith]]\npath = %s/ab\n\n[general]\ndefault_action = list\neditor = true\nmerge_editor = true\n' "$T" >"$T/khard.conf"
  got=$(timeout 120 khard -c "$T/khard.conf" email 2>&1)
  has "$got" "zoe@city.gov" "khard reads the emails"
  has "$got" "Tom Ruiz" "khard reads the names"
  lacks "$got" "no UID" "khard finds the UIDs"
else
  skipped="$skipped khard"
fi

if command -v calcurse >/dev/null 2>&1; then
  mkdir -p "$T/cal"
  got=$(calcurse -D "$T/cal" -i "$T/k.ics" 2>&1)
  has "$got" "1 app / 0 events / 1 todo / 0 skipped" "calcurse imports everything"
  has "$(cat "$T/cal/apts")" "03/12/2026 @ 19:00 -> 03/12/2026 @ 21:00" "calcurse has the meeting's times"
  has "$(cat "$T/cal/apts")" "|Council meeting" "calcurse has the meeting"
  has "$(cat "$T/cal/todo")" "Send the draft" "calcurse has the to-do"
else
  skipped="$skipped calcurse"
fi

[ -n "$skipped" ] && echo "interop: not installed, skipped:$skipped"
finish
