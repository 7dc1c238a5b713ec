# install: `make install DESTDIR=...` puts kith, its manuals and its shell
# completions in place; the installed binary works on its own (its assets
# are compiled in), and `make uninstall` takes everything away again.
. "${KITH_SRC:-.}/tests/cli/testlib"

root="$T/root"
san=
case $KITH_BIN in */san/*) san=1 ;; esac
if ! make --no-print-directory -s -C "$KITH_SRC" install DESTDIR="$root" PREFIX=/usr/local \
     SANITIZE="$san" >"$T/make.out" 2>&1; then
  fail "make install: $(cat "$T/make.out")"
  finish
fi
pass
bin="$root/usr/local/bin/kith"
for f in "$bin" "$root/usr/local/share/man/man1/kith.1" "$root/usr/local/share/man/man5/kithrc.5" \
         "$root/usr/local/share/bash-completion/completions/kith" \
         "$root/usr/local/share/zsh/vendor-completions/_kith"; do
  [ -f "$f" ] && pass || fail "not installed: ${f#$root}"
done
[ -x "$bin" ] && pass || fail "the installed kith is not executable"

# the installed binary, away from the source tree
cd "$T" || exit 1
KITH_BIN=$bin
ok --version
has "$out" "kith " "--version"
ok -d "$T/demo.db" demo --no-ui
ok -d "$T/demo.db" today --limit 3
has "$out" " 3. " "the installed kith runs the review queue"
ok help today
has "$out" "usage: kith today" "help from the installed binary"

# the manuals render without a warning
for m in man1/kith.1 man5/kithrc.5; do
  w=$(groff -man -Tutf8 -ww -z "$root/usr/local/share/man/$m" 2>&1)
  same "$w" "" "$m renders cleanly"
done

make --no-print-directory -s -C "$KITH_SRC" uninstall DESTDIR="$root" PREFIX=/usr/local \
  SANITIZE="$san" >"$T/make.out" 2>&1 || fail "make uninstall: $(cat "$T/make.out")"
left=$(find "$root" -type f | sed "s|^$root||")
same "$left" "" "make uninstall removes every installed file"
finish
