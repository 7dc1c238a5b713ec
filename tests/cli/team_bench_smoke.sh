#!/bin/sh
# The team benchmark's smoke run inside `make check` (tests/tools/
# kith-team-bench.c): a sync's transport of 100 entries and a join from a
# snapshot of a 300-contact database, so the benchmark never rots. Figures
# are printed, never asserted; it fails only if the benchmark cannot run.
set -e
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
export KITH_TODAY=2026-03-10 TMPDIR="$d"
"$KITH_BUILD/tools/kith-gen" "$d/small.db" --contacts 300 --seed 7 >/dev/null
"$KITH_BUILD/tools/kith-team-bench" "$d/small.db" --smoke > "$d/out"
cat "$d/out"
grep -q '^bench: team.sync.transport-100x100 ' "$d/out"
grep -q '^bench: team.snapshot.size ' "$d/out"
grep -q '^bench: team.join.total ' "$d/out"
echo "team bench smoke: $(grep -c '^bench:' "$d/out") figures printed"
