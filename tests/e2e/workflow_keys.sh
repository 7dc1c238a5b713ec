# workflow_keys: issue 17's eight daily tasks, replayed in a real terminal on
# the demo network exactly as README's table "A day's work in a few keys"
# lists them (the table is read from README, so the two cannot drift
# apart): each row's keys are sent as written, *text* typed as text, the
# keys beyond the text counted against the row's count (at most 6), and
# the result checked on the screen and in the database.
NAME=workflow_keys
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

command -v sqlite3 >/dev/null 2>&1 || { echo "$NAME: sqlite3 is missing"; exit 1; }
export KITH_TODAY=2026-03-10
"$KITH_BIN" -d "$KITH_DB" demo --no-ui || fail "demo --no-ui"
q() {
  sqlite3 "$KITH_DB" "$1"
}

# The table's rows as "task|keys|count".
awk '/<!-- workflow-keys -->/ { on = 1; next } /<!-- \/workflow-keys -->/ { on = 0 }
     on && /^\| / && !/^\| task / && !/^\|---/ {
       n = split($0, f, " \\| "); sub(/^\| /, "", f[1]); sub(/ \|$/, "", f[n])
       print f[1] "|" f[2] "|" f[n] }' "$KITH_SRC/README.md" >"$T/rows"
same "$(wc -l <"$T/rows" | tr -d ' ')" 8 "README's table lists the eight daily tasks"

# The keys of a row, one a line: "K<key>" for `key`, "T<text>" for *text*.
tokens() {
  printf '%s\n' "$1" | awk '{
    s = $0
    while (match(s, /`[^`]+`|\*[^*]+\*/)) {
      t = substr(s, RSTART + 1, RLENGTH - 2)
      print (substr(s, RSTART, 1) == "`" ? "K" : "T") t
      s = substr(s, RSTART + RLENGTH)
    }
  }'
}

# A planner just opened, in the Contacts pane (the last one, if any, killed).
tm new-session -d -s k -x 120 -y 40 "sleep 600" || { echo "$NAME: tmux cannot start a session"; exit 1; }
start() {
  restart "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=$KITH_TODAY LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
    { echo "$NAME: tmux cannot start the planner"; exit 1; }
  wait_for "1 Contacts" "the planner is up"
  wait_for "NORMAL" "in normal mode"
}

# check TASK: what the row's keys must have done.
check() {
  case $1 in
    "log a note")
      wait_for "logged: sent the survey draft" "log a note: saved"
      same "$(q "SELECT count(*) FROM interaction i JOIN interaction_contact ic ON ic.interaction_id = i.id
                 JOIN contact c ON c.id = ic.contact_id
                 WHERE i.summary = 'sent the survey draft' AND c.display_name = 'Hannah Cole'")" 1 \
        "log a note: the interaction with Hannah Cole is saved" ;;
    "add a follow-up")
      wait_for "follow-up added: send the final survey" "add a follow-up: saved"
      same "$(q "SELECT f.due FROM followup f JOIN contact c ON c.id = f.contact_id
                 WHERE f.title = 'send the final survey' AND c.display_name = 'Hannah Cole'")" \
        2026-03-13 "add a follow-up: Hannah's, due Friday" ;;
    "mark done")
      wait_for "done (u undoes)" "mark done: said"
      same "$(q "SELECT status FROM followup WHERE title = 'Send Hannah the tenant survey methodology'")" \
        done "mark done: the survey promise is done" ;;
    "snooze")
      wait_for "snoozed to 2026-03-11" "snooze: a day"
      same "$(q "SELECT due || ' ' || snooze_count FROM followup
                 WHERE title = 'Send Rosa the Lincoln portables cost sheet'")" "2026-03-11 1" \
        "snooze: due tomorrow, snoozed once" ;;
    "review the next person")
      wait_for "Daily review — 2026-03-10 — 2 of" "review the next person: the second" ;;
    "place on a map")
      wait_for "placed at influence 3, active opposition" "place on a map: placed"
      same "$("$KITH_BIN" map show 1 --json | jq -r '.placements[] | select(.name == "Harold Pike") | "\(.influence) \(.alignment)"')" \
        "3 -2" "place on a map: Harold saved where his card puts him" ;;
    "move on a map")
      wait_for "Dorothy Fairbanks: influence 3, passive ally" "move on a map: moved"
      same "$("$KITH_BIN" map show 1 --json | jq -r '.placements[] | select(.name == "Dorothy Fairbanks") | .alignment')" \
        1 "move on a map: Dorothy saved as passive ally" ;;
    "find a warm path")
      wait_for "Warm paths to Nguyễn Thị Lan" "find a warm path: the list"
      wait_for "Ruth Abernathy → Nguyễn Thị Lan" "find a warm path: the chain through Ruth" ;;
    *)
      fail "README lists a task this test does not know how to check: $1" ;;
  esac
}

while IFS='|' read -r task keys count; do
  start
  tokens "$keys" >"$T/tokens"
  nkeys=0
  while IFS= read -r tok; do
    case $tok in
      K*)
        nkeys=$((nkeys + 1))
        k=${tok#K}
        case $k in Esc) k=Escape ;; esac
        tm send-keys -t k "$k" ;;
      T*) tm send-keys -t k -l "${tok#T}" ;;
    esac
  done <"$T/tokens"
  check "$task"
  same "$nkeys" "$count" "$task: the keys sent are the count README gives"
  if [ "$nkeys" -le 6 ]; then pass; else fail "$task: $nkeys keys, more than 6"; fi
  echo "$NAME: $task: $nkeys keys"
  tm send-keys -t k Escape
  tm send-keys -t k q
done <"$T/rows"
finish
