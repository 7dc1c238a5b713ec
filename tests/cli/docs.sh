# docs: kith.1 cannot drift from the program. Every command in the live
# command table (kith --help) has working `kith help` and `--help`, and is
# described in kith.1 with each of its options; every default key binding
# of the planner is in kith.1's KEYS section.
. "${KITH_SRC:-.}/tests/cli/testlib"

man1="$KITH_SRC/man/kith.1"
[ -r "$man1" ] || { fail "no $man1"; finish; }

# man source text with roff escapes undone: \- -> -, \fB etc. removed
plain=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/—/g' "$man1")

rendered=$(MANWIDTH=250 man -l "$man1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g; s/.\x08//g')
[ -n "$rendered" ] || fail "man cannot render kith.1"

ok --help
cmds=$(printf '%s\n' "$out" | sed -n 's/^  kith \([a-z][a-z-]*\)\( [a-z][a-z-]*\)\{0,1\}\( .*\)\{0,1\}$/\1\2/p')
[ -n "$cmds" ] || fail "no commands found in kith --help"
for c in $(printf '%s\n' "$cmds" | tr ' ' '+'); do
  name=${c%%+*}
  sub=
  case $c in *+*) sub=${c#*+} ;; esac
  # shellcheck disable=SC2086
  run help $name $sub
  expect_rc 0 "kith help $name $sub"
  usage=$out
  # shellcheck disable=SC2086
  run $name $sub --help
  expect_rc 0 "kith $name $sub --help"
  same "$out" "$usage" "kith $name $sub --help is kith help $name $sub"
  words="kith $name${sub:+ $sub}"
  # an entry of its own: the usage starts a line of the rendered page (a
  # missing .TP would run it into the paragraph before)
  if printf '%s\n' "$rendered" | grep -qE "^ {7}$words( |\$)"; then
    pass
  else
    fail "kith.1 does not describe '$words' in an entry of its own"
  fi
  for opt in $(printf '%s\n' "$usage" | sed -n 's/^  \(--[a-z][a-z-]*\).*/\1/p'); do
    case $plain in
      *"$opt"*) pass ;;
      *) fail "kith.1 does not mention $opt of '$words'" ;;
    esac
  done
done

# KEYS: every single-key default binding of the planner's maps
keys_section=$(printf '%s\n' "$plain" | sed -n '/^\.SH KEYS/,/^\.SH FILES/p')
grep -E '^bind (generic|contacts|events|map|followups|review) ' "$KITH_SRC/assets/kithrc" |
while read -r _ map key cmd; do
  case $key in
    z?|'<C-y>'|'<C-e>'|'<F1>'|'<S-Tab>'|'<Tab>'|'<Esc>'|'<Enter>'|'<'*) continue ;;
  esac
  case $keys_section in
    *".B $key
"*|*".BR $key "*|*'", " '"$key"*|*".B $key "*) echo pass ;;
    *) echo "fail kith.1 KEYS lacks '$key' ($map: $cmd)" ;;
  esac
done >"$T/keys"
while read -r verdict rest; do
  if [ "$verdict" = pass ]; then pass; else fail "$rest"; fi
done <"$T/keys"
finish
