# terminal: the planner and its terminal. A hostile name (clear screen,
# window title, bell) is shown visibly and never reaches the terminal; an
# unknown TERM or a missing terminal gives a clear error, not a crash.
NAME=terminal
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

# no terminal at all
run </dev/null
expect_rc 1 "no terminal"
has "$err" "kith: terminal: cannot start the screen" "no terminal: message"

# a hostile contact, added through the command line
ok add contact "$(printf 'Evil\033]0;pwned\007 Name\033[2J\033[H')"
ok add contact "$(printf 'Bell\007 and C1 \302\205\302\233 end')"

tm new-session -d -s k -x 120 -y 30 \
  "printf '\\033]2;kith-test\\007'; env HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "terminal: tmux cannot start a session"; exit 1; }
wait_for "Evil^[]0;pwned^G Name^[[2J" "hostile name drawn visibly"
wait_for "Bell^G and C1 <U+0085>" "bell and C1 drawn visibly"
wait_for " 1 Contacts " "the screen was not wiped"
title=$(tm display-message -p -t k '#{pane_title}')
lacks "$title" "pwned" "the window title was not changed by data"
tm send-keys -t k q
wait_for "kith-exited-0" "q quits"

# an unknown terminal type
tm respawn-pane -k -t k \
  "env TERM=kith-no-such-term KITH_DB='$KITH_DB' '$KITH_BIN'; echo kith-exited-\$?; sleep 60"
wait_for "kith: terminal: cannot start the screen (TERM=kith-no-such-term)" "unknown TERM: message"
wait_for "kith-exited-1" "unknown TERM: exit status 1"

finish
