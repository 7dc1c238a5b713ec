# layers: the files of src/engine call each other in layers, not in circles
# (issue 16), counted from the object files as ../shared/tools/callgraph.py
# does: an edge from a file to the file defining a symbol it uses. No circle
# of more than three files; engine.c reaches no pane and no mode by name
# (app.c hands it their tables), and the services below them call none.
. "${KITH_SRC:-.}/tests/cli/testlib"

objdir="${KITH_BUILD:?set KITH_BUILD to the build directory (make check does)}/src/engine"
python3 - "$objdir" "$KITH_SRC/src/engine" >"$T/graph.txt" 2>&1 <<'PY'
import os, subprocess, sys
d, src = sys.argv[1], sys.argv[2]
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
upper = [o for o in objs if o.startswith(("pane_", "mode_")) or
         o in ("modes.o", "form.o", "pick.o", "help.o", "app.o")]
for low in ("engine.o", "services.o", "ask.o", "undo.o", "editor.o"):
    print(low, "calls", " ".join(sorted(w for w in edges.get(low, ()) if w in upper)) or "none")
PY
same "$?" 0 "the call graph of $objdir: $(cat "$T/graph.txt")"
n=$(sed -n 's/^circle \([0-9]*\) .*/\1/p' "$T/graph.txt")
if [ -n "$n" ] && [ "$n" -le 3 ]; then pass; else fail "a circle of files: $(sed -n 1p "$T/graph.txt")"; fi
for f in engine.o services.o ask.o undo.o editor.o; do
  same "$(sed -n "s/^$f calls //p" "$T/graph.txt")" none "$f calls no pane or mode by name"
done
finish
