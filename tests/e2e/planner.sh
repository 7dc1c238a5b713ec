# planner: the real binary in tmux, as a user would drive it. Starts on an
# empty database (welcome screen), switches panes with 1-4 and Tab, adds a
# contact through the form, resizes the window (wide, too small, back),
# quits with q, then checks the database through the command line.
NAME=planner
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

# size_is COLS ROWS WHAT: the pane has that size.
size_is() {
  got=$(tm display-message -p -t k '#{pane_width}x#{pane_height}')
  same "$got" "$1x$2" "$3"
}

# the planner, then a marker with its exit status so the test sees it leave
tm new-session -d -s k -x 120 -y 40 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "planner: tmux cannot start a session"; exit 1; }

# an empty database opens on the welcome screen
wait_for " 1 Contacts " "tab bar"
wait_for "kith — Contacts" "title bar"
wait_for "demo" "welcome screen mentions the demo"
wait_for "NORMAL" "status line"

# panes: 1-4 and Tab
keys 2
wait_for "kith — Events" "2 opens Events"
keys 3
wait_for "kith — Power map" "3 opens the power map"
keys 4
wait_for "kith — Follow-ups" "4 opens Follow-ups"
keys Tab
wait_for "kith — Contacts" "Tab from Follow-ups wraps to Contacts"
keys Tab
wait_for "kith — Events" "Tab goes to Events"
keys 1
wait_for "kith — Contacts" "1 opens Contacts"

# add a contact through the form
keys a
wait_for "Name" "the add form"
keys -l "Zoë Ngô"
wait_for "Zoë Ngô" "typed name shows in the form"
keys Enter
wait_for "Is Zoë Ngô you?" "the first contact: kith asks whether it is you"
keys n
wait_for "1 contact" "title counts the new contact"
wait_for "Zoë Ngô" "the new contact in the list"

# resize: wide (side by side), too small, back to 80x24
tm resize-window -t k -x 200 -y 60
size_is 200 60 "wide window"
wait_for "│" "side-by-side separator at 200 columns"
wait_for "Zoë Ngô" "contact still shown at 200x60"
wait_gone "too small" "no size warning at 200x60"
tm resize-window -t k -x 40 -y 10
size_is 40 10 "tiny window"
wait_for "terminal too small (need 60×16)" "size warning at 40x10"
tm resize-window -t k -x 80 -y 24
size_is 80 24 "80x24 window"
wait_gone "too small" "warning gone at 80x24"
wait_for "Zoë Ngô" "contact shown again at 80x24"
wait_for " 1 Contacts " "tab bar again at 80x24"
# the bottom row is the message line, the one above the status bar
row23=$(screen | sed -n 23p)
has "$row23" "NORMAL" "status bar on row 23 at 80x24"

# quit with q, then the database has the contact
keys q
wait_for "kith-exited-0" "q quits with status 0"
run list contacts --json
valid_json "list contacts --json"
same "$(jqo 'length')" 1 "one contact in the database"
same "$(jqo '.[0].name')" "Zoë Ngô" "the contact added in the form"

finish
