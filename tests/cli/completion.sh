# completion: the bash and zsh completion scripts in assets/completion,
# driven the way the shells drive them, against `kith complete`.
. "${KITH_SRC:-.}/tests/cli/testlib"

mkdir -p "$T/bin"
ln -s "$(cd "$(dirname "$KITH_BIN")" && pwd)/$(basename "$KITH_BIN")" "$T/bin/kith"
PATH="$T/bin:$PATH"
export PATH
ok -d "$KITH_DB" demo --no-ui

# complete WORD...: the bash candidates for the last word, one per line
complete_bash() {
  bash --norc --noprofile -c '
    . "$1/assets/completion/kith.bash"
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    _kith
    printf "%s\n" "${COMPREPLY[@]}"' sh "$KITH_SRC" "$@" 2>&1
}

got=$(complete_bash kith fol)
same "$got" "follow-up" "command names"
got=$(complete_bash kith follow-up "")
same "$(printf "%s" "$got" | tr "\n" " ")" "add done snooze" "subcommands"
got=$(complete_bash kith list contacts --s)
same "$got" "--sort" "options of a subcommand"
got=$(complete_bash kith today --)
has "$got" "--explain" "options of today"
got=$(complete_bash kith log Hann)
same "$got" 'Hannah\ Cole' "a contact name, quoted for the line"
got=$(complete_bash kith log zo)
has "$got" 'Zo' "diacritics ignored: zo finds Zoë"
got=$(complete_bash kith -d "$KITH_DB" me "Harold P")
same "$got" 'Harold\ Pike' "the database given with -d"
got=$(complete_bash kith log Hannah\ Cole "")
same "$got" "" "no contact for the TEXT argument"
got=$(complete_bash kith duplicates "")
same "$(printf "%s" "$got" | tr "\n" " ")" "merge not-same" "duplicates: its subcommands"
got=$(complete_bash kith duplicates --j)
same "$got" "--json" "duplicates: the option of the bare command"
got=$(complete_bash kith duplicates merge Hannah\ Cole Harold\ P)
same "$got" 'Harold\ Pike' "duplicates merge: contact names"
got=$(complete_bash kith duplicates merge --)
same "$got" "--help" "duplicates merge has no --json"
got=$(complete_bash kith help to)
same "$got" "today" "help completes command names"
touch "$T/contacts.vcf"
got=$(cd "$T" && complete_bash kith backup cont)
same "$got" "contacts.vcf" "file names"
got=$(complete_bash kith -d "$T/none.db" log a)
same "$got" "" "no database: nothing offered"
[ ! -e "$T/none.db" ] && pass || fail "completion created a database"

ok complete maps Sch
same "$out" "School bond 2027" "kith complete maps"
run complete nonsense
expect_rc 2 "kith complete with an unknown kind"

if command -v zsh >/dev/null 2>&1; then
  zsh -n "$KITH_SRC/assets/completion/_kith" && pass || fail "_kith: zsh syntax"
  mkdir -p "$T/zfunc"
  cp "$KITH_SRC/assets/completion/_kith" "$T/zfunc/"
  out=$(HOME="$T" zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -d "$2"; print -r -- ${_comps[kith]}' zsh "$T/zfunc" "$T/zcompdump" 2>&1)
  same "$out" "_kith" "zsh registers _kith for kith"
else
  fail "zsh is not installed (it is in the Makefile's DEB_PKGS)"
fi
finish
