# powermap: issue 6's "done when", as a new user would do it on the demo
# network in a real terminal: open the map, move three people, see who moved
# this month, find the warm paths to the primary target, turn one into an
# introduction commitment; then export an SVG and check it all from the shell.
NAME=powermap
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

KITH_TODAY=2026-03-10 "$KITH_BIN" -d "$KITH_DB" demo --no-ui || fail "demo --no-ui"

tm new-session -d -s k -x 120 -y 40 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "powermap: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"

# the map; the cursor starts on influence 3, neutral: Dorothy Fairbanks
keys 3
wait_for "School bond 2027 — Pass the 2027 school bond" "the map and its goal"
wait_for "▸@ Dorothy Fairbanks" "the cursor's entry"
# 1: Dorothy one band toward ally (the cursor follows her)
keys L
wait_for "Dorothy Fairbanks: influence 3, passive ally" "moved right"
# 2: back to neutral, Hannah Cole is first now: one row up
keys h K
wait_for "Hannah Cole: influence 4, neutral" "moved up"
# 3: up to influence 5: Nguyễn Thị Lan, the primary target, toward opposition
keys k H
wait_for "Nguyễn Thị Lan: influence 5, passive opposition" "moved left"

# who moved this month
keys : "moved 30d" Enter
wait_for "moved since 2026-02-08:" "the moves are counted"
wait_for "← Nguyễn" "Lan marked toward opposition"
wait_for "→ Dorothy" "Dorothy marked toward ally"
wait_for "↑ Hannah" "Hannah marked up"

# warm paths to Lan (still selected), and the introduction
keys w
wait_for "Warm paths to Nguyễn Thị Lan" "the warm paths list"
wait_for "you talked to them yourself" "talking to her yourself: the first path (issue 17)"
wait_for "Ruth Abernathy → Nguyễn Thị Lan — mentor" "the best chain next"
keys Enter
wait_for "no one to ask: you talked to them yourself" "Enter on your own talk: no one to ask, and the list stays on the next chain"
keys Enter
wait_for "Ask Ruth Abernathy to introduce me to Nguyễn Thị Lan" "the commitment is recorded"

keys q
wait_for "kith-exited-0" "q quits"

# from the shell: the moves, the commitment, the picture
KITH_TODAY=2026-03-10 "$KITH_BIN" map show 1 --json >"$T/map.json"
same "$(jq -r '.placements[] | select(.name == "Dorothy Fairbanks") | .alignment' "$T/map.json")" 1 \
  "Dorothy saved as passive ally"
same "$(jq -r '.placements[] | select(.name == "Hannah Cole") | .influence' "$T/map.json")" 4 \
  "Hannah saved at influence 4"
KITH_TODAY=2026-03-10 "$KITH_BIN" list follow-ups --json >"$T/fu.json"
same "$(jq -r '[.[] | select(.title == "Ask Ruth Abernathy to introduce me to Nguyễn Thị Lan")] | length' "$T/fu.json")" \
  1 "the introduction follow-up"
KITH_TODAY=2026-03-10 "$KITH_BIN" export --format svg --map "School bond 2027" -o "$T/map.svg" ||
  fail "export svg"
python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$T/map.svg" &&
  pass || fail "the SVG parses"

finish
