#!/bin/sh
# make bench: build the city-scale database once (cached here, rebuilt when
# the generator or the schema changes), then measure kith on a copy of it.
#   tests/bench/run.sh BUILD_DIR [kith-bench options | --team]
set -e
B=${1:-build}; shift || true
here=$(cd "$(dirname "$0")" && pwd)
db="$here/city.db"
stamp="$here/city.stamp"
want=$(cat tests/tools/kith-gen.c assets/schema.sql | cksum)
if [ ! -f "$db" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "bench: building the city database (100,000 contacts, 1,000,000 interactions)..."
	rm -f "$db" "$db-wal" "$db-shm" "$stamp"
	"$B/tools/kith-gen" "$db" --contacts 100000 --orgs 10000 --roles 20000 \
		--interactions 1000000 --followups 200000 --events 20000 --attendance 400000 \
		--relationships 300000 --maps 10 --placements 500 --seed 1
	echo "$want" > "$stamp"
fi
work="$here/work.db"
rm -f "$work" "$work-wal" "$work-shm"
cp "$db" "$work"
trap 'rm -f "$work" "$work-wal" "$work-shm"' EXIT
# --team: only team mode's figures (the log's transport and a join from a
# snapshot of this database: tests/tools/kith-team-bench.c); a whole run
# (no options) gives them after the others.
if [ "$1" = --team ]; then
	shift
	"$B/tools/kith-team-bench" "$work" "$@"
	exit
fi
rc=0
"$B/tools/kith-bench" "$work" --kith "$B/kith" "$@" || rc=$?
if [ $# -eq 0 ]; then
	"$B/tools/kith-team-bench" "$work" || rc=1
fi
exit $rc
