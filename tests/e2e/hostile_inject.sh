# hostile_inject: terminal injection. Names, organisations, notes, event
# titles and places, and follow-up titles carrying OSC title and clipboard
# sequences, CSI clear and cursor moves, DCS, BEL, C1 controls (as UTF-8
# and as raw invalid bytes) and bidi overrides are shown by the planner
# and the command line. Everything kith writes to the pseudo-terminal is
# captured (script(1)) and must not contain any of those sequences.
NAME=hostile_inject
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

command -v script >/dev/null 2>&1 || { echo "$NAME: script(1) is missing (util-linux)"; exit 1; }
E=$(printf '\033') B=$(printf '\007')
# each payload is a sequence plus a marker no legitimate output has next to it
P_OSC="${E}]0;PWNED${B}"
P_CLIP="${E}]52;c;cHduZWQ=${B}"
P_CLEAR="${E}[2JQ1"
P_MOVE="${E}[31;1HQ2"
P_BEL="${B}dingQ3"
P_C1=$(printf '\302\233Q4')            # CSI as a C1 control (U+009B)
P_BIDI=$(printf '\342\200\256Q5')      # RIGHT-TO-LEFT OVERRIDE
P_DCS="${E}PQ6${E}\\"
P_OSC8="${E}]8;;http://evil.example/${E}\\"

ok add contact "Evil${P_OSC}Name" --org "Org${P_CLEAR}Inc" --role "Chair${P_BIDI}" --tag "tag${P_C1}"
ok add contact "Mallory${P_MOVE}"
ok log Evil "note${P_BEL} and ${P_DCS} here" --kind call
ok add event "Gala${P_CLIP}${P_OSC8}" --at "2026-03-12 19:00" --where "Hall${P_C1}" --with Evil
ok follow-up add Mallory "Call${P_BIDI}back${P_MOVE}" --due fri
# as an importer could store them: raw C1 and invalid UTF-8 bytes in a name
# and a note (the command line refuses invalid UTF-8, so write them directly)
sqlite3 "$KITH_DB" "UPDATE contact SET display_name = CAST(X'526177C29B9B5137FFFE1B5D323B5857' AS TEXT) WHERE display_name LIKE 'Mallory%'" ||
  fail "sqlite3 could not store the raw bytes"
P_RAW=$(printf '\233Q7')               # raw 0x9B: an 8-bit CSI
P_RAWOSC="${E}]2;XW"

# the command line's own output, on a terminal (the commands are in a
# file: script(1) copies its command line into the capture's header)
cat >"$T/cli.sh" <<CLI
export KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 HOME='$HOME' LANG=C.UTF-8
'$KITH_BIN' list contacts
'$KITH_BIN' list events
'$KITH_BIN' list follow-ups
'$KITH_BIN' search note
'$KITH_BIN' log 'No${P_OSC}body' x
CLI
script -q -c "sh '$T/cli.sh'" "$T/cli.typescript" >/dev/null 2>&1

# the planner, through script(1) inside tmux: every byte it writes is kept
tm new-session -d -s k -x 120 -y 40 \
  "script -q -f -c \"env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'\" '$T/tui.typescript'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
wait_for "Evil^[]0;PWNED^G" "the hostile name is drawn visibly"
wait_for "<U+202E>" "a bidi override is drawn as its code"
wait_for "Raw<U+009B>" "raw C1 and invalid bytes in a stored name drawn visibly"
tm send-keys -t k Enter
wait_for "Timeline" "the card of the first contact"
wait_for "note^G" "the note's bell drawn visibly"
tm send-keys -t k Escape j Enter
wait_for "Timeline" "the card of the second contact"
tm send-keys -t k Escape 2
wait_for "Gala^[]52;" "the event title drawn visibly"
tm send-keys -t k Enter
wait_for "Hall" "the event card"
tm send-keys -t k Escape 4
wait_for "Call<U+202E>Q5back^[[31;1HQ2" "the follow-up title"
tm send-keys -t k 3
wait_for "kith — Power map" "3: the power map"
tm send-keys -t k / E v i l
wait_for "/Evil" "a search on the power map"
tm send-keys -t k Enter
wait_gone "SEARCH" "Enter keeps the filter"
tm send-keys -t k Escape 1 q
wait_for "kith-exited-0" "the planner quits"

for f in tui cli; do
  [ -s "$T/$f.typescript" ] || { fail "$f: nothing captured"; continue; }
  for p in "$P_OSC" "$P_CLIP" "$P_CLEAR" "$P_MOVE" "$P_BEL" "$P_C1" "$P_BIDI" "$P_DCS" "$P_OSC8" \
           "$P_RAW" "$P_RAWOSC" "PWNED${B}" "Q6${E}"; do
    if grep -qaF -- "$p" "$T/$f.typescript"; then
      fail "$f: the terminal received a sequence from the data: $(printf '%s' "$p" | od -An -c | tr -s ' ')"
    else
      pass
    fi
  done
done
# the bytes were shown, just made inert
has "$(cat "$T/cli.typescript")" "Evil^[]0;PWNED^G" "the command line shows the name visibly"
has "$(cat "$T/cli.typescript")" "no such contact" "the error quotes the argument visibly"
finish
