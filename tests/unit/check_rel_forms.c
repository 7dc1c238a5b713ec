/*
 * check_rel_forms.c: the relationship and role forms (zl, zL, zo, zO) from
 * Contacts and from the map: add, edit, end, bad input, undo.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/org.h"
#include "kith/powermap.h"
#include "kith/types.h"
#include "kith/xalloc.h"

static struct kdb *db;
static struct engine *e;
static int64_t ana, bo, chamber, map;

static int64_t
person(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static void
setup(void)
{
	struct kith_map m = { .name = "Bond" };
	struct kith_err err;

	db = test_db_open();
	ana = person("Ana Lima");
	bo = person("Bo Strand");
	ck_assert_int_eq(org_find(db, "Riverton Chamber", true, &chamber, &err), KITH_OK);
	ck_assert_int_eq(map_add(db, &m, &map, &err), KITH_OK);
	ck_assert_int_eq(placement_set(db, map, bo, 0, 3, 0, NULL, NULL, &err), KITH_OK);
	e = test_engine_new(db, 10, 30);
}

static void
teardown(void)
{
	test_engine_free(&e, &db);
}

struct rels {
	int n;
	struct relationship_row last;
	char other[64], end[16], note[64];
};

static int
rel_cb(void *ud, const struct relationship_row *r)
{
	struct rels *x = ud;
	x->n++;
	x->last = *r;
	snprintf(x->other, sizeof x->other, "%s", r->other_name);
	snprintf(x->end, sizeof x->end, "%s", r->end_date);
	snprintf(x->note, sizeof x->note, "%s", r->note);
	return 0;
}

static struct rels
rels_of(int64_t who)
{
	struct rels x = { 0 };
	struct kith_err err;
	ck_assert_int_eq(relationship_list_for_contact(db, who, rel_cb, &x, &err), KITH_OK);
	return x;
}

struct roles {
	int n;
	char title[64], org[64], end[16];
};

static int
role_cb(void *ud, const struct role_row *r)
{
	struct roles *x = ud;
	x->n++;
	snprintf(x->title, sizeof x->title, "%s", r->title);
	snprintf(x->org, sizeof x->org, "%s", r->org_name);
	snprintf(x->end, sizeof x->end, "%s", r->end_date);
	return 0;
}

static struct roles
roles_of(int64_t who)
{
	struct roles x = { 0 };
	struct kith_err err;
	ck_assert_int_eq(role_list_for_contact(db, who, role_cb, &x, &err), KITH_OK);
	return x;
}

START_TEST(test_relationship_add_edit_end)
{
	const struct view *v;
	struct kith_relationship full;
	struct kith_err err;
	struct rels x;

	/* Contacts: Ana is first; zl opens the form */
	engine_keys(e, "1gg");
	engine_keys(e, "zl");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(v->form.title, "Ana Lima"));
	/* a bad type stays in the form with the choices */
	engine_keys(e, "Bo<Tab><C-u>friendship<Tab>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(v->form.fields[1].error);
	ck_assert_ptr_nonnull(strstr(v->form.fields[1].error, "mentor"));
	engine_keys(e, "<S-Tab><C-u>mentor<Tab><C-u>3<Tab>2019-05-01<Tab><Tab>since the tenant fight"
		    "<Tab>told me by Ruth<Enter>");
	v = engine_view(e);
	ck_assert_msg(v->mode == VM_NORMAL, "still in the form: %s", v->message ? v->message : "");
	x = rels_of(ana);
	ck_assert_int_eq(x.n, 1);
	ck_assert_str_eq(x.other, "Bo Strand");
	ck_assert_int_eq(x.last.type, KITH_REL_MENTOR);
	ck_assert_int_eq(x.last.strength, 3);
	ck_assert(x.last.current);
	ck_assert_str_eq(x.note, "since the tenant fight");

	/* from the map, Bo's side: zL picks it, Until ends it; Ana stays the mentor */
	engine_keys(e, "3zL");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_PICK);
	ck_assert_int_eq(v->pick.nitems, 1);
	ck_assert_ptr_nonnull(strstr(v->pick.items[0], "Ana Lima"));
	engine_keys(e, "<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_str_eq(v->form.fields[0].value, "Ana Lima");
	ck_assert_str_eq(v->form.fields[1].value, "mentor");
	ck_assert_str_eq(v->form.fields[3].value, "2019-05-01");
	engine_keys(e, "<Tab><Tab><Tab><Tab>2026-03-01<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	x = rels_of(ana);
	ck_assert_int_eq(x.n, 1);
	ck_assert(!x.last.current);
	ck_assert_str_eq(x.end, "2026-03-01");
	ck_assert_int_eq(relationship_get(db, x.last.id, &full, &err), KITH_OK);
	ck_assert_int_eq(full.a_id, ana);
	ck_assert_int_eq(full.b_id, bo);
	relationship_free(&full);
	/* undo brings it back current */
	engine_keys(e, "u");
	ck_assert(rels_of(ana).last.current);

	/* with an organisation; an unknown name is refused on its field */
	engine_keys(e, "zl~Nowhere Inc<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(v->message);
	engine_keys(e, "<C-u>~Riverton<Tab><C-u>donation<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	x = rels_of(bo);
	ck_assert_int_eq(x.n, 2);
	/* a relationship with oneself is refused */
	engine_keys(e, "zlBo Strand<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(v->message, "themselves"));
	engine_keys(e, "<Esc>");
}
END_TEST

START_TEST(test_roles)
{
	const struct view *v;
	struct roles x;
	int64_t org;
	struct kith_err err;

	engine_keys(e, "1ggzo");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	/* neither organisation nor seat: refused */
	engine_keys(e, "<Tab>Chair<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(v->message, "organisation or a seat"));
	ck_assert_int_eq(v->form.focus, 0);             /* back on the organisation */
	engine_keys(e, "Planning Commission<Tab><Tab><Tab>2024-01-08<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	x = roles_of(ana);
	ck_assert_int_eq(x.n, 1);
	ck_assert_str_eq(x.title, "Chair");
	ck_assert_str_eq(x.org, "Planning Commission");
	ck_assert_str_eq(x.end, "");
	/* the organisation was created */
	ck_assert_int_eq(org_find(db, "Planning Commission", false, &org, &err), KITH_OK);
	/* end it: zO, pick, To */
	engine_keys(e, "zO<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_str_eq(v->form.fields[0].value, "Planning Commission");
	engine_keys(e, "<Tab><Tab><Tab><Tab>today<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	ck_assert_str_eq(roles_of(ana).end, TEST_TODAY);
	/* a bad date stays in the form */
	engine_keys(e, "zoRiverton Chamber<Tab>Member<Tab><Tab>someday<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	engine_keys(e, "<Esc>");
	ck_assert_int_eq(roles_of(ana).n, 1);
	/* nothing to edit for Bo */
	engine_keys(e, "jzO");
	ck_assert_ptr_nonnull(strstr(engine_view(e)->message, "no roles"));
}
END_TEST

/*
** The edit forms watch their row (form_watch): a field changed elsewhere
** and not here is taken, one changed in both places is a conflict, a row
** deleted meanwhile is not saved.
*/
START_TEST(test_edit_forms_watch_their_row)
{
	struct kith_relationship r = { .a_id = ana, .b_id = bo, .type = KITH_REL_SOCIAL,
				       .strength = 2, .note = "before" };
	struct kith_role ro = { .contact_id = ana, .org_id = chamber, .title = "Member" };
	struct kith_relationship full;
	struct kith_err err;
	const struct view *v;
	int64_t rid, oid;

	ck_assert_int_eq(relationship_add(db, &r, &rid, &err), KITH_OK);
	ck_assert_int_eq(role_add(db, &ro, &oid, &err), KITH_OK);

	/* the note changed elsewhere, and here too: a conflict, a second Enter saves mine */
	engine_keys(e, "1ggzL<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	ck_assert_int_eq(relationship_get(db, rid, &full, &err), KITH_OK);
	free(full.note);
	full.note = xstrdup("theirs");
	ck_assert_int_eq(relationship_update(db, &full, &err), KITH_OK);
	relationship_free(&full);
	engine_keys(e, "<Tab><Tab><Tab><Tab><Tab><C-u>mine<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(v->message, "Note changed elsewhere"));
	engine_keys(e, "<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	ck_assert_str_eq(rels_of(ana).note, "mine");

	/* the title changed elsewhere, the seat here: both kept */
	engine_keys(e, "zO<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	ro.id = oid;
	ro.title = "Vice chair";
	ck_assert_int_eq(role_update(db, &ro, &err), KITH_OK);
	engine_keys(e, "<Tab><Tab>District 3<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_NORMAL);
	ck_assert_str_eq(roles_of(ana).title, "Vice chair");

	/* deleted meanwhile: not saved */
	engine_keys(e, "zL<Enter>");
	ck_assert_int_eq(engine_view(e)->mode, VM_FORM);
	ck_assert_int_eq(relationship_delete(db, rid, &err), KITH_OK);
	engine_keys(e, "<Tab><Tab><C-u>3<Enter>");
	v = engine_view(e);
	ck_assert_int_eq(v->mode, VM_FORM);
	ck_assert_ptr_nonnull(strstr(v->message, "deleted elsewhere"));
	engine_keys(e, "<Esc>");
}
END_TEST

static Suite *
rel_forms_suite(void)
{
	Suite *s = suite_create("rel_forms");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_relationship_add_edit_end);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_edit_forms_watch_their_row);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(rel_forms_suite()) ? 1 : 0;
}
