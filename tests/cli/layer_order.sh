# layer_order: the layers call only down (README, "How the code is laid out").
# From the object files of the build: an edge from a directory of src to
# the directory that defines a symbol it uses. The order, lowest first:
#   util, parse, db, io, engine, ui, cli
# so that, for example, src/db never calls into src/engine (the capture
# parser lived there once) and `kith today` needs no engine.
. "${KITH_SRC:-.}/tests/cli/testlib"

B=${KITH_BUILD:-$(dirname "$KITH_BIN")}
order="util parse db io engine ui cli"

# the objects of the sources that exist (a stale object of a moved file is not one)
objs=""
for c in "$KITH_SRC"/src/*/*.c; do
  rel=${c#"$KITH_SRC"/}
  d=$(echo "$rel" | cut -d/ -f2)
  case " $order " in *" $d "*) ;; *) continue ;; esac
  o="$B/${rel%.c}.o"
  if [ -f "$o" ]; then objs="$objs $o"; else fail "no object $o for $rel"; fi
done

export LC_ALL=C
# nm -A: "build/src/DIR/FILE.o: SYMBOL TYPE ..."; the directory is the layer
layer='{ f = $1; sub(/:$/, "", f); sub("^" b "/", "", f); split(f, p, "/"); d = p[2] }'
# shellcheck disable=SC2086
nm -P -A --defined-only $objs | awk -v b="$B" "$layer"' $3 ~ /^[TDBRVW]$/ { print $2, d }' |
  sort -u >"$T/defs"
# shellcheck disable=SC2086
nm -P -A -u $objs | awk -v b="$B" "$layer"' { print $2, d, f }' | sort >"$T/uses"
[ -s "$T/defs" ] && [ -s "$T/uses" ] && pass || fail "nm read nothing from $B/src"

# "SYMBOL FROM FILE TO" for every use across directories
join "$T/uses" "$T/defs" | awk '$2 != $4' >"$T/edges"
[ -s "$T/edges" ] && pass || fail "no edge between layers found: the check reads nothing"

up=$(awk -v order="$order" '
  BEGIN { n = split(order, l, " "); for (i = 1; i <= n; i++) rank[l[i]] = i }
  !($4 in rank) || rank[$4] > rank[$2] { printf "\n  %s uses %s from src/%s", $3, $1, $4 }' "$T/edges")
if [ -z "$up" ]; then pass; else fail "calls up a layer (order: $order):$up"; fi

finish
