# export_map: kith export --format svg|dot --map: the SVG parses as XML and
# shows every placement in its band; hostile names are escaped; the DOT
# graph has the map's entities and their current relationships.
. "${KITH_SRC:-.}/tests/cli/testlib"

ok demo --no-ui -d "$KITH_DB"
ok export --format svg --map "School bond" -o "$T/map.svg"
same "$out" "" "-o writes the file, not stdout"
# parse it; print: root tag, the title, the number of names, targets, bands
python3 - "$T/map.svg" >"$T/svg.txt" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.w3.org/2000/svg"}
root = ET.parse(sys.argv[1]).getroot()
print(root.tag)
print(root.find("s:title", ns).text)
names = [t for t in root.iter("{http://www.w3.org/2000/svg}text")
         if t.get("class") in ("name", "tname")]
print(len(names))
print(len([p for p in root.iter("{http://www.w3.org/2000/svg}polygon")]))
print("|".join(t.text for t in root.iter("{http://www.w3.org/2000/svg}text")
               if t.get("class", "").startswith("band ")))
lan = [t for t in names if t.text.startswith("Nguy")][0]
print(lan.get("class"), "".join(lan.itertext()), lan.get("x"))
print(root.get("width"), root.get("height"))
PY
rc=$?
same "$rc" 0 "the SVG parses: $(cat "$T/svg.txt")"
same "$(sed -n 1p "$T/svg.txt")" "{http://www.w3.org/2000/svg}svg" "an svg document"
same "$(sed -n 2p "$T/svg.txt")" "School bond 2027" "titled with the map"
same "$(sed -n 3p "$T/svg.txt")" 26 "every placement has its name"
same "$(sed -n 4p "$T/svg.txt")" 4 "three targets marked, and the legend's star"
same "$(sed -n 5p "$T/svg.txt")" "Active opposition|Passive opposition|Neutral / unknown|Passive ally|Active ally" \
  "the five bands, opposed to allied"
same "$(sed -n 6p "$T/svg.txt")" "tname Nguyễn Thị Lan (primary) 610" "the primary target, bold, in the neutral band"
ok export --format svg --map 1
has "$out" "<svg" "to standard output without -o"

# as of a date: the map before anyone was placed is empty
ok export --format svg --map 1 --as-of 2025-01-01 -o "$T/old.svg"
same "$(python3 -c 'import sys,xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(len([t for t in r.iter("{http://www.w3.org/2000/svg}text") if t.get("class") in ("name","tname")]))' "$T/old.svg")" \
  0 "as of 2025-01-01: nobody"

# hostile names: markup and controls never break the document
ok add contact "$(printf '<script>&"x" \033[31m\342\200\256evil')"
hostile=$out
ok map place 1 "$hostile" --influence 1 --alignment -2
ok export --format svg --map 1 -o "$T/h.svg"
python3 - "$T/h.svg" >"$T/h.txt" 2>&1 <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
for t in root.iter("{http://www.w3.org/2000/svg}text"):
    if t.text and "script" in t.text:
        print(repr(t.text))
PY
same "$?" 0 "still well-formed: $(cat "$T/h.txt")"
same "$(cat "$T/h.txt")" "'<script>&\"x\" [31mevil'" "escaped, controls dropped"

# dot: nodes for the map's entities and me, current relationships only
ok export --format dot --map "School bond 2027"
has "$out" 'digraph "School bond 2027" {' "a digraph named after the map"
has "$out" 'c1 [label="me"' "me"
has "$out" 'c14 [label="Nguyễn Thị Lan\ninfluence 5", shape=ellipse' "a placed person"
has "$out" 'o6 [label="Riverton Chamber of Commerce\ninfluence 4", shape=box' "a placed organisation"
has "$out" 'c1 -> c46 [label="mentor", penwidth=3, dir=none]' "me to Ruth"
has "$out" 'c14 -> c46 [label="mentor", penwidth=3, dir=none]' "Lan and Ruth, from the lower id"
lacks "$out" 'c46 -> c14' "... and only once"
lacks "$out" 'c12' "a past relationship (me and #12) is not drawn"
same "$(printf '%s\n' "$out" | grep -c ' -> ')" "$(printf '%s\n' "$out" | grep ' -> ' | sort -u | wc -l)" \
  "no edge twice"
same "$(printf '%s\n' "$out" | tail -1)" "}" "closed"

run export --format dot
expect_rc 2 "dot needs --map"
run export --format vcf --map 1
expect_rc 2 "svg or dot only here"
run export --format svg --map "no such map"
expect_rc 2 "unknown map"
run export --format dot --map 1 --as-of 2026-01-01
expect_rc 2 "--as-of is for svg"
run export --format svg --map 1 -o "$T/nodir/x.svg"
expect_rc 1 "unwritable output"

finish
