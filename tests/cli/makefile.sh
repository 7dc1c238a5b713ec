# makefile: the Makefile's own promises (issue 16 item 6, issue 17). Every
# .PHONY target has a rule; FUZZ_CORPUS stays inside the repository; make
# run installs only what builds and runs kith, make check what the tests
# need too, and where neither root nor sudo -n can install, the one
# apt-get command is printed. Tried with stand-ins for dpkg-query,
# apt-get, sudo and id first on PATH: the real apt is never run.
. "${KITH_SRC:-.}/tests/cli/testlib"

mk() { make --no-print-directory -s -C "$KITH_SRC" "$@"; }

# ---- the rule database -----------------------------------------------------
mk -pq print-deps >"$T/db" 2>/dev/null
grep -q '^\.PHONY:' "$T/db" && pass || fail "make -p printed no database"
for t in $(sed -n 's/^\.PHONY: *//p' "$T/db"); do
  awk -v t="$t" '
    $0 == t ":" || index($0, t ": ") == 1 { inb = 1; if (length($0) > length(t) + 1) rule = 1; next }
    inb && /^#  recipe to execute/ { rule = 1 }
    inb && /^$/ { inb = 0 }
    END { exit rule ? 0 : 1 }' "$T/db" && pass || fail ".PHONY target '$t' has no rule"
done
has " $(sed -n 's/^run: *//p' "$T/db") " " deps " "make run installs the build dependencies"
lacks " $(sed -n 's/^run: *//p' "$T/db") " "test-deps" "make run does not install the test dependencies"
has " $(sed -n 's/^check: *//p' "$T/db") " " test-deps " "make check installs the test dependencies"

corpus=$(sed -n 's/^FUZZ_CORPUS [:?]*= *//p' "$T/db" | tail -n 1)
case $corpus in
  /*) where=$corpus ;;
  *) where="$KITH_SRC/$corpus" ;;
esac
case $(realpath -m "$where") in
  "$(realpath "$KITH_SRC")"/*) pass ;;
  *) fail "FUZZ_CORPUS [$corpus] is outside the repository" ;;
esac

# ---- which packages --------------------------------------------------------
all=$(mk print-deps)
for p in build-essential libsqlite3-dev check tmux clang valgrind abook; do
  has " $all " " $p " "print-deps (what .ci/run installs) lists $p"
done

# stand-ins: dpkg-query knows FAKE_INSTALLED; apt-get and sudo write to a log
mkdir -p "$T/bin"
cat >"$T/bin/dpkg-query" <<'EOF'
#!/bin/sh
for a; do p=$a; done
case " $FAKE_INSTALLED " in *" $p "*) printf 'install ok installed'; exit 0 ;; esac
exit 1
EOF
cat >"$T/bin/apt-get" <<'EOF'
#!/bin/sh
echo "apt-get $*" >>"$FAKE_LOG"
EOF
cat >"$T/bin/sudo" <<'EOF'
#!/bin/sh
[ "$FAKE_SUDO" = yes ] || exit 1
[ "$1" = -n ] && shift
echo "sudo $*" >>"$FAKE_LOG"
exec "$@"
EOF
cat >"$T/bin/id" <<'EOF'
#!/bin/sh
[ "$1" = -u ] && { echo "$FAKE_UID"; exit 0; }
exec /usr/bin/id "$@"
EOF
chmod +x "$T/bin/"*
export FAKE_LOG="$T/apt.log"

deps() {   # deps TARGET UID SUDO INSTALLED: sets $out, $rc and $apt
  rm -f "$FAKE_LOG"
  out=$(PATH="$T/bin:$PATH" FAKE_UID=$2 FAKE_SUDO=$3 FAKE_INSTALLED=$4 mk "$1" 2>/dev/null)
  rc=$?
  apt=$(cat "$FAKE_LOG" 2>/dev/null)
}

deps deps 0 no "$all"
expect_rc 0 "make deps with everything installed"
same "$apt" "" "nothing installed when nothing is missing"
deps test-deps 0 no "$all"
same "$apt" "" "make check installs nothing when nothing is missing"

deps deps 0 no ""
expect_rc 0 "make deps as root"
has "$apt" "apt-get install -y build-essential" "make run installs as root"
for p in libncurses-dev libsqlite3-dev libical-dev pkg-config; do
  has " $apt " " $p" "make run installs $p"
done
for p in clang libclang-rt-14-dev valgrind abook khard calcurse check tmux; do
  lacks " $apt " " $p " "make run does not install $p"
done

deps test-deps 0 no "build-essential pkg-config"
expect_rc 0 "make check's dependencies as root"
for p in check tmux jq strace libsqlite3-dev; do
  has " $apt " " $p" "make check installs $p"
done
for p in clang libclang-rt-14-dev valgrind; do
  lacks " $apt " " $p " "make check does not install $p"
done

deps test-deps 1000 yes ""
has "$apt" "sudo apt-get install -y" "with sudo -n, through sudo"

deps test-deps 1000 no "$all"
expect_rc 0 "no sudo, nothing missing: nothing to ask"
deps test-deps 1000 no "build-essential"
[ "$rc" -ne 0 ] && pass || fail "no sudo and packages missing: make check stops"
same "$apt" "" "no sudo: apt-get is not run"
same "$(printf '%s\n' "$out" | grep -c 'apt-get')" 1 "no sudo: one apt-get command is printed"
has "$out" "sudo apt-get install -y pkg-config" "the command names what is missing"
lacks "$out" "clang" "the command does not name the fuzzing tools"
finish
