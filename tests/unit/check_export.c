/*
 * check_export.c: the vCard and CSV exports read on two threads (issue 14:
 * an export no slower than abook's) write what one thread writes, byte for
 * byte; and the second connection is only taken where it sees what the
 * first does.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/db.h"
#include "kith/merge.h"
#include "kith/export_db.h"
#include "kith/io.h"
#include "kith/str.h"
#include "kith/xalloc.h"

static struct kdb *db;
static char *dir;
static struct kith_err err;

static void
setup(void)
{
	char path[4200];

	test_fix_clock();
	dir = test_tmpdir();
	snprintf(path, sizeof path, "%s/x.db", dir);
	ck_assert_msg(kdb_open(path, KDB_CREATE, &db, &err) == KITH_OK, "%s", err.msg);
}

static void
teardown(void)
{
	char cmd[4200];

	kdb_close(db);
	db = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

/* n people (some with nicknames, categories, notes with escapes, two emails) imported. */
static void
people(int n)
{
	struct strbuf in = {0};
	struct io_import_opts o = { .format = IO_FMT_VCF, .name = "p.vcf" };
	struct io_import_stats st;

	for (int i = 0; i < n; i++) {
		sb_printf(&in, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d Example\r\n"
			  "N:Example;Person %d;;;\r\nEMAIL:p%d@example.org\r\nTEL:+1 555 %07d\r\n"
			  "ORG:Org %d\r\nTITLE:Member\r\n", i, i, i, i, i % 37);
		if (i % 3 == 0)
			sb_printf(&in, "NICKNAME:P%d\r\nCATEGORIES:ward %d,donor\r\n", i, i % 9);
		if (i % 5 == 0)
			sb_printf(&in, "NOTE:met\\, twice\\nat the fair; ward %d\r\n"
				  "EMAIL;TYPE=work:w%d@example.org\r\nX-THING:kept %d\r\n", i, i, i);
		sb_append(&in, "END:VCARD\r\n");
	}
	ck_assert_msg(io_import_buffer(db, in.buf, in.len, &o, &st, &err) == KITH_OK, "%s",
		      err.msg);
	ck_assert_int_eq(st.added, n);
	sb_free(&in);
}

/* The export as text; `single`: inside a transaction, where it is read on one thread. */
static char *
export(int format, int version, bool single)
{
	struct io_export_opts o = { .format = format, .vcard_version = version };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	if (single) {
		ck_assert_int_eq(kdb_batch_begin(db, &err), KITH_OK);
		ck_assert_ptr_null(export_reader_open(db, 0));
	}
	ck_assert_msg(io_export(db, f, &o, &err) == KITH_OK, "%s", err.msg);
	if (single)
		ck_assert_int_eq(kdb_batch_end(db, false, &err), KITH_OK);
	fclose(f);
	return text;
}

static void
same_both_ways(void)
{
	static const struct { int format, version; } forms[] = {
		{ IO_FMT_VCF, 40 }, { IO_FMT_VCF, 30 }, { IO_FMT_CSV, 0 },
	};

	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char *two = export(forms[i].format, forms[i].version, false);
		char *one = export(forms[i].format, forms[i].version, true);
		size_t at = 0;
		while (one[at] && one[at] == two[at])
			at++;
		ck_assert_msg(!strcmp(one, two), "format %d: differ at byte %zu: %.80s | %.80s",
			      forms[i].format, at, one + at, two + at);
		ck_assert_ptr_nonnull(strstr(one, "Person 0 Example"));
		free(one);
		free(two);
	}
}

/* How many contacts a connection sees. */
static long long
contacts_seen(struct kdb *h)
{
	int64_t n, lo, hi;

	ck_assert_int_eq(export_contact_span(h, &n, &lo, &hi, &err), KITH_OK);
	return n;
}

START_TEST(test_two_threads_as_one)
{
	/* many runs of ids, the last one short, and some ids gone */
	people(5000);
	same_both_ways();
	for (int64_t id = 700; id < 1900; id += 3)
		ck_assert_int_eq(contact_delete(db, id, &err), KITH_OK);
	same_both_ways();
}
END_TEST

/*
** Written to a file rather than to memory, an export is handed to the disk
** every few megabytes as it goes (out.c): the file is still the same text,
** whole. 5,000 people's JSON is more than 2 MB.
*/
START_TEST(test_file_same_as_memory)
{
	struct io_export_opts o = { .format = IO_FMT_JSON };
	char path[4200], *mem, *text = NULL;
	size_t len = 0;
	FILE *f;
	long size;

	people(5000);
	mem = export(IO_FMT_JSON, 0, false);
	ck_assert_uint_gt(strlen(mem), 2u << 20);
	snprintf(path, sizeof path, "%s/out.json", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w+"));
	ck_assert_msg(io_export(db, f, &o, &err) == KITH_OK, "%s", err.msg);
	ck_assert_int_eq(fflush(f), 0);
	size = ftell(f);
	rewind(f);
	text = xmalloc((size_t)size + 1);
	len = fread(text, 1, (size_t)size, f);
	text[len] = '\0';
	fclose(f);
	ck_assert_uint_eq(len, strlen(mem));
	ck_assert(!strcmp(text, mem));
	free(text);
	free(mem);
}
END_TEST

/* The second connection reads the first one's snapshot, whatever is committed after. */
START_TEST(test_second_connection_same_snapshot)
{
	struct kdb *r, *other;
	struct kith_contact c = {0};
	char path[4200];
	int64_t id;
	bool started;

	people(10);
	snprintf(path, sizeof path, "%s/x.db", dir);
	ck_assert_int_eq(kdb_open(path, 0, &other, &err), KITH_OK);
	/* too small a file: not tried */
	ck_assert_int_eq(kdb_read_begin(db, &started, &err), KITH_OK);
	ck_assert(started);
	ck_assert_ptr_null(export_reader_open(db, 1LL << 40));
	kdb_read_end(db, started);
	/* not in a read transaction, or in one already read from: none */
	ck_assert_ptr_null(export_reader_open(db, 0));
	ck_assert_int_eq(kdb_read_begin(db, &started, &err), KITH_OK);
	ck_assert_int_eq(contacts_seen(db), 10);
	ck_assert_ptr_null(export_reader_open(db, 0));
	kdb_read_end(db, started);
	/* in io_export's: the same snapshot, before and after another's commit */
	ck_assert_int_eq(kdb_read_begin(db, &started, &err), KITH_OK);
	ck_assert_ptr_nonnull(r = export_reader_open(db, 0));
	c.display_name = "Later Person";
	ck_assert_int_eq(contact_add(other, &c, &id, &err), KITH_OK);
	ck_assert_int_eq(contacts_seen(db), 10);
	ck_assert_int_eq(contacts_seen(r), 10);
	ck_assert_int_eq(contacts_seen(other), 11);
	kdb_close(r);
	kdb_read_end(db, started);
	ck_assert_int_eq(contacts_seen(db), 11);
	kdb_close(other);
}
END_TEST

START_TEST(test_no_second_connection_in_memory)
{
	struct kdb *mem = test_db_open();
	bool started;

	ck_assert_int_eq(kdb_read_begin(mem, &started, &err), KITH_OK);
	ck_assert_ptr_null(export_reader_open(mem, 0));
	kdb_read_end(mem, started);
	kdb_close(mem);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("core");

	setenv("TZ", "UTC", 1);
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_two_threads_as_one);
	tcase_add_test(tc, test_file_same_as_memory);
	tcase_add_test(tc, test_second_connection_same_snapshot);
	tcase_add_test(tc, test_no_second_connection_in_memory);
	suite_add_tcase(s, tc);
	return test_run_suite(s) ? 1 : 0;
}
