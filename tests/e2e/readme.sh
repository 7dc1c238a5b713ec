# readme: the screen shown in README.md is what the real kith shows (the
# demo's morning review at 100x30), captured by tests/tools/readme-screen.
NAME=readme
. "${KITH_SRC:-.}/tests/cli/testlib"

if "$KITH_SRC/tests/tools/readme-screen" "$KITH_BIN" "$KITH_SRC/README.md" --check; then
  pass
else
  fail "README.md's screen differs from kith's (make readme-screen updates it)"
fi
finish
