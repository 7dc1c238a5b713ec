# db_layers: the files of src/db call each other in layers, not in circles
# (issue 16), counted from the object files as ../shared/tools/callgraph.py
# does: an edge from a file to the file defining a symbol it uses. And no
# file of src/db does several jobs at 800 lines or more.
. "${KITH_SRC:-.}/tests/cli/testlib"

objdir="${KITH_BUILD:?set KITH_BUILD to the build directory (make check does)}/src/db"
python3 - "$objdir" >"$T/graph.txt" 2>&1 <<'PY'
import os, subprocess, sys
d = sys.argv[1]
objs = sorted(f for f in os.listdir(d) if f.endswith(".o"))
defs, uses = {}, {}
for o in objs:
    out = subprocess.run(["nm", "-P", os.path.join(d, o)], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        p = line.split()
        if len(p) >= 2 and p[1] in "TDBR":
            defs[p[0]] = o
        elif len(p) >= 2 and p[1] == "U":
            uses.setdefault(o, set()).add(p[0])
edges = {o: {defs[s] for s in uses.get(o, ()) if s in defs and defs[s] != o} for o in objs}
def reach(a):
    seen, todo = set(), [a]
    while todo:
        for w in edges[todo.pop()]:
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen
r = {o: reach(o) for o in objs}
big = max(([o] + [w for w in r[o] if o in r[w] and w != o] for o in objs), key=len)
print("circle", len(big), " ".join(sorted(big)))
PY
same "$?" 0 "the call graph of $objdir: $(cat "$T/graph.txt")"
n=$(sed -n 's/^circle \([0-9]*\) .*/\1/p' "$T/graph.txt")
if [ -n "$n" ] && [ "$n" -le 3 ]; then pass; else fail "a circle of files: $(sed -n 1p "$T/graph.txt")"; fi
long=$(wc -l "${KITH_SRC:-.}"/src/db/*.c | awk '$2 != "total" && $1 > 800 { print $2 " " $1 }')
same "$long" "" "no src/db file over 800 lines"
finish
