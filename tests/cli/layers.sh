# layers: the files of src/engine and of src/cli call each other in layers,
# not in circles (issue 16), counted from the object files as
# ../shared/tools/callgraph.py does: an edge from a file to the file defining
# a symbol it uses. No circle of more than three files in either; engine.c
# reaches no pane and no mode by name (app.c hands it their tables), and the
# services below them call none; in src/cli the services under the commands
# (open.c, args.c, out.c) call no command.
. "${KITH_SRC:-.}/tests/cli/testlib"

# graph DIR LOW... -- UPPER...: the largest circle of DIR's files ("circle N
# FILES"), then for each LOW file the UPPER files it calls ("LOW calls ...");
# an UPPER word ending in "_" stands for every file it begins.
graph() {
  dir=$1; shift
  python3 - "${KITH_BUILD:?set KITH_BUILD to the build directory (make check does)}/src/$dir" \
    "$KITH_SRC/src/$dir" "$@" <<'PY'
import os, subprocess, sys
d, src = sys.argv[1], sys.argv[2]
rest = sys.argv[3:]
lows, uppers = rest[:rest.index("--")], rest[rest.index("--") + 1:]
# the objects of today's sources (a build directory may keep those of removed files)
objs = sorted(f for f in os.listdir(d) if f.endswith(".o") and
              os.path.exists(os.path.join(src, f[:-2] + ".c")))
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
upper = [o for o in objs if any(o.startswith(u) if u.endswith("_") else o == u for u in uppers)]
for low in lows:
    print(low, "calls", " ".join(sorted(w for w in edges.get(low, ()) if w in upper)) or "none")
PY
}

# check DIR LOW... -- UPPER...: no circle of more than three files, no LOW calling an UPPER
check() {
  dir=$1
  graph "$@" >"$T/graph.txt" 2>&1
  same "$?" 0 "the call graph of src/$dir: $(cat "$T/graph.txt")"
  n=$(sed -n 's/^circle \([0-9]*\) .*/\1/p' "$T/graph.txt")
  if [ -n "$n" ] && [ "$n" -le 3 ]; then pass; else
    fail "src/$dir: a circle of files: $(sed -n 1p "$T/graph.txt")"; fi
  shift
  while [ "$1" != -- ]; do
    same "$(sed -n "s/^$1 calls //p" "$T/graph.txt")" none "src/$dir: $1 calls no upper file"
    shift
  done
}

check engine engine.o services.o ask.o undo.o editor.o -- pane_ mode_ modes.o form.o pick.o \
  help.o app.o
check cli open.o args.o out.o -- cmd_ commands.o main.o help.o
finish
