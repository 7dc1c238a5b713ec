# map: power maps, relationships, roles and warm paths from the shell:
# kith map list|new|show|place, kith relate, kith role add, kith path.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Me Myself"
me=$out
ok me "Me Myself"
ok add contact "Ana Lima"
ana=$out
ok add contact "Cllr. Diaz"
diaz=$out
ok add contact "Zoë Ngô"
zoe=$out
ok add contact "Bo Strand"

# ---- maps ------------------------------------------------------------------
ok map list --json
same "$out" "[]" "no maps yet"
ok map new "Bond 2027" --goal "Pass the 2027 school bond" --target "Cllr. Diaz" --target zoe
bond=$out
case $bond in ''|*[!0-9]*) fail "map new prints an id, got [$bond]" ;; *) pass ;; esac
ok map list --json
valid_json "map list --json"
same "$(jqo '.[0].name')" "Bond 2027" "map name"
same "$(jqo '.[0].goal')" "Pass the 2027 school bond" "map goal"
same "$(jqo '.[0].primary_target_id')" "$diaz" "the first --target is the primary"
same "$(jqo '.[0].placements')" 0 "nothing placed yet"
ok map list
has "$out" "Bond 2027" "map list text"

ok map place bond "Cllr. Diaz" --influence 5 --alignment 0 --note "swing vote"
ok map place bond zoe --influence 4 --alignment -2
ok map place bond ana --influence 3 --alignment 2
run map place bond "~Riverton Chamber" --influence 4 --alignment -1
expect_rc 2 "an unknown organisation is an error"
ok role add ana "Riverton Chamber" --title "Board chair" --from 2024-01-01
role=$out
case $role in ''|*[!0-9]*) fail "role add prints an id, got [$role]" ;; *) pass ;; esac
ok map place bond "~Riverton Chamber" --influence 4 --alignment -1
ok map show bond --json
same "$(printf '%s\n' "$out" | jq -r '.placements | length')" 4 "four placed"
same "$(printf '%s\n' "$out" | jq -r '.placements[0].name')" "Cllr. Diaz" "influence 5 first"
same "$(printf '%s\n' "$out" | jq -r '.placements[0].target')" true "Diaz is a target"
same "$(printf '%s\n' "$out" | jq -r '.placements[0].primary')" true "Diaz is the primary"
same "$(printf '%s\n' "$out" | jq -r '.placements[0].note')" "swing vote" "note kept"
same "$(printf '%s\n' "$out" | jq -r '[.placements[] | select(.organisation_id != null)] | .[0].name')" \
  "Riverton Chamber" "an organisation is placed"
same "$(printf '%s\n' "$out" | jq -r '[.placements[] | select(.name == "Zoë Ngô")] | .[0].band')" \
  "active opposition" "Zoë's band"

ok map show "Bond 2027"
has "$out" "Bond 2027 — Pass the 2027 school bond" "map show header"
has "$out" "*Cllr. Diaz" "a target is marked"
has "$out" "#Riverton Cha" "an organisation is marked"
same "$(printf '%s\n' "$out" | grep -c '^  5 ')" 1 "one line starts influence 5"
line5=$(printf '%s\n' "$out" | grep '^  5 ')
has "$line5" "*Cllr. Diaz" "Diaz in the influence-5 row"
line4=$(printf '%s\n' "$out" | grep '^  4 ')
same "$(printf '%s\n' "$line4" | cut -d'|' -f2 | sed 's/ *$//')" "*Zoë Ngô" "Zoë in the opposed column"

# moves are kept: as of yesterday the map was empty
ok map place bond zoe --influence 4 --alignment -1 --reason "softened at the hearing"
ok map show bond --json
same "$(printf '%s\n' "$out" | jq -r '[.placements[] | select(.name == "Zoë Ngô")] | .[0].alignment')" \
  -1 "moved"
ok map show bond --json --as-of yesterday
same "$(printf '%s\n' "$out" | jq -r '.placements | length')" 0 "as of yesterday: nobody"
same "$(printf '%s\n' "$out" | jq -r '.as_of')" 2026-03-09 "as_of echoed"

run map place bond zoe --influence 9 --alignment 0
expect_rc 2 "influence 9"
has "$err" "--influence" "names the option"
run map place bond zoe --alignment 0
expect_rc 2 "no influence"
run map place nosuchmap zoe --influence 1 --alignment 0
expect_rc 2 "unknown map"
run map new "bond 2027"
expect_rc 1 "a second map of the same name"
has "$err" "already exists" "says why"
run map frobnicate
expect_rc 2 "unknown map subcommand"

# ---- relationships and paths ------------------------------------------------
ok relate me ana --type mentor --strength 3 --source "years of organising"
ok relate ana diaz --type professional
rel=$out
run relate ana diaz --type friendship
expect_rc 2 "unknown type"
has "$err" "mentor" "lists the types"
run relate ana ana --type social
expect_rc 2 "with themselves"
run relate ana zoe --type social --strength 4
expect_rc 2 "strength 4"
ok relate zoe "~Riverton Chamber" --type lobbying --strength 1

ok path "Cllr. Diaz"
has "$out" "1. Me Myself → Ana Lima → Cllr. Diaz" "the chain"
has "$out" "Ana Lima: mentor" "why the first hop"
has "$out" "Cllr. Diaz: professional" "why the second hop"
ok path "Cllr. Diaz" --json
valid_json "path --json"
same "$(jqo 'length')" 1 "one path"
same "$(jqo '.[0].hops | length')" 2 "two hops"
same "$(jqo '.[0].hops[0].contact_id')" "$ana" "through Ana"
same "$(jqo '.[0].hops[0].type')" mentor "mentor"
same "$(jqo '.[0].hops[1].contact_id')" "$diaz" "to Diaz"
ok path "Cllr. Diaz" --max-hops 1
has "$out" "no warm path to Cllr. Diaz within 1 hops" "hop limit"
ok path "Cllr. Diaz" --max-hops 1 --json
same "$out" "[]" "hop limit, JSON"

# an organisation target: Ana chairs it, Zoë lobbies it (through nobody)
ok path "~Riverton Chamber" --json
same "$(jqo '.[0].hops | length')" 2 "me, Ana, the Chamber"
same "$(jqo '.[0].hops[1].organisation_id != null')" true "ends at the organisation"
same "$(jqo '.[0].hops[1].reason')" "Board chair there" "why"

# a past relationship does not count
ok role add zoe "Planning Commission" --title Commissioner
ok role add me "Planning Commission" --title Commissioner --from 2020-01-01 --to 2025-01-01
ok path zoe --json
same "$(jqo 'length')" 0 "a past role makes no link"
ok role add me "Planning Commission" --title Chair
ok path zoe
has "$out" "Zoë Ngô: both on Planning Commission" "a shared current role"

run path "Me Myself"
expect_rc 2 "a path to me"
run path nobody-at-all
expect_rc 2 "unknown target"
run path ana --max-hops 9
expect_rc 2 "max hops 9"
run role add ana "Riverton Chamber"
expect_rc 2 "role add needs --title"
run role add ana "Riverton Chamber" --title Chair --from 2026-01-01 --to 2025-01-01
expect_rc 2 "role ending before it starts"

ok help path
has "$out" "usage: kith path TARGET" "help path"
ok help map
has "$out" "kith map place" "help map"
ok --help
has "$out" "kith relate" "usage lists relate"

finish
