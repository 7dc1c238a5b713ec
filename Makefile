# kith: a full-screen terminal networking planner.
#
#   make            build build/kith
#   make run        install missing build dependencies (when it can), build, open kith
#   make check      install missing test dependencies (when it can), build and run every
#                   test (unit, CLI, screen, end-to-end, bench smoke); check-unit,
#                   check-shell and man-check run a part of them
#   make bench      the city-scale benchmark (not part of check)
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show full commands;  SANITIZE=1  ASan+UBSan build (in build/san)

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/kith
MANDIR    ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/vendor-completions
CC        ?= cc

# Debian packages, by what needs them: make run installs BUILD_PKGS (build and
# run), make check TEST_PKGS too, make fuzz and make check-valgrind all of them
# (HARDEN_PKGS: clang's libFuzzer, valgrind); .ci/run installs all (print-deps).
BUILD_PKGS := build-essential pkg-config libncurses-dev libsqlite3-dev libical-dev libicu-dev \
              libsodium-dev libzstd-dev git
TEST_PKGS  := check tmux jq groff-base sqlite3 zsh python3 strace util-linux procps \
              abook khard calcurse
HARDEN_PKGS := clang libclang-rt-14-dev valgrind
DEB_PKGS  := $(BUILD_PKGS) $(TEST_PKGS) $(HARDEN_PKGS)

ifeq ($(SANITIZE),1)
B         := build/san
SANFLAGS  := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
B         := build
SANFLAGS  :=
endif

Q         := $(if $(V),,@)
say        = $(if $(V),,@printf '  %-6s %s\n' $(1) $(2);)

PKG_CFLAGS := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw sqlite3 2>/dev/null))
CURSES_LIBS := $(shell pkg-config --libs ncursesw 2>/dev/null)
SQLITE_LIBS := $(shell pkg-config --libs sqlite3 2>/dev/null)
# iCalendar import/export and recurrence (src/io).
# Not linked: src/io/ical_lib.c opens it (dlopen) when first needed, by the
# soname of the library pkg-config names, so that commands which never read
# iCalendar do not load it with ICU and libstdc++ (4.5 ms a process).
ICAL_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libical 2>/dev/null)/libical.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
ICAL_CFLAGS := $(shell pkg-config --cflags libical 2>/dev/null) \
               $(if $(ICAL_SONAME),-DKITH_LIBICAL='"$(ICAL_SONAME)"')
ICAL_LIBS := -ldl
# Folding names (src/util/fold.c): ICU's transliterator, opened (dlopen) only
# for text with letters of a script other than Latin. Its functions carry
# the major version (utrans_openU_72), which its headers add.
ICU_MAJOR := $(shell pkg-config --modversion icu-i18n 2>/dev/null | cut -d. -f1)
ICU_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags icu-i18n 2>/dev/null)) \
              $(if $(ICU_MAJOR),-DKITH_LIBICU='"libicui18n.so.$(ICU_MAJOR)"' -DKITH_ICU_MAJOR=$(ICU_MAJOR))
# Team mode's encryption (src/io/teamlog_crypt.c): libsodium, opened (dlopen)
# by a team command only, by the soname pkg-config's library carries, so
# that a kith that is not in a team never loads it.
SODIUM_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libsodium 2>/dev/null)/libsodium.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
SODIUM_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags libsodium 2>/dev/null)) \
                 $(if $(SODIUM_SONAME),-DKITH_LIBSODIUM='"$(SODIUM_SONAME)"')
# Team mode's snapshots (src/io/teamlog_snap.c): libzstd, opened (dlopen) as
# libsodium is, when a snapshot is written or read.
ZSTD_SONAME := $(shell objdump -p "$$($(CC) -print-file-name=libzstd.so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
ZSTD_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags libzstd 2>/dev/null)) \
               $(if $(ZSTD_SONAME),-DKITH_LIBZSTD='"$(ZSTD_SONAME)"')
CHECK_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags check 2>/dev/null))
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

CFLAGS    ?= -O2 -g
KFLAGS    := -std=c11 -Wall -Wextra -Wpedantic -Werror \
             -Iinclude -I$(B)/gen -DKITH_VERSION_STR='"$(VERSION)"' -DKITH_DATADIR='"$(DATADIR)"' \
             -MMD -MP $(PKG_CFLAGS) $(ICAL_CFLAGS) $(ICU_CFLAGS) $(SODIUM_CFLAGS) $(ZSTD_CFLAGS) $(SANFLAGS)
LDLIBS    := $(SQLITE_LIBS) $(ICAL_LIBS) -lm
LDFLAGS   += $(SANFLAGS)

CORE_SRC  := $(sort $(wildcard src/util/*.c src/parse/*.c src/db/*.c src/engine/*.c src/io/*.c))
UI_SRC    := $(sort $(wildcard src/ui/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
GEN_SRC   := $(B)/gen/schema_sql.c $(B)/gen/kithrc_builtin.c $(B)/gen/demo_sql.c $(B)/gen/db_image.c

CORE_OBJ  := $(CORE_SRC:%.c=$(B)/%.o) $(GEN_SRC:%.c=%.o)
UI_OBJ    := $(UI_SRC:%.c=$(B)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(B)/%.o)

UNIT_SRC  := $(sort $(wildcard tests/unit/check_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UI_TEST_SRC := $(sort $(wildcard tests/ui/check_*.c))
UI_TEST_BIN := $(UI_TEST_SRC:tests/ui/%.c=$(B)/tests/%)
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN  := $(TOOL_SRC:tests/tools/%.c=$(B)/tools/%)
SHELL_TESTS := $(sort $(wildcard tests/cli/*.sh tests/e2e/*.sh))

.PHONY: all run check check-unit check-shell bench install uninstall clean deps test-deps \
        harden-deps print-deps man-check readme-screen
.DEFAULT_GOAL := all

all: $(B)/kith $(TOOL_BIN)

$(B)/kith: $(CLI_OBJ) $(B)/libkith-ui.a $(B)/libkith-core.a
	$(call say,LINK,$@)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libkith-ui.a $(B)/libkith-core.a $(CURSES_LIBS) $(LDLIBS)

$(B)/libkith-core.a: $(CORE_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(B)/libkith-ui.a: $(UI_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(B)/%.o: %.c | $(B)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) -c -o $@ $<

$(B)/gen/%.o: $(B)/gen/%.c
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) -c -o $@ $<

# Text assets compiled into the binary, so kith runs without its data directory.
$(B)/embed: src/tools/embed.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) -o $@ $<

$(B)/gen/schema_sql.c: assets/schema.sql $(B)/embed
	@mkdir -p $(dir $@)
	$(call say,EMBED,$<)$(B)/embed kith_schema_sql < $< > $@
$(B)/gen/kithrc_builtin.c: assets/kithrc $(B)/embed
	@mkdir -p $(dir $@)
	$(call say,EMBED,$<)$(B)/embed kith_builtin_config < $< > $@
$(B)/gen/demo_sql.c: assets/demo.sql $(B)/embed
	@mkdir -p $(dir $@)
	$(call say,EMBED,$<)$(B)/embed kith_demo_sql < $< > $@

# A new database as the migrations leave it (src/db/migrate.c copies it
# into each new one): made by the core itself, linked without the image.
IMAGE_OBJ := $(filter-out $(B)/gen/db_image.o,$(CORE_OBJ))
$(B)/mkimage: src/tools/mkimage.c $(IMAGE_OBJ)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) -o $@ $< $(IMAGE_OBJ) $(LDFLAGS) $(LDLIBS)
$(B)/gen/db_image.c: $(B)/mkimage
	$(call say,IMAGE,$@)$(B)/mkimage > $@.tmp && mv $@.tmp $@

# Unit tests link the core only: no curses below the screen layer.
$(B)/tests/check_%: tests/unit/check_%.c tests/unit/testutil.h $(B)/libkith-core.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) $(CHECK_CFLAGS) -Itests/unit -o $@ $< $(B)/libkith-core.a $(CHECK_LIBS) $(LDFLAGS) $(LDLIBS)

# check_steps counts the database's work per key: every sqlite3_step goes
# through its counter (this binary only).
$(B)/tests/check_steps: LDFLAGS += -Wl,--wrap=sqlite3_step,--wrap=sqlite3_open_v2
# check_frame counts the screen's builds of the view and the steps a frame takes.
$(B)/tests/check_frame: LDFLAGS += -Wl,--wrap=engine_view,--wrap=sqlite3_step

$(B)/tests/check_%: tests/ui/check_%.c $(B)/libkith-ui.a $(B)/libkith-core.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) $(CHECK_CFLAGS) -Itests/unit -o $@ $< $(B)/libkith-ui.a $(B)/libkith-core.a $(CHECK_LIBS) $(LDFLAGS) $(CURSES_LIBS) $(LDLIBS)

$(B)/tools/%: tests/tools/%.c $(B)/libkith-core.a
	@mkdir -p $(dir $@)
	$(call say,CC,$<)$(CC) $(CFLAGS) $(KFLAGS) -o $@ $< $(B)/libkith-core.a $(LDFLAGS) $(LDLIBS)

# The test dependencies first, then a new make: pkg-config's answers (CHECK_CFLAGS)
# are read when this file is, so a package installed now is seen by the next make.
check: test-deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(UI_TEST_BIN)
	@tests/run-tests.sh "$(B)" $(UNIT_BIN) $(UI_TEST_BIN) -- $(SHELL_TESTS)

# Parts of check: the Check suites only; the shell and end-to-end tests only;
# the manuals only (groff's warnings, and the tests that hold them to the code).
check-unit: test-deps
	@$(MAKE) --no-print-directory $(UNIT_BIN) $(UI_TEST_BIN)
	@tests/run-tests.sh "$(B)" $(UNIT_BIN) $(UI_TEST_BIN) --

check-shell: test-deps
	@$(MAKE) --no-print-directory all
	@tests/run-tests.sh "$(B)" -- $(SHELL_TESTS)

man-check: test-deps
	@$(MAKE) --no-print-directory all $(B)/tests/check_docs
	@w=$$(groff -t -man -ww -z man/kith.1 man/kithrc.5 2>&1); \
	if [ -n "$$w" ]; then echo "$$w"; echo "man-check: groff warnings"; exit 1; fi
	@tests/run-tests.sh "$(B)" $(B)/tests/check_docs -- tests/cli/docs.sh tests/cli/basics.sh

bench: all
	@tests/bench/run.sh "$(B)"

# The screen in README.md, captured from the real program (tests/e2e/readme.sh checks it).
readme-screen: $(B)/kith
	@tests/tools/readme-screen $(B)/kith README.md

run: deps
	@$(MAKE) --no-print-directory all
	$(B)/kith

# Installs the missing packages of a list when apt-get can run without a password
# (as root, or with sudo -n); else prints the one command to run and fails.
# Where there is no dpkg (not Debian), it checks nothing.
#   $(call install_missing,PACKAGES,WHAT)
define install_missing
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=""; \
	for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else echo "kith: missing $(2) dependencies:$$missing"; \
	     echo "  install them with: sudo apt-get install -y$$missing"; exit 1; fi; \
	echo "installing:$$missing"; \
	$$SUDO apt-get install -y $$missing || { $$SUDO apt-get update && $$SUDO apt-get install -y $$missing; }
endef

deps:
	$(call install_missing,$(BUILD_PKGS),build)
test-deps:
	$(call install_missing,$(BUILD_PKGS) $(TEST_PKGS),test)
harden-deps:
	$(call install_missing,$(DEB_PKGS),fuzzing and valgrind)

print-deps:
	@echo $(DEB_PKGS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(B)/kith $(DESTDIR)$(BINDIR)/kith
	install -m 644 assets/kithrc assets/schema.sql assets/demo.sql $(DESTDIR)$(DATADIR)/
	install -m 644 man/kith.1 $(DESTDIR)$(MANDIR)/man1/kith.1
	if [ -f man/kithrc.5 ]; then install -m 644 man/kithrc.5 $(DESTDIR)$(MANDIR)/man5/kithrc.5; fi
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 assets/completion/kith.bash $(DESTDIR)$(BASHCOMPDIR)/kith
	install -m 644 assets/completion/_kith $(DESTDIR)$(ZSHCOMPDIR)/_kith

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kith $(DESTDIR)$(MANDIR)/man1/kith.1 $(DESTDIR)$(MANDIR)/man5/kithrc.5
	rm -f $(DESTDIR)$(BASHCOMPDIR)/kith $(DESTDIR)$(ZSHCOMPDIR)/_kith
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

# ---- hardening (issue 8): valgrind and fuzzing -----------------------------
#   make check-valgrind        the end-to-end tests once under valgrind memcheck
#   make fuzz FUZZ_SECONDS=60  build tests/fuzz/fuzz_*.c with clang's libFuzzer and run each
# A harness is one file, tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput;
# it links the core and the command line (main.c's main renamed kith_main).
# Seeds: tests/fuzz/seeds/NAME/ and, when present, $(FUZZ_CORPUS)/NAME/ (by default
# tests/fuzz/corpus, inside the repository; FUZZ_CORPUS=DIR adds files kept elsewhere).
.PHONY: check-valgrind fuzz fuzz-build
FUZZ_SECONDS ?= 60
FUZZ_CC     ?= clang
FUZZ_CORPUS ?= tests/fuzz/corpus
FB          := build/fuzz
FUZZ_SAN    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# clang's -Wextra also warns where a positional initializer leaves trailing
# fields to C's zero (a form field's optional word/number checks); gcc's build
# keeps every other warning of the project an error.
FUZZ_CFLAGS := -O1 -g -std=c11 -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers \
               -Iinclude -Isrc -I$(FB)/gen \
               -DKITH_VERSION_STR='"$(VERSION)"' -DKITH_DATADIR='"$(DATADIR)"' -DKITH_FUZZ -MMD -MP \
               $(PKG_CFLAGS) $(ICAL_CFLAGS) $(SODIUM_CFLAGS) $(ZSTD_CFLAGS) $(FUZZ_SAN)
FUZZ_LIB_OBJ := $(patsubst %.c,$(FB)/%.o,$(CORE_SRC) $(UI_SRC) $(CLI_SRC)) \
                $(patsubst $(B)/gen/%.c,$(FB)/gen/%.o,$(GEN_SRC))
FUZZ_SRC    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN    := $(FUZZ_SRC:tests/fuzz/%.c=$(FB)/%)

check-valgrind: harden-deps
	@$(MAKE) --no-print-directory all
	@tests/valgrind/run.sh "$(B)"

fuzz-build: harden-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

fuzz: fuzz-build
	@tests/fuzz/run.sh "$(FB)" "$(FUZZ_SECONDS)" "$(FUZZ_CORPUS)" $(FUZZ_BIN)

$(FB)/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(dir $@)
	$(call say,FUZZCC,$<)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/src/cli/main.o: src/cli/main.c
	@mkdir -p $(dir $@)
	$(call say,FUZZCC,$<)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -Dmain=kith_main -c -o $@ $<

$(FB)/src/%.o: src/%.c | $(B)/gen/schema_sql.c
	@mkdir -p $(dir $@)
	$(call say,FUZZCC,$<)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FB)/libkith-fuzz.a: $(FUZZ_LIB_OBJ)
	$(call say,AR,$@)rm -f $@ && ar rcs $@ $^

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FB)/libkith-fuzz.a
	$(call say,FUZZLD,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-unused-parameter -Itests/fuzz -fsanitize=fuzzer \
		-o $@ $< $(FB)/libkith-fuzz.a $(CURSES_LIBS) $(SQLITE_LIBS) $(ICAL_LIBS) -lm

-include $(shell find build -name '*.d' 2>/dev/null)
