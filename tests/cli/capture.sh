# capture: `kith capture` one line and from standard input: the issue's
# example, ambiguous and unknown names (nothing written), --create, the
# commitments and introductions, per-line reports and the exit status.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok add contact "Zoe Park"
zoe=$out
ok add contact "Tom Ruiz"
tom=$out
ok add contact "Ana Lima"
ana=$out
ok add contact "Anh Tran"
anh=$out
ok log "Anh Tran" "catch-up" --at 2026-03-01
ok log "Ana Lima" "lunch" --at 2026-01-05

# the example of the issue: links both, tags both, the Friday follow-up
ok capture '@zoe @"Tom Ruiz" coffee about zoning #housing !fri send the draft'
expect_out "logged with Zoe Park, Tom Ruiz; tagged housing; follow-up due 2026-03-13" "capture report"
ok list contacts --json
same "$(jqo "map(select(.id == $zoe))[0].last_contacted[0:10]")" 2026-03-10 "Zoe logged"
same "$(jqo "map(select(.id == $tom))[0].last_contacted[0:10]")" 2026-03-10 "Tom logged"
ok search housing --json
same "$(jqo '[.[] | select(.kind == "contact") | .title] | sort | join(",")')" "Tom Ruiz,Zoe Park" \
  "both tagged housing"
ok search zoning --json
same "$(jqo '[.[] | select(.kind == "interaction")] | length')" 1 "one interaction"
ok list follow-ups --json
same "$(jqo 'length')" 1 "one follow-up"
same "$(jqo '.[0].due')" 2026-03-13 "due Friday"
same "$(jqo '.[0].title')" "send the draft" "follow-up title"
same "$(jqo '.[0].contact_id')" "$tom" "about the nearest @person before it"

# ambiguous: never picks, lists the candidates most recent first, writes nothing
snapshot "$T/.before"
run capture '@an coffee !fri x'
expect_rc 2 "ambiguous @an"
has "$err" "col 1: @an: ambiguous, could be: Anh Tran (#$anh, last contact 2026-03-01), Ana Lima (#$ana, last contact 2026-01-05)" "candidates ranked by recent contact"
unchanged "ambiguous capture"
# unknown without --create: an error naming the token
run capture '@zoe @"Dana Lee" lunch'
expect_rc 2 "unknown @Dana Lee"
has "$err" 'col 6: @Dana Lee: no such contact (--create adds it)' "unknown named"
unchanged "unknown capture"
# a typo: the closest name is offered, nothing is chosen (issue 17)
run capture '@"Tom Ruis" lunch'
expect_rc 2 "a typo is not chosen"
has "$err" 'col 1: @Tom Ruis: no such contact; did you mean Tom Ruiz? (--create adds it)' "did you mean"
run capture '@"Tmo Ruiz" lunch'
has "$err" 'did you mean Tom Ruiz?' "did you mean, a typo in the first letters"
unchanged "typo capture"
# bad date, lone @, unterminated quote: exit 2, nothing written
run capture '@zoe chat !xyz send'
expect_rc 2 "bad date"
expect_err "kith: capture: col 11: !xyz: not a date (today, tomorrow, fri, 3d, 2w, 1m, YYYY-MM-DD)" "bad date message"
run capture '@ coffee'
expect_rc 2 "lone @"
run capture '@"Tom coffee'
expect_rc 2 "unterminated quote"
has "$err" "unterminated quote" "unterminated quote message"
run capture ''
expect_rc 2 "empty capture"
unchanged "rejected captures"

# --create makes the unknown contacts, in the same transaction
ok capture '@zoe @"Dana Lee" lunch at the market !owe 2w the budget numbers' --create
expect_out "logged with Zoe Park, Dana Lee (1 new contact); I owe, due 2026-03-24" "--create report"
ok list contacts --json
same "$(jqo 'map(select(.name == "Dana Lee")) | length')" 1 "Dana Lee created once"
ok list follow-ups --json
same "$(jqo 'map(select(.direction == "owe"))[0].title')" "the budget numbers" "commitment saved"

# initials and an introduction, as JSON
ok capture '@tr call !intro @"Ana Lima">@zoe' --json
same "$(jqo '.kind')" call "kind from the first word"
same "$(jqo '.with[0].name')" "Tom Ruiz" "tr: Tom Ruiz's initials"
same "$(jqo '.followups[0].kind')" introduce "introduction"
ok list follow-ups --json
same "$(jqo 'map(select(.kind == "introduce"))[0].title')" "Introduce Ana Lima to Zoe Park" "introduction title"

# a name created earlier in the line, or a prefix of it, is that contact
# (issue 17, bug 3: "Kim Park" and "kim" were both created)
ok capture '@"Kim Park" coffee !intro @kim>@zoe' --create
expect_out "logged with Kim Park (1 new contact); introduction of Kim Park to Zoe Park" "one new contact for @\"Kim Park\" and @kim"
ok list contacts --json
same "$(jqo 'map(select(.name == "Kim Park" or .name == "kim")) | length')" 1 "Kim Park created once, no \"kim\""
ok list follow-ups --json
same "$(jqo 'map(select(.kind == "introduce"))[-1].title')" "Introduce Kim Park to Zoe Park" "the introduction names Kim Park"

# a line of follow-ups only adds them and logs nothing (issue 17)
ok export --format json
before_inter=$(jqo '.interactions | length')
ok capture '!fri call the clerk @zoe'
expect_out "nothing logged; for Zoe Park; follow-up due 2026-03-13" "follow-up only: said"
ok export --format json
same "$(jqo '.interactions | length')" "$before_inter" "follow-up only: no interaction"
same "$(jqo '[.followups[] | select(.title == "call the clerk")] | length')" 1 "follow-up only: the follow-up"
ok capture '!mon send the agenda @zoe' --json
same "$(jqo '.interaction')" null "follow-up only, JSON: no interaction"

# "call, ..." and "Email: ..." set the kind
ok capture 'call, @zoe about the levy' --json
same "$(jqo '.kind')" call "call, sets the kind"
ok capture '@zoe Email: sent the numbers' --json
same "$(jqo '.kind')" email "Email: sets the kind"

# standard input: one capture a line, each reported; bad lines go on
printf '%s\n' '@zoe walk in the park' '' '@an coffee' '@tom call !xyz later' \
  '@tom call back !tomorrow send notes' >"$T/lines"
"$KITH_BIN" capture <"$T/lines" >"$T/.out" 2>"$T/.err"
rc=$?
out=$(cat "$T/.out")
err=$(cat "$T/.err")
expect_rc 2 "stdin with rejected lines"
has "$out" "line 1: logged with Zoe Park" "line 1 saved"
has "$out" "line 5: logged with Tom Ruiz; follow-up due 2026-03-11" "line 5 saved after bad lines"
has "$err" "kith: line 3: col 1: @an: ambiguous" "line 3 reported"
has "$err" "kith: line 4: col 11: !xyz: not a date" "line 4 reported"
lacks "$out" "line 2" "blank line skipped"
same "$(wc -l <"$T/.out" | tr -d ' ')" 2 "one report a line for the two saved lines"
printf '@zoe one\n@tom two\n' | "$KITH_BIN" capture --json >"$T/.out" 2>"$T/.err"
rc=$?
expect_rc 0 "stdin all saved"
same "$(jq -s 'map(.line) | join(",")' <"$T/.out" | tr -d '"')" "1,2" "JSON lines with line numbers"
same "$(wc -l <"$T/.out" | tr -d ' ')" 2 "one JSON object a line"

# names from the database are shown safely: control characters made visible
ok add contact "$(printf 'Eve\033[31mRed')"
ok capture '@eve hello'
lacks "$out" "$(printf '\033')" "no raw escape on stdout"

finish
