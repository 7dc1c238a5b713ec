# duplicates: the planner's duplicates view in the real binary, as a user
# would use it: zd opens it, Enter compares two cards side by side, n says
# "not the same person", m merges (asking which to keep), u undoes each,
# ? lists the view's keys. Then checks the database from the shell.
NAME=duplicates
. "${KITH_SRC:-.}/tests/e2e/tmuxlib"

k() {
  "$KITH_BIN" "$@" || fail "kith $*"
}

m1=$(k add contact "Maria Garcia" --org "City Hall" --role Clerk --email maria@cityhall.gov --tier A)
m2=$(k add contact "Maria Garcia" --org "City Hall" --role "Deputy clerk" --phone "555 010 0100" \
  --tier B --influence 4)
ben=$(k add contact "Ben Okafor" --phone "(555) 010-0100")
same "$m1 $m2 $ben" "1 2 3" "three contacts"

tm new-session -d -s k -x 110 -y 30 \
  "env TERM=xterm-256color HOME='$HOME' KITH_DB='$KITH_DB' KITH_TODAY=2026-03-10 LANG=C.UTF-8 '$KITH_BIN'; echo kith-exited-\$?; sleep 60" ||
  { echo "duplicates: tmux cannot start a session"; exit 1; }
wait_for "NORMAL" "the planner is up"

keys z d
wait_for "kith — Duplicates" "zd opens the duplicates view"
wait_for "2 pairs" "two pairs"
wait_for "#1 Maria Garcia · City Hall" "the first pair's first contact"
wait_for "same name at City Hall" "why: the same name at the same place"
wait_for "share phone 555 010 0100" "why: a shared phone"
wait_for "<Enter> compare · m merge · n not same · u undo" "the view's keys in the status line"

keys Enter
wait_for "#2 Maria Garcia" "Enter: the two cards side by side"
wait_for "Deputy clerk, City Hall" "the second card's role"
wait_for "maria@cityhall.gov" "the first card's email"
case $(screen | grep -E '^ *tier ') in
  *A*B*) pass ;;
  *) fail "the tiers side by side: $(screen | grep -E '^ *tier ')" ;;
esac
keys Escape
wait_for "First" "Esc: back to the pairs"

keys '?' /
keys duplicates
wait_for "duplicates-not-same" "? lists the view's commands"
wait_for "zd" "and the key that opens it"
keys Escape Escape
wait_for "2 pairs" "Esc closes the help"

keys j n
wait_for "#2 and #3: not the same person" "n: not the same person"
wait_for "1 pair" "the pair is gone"
keys u
wait_for "Undone: not the same: #2 and #3" "u undoes it"
wait_for "2 pairs" "the pair is back"

keys g m
wait_for "Merge: keep which?" "m asks which to keep"
keys Enter
wait_for "merged #2 into #1" "Enter keeps the first: merged"
wait_for "1 pair" "one pair left: Ben shares the phone the kept Maria now has"
same "$("$KITH_BIN" list contacts --all --json | jq length)" 2 "two contacts after the merge"
keys u
wait_for "Undone: merge #2 into #1" "u undoes the merge"
wait_for "2 pairs" "both Marias are back"
keys q
wait_for "NORMAL" "q closes the view"
keys q
wait_for "kith-exited-0" "quit"

same "$("$KITH_BIN" list contacts --all --json | jq length)" 3 "three contacts again"
same "$("$KITH_BIN" duplicates --json | jq -r '[.[] | "\(.a.id)-\(.b.id)"] | join(" ")')" \
  "1-2 2-3" "the pairs as before"
finish
