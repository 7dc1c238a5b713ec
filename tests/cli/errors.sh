# errors: bad input gets a clear `kith: <what>: <why>` message, the right
# exit status, and changes nothing in the database.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Dana Kim" --org "School Board" --influence 3
ok add contact "Dana Ortiz" --tag housing
ok add contact "Zoë Ngô"
ok log "Dana Kim" "met at the board meeting" --follow-up fri
ok add event "Council meeting" --at "2026-03-17 19:00" --with "Dana Ortiz"
snapshot "$T/.before"

# rejected CMD...: expect exit $1, stderr matching the glob $2, nothing on
# stdout, and an unchanged database.
rejected() {
  want=$1 pat=$2
  shift 2
  run "$@"
  expect_rc "$want" "kith $*"
  case $err in
    $pat) pass ;;
    *) fail "kith $*: stderr [$err] does not match [$pat]" ;;
  esac
  same "$out" "" "kith $*: stdout"
  unchanged "kith $*"
}

rejected 2 "kith: --frob: unknown option for add contact" add contact "Eve" --frob
rejected 2 "kith: -x: unknown option for log" log zoe "hi" -x
rejected 2 "kith: --json: takes no value" list contacts --json=yes
rejected 2 "kith: --influence 9: must be 1 to 5" add contact "Eve" --influence 9
rejected 2 "kith: --influence 9: must be 1 to 5" add contact "Eve" --org "New Org" --influence 9
rejected 2 'kith: --influence: "high" is not a whole number' add contact "Eve" --influence high
rejected 2 "kith: --alignment 3: must be -2 to 2" add contact "Eve" --alignment 3
rejected 2 "kith: --tier E: must be A, B, C or D" add contact "Eve" --tier E
rejected 2 "kith: --cadence -1: must be 0 to 36500" add contact "Eve" --cadence -1
rejected 2 "kith: NAME: must not be empty" add contact "  "
rejected 2 "kith: --org: given more than once" add contact "Eve" --org A --org B
rejected 2 "kith: --org: needs a value" add contact "Eve" --org

# Bad dates name the option and the date.
rejected 2 "kith: --follow-up: *friyay*" log zoe "coffee" --follow-up friyay
rejected 2 "kith: --due: *2026-02-30*" follow-up add zoe "call back" --due 2026-02-30
rejected 2 "kith: --at: *soon*" add event "Rally" --at soon
rejected 2 "kith: --at: *13:61*" log zoe "coffee" --at "2026-03-10 13:61"
rejected 2 "kith: WHEN: *never*" follow-up snooze 1 never
rejected 2 "kith: --until 2026-03-01: before the start*" add event "Rally" --at 2026-03-12 --until 2026-03-01
rejected 2 "kith: --at: required*" add event "Rally"
rejected 2 "kith: --due: required*" follow-up add zoe "call back"
rejected 2 "kith: --title: only with --follow-up" log zoe "coffee" --title "x"
rejected 2 'kith: --kind: "brunch" is not one of call, email, meeting, coffee, event, message, social, note' log zoe "x" --kind brunch
rejected 2 "kith: --status: *" attend "Council" zoe --status maybe
rejected 2 "kith: --sort: not an option of list events" list events --sort name
rejected 2 "kith: --limit 0: must be 1 to 1000000000" list contacts --limit 0
rejected 2 'kith: ID: "abc" is not an id*' follow-up done abc
# issue 17 bug 8: an unknown export format lists every one export writes, the map's too
rejected 2 'kith: --format: "png" is not one of vcf, csv, ics, json, svg, dot' export --format png
rejected 2 'kith: --format: "svg" is not one of vcf, csv, ics' import "$T/none.svg" --format svg

# Ambiguous and unknown contacts: the candidates are listed.
rejected 2 "kith: *Dana Kim*" log dana "hello"
has "$err" "Dana Ortiz" "ambiguous contact lists every candidate"
has "$err" "ambiguous" "ambiguous contact says so"
rejected 2 "kith: *" follow-up add dan "call" --due fri
rejected 2 "kith: *" log nobody "hello"
has "$err" "nobody" "unknown contact is named"
rejected 2 "kith: *" add event "Town hall" --at fri --with zoe --with dana
rejected 2 "kith: *" attend "No such event" zoe
rejected 2 "kith: *" follow-up done 999
rejected 2 "kith: *" me dana

# A database that cannot be created: runtime error, clear message.
: >"$T/afile"
run -d "$T/afile/sub/kith.db" add contact "Eve"
expect_rc 1 "unwritable database path"
has "$err" "kith: " "unwritable database path message"
has "$err" "$T/afile" "unwritable database path is named"
same "$out" "" "unwritable database path: stdout"
[ -e "$T/afile/sub" ] && fail "created something under a file" || pass
mkdir "$T/ro"
chmod 500 "$T/ro"
if [ "$(id -u)" != 0 ]; then
  run -d "$T/ro/kith.db" list contacts
  expect_rc 1 "read-only directory"
  has "$err" "$T/ro/kith.db" "read-only directory message names the file"
fi
chmod 700 "$T/ro"
run -d "$T/garbage.db" list contacts
[ "$rc" -eq 0 ] && pass || fail "fresh database at a new path: $err"
printf 'this is not a database, just some text that is long enough to not be a header.....\n' >"$T/junk.db"
cp "$T/junk.db" "$T/junk.orig"
run -d "$T/junk.db" list contacts
expect_rc 1 "not a database"
has "$err" "kith: " "not a database message"
cmp -s "$T/junk.db" "$T/junk.orig" && pass || fail "a non-database file was modified"

# The demo loader refuses a database that has data.
rejected 1 "kith: *not empty*" -d "$KITH_DB" demo --no-ui
rejected 2 "kith: demo --no-ui: needs -d PATH*" demo --no-ui

# Nothing above changed the database, and it still works.
unchanged "after all rejected commands"
ok list contacts --json
same "$(jqo 'length')" 3 "three contacts"

finish
