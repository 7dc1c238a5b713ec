# honorific: an honorific is kept as the name's prefix, not sorted on
# (issue 14). "Cllr. Harriet Osei" sorts under H (kith sorts by the name
# as written, given name first), is found by harriet and osei, shows with
# her name, and her prefix goes out and back in as vCard N's prefix.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Bob Carter"
ok add contact "Cllr. Harriet Osei"
osei=$out
ok add contact "Dana Fox"
ok add contact "Ian Ng"
ok add contact "Rev. Dr. Gil Adler"
ok add contact "Mayor Ida Brandt"
ok add contact "Prof Hal Kim"
ok add contact "Dr."                    # only an honorific: that is the name
ok list contacts --json
same "$(jqo '[.[] | .name] | join("|")')" \
  "Bob Carter|Dana Fox|Dr.|Rev. Dr. Gil Adler|Prof Hal Kim|Cllr. Harriet Osei|Ian Ng|Mayor Ida Brandt" \
  "sorted on the names without their honorifics"
for w in harriet osei "harriet osei" "Harriet Osei" "Cllr. Harriet Osei"; do
  ok log "$w" "call about the budget"
  ok search "$w" --json
  has "$(jqo '[.[] | select(.kind == "contact") | .title] | join(",")')" "Cllr. Harriet Osei" "search $w"
done
ok capture "@osei coffee"
expect_out "logged with Cllr. Harriet Osei" "capture @osei"
ok export --format json
same "$(printf '%s' "$out" | jq -r "[.. | objects | select(.id? == $osei and .prefix? != null)][0].prefix")" \
  "Cllr." "the prefix is exported"

# vCard: N's prefix is the honorific; one FN leaves out is shown with the name
cat >"$T/in.vcf" <<'VCF'
BEGIN:VCARD
VERSION:3.0
N:Nolan;Ida;;Fr.;
FN:Fr. Ida Nolan
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Sato;Emi;;Dr.;
FN:Emi Sato
END:VCARD
VCF
ok import "$T/in.vcf"
ok list contacts --json
same "$(jqo '[.[] | .name] | map(select(test("Nolan|Sato"))) | join("|")')" "Dr. Emi Sato|Fr. Ida Nolan" \
  "vCard N prefixes kept and sorted under E and I"
ok export --format vcf
has "$out" "FN:Cllr. Harriet Osei" "FN with the honorific"
has "$out" "N:;;;Cllr.;" "N with the honorific as its prefix"
has "$out" "N:Nolan;Ida;;Fr.;" "a prefix kith does not know kept"
printf '%s\n' "$out" >"$T/out.vcf"
KITH_DB="$T/two.db"
ok import "$T/out.vcf"
same "$(sqlite3 "$KITH_DB" "SELECT group_concat(display_name || '/' || prefix || '/' || name_key, ';') FROM (SELECT * FROM contact WHERE prefix <> '' ORDER BY name_key)")" \
  "Dr. Emi Sato/Dr./emi sato;Rev. Dr. Gil Adler/Rev. Dr./gil adler;Prof Hal Kim/Prof/hal kim;Cllr. Harriet Osei/Cllr./harriet osei;Mayor Ida Brandt/Mayor/ida brandt;Fr. Ida Nolan/Fr./ida nolan" \
  "honorifics round-trip through vCard"
finish
