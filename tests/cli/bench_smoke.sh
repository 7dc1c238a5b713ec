#!/bin/sh
# The benchmark's smoke run inside `make check`: the same measurements as
# `make bench` on a 1,000-contact database, so the benchmark never rots.
# Figures are printed, never asserted (CI machines are noisy); it fails only
# if the benchmark itself cannot run.
set -e
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
export KITH_TODAY=2026-03-10
"$KITH_BUILD/tools/kith-gen" "$d/small.db" --contacts 1000 --seed 7 >/dev/null
"$KITH_BUILD/tools/kith-bench" "$d/small.db" --kith "$KITH_BIN" --reps 3 --smoke > "$d/out"
cat "$d/out"
grep -q '^bench: first-frame.contacts' "$d/out"
grep -q '^bench: key.contacts.p99' "$d/out"
grep -q '^bench: process.list.p50' "$d/out"
grep -q '^bench: interactive.peak-rss' "$d/out"
grep -q '^bench: review.queue.max' "$d/out"
grep -q '^bench: goals.progress.20.median' "$d/out"
grep -q '^bench: capture.commit' "$d/out"
grep -q '^bench: import.vcard.1k' "$d/out"
grep -q '^bench: export.vcard.1k' "$d/out"
grep -q '^bench: import.ics.1k+1k.median' "$d/out"
# a gated percentile or maximum is the median of its five stretches of time
# (tests/tools/kith-bench.c report_rounds): each printed, the middle one gated
for f in key.contacts.p99 key.events.max search-key.contacts.max key.followups.p99; do
	awk -v f="$f" '
		$2 == f ".rounds" { n = split($0, a, " "); k = 0
			for (i = 3; i <= n - 1; i++) r[++k] = a[i] + 0
			if (k != 5) { print f ": " k " rounds"; exit 1 }
			for (i = 1; i <= 5; i++) for (j = i + 1; j <= 5; j++)
				if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
			want = sprintf("%.3f", r[3]) }
		$2 == f && want != "" { got = $3 }
		END { if (want == "" || got != want) { print f ": gated " got ", median of rounds " want; exit 1 } }
	' "$d/out"
done
echo "bench smoke: $(grep -c '^bench:' "$d/out") figures printed"
