# import_org: an organisation's own vCard (KIND:org, X-ABShowAs:COMPANY,
# or an ORG with no person's name) is imported as an organisation, not a
# person (issue 14); the report says so; its channels are kept; export
# writes organisations back as KIND:org cards, and they come back the same.
. "${KITH_SRC:-.}/tests/cli/testlib"

cat >"$T/orgs.vcf" <<'VCF'
BEGIN:VCARD
VERSION:4.0
KIND:org
FN:Riverton Food Bank
ORG:Riverton Food Bank
TEL;TYPE=work:+1 555 0100
NOTE:Pantry on Elm Street.
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:Acme Hardware
ORG:Acme Hardware
X-ABShowAs:COMPANY
EMAIL:info@acme.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
ORG:Tenants Union;Housing desk
URL:https://tenants.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Diaz;Rosa;;;
FN:Rosa Diaz
ORG:Tenants Union
TITLE:Organiser
END:VCARD
VCF
ok import "$T/orgs.vcf"
has "$out" "1 contact added" "one person"
has "$out" "3 organisations added" "three organisations"
has "$err$out" "orgs.vcf:1: organisation Riverton Food Bank (#1): a card with no person, imported as an organisation" \
  "the report names the organisation"
ok list contacts --json
same "$(jqo '[.[] | .name] | join(",")')" "Rosa Diaz" "no organisation became a person"
same "$(jqo '.[0].organisation')" "Tenants Union" "the person's organisation is the same one"
same "$(sqlite3 "$KITH_DB" "SELECT group_concat(name, ',') FROM (SELECT name FROM organisation ORDER BY name)")" \
  "Acme Hardware,Riverton Food Bank,Tenants Union" "the organisations, once each"
same "$(sqlite3 "$KITH_DB" "SELECT description FROM organisation WHERE name = 'Riverton Food Bank'")" \
  "Pantry on Elm Street." "the note is the description"
has "$(sqlite3 "$KITH_DB" "SELECT group_concat(name || '=' || value, ';') FROM import_extra WHERE entity = 'organisation'")" \
  "TEL=+1 555 0100 (work)" "the organisation's phone is kept"
ok search acme --json
same "$(jqo '[.[] | .kind] | join(",")')" "organisation" "found as an organisation"

# the same file again changes nothing
snapshot "$T/.before"
ok import "$T/orgs.vcf"
has "$out" "3 organisations unchanged" "a second import"
unchanged "importing the same organisations again"

# export: organisations as KIND:org cards (3.0: X-ABShowAs:COMPANY), and back
sqlite3 "$KITH_DB" "UPDATE organisation SET kind = 'community', influence = 4 WHERE name = 'Riverton Food Bank';
  UPDATE organisation SET parent_id = (SELECT id FROM organisation WHERE name = 'Tenants Union')
   WHERE name = 'Acme Hardware'"
ok export --format vcf
printf '%s\n' "$out" >"$T/out.vcf"
has "$out" "KIND:org" "exported with KIND:org"
has "$out" "X-KITH-ORG-KIND:community" "its kind"
ok export --format json
want=$(printf '%s' "$out" | jq -c '[.organisations[] | del(.id, .parent_id)] | sort_by(.name)')
for v in 40 30; do
  export KITH_DB="$T/rt$v.db"
  if [ $v = 30 ]; then
    KITH_DB="$T/kith.db" run export --format vcf --vcard-version 3.0
    printf '%s\n' "$out" >"$T/out.vcf"
    has "$out" "X-ABShowAs:COMPANY" "3.0: X-ABShowAs"
  fi
  ok import "$T/out.vcf"
  ok export --format json
  same "$(printf '%s' "$out" | jq -c '[.organisations[] | del(.id, .parent_id)] | sort_by(.name)')" "$want" \
    "vCard $v: the organisations come back the same"
  same "$(sqlite3 "$KITH_DB" "SELECT p.name FROM organisation o JOIN organisation p ON p.id = o.parent_id WHERE o.name = 'Acme Hardware'")" \
    "Tenants Union" "vCard $v: the parent comes back"
  same "$(sqlite3 "$KITH_DB" "SELECT count(*) FROM contact")" 1 "vCard $v: still one person"
done
finish
