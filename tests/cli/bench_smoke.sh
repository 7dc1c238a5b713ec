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
echo "bench smoke: $(grep -c '^bench:' "$d/out") figures printed"
