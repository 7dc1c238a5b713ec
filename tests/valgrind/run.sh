#!/bin/sh
# run.sh: the end-to-end tests once with every kith process under valgrind
# memcheck (make check-valgrind).   tests/valgrind/run.sh BUILD_DIR
#
# KITH_BIN becomes a wrapper that runs the real binary under memcheck with
# one log per process; the tests' waits are stretched (KITH_WAIT_SCALE).
# Fails if a test fails, or if any process shows an invalid access, a use
# of uninitialised memory, or a definite or indirect leak. Suppressions
# (tests/valgrind/kith.supp) cover only ncurses and libc internals.
B=$1
SRC=$(pwd)
VG="$SRC/$B/valgrind"
command -v valgrind >/dev/null 2>&1 || { echo "check-valgrind: valgrind is not installed (DEB_PKGS has it)"; exit 1; }
rm -rf "$VG"; mkdir -p "$VG/logs"
cat >"$VG/kith" <<WRAP
#!/bin/sh
exec valgrind --tool=memcheck --quiet --leak-check=full \\
	--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
	--track-fds=no --num-callers=30 --suppressions="$SRC/tests/valgrind/kith.supp" \\
	--log-file="$VG/logs/vg.%p.log" "$SRC/$B/kith" "\$@"
WRAP
chmod +x "$VG/kith"
export KITH_BIN="$VG/kith" KITH_BUILD="$SRC/$B" KITH_SRC="$SRC" KITH_WAIT_SCALE=${KITH_WAIT_SCALE:-20}
# hostile_concurrency: 2 writers at once, not 20 (see there)
export KITH_CONCURRENT_WRITERS=2
fail=0
for t in "$SRC"/tests/e2e/*.sh; do
	out=$(sh "$t" 2>&1); rc=$?
	if [ $rc -eq 0 ]; then
		printf 'valgrind: %s\n' "$(printf '%s\n' "$out" | tail -n 1)"
	else
		printf '%s\n' "$out"; echo "FAIL: $t under valgrind (exit $rc)"; fail=1
	fi
done
nproc=$(ls "$VG/logs" | wc -l)
bad=""
for log in "$VG"/logs/vg.*.log; do
	[ -s "$log" ] && bad="$bad $log"
done
if [ -n "$bad" ]; then
	for log in $bad; do echo "== $log"; cat "$log"; done
	echo "check-valgrind: memcheck errors in:$bad"
	fail=1
else
	echo "check-valgrind: $nproc kith processes under memcheck, no error and no leak"
fi
exit $fail
