#!/bin/sh
# run.sh: run every libFuzzer harness for SECONDS each (make fuzz).
#   tests/fuzz/run.sh FUZZ_BUILD_DIR SECONDS CORPUS_DIR HARNESS...
#
# Each harness fuzz_NAME starts from a fresh working corpus in
# FUZZ_BUILD_DIR/corpus/NAME seeded with tests/fuzz/seeds/NAME/ (kept in
# the repository) and CORPUS_DIR/NAME/ (../shared/corpus, the real interop
# files; skipped when absent, as in a lone CI clone). A finding stops the
# run: the crashing input is saved as FUZZ_BUILD_DIR/crash-NAME-*, and it
# belongs in tests/fuzz/regress/NAME/ once fixed (every file there is
# replayed here before fuzzing, so a fixed crash stays fixed).
# A harness may ask for extra libFuzzer flags with a line in its header
# comment: " * fuzz-flags: -len_control=0".
# Prints one line per harness: executions, seconds, corpus size.
FB=$1 SECS=$2 CORPUS=$3
shift 3
SRC=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$@"; do
	name=$(basename "$bin"); name=${name#fuzz_}
	work="$FB/corpus/$name"
	rm -rf "$work"; mkdir -p "$work"
	for d in "$SRC/seeds/$name" "$CORPUS/$name"; do
		[ -d "$d" ] && find -L "$d" -maxdepth 1 -type f -exec cp -L {} "$work/" \;
	done
	log="$FB/fuzz-$name.log"
	if [ -d "$SRC/regress/$name" ] && [ -n "$(ls "$SRC/regress/$name")" ]; then
		if ! "$bin" -close_fd_mask=3 "$SRC/regress/$name"/* >"$log" 2>&1; then
			echo "fuzz $name: a regression input crashes again:"; tail -n 30 "$log"
			status=1; continue
		fi
	fi
	flags=$(sed -n 's/^ \* fuzz-flags: //p' "$SRC/fuzz_$name.c" 2>/dev/null)
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$SECS" -print_final_stats=1 -close_fd_mask=3 \
		-max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$FB/crash-$name-" $flags "$work" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ $rc -ne 0 ]; then
		echo "fuzz $name: FINDING after ${execs:-?} executions (exit $rc); log $log:"
		grep -m 1 -A 25 -E 'ERROR|property failed|deadly signal|timeout' "$log"
		status=1
	else
		printf 'fuzz %-8s %10s executions in %ss, no finding (corpus %s files)\n' \
			"$name" "$execs" "$SECS" "$(ls "$work" | wc -l)"
	fi
done
exit $status
