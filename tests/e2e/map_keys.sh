# map_keys: issue 17's map keystrokes, replayed in a real terminal 200
# columns wide on the demo network. From the Contacts pane, placing someone
# on the power map and moving someone on it each take at most 6 keys beyond
# the text typed (the count is of the keys sent, typed text aside); / finds,
# it never runs the name as keys; and the detail beside the grid has one
# border, not two (bug 10).
NAME=map_keys
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

nkeys=0
# key KEY: one keystroke of a sequence, counted
key() {
  nkeys=$((nkeys + 1))
  tm send-keys -t k "$1"
}
# text TEXT: typed text, not counted
text() {
  tm send-keys -t k -l "$1"
}
# within SEQUENCE MAX: the sequence just replayed took at most MAX keys
within() {
  if [ "$nkeys" -le "$2" ]; then pass; else fail "$1 took $nkeys keys, more than $2"; fi
  echo "$NAME: $1: $nkeys keys"
  nkeys=0
}

KITH_TODAY=2026-03-10 "$KITH_BIN" -d "$KITH_DB" demo --no-ui || fail "demo --no-ui"

tm new-session -d -s k -x 200 -y 50 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "map_keys: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"
wait_for "1 Contacts" "the Contacts pane"

# place: Harold Pike is not on the map; his card says influence 3, active opposition
key 3
wait_for "School bond 2027 — Pass the 2027 school bond" "the map"
key /
text harold
key Enter
wait_for "Harold Pike is not on School bond 2027: place at influence 3, active opposition (their card)?" \
  "the find offers to place him"
key Enter
wait_for "placed at influence 3, active opposition" "placed where his card puts him"
wait_for "▸@ Harold Pike" "the cursor is on him"
within "place on a map" 6

# move: from the Contacts pane again, Dorothy Fairbanks one band toward ally
tm send-keys -t k 1
wait_for "kith — Contacts" "back in Contacts"
key 3
wait_for "School bond 2027 — Pass" "the map again"
key /
text dorothy
key Enter
wait_for "Dorothy Fairbanks: influence 3, neutral" "found"
key L
wait_for "Dorothy Fairbanks: influence 3, passive ally" "moved"
within "move on a map" 6

# issue 17 bug 1: nothing typed after / ran as a key (no Gary placed anywhere new)
KITH_TODAY=2026-03-10 "$KITH_BIN" map show 1 --json >"$T/map.json"
same "$(jq -r '.placements[] | select(.name == "Harold Pike") | "\(.influence) \(.alignment)"' "$T/map.json")" \
  "3 -2" "Harold saved where his card puts him"
same "$(jq -r '.placements[] | select(.name == "Dorothy Fairbanks") | .alignment' "$T/map.json")" 1 \
  "Dorothy saved as passive ally"
same "$(jq -r '[.placements[] | select(.name == "Gary Lindqvist")] | length' "$T/map.json")" 1 \
  "Gary placed once, where he was"

# the detail beside the grid (bug 10): Dorothy's card says passive opposition
tm send-keys -t k Enter
wait_for "Dorothy Fairbanks on School bond 2027" "the detail"
wait_for "their card says passive opposition" "the card's stance beside the map's"
case $(screen) in
  *"│ │"*|*"││"*) fail "a double border at 200 columns:"; screen ;;
  *) pass ;;
esac

tm send-keys -t k q
wait_for "kith-exited-0" "q quits"
finish
