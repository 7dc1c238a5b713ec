/*
 * testutil.h: shared helpers for the Check suites.
 *
 * Every suite runs on a fresh database: an in-memory one (test_db_open)
 * or a file in a new temporary directory (test_tmpdir), with the clock
 * fixed by KITH_TODAY so dates are reproducible.
 */
#ifndef KITH_TESTUTIL_H
#define KITH_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/date.h"
#include "kith/db.h"

#define TEST_TODAY "2026-03-10"

/* Fix the clock at TEST_TODAY 09:00 (call before anything reads the date). */
static inline void
test_fix_clock(void)
{
	setenv("KITH_TODAY", TEST_TODAY, 1);
	kdate_init_clock(NULL);
}

/* A fresh in-memory database at the current schema. */
static inline struct kdb *
test_db_open(void)
{
	struct kdb *db = NULL;
	struct kith_err err;
	test_fix_clock();
	ck_assert_msg(kdb_open(":memory:", KDB_CREATE, &db, &err) == KITH_OK, "open: %s", err.msg);
	return db;
}

/* A new empty temporary directory (mkdtemp); the caller may rm -rf it. */
static inline char *
test_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *p = malloc(4096);
	snprintf(p, 4096, "%s/kith-test-XXXXXX", base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(p));
	return p;
}

/* Run one suite; returns the number of failures (for main's exit status). */
static inline int
test_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int nf;
	srunner_run_all(sr, CK_NORMAL);
	nf = srunner_ntests_failed(sr);
	srunner_free(sr);
	return nf;
}

#endif
