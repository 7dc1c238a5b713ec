#!/bin/sh
# import_linear.sh: every importer takes time linear in its input (issue 15,
# item 6). For each input that used to make an import quadratic (one long
# iCalendar line, thousands of ATTENDEE lines on one event, thousands of
# X-FOO properties on one vCard, CSV rows that all merge into one contact,
# a card with thousands of categories or of labelled groups), the import
# of a 10x input may take at most 15x the CPU time of the 1x input: a
# ratio, not a deadline. Each size runs three times into a fresh database
# and the median counts (the machine is shared). Every time here is the CPU
# time (user + system) of the kith process, never the wall clock, so a loaded
# machine or a sanitizer build cannot fail the test. A 10x run that uses
# more CPU than 15x the 1x time (twice over, and at least 10 s) is stopped by
# RLIMIT_CPU and fails, so the test stays short even when an importer is
# quadratic again; a wall-clock timeout only stops a hung import.
# Also: a line or a record past the importer's limits is refused with the
# limit, the file and the line.
. "$(dirname "$0")/testlib"

python3 - "$KITH_BIN" "$T" >"$T/linear.txt" 2>&1 <<'PY'
import math, os, resource, signal, subprocess, sys

kith, tmp = sys.argv[1], sys.argv[2]
CRLF = "\r\n"

def ics_line(n):      # one DESCRIPTION line of n * 300 kB
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
            "UID:long@t\r\nDTSTART:20260101T100000Z\r\nSUMMARY:long\r\nDESCRIPTION:"
            + "x" * (n * 300000) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")

def ics_attendees(n):  # one event, n * 400 attendees
    att = "".join("ATTENDEE;CN=P%d:mailto:p%d@example.org\r\n" % (i, i) for i in range(n * 400))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
            "UID:many@t\r\nDTSTART:20260101T100000Z\r\nSUMMARY:many\r\n" + att
            + "END:VEVENT\r\nEND:VCALENDAR\r\n")

def vcf_xfoo(n):       # one card, n * 1000 X-FOO properties
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n"
            + "".join("X-FOO:value %d\r\n" % i for i in range(n * 1000)) + "END:VCARD\r\n")

def vcf_categories(n):  # one card, n * 2000 categories and nicknames, each twice
    tags = ",".join("tag%d,TAG%d" % (i, i) for i in range(n * 1000))
    nick = ",".join("nick%d" % i for i in range(n * 1000))
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nCATEGORIES:" + tags
            + "\r\nNICKNAME:" + nick + "\r\nEND:VCARD\r\n")

def vcf_groups(n):     # one card, n * 1000 labelled emails (item1.EMAIL, item1.X-ABLabel)
    body = "".join("item%d.EMAIL:a%d@example.org\r\nitem%d.X-ABLabel:label %d\r\n"
                   % (i, i, i, i) for i in range(n * 1000))
    return "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\n" + body + "END:VCARD\r\n"

def csv_one_email(n):  # n * 400 rows that all merge into one contact
    return "name,email,notes\n" + "".join(
        "Person %d,same@example.org,note %d\n" % (i, i) for i in range(n * 400))

cases = [("one long iCalendar line", "ics", ics_line),
         ("ATTENDEE lines", "ics", ics_attendees),
         ("X-FOO properties on one card", "vcf", vcf_xfoo),
         ("categories and nicknames on one card", "vcf", vcf_categories),
         ("labelled groups on one card", "vcf", vcf_groups),
         ("CSV rows sharing one email", "csv", csv_one_email)]

HUNG = 1800   # wall-clock seconds: only to stop an import that hangs, never a measure

def run(path, limit):
    """CPU seconds (user + system) of one import into a fresh database; None if
    stopped at LIMIT CPU seconds (or hung)."""
    db = os.path.join(tmp, "lin.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)
    cpu = int(math.ceil(limit))
    def cap():   # in the child: SIGXCPU past LIMIT CPU seconds, SIGKILL 5 s later
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen([kith, "-d", db, "import", path], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, preexec_fn=cap)
    try:
        _, errtext = p.communicate(timeout=HUNG)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        print("FAIL import of %s hung (no exit after %d s)" % (path, HUNG))
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return None   # past its CPU limit
    if p.returncode != 0:
        print("FAIL import of %s exited %d: %s" % (path, p.returncode, errtext.decode()[:200]))
        return None
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

def median(v):
    return sorted(v)[len(v) // 2]

bad = 0
for what, ext, make in cases:
    times = {}
    for n in (1, 10):
        path = os.path.join(tmp, "lin%d.%s" % (n, ext))
        with open(path, "w", newline="") as f:
            f.write(make(n))
        limit = 600 if n == 1 else max(10.0, 2 * 15 * times[1])
        runs = []
        for _ in range(3):
            t = run(path, limit)
            if t is None:
                break
            runs.append(t)
        if len(runs) < 3:
            times[n] = None
            break
        times[n] = max(median(runs), 0.001)
    if times.get(1) is None or times.get(10) is None:
        print("FAIL %s: the %s input ran past %.1f s of CPU" % (what,
              "1x" if times.get(1) is None else "10x (1x: %.3f s)" % times[1], limit))
        bad += 1
        continue
    ratio = times[10] / times[1]
    ok = ratio <= 15
    print("%s %s: 1x %.3f s, 10x %.3f s CPU: %.1fx" % ("ok" if ok else "FAIL", what,
          times[1], times[10], ratio))
    bad += not ok
sys.exit(1 if bad else 0)
PY
rc=$?
cat "$T/linear.txt" | sed 's/^/  /'
if [ $rc -eq 0 ]; then pass; else
  fail "an importer is not linear: $(grep FAIL "$T/linear.txt" | head -3)"
fi

# ---- the limits: named, with the file and the line --------------------------------------
export KITH_DB="$T/limits.db"
python3 - "$T" <<'PY'
import sys
t = sys.argv[1]
big = "x" * (9 << 20)
with open(t + "/longline.vcf", "w", newline="") as f:
    f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nNOTE:" + big + "\r\nEND:VCARD\r\n"
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEND:VCARD\r\n")
with open(t + "/folded.ics", "w", newline="") as f:
    folded = "\r\n ".join(big[i:i + 70] for i in range(0, len(big), 70))
    f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
            "UID:l@t\r\nDTSTART:20260101T100000Z\r\nSUMMARY:long\r\nDESCRIPTION:" + folded
            + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
with open(t + "/bigcard.vcf", "w", newline="") as f:
    f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n")
    for i in range(3):
        f.write("NOTE:" + "y" * (6 << 20) + "\r\n")
    f.write("END:VCARD\r\n")
with open(t + "/bigrow.csv", "w", newline="") as f:
    f.write('name,notes\nAda,"' + "z" * (17 << 20) + '"\nGrace Hopper,ok\n')
PY
run import "$T/longline.vcf"
expect_rc 1 "a line past the limit stops a strict import"
has "$err" "longline.vcf:4: a line longer than 8 MiB" "the long line is named with its file and line"
same "$(sqlite3 "$KITH_DB" 'SELECT count(*) FROM contact')" 0 "a refused import changes nothing"
run import --skip-invalid "$T/longline.vcf"
has "$out$err" "longline.vcf:4: a line longer than 8 MiB" "--skip-invalid reports the long line"
same "$(sqlite3 "$KITH_DB" 'SELECT display_name FROM contact')" "Grace Hopper" \
  "--skip-invalid keeps the other cards"
run import --dry-run "$T/folded.ics"
has "$err" "folded.ics:8: a line longer than 8 MiB" "a folded iCalendar line counts unfolded"
run import --dry-run "$T/bigcard.vcf"
has "$err" "bigcard.vcf:1: a card longer than 16 MiB" "a card past the record limit is named"
run import --dry-run "$T/bigrow.csv"
has "$err" "bigrow.csv:2: a record longer than 16 MiB" "a CSV record past the limit is named"

finish
