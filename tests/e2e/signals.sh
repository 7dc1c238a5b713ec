# signals: every signal that ends the planner leaves the terminal as it
# was: out of the alternate screen, cursor visible (issue 15, item 11).
# kith runs under a shell that stays in the pane, so its modes can be read.
NAME=signals
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

ok add contact "Ada Lovelace"
tm new-session -d -s k -x 100 -y 30 "sleep 600" ||
  { echo "signals: tmux cannot start a session"; exit 1; }

for sig in ${SIGS:-HUP QUIT TERM INT USR1 ALRM}; do
  tm respawn-pane -k -t k \
    "env HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 TERM=xterm-256color '$KITH_BIN'; echo kith-exited-\$?; sleep 600"
  wait_for " 1 Contacts " "SIG$sig: the planner started" || continue
  same "$(tm display-message -p -t k '#{alternate_on}')" 1 "SIG$sig: the planner uses the alternate screen"
  # (the pane's shell runs one child: kith, or valgrind running it under make check-valgrind)
  pid=$(pgrep -P "$(tm display-message -p -t k '#{pane_pid}')" | head -n 1)
  kill -s "$sig" "$pid"
  wait_for "kith-exited-" "SIG$sig: kith ended" || continue
  same "$(tm display-message -p -t k '#{alternate_on}')" 0 "SIG$sig: left the alternate screen"
  same "$(tm display-message -p -t k '#{cursor_flag}')" 1 "SIG$sig: the cursor is visible"
done

finish
