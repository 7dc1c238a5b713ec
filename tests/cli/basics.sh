# basics: --version, --help, help COMMAND, COMMAND --help, the man page,
# unknown commands and options, KITH_TODAY and invalid UTF-8 arguments.
. "${KITH_SRC:-.}/tests/cli/testlib"

run --version
expect_rc 0 "--version"
expect_out "kith 0.1.0" "--version"

run --help
expect_rc 0 "--help"
help=$out
for c in "add contact NAME" "add event TITLE" "attend EVENT CONTACT" "log CONTACT TEXT" \
  "follow-up add CONTACT TITLE" "follow-up done ID" "follow-up snooze ID WHEN" "me [CONTACT]" \
  "list contacts" "list events" "list follow-ups" "search QUERY" "backup [FILE]" "demo" \
  "help COMMAND"; do
  has "$help" "kith $c" "--help lists $c"
done
has "$help" "-d, --db PATH" "--help lists -d, --db"
has "$help" "--version" "--help lists --version"
[ -e "$KITH_DB" ] && fail "--help created the database" || pass

# help COMMAND and COMMAND --help print the same text from one table.
for c in "add contact" "add event" attend log "follow-up add" "follow-up done" \
  "follow-up snooze" me "list contacts" "list events" "list follow-ups" search backup demo; do
  # shellcheck disable=SC2086
  run help $c
  expect_rc 0 "help $c"
  has "$out" "usage: kith $c" "help $c"
  h=$out
  # shellcheck disable=SC2086
  run $c --help
  expect_rc 0 "$c --help"
  same "$out" "$h" "$c --help = help $c"
done
run help add
expect_rc 0 "help add"
has "$out" "usage: kith add contact NAME" "help add shows add contact"
has "$out" "usage: kith add event TITLE" "help add shows add event"
run help add contact
has "$out" "--influence N    1 to 5" "help add contact documents --influence"
lacks "$out" "add event" "help add contact shows only add contact"
run list --help
expect_rc 0 "list --help"
has "$out" "usage: kith list follow-ups" "list --help"

# Every command in the usage is in the man page, and the man page renders cleanly.
man=$(MANWIDTH=200 man -l "$KITH_SRC/man/kith.1" 2>/dev/null || groff -t -man -Tutf8 "$KITH_SRC/man/kith.1" 2>/dev/null)
for c in "kith add contact NAME" "kith add event TITLE --at WHEN" "kith attend EVENT CONTACT" \
  "kith log CONTACT TEXT" "kith follow-up add CONTACT TITLE --due WHEN" "kith follow-up done ID" \
  "kith follow-up snooze ID WHEN" "kith me [CONTACT]" "kith capture [TEXT]" "kith list contacts" "kith list events" \
  "kith list follow-ups" "kith search QUERY" "kith backup [FILE]" "kith demo [--no-ui]" \
  "KITH_DB" "KITH_TODAY" "XDG_DATA_HOME" "XDG_CONFIG_HOME" "NO_COLOR" "EXIT STATUS" "FILES"; do
  has "$man" "$c" "man page documents $c"
done
warn=$(groff -t -man -ww -z "$KITH_SRC/man/kith.1" 2>&1)
same "$warn" "" "groff warnings in man/kith.1"
if command -v man >/dev/null 2>&1; then
  warn=$(MANWIDTH=80 man --warnings -l "$KITH_SRC/man/kith.1" 2>&1 >/dev/null)
  same "$warn" "" "man --warnings on man/kith.1"
fi

# Usage errors: exit 2, one clear line on stderr, nothing on stdout.
run frobnicate
expect_rc 2 "unknown command"
expect_err "kith: frobnicate: unknown command (see kith --help)" "unknown command"
same "$out" "" "unknown command prints nothing on stdout"
run --frob
expect_rc 2 "unknown global option"
expect_err "kith: --frob: unknown option (see kith --help)" "unknown global option"
run add
expect_rc 2 "add without a subcommand"
has "$err" "kith: add: needs a subcommand" "add without a subcommand"
run add person Bob
expect_rc 2 "add person"
has "$err" "kith: add person: unknown command" "add person"
run help nosuch
expect_rc 2 "help nosuch"
expect_err 'kith: help: no command "nosuch" (see kith --help)' "help nosuch"
run add contact
expect_rc 2 "add contact without NAME"
has "$err" "kith: missing argument; usage: kith add contact NAME" "add contact without NAME"
run log zoe
expect_rc 2 "log without TEXT"
run log zoe coffee about the bond
expect_rc 2 "log with unquoted words"
has "$err" "unexpected argument" "log with unquoted words"
run -d
expect_rc 2 "-d without PATH"
expect_err "kith: -d: needs a PATH" "-d without PATH"
[ -e "$KITH_DB" ] && fail "usage errors created the database" || pass

# A malformed KITH_TODAY is a usage error naming the variable.
run_env KITH_TODAY=2026-13-45 -- list contacts
expect_rc 2 "bad KITH_TODAY"
has "$err" "KITH_TODAY" "bad KITH_TODAY names the variable"
case $err in kith:*) pass ;; *) fail "bad KITH_TODAY message format: $err" ;; esac

# Invalid UTF-8 in an argument is refused, naming it.
bad=$(printf 'Jos\351')
run add contact "$bad"
expect_rc 2 "invalid UTF-8 name"
expect_err "kith: argument 3: not valid UTF-8" "invalid UTF-8 name"
run add contact Jose --org "$bad"
expect_rc 2 "invalid UTF-8 option value"
expect_err "kith: --org: value is not valid UTF-8" "invalid UTF-8 option value"
[ -e "$KITH_DB" ] && fail "rejected commands created the database" || pass


# piped output prints whole fields (issue 17, bug 11: cut to 80 columns with "…")
KITH_DB="$T/piped.db"
long_name="Maximiliana Wolkenstein-Rodenegg von Trostburg"
long_org="Springfield Metropolitan Transit Riders Union Local 1187"
long_title="City Council Regular Meeting and Public Hearing on the Bus Network Redesign"
ok add contact "$long_name" --org "$long_org"
ok add event "$long_title" --at "2026-03-20 18:30"
ok search wolkenstein
has "$out" "$long_name" "search piped: the whole name"
has "$out" "$long_org" "search piped: the whole organisation"
ok list contacts
has "$out" "$long_name" "list contacts piped: the whole name"
ok list events
has "$out" "$long_title" "list events piped: the whole title"
KITH_DB="$T/kith.db"


# on a terminal `kith list contacts` names its columns; piped, only rows
if command -v script >/dev/null 2>&1; then
	KITH_DB="$T/piped.db"
	tty_out=$(script -qec "\"$KITH_BIN\" list contacts" /dev/null </dev/null | tr -d '\r')
	has "$(printf '%s\n' "$tty_out" | head -1)" "ID      NAME                    ORGANISATION          T I  LAST       NEXT" "list contacts on a terminal: a header line"
	ok list contacts
	case $out in ID*) fail "list contacts piped: no header line" ;; *) pass ;; esac
	KITH_DB="$T/kith.db"
else
	fail "script(1) is missing: cannot run kith on a terminal"
fi

finish
