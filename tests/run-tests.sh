#!/bin/sh
# Runs every test binary and shell test given; prints each result and a
# summary; exits non-zero if anything failed.
#   tests/run-tests.sh BUILD_DIR UNIT_BIN... -- SHELL_TEST...
B=$1; shift
export KITH_BIN="$PWD/$B/kith" KITH_BUILD="$PWD/$B" KITH_SRC="$PWD"
export CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-60}
fail=0; pass=0; failed=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	t=$1; shift
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $t"; fi
done
[ "$1" = "--" ] && shift
for t in "$@"; do
	out=$(sh "$t" 2>&1); rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1)); printf '%s\n' "$out" | tail -n 1
	else
		fail=$((fail + 1)); failed="$failed $t"
		printf '%s\n' "$out"; echo "FAIL: $t (exit $rc)"
	fi
done
echo "make check: $pass test programs passed, $fail failed"
[ $fail -eq 0 ] || { echo "failed:$failed"; exit 1; }
