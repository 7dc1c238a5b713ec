# paging: listings page through the windowed list calls; more rows than
# one page (256) come out complete, in order, each once.
. "${KITH_SRC:-.}/tests/cli/testlib"

i=1
while [ $i -le 300 ]; do
  n=$(printf 'Person %03d' $i)
  "$KITH_BIN" add contact "$n" --influence $((i % 5 + 1)) >/dev/null || fail "add $n"
  i=$((i + 1))
done
i=1
while [ $i -le 270 ]; do
  "$KITH_BIN" follow-up add "Person $(printf '%03d' $i)" "task $i" --due "$((i % 40))d" >/dev/null ||
    fail "follow-up $i"
  i=$((i + 1))
done

ok list contacts --json
same "$(jqo 'length')" 300 "all 300 contacts"
same "$(jqo '[.[].id] | unique | length')" 300 "no contact twice"
same "$(jqo '[.[].name] == ([.[].name] | sort)')" true "sorted by name"
same "$(jqo '.[0].name + "," + .[299].name')" "Person 001,Person 300" "first and last"
ok list contacts
same "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 300 "300 text lines"
ok list contacts --json --limit 257
same "$(jqo 'length')" 257 "--limit across a page boundary"
same "$(jqo '.[256].name')" "Person 257" "row 257"
ok list contacts --json --sort influence
same "$(jqo '[.[].influence] == ([.[].influence] | sort | reverse)')" true "influence order"
same "$(jqo '[.[].id] | unique | length')" 300 "no contact twice by influence"
ok list follow-ups --json
same "$(jqo 'length')" 270 "all 270 follow-ups"
same "$(jqo '[.[].id] | unique | length')" 270 "no follow-up twice"
same "$(jqo '[.[].due] == ([.[].due] | sort)')" true "follow-ups by due date"

finish
