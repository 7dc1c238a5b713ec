# import_text: what importers store from a card's text (issue 14): a
# quoted-printable "=0D=0A" in a vCard note is a newline, and no CR reaches
# stored text from any importer (vCard, CSV with CRLF inside a quoted field).
. "${KITH_SRC:-.}/tests/cli/testlib"
CR=$(printf '\r')

# no_cr WHAT SQL: the values SQL selects hold no CR
no_cr() {
  v=$(sqlite3 "$KITH_DB" "$2")
  case "$v" in
    *"$CR"*) fail "$1: a CR is stored: $(printf '%s' "$v" | od -c | head -3)" ;;
    *) pass ;;
  esac
}

printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Quinn;Pat\r\nFN:Pat Quinn\r\nNOTE;ENCODING=QUOTED-PRINTABLE:first line=0D=0Asecond line=0D=0A=\r\nthird\r\nEND:VCARD\r\n' >"$T/qp.vcf"
ok import "$T/qp.vcf"
no_cr "quoted-printable note" "SELECT notes FROM contact WHERE display_name = 'Pat Quinn'"
same "$(sqlite3 "$KITH_DB" "SELECT notes FROM contact WHERE display_name = 'Pat Quinn'")" \
  "first line
second line
third" "=0D=0A is a newline"

# a lone CR (=0D) too
printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Lee Moss\r\nNOTE;ENCODING=QUOTED-PRINTABLE:one=0Dtwo\r\nEND:VCARD\r\n' >"$T/cr.vcf"
ok import "$T/cr.vcf"
same "$(sqlite3 "$KITH_DB" "SELECT notes FROM contact WHERE display_name = 'Lee Moss'")" \
  "one
two" "a lone CR is a newline"

# CSV with CRLF line ends and a multi-line quoted note
printf 'Name,Email,Notes\r\nRo Vance,ro@example.org,"met at the fair\r\nlikes parks"\r\n' >"$T/crlf.csv"
ok import "$T/crlf.csv"
no_cr "CSV note" "SELECT notes || display_name FROM contact WHERE display_name = 'Ro Vance'"
has "$(sqlite3 "$KITH_DB" "SELECT notes FROM contact WHERE display_name = 'Ro Vance'")" "met at the fair
likes parks" "the CSV note's line break kept as a newline"
no_cr "every stored text" "SELECT group_concat(display_name || notes || address, '') FROM contact"
finish
