# team_private: the canary (issue 19). A member writes private notes with
# unique canary strings, from a capture (`!private`) and from the command
# line (`kith log --private`), one before the team exists (so the seed
# snapshot is made beside it) and others after; after every replica
# syncs, no canary is anywhere outside A's private file: not in any object
# of the remote (raw, and every object as git reads it), not in A's clone,
# not in any replica's database file or its log, not in the team's
# entries as `kith sync --log` reads them, not in an export. The notes
# still show on A (kith search, marked private; a backup takes them along)
# and nowhere on B; "me" stays on A; a private note is deleted as pN.
# The decrypted entries and snapshots are checked in check_private.c, the
# review's decisions and "me" never reaching the outbox in check_sync.c.
. "${KITH_SRC:-.}/tests/cli/testlib"

command -v git >/dev/null || { fail "git is not installed (make check installs it)"; finish; }
R="$T/team.git"
git init -q --bare "$R"
A="$T/a.db" B="$T/b.db"
C1=CANARY-c0ffee-before-team C2=CANARY-c0ffee-capture C3=CANARY-c0ffee-log-cli

# ---- a solo database: a private note, the file beside it -----------------------
ok -d "$A" add contact "Dana Reyes" --email dana@x.org --org "Tenants Union"
ok -d "$A" add contact "Eli Park"
run -d "$A" capture "@dana her divorce $C1 !private"
expect_rc 0 "a private capture"
has "$out" "private note about Dana Reyes (p1, kept on this machine)" "the capture says it is private"
same "$(mode_of "$A.private")" 600 "the private file is 0600"
for f in "$A.private-wal" "$A.private-shm"; do
  [ ! -e "$f" ] || same "$(mode_of "$f")" 600 "$f is 0600"
done
run -d "$A" export --format json
lacks "$out" "$C1" "an export holds no private note"
has "$out" "Dana Reyes" "(the export is the shared data)"

# a backup takes the private notes along, beside it
run -d "$A" backup "$T/bk.db"
expect_rc 0 "kith backup"
same "$(mode_of "$T/bk.db.private")" 600 "the backup's private file is 0600"
run -d "$T/bk.db" search c0ffee
has "$out" "$C1" "the backup has the private note"

# a private note is words and people who exist, nothing shared
run -d "$A" capture "@dana lunch #donor !private"
expect_rc 2 "a private capture with a tag"
has "$err" "!private: a private note holds @people and words only" "the refusal names !private"
run -d "$A" capture "@nobody-new secret !private"
expect_rc 2 "a private note about a person who does not exist"
run -d "$A" capture --create "@nobody-new secret !private"
expect_rc 2 "a private note about a person to create"
has "$err" "a private note is about people already in kith" "no new contact from a private note"
run -d "$A" list contacts
lacks "$out" "nobody-new" "no contact was made"
run -d "$A" log "Eli Park" "a favour" --private --give
expect_rc 2 "kith log --private --give"

# ---- the team: A, then B ----------------------------------------------------------
ok -d "$A" team init "$R" --as Ana
run -d "$A" team invite
code=$out
ok -d "$B" team join "$R" "$code" --as Ben
ok -d "$A" me "Eli Park"
run -d "$A" capture "@dana @eli called about the loan $C2 !private"
expect_rc 0 "a private capture in a team"
run -d "$A" log "Dana Reyes" "owes the bank $C3" --private
expect_rc 0 "kith log --private"
same "$out" "p3" "kith log --private prints the note's pN"
ok -d "$A" log "Dana Reyes" "a shared coffee"
for db in "$A" "$B" "$A" "$B"; do ok -d "$db" sync; done
run -d "$B" export --format json
has "$out" "a shared coffee" "the shared interaction reached B"

# ---- the canary is nowhere but in A's private file ---------------------------------
leaks() {       # leaks WHERE FILE...: which canary FILE... holds
  for c in "$C1" "$C2" "$C3"; do
    if grep -r -a -q -e "$c" "$@" 2>/dev/null; then fail "$1: holds $c"; else pass; fi
  done
}
leaks "the remote's files" "$R"
git --git-dir="$R" cat-file --batch-all-objects --batch >"$T/objects"
[ -s "$T/objects" ] && pass || fail "the remote has objects"
grep -a -q "entry 1" "$T/objects" && pass || fail "the objects are read as text"
leaks "every object of the remote, as git reads it" "$T/objects"
git --git-dir="$A.team/repo/.git" cat-file --batch-all-objects --batch >"$T/objects-a" 2>/dev/null ||
  git --git-dir="$A.team/repo" cat-file --batch-all-objects --batch >"$T/objects-a"
[ -s "$T/objects-a" ] && pass || fail "A's clone has objects"
leaks "every object of A's clone" "$T/objects-a"
leaks "A's team folder" "$A.team"
leaks "A's database file and its log" "$A" "$A-wal"
leaks "B's files" "$B" "$B-wal" "$B.team"
[ -e "$B.private" ] && fail "B has a private file" || pass
for c in "$C1" "$C2" "$C3"; do
  grep -a -q -e "$c" "$A.private" "$A.private-wal" && pass || fail "A's private file lacks $c"
done
run -d "$B" sync --log
lacks "$out" "CANARY" "B's sync --log"

# ---- still there on A, nowhere on B --------------------------------------------------
run -d "$A" search c0ffee
has "$out" "$C1" "A finds the note from before the team"
has "$out" "$C2" "A finds the captured note"
has "$out" "private ·" "marked private"
has "$out" "p3" "by its pN"
run -d "$B" search c0ffee
same "$out" "" "B finds none"
run -d "$B" me
expect_rc 1 "B's \"me\" is B's own (not set)"
run -d "$A" me
has "$out" "Eli Park" "A's \"me\" stays"
same "$("$KITH_BIN" -d "$A" export --format json)" "$("$KITH_BIN" -d "$B" export --format json)" \
  "the shared data is the same on both"

# ---- deleting one, as pN ----------------------------------------------------------------
ok -d "$A" delete interaction p3 --yes
run -d "$A" search c0ffee
lacks "$out" "$C3" "the deleted note is gone"
has "$out" "$C2" "the others stay"
run -d "$A" delete interaction p3 --yes
expect_rc 2 "deleting it again (as any id that is not there)"
has "$err" "p3" "the message names p3"

finish
