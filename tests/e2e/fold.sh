# fold: the planner's `/` finds names by their spelling on a US keyboard
# (issue 14): the first 12 of tests/cli/fold_names.txt (all of them are
# checked by tests/cli/fold.sh through search, log and capture), each typed in
# ASCII into the Contacts pane's incremental search, and one typed with
# the letters as written.
NAME=fold
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

grep -v '^#' "$KITH_SRC/tests/cli/fold_names.txt" | head -n 12 >"$T/names"
while IFS='|' read -r name word; do
  ok add contact "$name"
done <"$T/names"
ok add contact "Zed Unrelated"

tm new-session -d -s k -x 100 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "$NAME: tmux cannot start a session"; exit 1; }
wait_for " 1 Contacts " "the planner starts"
wait_for "Zed Unrelated" "the list is drawn"

while IFS='|' read -r name word; do
  # shellcheck disable=SC2046
  tm send-keys -t k / $(printf '%s' "$word" | sed 's/./& /g')
  wait_for "$name" "/$word shows $name"
  wait_gone "Zed Unrelated" "/$word filters the others out"
  tm send-keys -t k Escape
  wait_for "Zed Unrelated" "Escape after /$word shows everyone"
done <"$T/names"

# typed as written: "Łuk" (the planner folds the query the same way)
tm send-keys -t k / Ł u k
wait_for "Małgorzata Łukasiewicz" "/Łuk shows Łukasiewicz"
tm send-keys -t k Escape Escape q
wait_for "kith-exited-0" "the planner quits"
finish
