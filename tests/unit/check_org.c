/*
 * check_org.c: organisations, roles and relationships.
 */
#include "testutil.h"

#include <string.h>

#include "kith/contact.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/types.h"

TEST_DB_FIXTURE

static int64_t
person(const char *name)
{
	struct kith_contact c = { .display_name = (char *)name, .cadence_days = -1 };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(contact_add(db, &c, &id, &err) == KITH_OK, "add %s: %s", name, err.msg);
	return id;
}

static int64_t
org(const char *name, int kind)
{
	struct kith_org o = { .name = (char *)name, .kind = kind };
	struct kith_err err;
	int64_t id = 0;
	ck_assert_msg(org_add(db, &o, &id, &err) == KITH_OK, "org %s: %s", name, err.msg);
	return id;
}

/* Collect org_list rows. */
struct orgs {
	int64_t ids[64];
	long long members[64];
	int n;
};

static int
org_cb(void *ud, const struct org_row *r)
{
	struct orgs *o = ud;
	o->members[o->n] = r->members;
	o->ids[o->n++] = r->id;
	return 0;
}

static int
org_total(void)
{
	struct orgs o = { .n = 0 };
	ck_assert_int_eq(org_list(db, 0, 1, 1000, org_cb, &o, NULL), KITH_OK);
	return o.n;
}

START_TEST(test_org_crud)
{
	struct kith_org o = { .name = "Planning Commission", .kind = KITH_ORG_GOVERNMENT,
			      .description = "Zoning", .influence = 4 };
	struct kith_org got;
	struct kith_err err;
	int64_t id, parent, found;

	ck_assert_int_eq(org_add(db, &o, &id, &err), KITH_OK);
	ck_assert_int_eq(org_get(db, id, &got, &err), KITH_OK);
	ck_assert_str_eq(got.name, "Planning Commission");
	ck_assert_int_eq(got.kind, KITH_ORG_GOVERNMENT);
	ck_assert_str_eq(got.description, "Zoning");
	ck_assert_int_eq(got.influence, 4);
	ck_assert_int_eq(got.parent_id, 0);
	org_free(&got);

	parent = org("City of Riverton", KITH_ORG_GOVERNMENT);
	o.id = id;
	o.parent_id = parent;
	o.name = "Planning Commission ";
	o.influence = 0;
	ck_assert_int_eq(org_update(db, &o, &err), KITH_OK);
	ck_assert_int_eq(org_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.parent_id, parent);
	ck_assert_int_eq(got.influence, 0);
	org_free(&got);

	/* find: folded comparison; create only when asked */
	ck_assert_int_eq(org_find(db, "planning commission", false, &found, &err), KITH_OK);
	ck_assert_int_eq(found, id);
	ck_assert_int_eq(org_find(db, "School Board", false, &found, &err), KITH_NOTFOUND);
	ck_assert_int_eq(org_total(), 2);
	ck_assert_int_eq(org_find(db, "School Board", true, &found, &err), KITH_OK);
	ck_assert_int_eq(org_get(db, found, &got, &err), KITH_OK);
	ck_assert_int_eq(got.kind, KITH_ORG_OTHER);
	org_free(&got);
	ck_assert_int_eq(org_total(), 3);

	/* delete; the child's parent goes to none */
	ck_assert_int_eq(org_delete(db, parent, &err), KITH_OK);
	ck_assert_int_eq(org_get(db, id, &got, &err), KITH_OK);
	ck_assert_int_eq(got.parent_id, 0);
	org_free(&got);
	ck_assert_int_eq(org_delete(db, parent, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #2: no such organisation");
	ck_assert_int_eq(org_get(db, 999, &got, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_org_validation)
{
	struct kith_org o = { .name = "A", .kind = KITH_ORG_OTHER };
	struct kith_err err;
	int64_t a, b, c;

	a = org("A", KITH_ORG_OTHER);
	o.name = "";
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "organisation name: must not be empty");
	o.name = "  ";
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_INVALID);
	o.name = "B";
	o.influence = 9;
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "influence 9: must be 1 to 5");
	o.influence = 0;
	o.kind = 42;
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "organisation kind 42: unknown");
	o.kind = 0;
	o.description = "bad \xC3\x28";
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "description: not valid UTF-8");
	o.description = NULL;
	o.parent_id = 77;
	ck_assert_int_eq(org_add(db, &o, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #77: no such organisation");
	ck_assert_int_eq(org_total(), 1);

	/* cycles: b under a, c under b; a under c is refused; a under itself too */
	b = org("B", KITH_ORG_OTHER);
	c = org("C", KITH_ORG_OTHER);
	o = (struct kith_org){ .id = b, .name = "B", .parent_id = a };
	ck_assert_int_eq(org_update(db, &o, &err), KITH_OK);
	o = (struct kith_org){ .id = c, .name = "C", .parent_id = b };
	ck_assert_int_eq(org_update(db, &o, &err), KITH_OK);
	o = (struct kith_org){ .id = a, .name = "A", .parent_id = c };
	ck_assert_int_eq(org_update(db, &o, &err), KITH_INVALID);
	ck_assert_msg(strstr(err.msg, "cycle") != NULL, "%s", err.msg);
	o.parent_id = a;
	ck_assert_int_eq(org_update(db, &o, &err), KITH_INVALID);
	o = (struct kith_org){ .id = 500, .name = "X" };
	ck_assert_int_eq(org_update(db, &o, &err), KITH_NOTFOUND);
}
END_TEST

START_TEST(test_org_resolve_and_list)
{
	struct kith_err err;
	int64_t ids[12], id;
	char name[32];
	struct orgs fwd = { .n = 0 }, page = { .n = 0 };
	int64_t zoe, ana;

	ids[0] = org("Planning Commission", KITH_ORG_GOVERNMENT);
	ids[1] = org("Planning Department", KITH_ORG_GOVERNMENT);
	ids[2] = org("Café Société", KITH_ORG_BUSINESS);
	for (int i = 3; i < 12; i++) {
		snprintf(name, sizeof name, "Org %02d", i);
		ids[i] = org(name, KITH_ORG_OTHER);
	}
	ck_assert_int_eq(org_resolve(db, "cafe societe", &id, &err), KITH_OK);
	ck_assert_int_eq(id, ids[2]);
	ck_assert_int_eq(org_resolve(db, "planning c", &id, &err), KITH_OK);
	ck_assert_int_eq(id, ids[0]);
	ck_assert_int_eq(org_resolve(db, "plan", &id, &err), KITH_AMBIGUOUS);
	ck_assert_msg(strstr(err.msg, "Planning Commission (#1)") != NULL, "%s", err.msg);
	ck_assert_int_eq(org_resolve(db, "department", &id, &err), KITH_OK);
	ck_assert_int_eq(id, ids[1]);
	ck_assert_int_eq(org_resolve(db, "#3", &id, &err), KITH_OK);
	ck_assert_int_eq(id, 3);
	ck_assert_int_eq(org_resolve(db, "#99", &id, &err), KITH_NOTFOUND);
	ck_assert_int_eq(org_resolve(db, "nothing", &id, &err), KITH_NOTFOUND);
	ck_assert_int_eq(org_resolve(db, "", &id, &err), KITH_INVALID);

	/* members: distinct contacts with a current role */
	zoe = person("Zoë");
	ana = person("Ana");
	{
		struct kith_role r = { .contact_id = zoe, .org_id = ids[0], .title = "Chair" };
		ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
		r.title = "Secretary";
		ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
		r.contact_id = ana;
		r.start_date = "2020-01-01";
		r.end_date = "2021-01-01";
		ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_OK);
	}

	/* full forward read, in folded-name order */
	ck_assert_int_eq(org_list(db, 0, 1, 100, org_cb, &fwd, &err), KITH_OK);
	ck_assert_int_eq(fwd.n, 12);
	ck_assert_int_eq(fwd.ids[0], ids[2]);           /* cafe ... */
	ck_assert_int_eq(fwd.ids[fwd.n - 1], ids[1]);   /* planning department */
	for (int i = 0; i < fwd.n; i++)
		ck_assert_int_eq(fwd.members[i], fwd.ids[i] == ids[0] ? 1 : 0);
	/* paging forward by 5 equals the full read */
	{
		int64_t anchor = 0;
		int got = 0;
		do {
			page.n = 0;
			ck_assert_int_eq(org_list(db, anchor, 1, 5, org_cb, &page, &err), KITH_OK);
			for (int i = 0; i < page.n; i++)
				ck_assert_int_eq(page.ids[i], fwd.ids[got + i]);
			got += page.n;
			if (page.n)
				anchor = page.ids[page.n - 1];
		} while (page.n == 5);
		ck_assert_int_eq(got, 12);
	}
	/* backward from the end, nearest first */
	page.n = 0;
	ck_assert_int_eq(org_list(db, 0, -1, 3, org_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 3);
	ck_assert_int_eq(page.ids[0], fwd.ids[11]);
	ck_assert_int_eq(page.ids[2], fwd.ids[9]);
	page.n = 0;
	ck_assert_int_eq(org_list(db, fwd.ids[5], -1, 100, org_cb, &page, &err), KITH_OK);
	ck_assert_int_eq(page.n, 5);
	ck_assert_int_eq(page.ids[0], fwd.ids[4]);
	ck_assert_int_eq(org_list(db, 999, 1, 5, org_cb, &page, &err), KITH_NOTFOUND);
}
END_TEST

struct roles {
	int64_t ids[16], whose[16];
	char titles[16][32];
	char orgs[16][32];
	int n;
};

static int
role_cb(void *ud, const struct role_row *r)
{
	struct roles *x = ud;
	snprintf(x->titles[x->n], 32, "%s", r->title);
	snprintf(x->orgs[x->n], 32, "%s", r->org_name);
	x->whose[x->n] = r->contact_id;
	x->ids[x->n++] = r->id;
	return 0;
}

START_TEST(test_roles)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana");
	int64_t pc = org("Planning Commission", KITH_ORG_GOVERNMENT);
	int64_t r1, r2, r3, r4;
	struct roles x = { .n = 0 };
	struct kith_role r = { .contact_id = zoe, .org_id = pc, .title = "Member",
			       .start_date = "2019-01-01", .end_date = "2022-12-31" };

	ck_assert_int_eq(role_add(db, &r, &r1, &err), KITH_OK);
	r = (struct kith_role){ .contact_id = zoe, .org_id = pc, .title = "Chair",
				.start_date = "2023-01-01" };
	ck_assert_int_eq(role_add(db, &r, &r2, &err), KITH_OK);
	r = (struct kith_role){ .contact_id = zoe, .seat = "District 3", .title = "Council member",
				.start_date = "2024-01-01" };
	ck_assert_int_eq(role_add(db, &r, &r3, &err), KITH_OK);
	r = (struct kith_role){ .contact_id = ana, .org_id = pc, .title = "Member" };
	ck_assert_int_eq(role_add(db, &r, &r4, &err), KITH_OK);

	/* current first, newest first */
	ck_assert_int_eq(role_list_for_contact(db, zoe, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	ck_assert_int_eq(x.ids[0], r3);
	ck_assert_str_eq(x.orgs[0], "");
	ck_assert_int_eq(x.ids[1], r2);
	ck_assert_str_eq(x.orgs[1], "Planning Commission");
	ck_assert_int_eq(x.ids[2], r1);
	x.n = 0;
	ck_assert_int_eq(role_list_for_org(db, pc, true, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_int_eq(x.ids[0], r4);        /* Ana before Zoë */
	ck_assert_int_eq(x.ids[1], r2);
	x.n = 0;
	ck_assert_int_eq(role_list_for_org(db, pc, false, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	ck_assert_int_eq(x.ids[2], r1);

	/* errors change nothing */
	r = (struct kith_role){ .contact_id = zoe, .title = "Floater" };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_msg(strstr(err.msg, "needs an organisation or a seat") != NULL, "%s", err.msg);
	r = (struct kith_role){ .contact_id = zoe, .org_id = pc, .start_date = "2024-02-30" };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "start 2024-02-30: not a date");
	r = (struct kith_role){ .contact_id = zoe, .org_id = pc, .end_date = "last year" };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "end last year: must be YYYY-MM-DD");
	r = (struct kith_role){ .contact_id = zoe, .org_id = pc, .start_date = "2024-05-01",
				.end_date = "2024-04-01" };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "end 2024-04-01: before the start 2024-05-01");
	r = (struct kith_role){ .contact_id = 404, .org_id = pc };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #404: no such contact");
	r = (struct kith_role){ .contact_id = zoe, .org_id = 405 };
	ck_assert_int_eq(role_add(db, &r, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #405: no such organisation");
	x.n = 0;
	ck_assert_int_eq(role_list_for_contact(db, zoe, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);

	/* update: end the chair; delete */
	r = (struct kith_role){ .id = r2, .contact_id = zoe, .org_id = pc, .title = "Chair",
				.start_date = "2023-01-01", .end_date = "2025-06-30" };
	ck_assert_int_eq(role_update(db, &r, &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(role_list_for_org(db, pc, true, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	r.id = 999;
	ck_assert_int_eq(role_update(db, &r, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "role #999: no such role");
	ck_assert_int_eq(role_delete(db, r1, &err), KITH_OK);
	ck_assert_int_eq(role_delete(db, r1, &err), KITH_NOTFOUND);
	x.n = 0;
	ck_assert_int_eq(role_list_for_contact(db, zoe, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 2);
	ck_assert_str_eq(x.titles[0], "Council member");
	ck_assert_str_eq(x.titles[1], "Chair");
	/* deleting the organisation takes its roles */
	ck_assert_int_eq(org_delete(db, pc, &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(role_list_for_contact(db, zoe, role_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
}
END_TEST

struct rels {
	int64_t ids[16], other[16], other_org[16], whose[16];
	char names[16][32], last[16][20];
	bool current[16];
	int strength[16], type[16];
	int n;
};

static int
rel_cb(void *ud, const struct relationship_row *r)
{
	struct rels *x = ud;
	x->ids[x->n] = r->id;
	x->other[x->n] = r->other_id;
	x->other_org[x->n] = r->other_org_id;
	snprintf(x->names[x->n], 32, "%s", r->other_name);
	snprintf(x->last[x->n], 20, "%s", r->other_last_at);
	x->current[x->n] = r->current;
	x->strength[x->n] = r->strength;
	x->type[x->n] = r->type;
	x->whose[x->n] = r->contact_id;
	x->n++;
	return 0;
}

START_TEST(test_relationships)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo");
	int64_t union_id = org("Teachers Union", KITH_ORG_UNION);
	int64_t r1, r2, r3;
	struct rels x = { .n = 0 };
	struct kith_relationship r = { .a_id = zoe, .b_id = ana, .type = KITH_REL_MENTOR,
				       .strength = 3, .note = "mentor since 2019",
				       .source = "told me by Ana" };

	ck_assert_int_eq(relationship_add(db, &r, &r1, &err), KITH_OK);
	r = (struct kith_relationship){ .a_id = bo, .b_id = zoe, .type = KITH_REL_RIVAL,
					.strength = 1 };
	ck_assert_int_eq(relationship_add(db, &r, &r2, &err), KITH_OK);
	r = (struct kith_relationship){ .a_id = zoe, .b_org_id = union_id,
					.type = KITH_REL_MEMBERSHIP, .strength = 2 };
	ck_assert_int_eq(relationship_add(db, &r, &r3, &err), KITH_OK);

	/* Ana was touched: other_last_at shows it */
	{
		int64_t cid[] = { ana };
		struct kith_interaction i = { .at = "2026-03-01 10:00", .kind = KITH_IKIND_CALL,
					      .summary = "call", .contact_ids = cid,
					      .n_contacts = 1 };
		ck_assert_int_eq(interaction_add(db, &i, NULL, &err), KITH_OK);
	}
	/* the card's short list: the strongest current ones, as many as asked */
	ck_assert_int_eq(relationship_list_for_contact_top(db, zoe, 1, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_int_eq(x.ids[0], r1);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, zoe, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);
	/* current, strongest first */
	ck_assert_int_eq(x.ids[0], r1);
	ck_assert_int_eq(x.other[0], ana);
	ck_assert_str_eq(x.names[0], "Ana");
	ck_assert_str_eq(x.last[0], "2026-03-01 10:00");
	ck_assert_int_eq(x.type[0], KITH_REL_MENTOR);
	ck_assert_int_eq(x.ids[1], r3);
	ck_assert_int_eq(x.other_org[1], union_id);
	ck_assert_str_eq(x.names[1], "Teachers Union");
	ck_assert_str_eq(x.last[1], "");
	ck_assert_int_eq(x.ids[2], r2);         /* from the other side */
	ck_assert_int_eq(x.other[2], bo);

	/* from the organisation's side: its members, current first, strongest first */
	{
		struct kith_relationship rb = { .a_id = bo, .b_org_id = union_id,
						.type = KITH_REL_MEMBERSHIP, .strength = 3 };
		int64_t r4;
		ck_assert_int_eq(relationship_add(db, &rb, &r4, &err), KITH_OK);
		ck_assert_int_eq(relationship_add(db, &(struct kith_relationship){
			.a_id = ana, .b_org_id = union_id, .type = KITH_REL_MEMBERSHIP,
			.strength = 3, .end_date = "2025-06-30" }, NULL, &err), KITH_OK);
		x.n = 0;
		ck_assert_int_eq(relationship_list_for_org(db, union_id, rel_cb, &x, &err), KITH_OK);
		ck_assert_int_eq(x.n, 3);
		ck_assert_int_eq(x.ids[0], r4);
		ck_assert_int_eq(x.other[0], bo);
		ck_assert_str_eq(x.names[0], "Bo");
		ck_assert_int_eq(x.other_org[0], 0);
		ck_assert_int_eq(x.ids[1], r3);
		ck_assert_int_eq(x.other[1], zoe);
		ck_assert(x.current[1]);
		ck_assert_int_eq(x.other[2], ana);     /* past: last, with her last touch */
		ck_assert(!x.current[2]);
		ck_assert_str_eq(x.last[2], "2026-03-01 10:00");
		ck_assert_int_eq(relationship_delete(db, r4, &err), KITH_OK);
		x.n = 0;
		ck_assert_int_eq(relationship_list_for_org(db, 999, rel_cb, &x, &err), KITH_OK);
		ck_assert_int_eq(x.n, 0);
	}

	/* end one: it goes after the current ones */
	ck_assert_int_eq(relationship_end(db, r1, "2026-01-31", &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, zoe, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.ids[2], r1);
	ck_assert(!x.current[2]);
	ck_assert(x.current[0]);
	ck_assert_int_eq(relationship_end(db, r2, NULL, &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, bo, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert(!x.current[0]);
	ck_assert_int_eq(relationship_end(db, 999, NULL, &err), KITH_NOTFOUND);
	ck_assert_int_eq(relationship_end(db, r2, "soon", &err), KITH_INVALID);

	/* validation: nothing is written */
	r = (struct kith_relationship){ .a_id = zoe, .b_id = bo, .strength = 5 };
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "strength 5: must be 1 to 3");
	r.strength = 2;
	r.start_date = "2026-02-30";
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	ck_assert_str_eq(err.msg, "start 2026-02-30: not a date");
	r.start_date = NULL;
	r.b_id = zoe;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	r.b_id = 0;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	r.b_id = bo;
	r.b_org_id = union_id;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	r.b_org_id = 0;
	r.b_id = 404;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #404: no such contact");
	/* the other ids it names: an organisation, and its own side (never none) */
	r.b_id = 0;
	r.b_org_id = 405;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "organisation #405: no such organisation");
	r.b_org_id = 0;
	r.b_id = bo;
	r.a_id = 0;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_NOTFOUND);
	ck_assert_str_eq(err.msg, "contact #0: no such contact");
	r.a_id = zoe;
	r.type = 99;
	ck_assert_int_eq(relationship_add(db, &r, NULL, &err), KITH_INVALID);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, zoe, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 3);

	/* update and delete */
	r = (struct kith_relationship){ .id = r3, .a_id = zoe, .b_org_id = union_id,
					.type = KITH_REL_DONATION, .strength = 1 };
	ck_assert_int_eq(relationship_update(db, &r, &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, zoe, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.type[0], KITH_REL_DONATION);
	r.id = 999;
	ck_assert_int_eq(relationship_update(db, &r, &err), KITH_NOTFOUND);
	ck_assert_int_eq(relationship_delete(db, r3, &err), KITH_OK);
	ck_assert_int_eq(relationship_delete(db, r3, &err), KITH_NOTFOUND);
	/* deleting a contact takes its relationships */
	ck_assert_int_eq(contact_delete(db, ana, &err), KITH_OK);
	x.n = 0;
	ck_assert_int_eq(relationship_list_for_contact(db, zoe, rel_cb, &x, &err), KITH_OK);
	ck_assert_int_eq(x.n, 1);
	ck_assert_int_eq(x.ids[0], r2);
}
END_TEST

/*
** The lists of several contacts in one query (a map's export): the rows of
** each contact's own list, contact by contact in the order asked, each
** saying whose it is.
*/
START_TEST(test_lists_for_contacts)
{
	struct kith_err err;
	int64_t zoe = person("Zoë"), ana = person("Ana"), bo = person("Bo"), cy = person("Cy");
	int64_t un = org("Teachers Union", KITH_ORG_UNION);
	int64_t ids[] = { bo, cy, zoe, ana };
	struct kith_relationship rels[] = {
		{ .a_id = zoe, .b_id = ana, .type = KITH_REL_MENTOR, .strength = 3 },
		{ .a_id = bo, .b_id = zoe, .type = KITH_REL_RIVAL, .strength = 1 },
		{ .a_id = zoe, .b_org_id = un, .type = KITH_REL_MEMBERSHIP, .strength = 2 },
		{ .a_id = ana, .b_id = bo, .type = KITH_REL_SOCIAL, .strength = 2,
		  .end_date = "2025-01-31" },
	};
	struct kith_role roles[] = {
		{ .contact_id = zoe, .org_id = un, .title = "Chair", .start_date = "2023-01-01" },
		{ .contact_id = zoe, .org_id = un, .title = "Member", .start_date = "2019-01-01",
		  .end_date = "2022-12-31" },
		{ .contact_id = ana, .org_id = un, .title = "Member" },
		{ .contact_id = zoe, .seat = "District 3", .title = "Council member",
		  .start_date = "2024-01-01" },
	};
	struct rels all = { .n = 0 }, one;
	struct roles rall = { .n = 0 }, rone;
	int at = 0, rat = 0;

	for (size_t i = 0; i < sizeof rels / sizeof *rels; i++)
		ck_assert_int_eq(relationship_add(db, &rels[i], NULL, &err), KITH_OK);
	for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
		ck_assert_int_eq(role_add(db, &roles[i], NULL, &err), KITH_OK);
	ck_assert_int_eq(relationship_list_for_contacts(db, ids, 4, rel_cb, &all, &err), KITH_OK);
	ck_assert_int_eq(role_list_for_contacts(db, ids, 4, role_cb, &rall, &err), KITH_OK);
	ck_assert_int_eq(all.n, 7);            /* between two of them: from both sides */
	ck_assert_int_eq(rall.n, 4);
	for (int k = 0; k < 4; k++) {
		one.n = 0;
		rone.n = 0;
		ck_assert_int_eq(relationship_list_for_contact(db, ids[k], rel_cb, &one, &err),
				 KITH_OK);
		ck_assert_int_eq(role_list_for_contact(db, ids[k], role_cb, &rone, &err), KITH_OK);
		for (int i = 0; i < one.n; i++, at++) {
			ck_assert_int_eq(all.ids[at], one.ids[i]);
			ck_assert_int_eq(all.other[at], one.other[i]);
			ck_assert_int_eq(all.other_org[at], one.other_org[i]);
			ck_assert_int_eq(all.current[at], one.current[i]);
			ck_assert_int_eq(all.whose[at], ids[k]);
			ck_assert_int_eq(one.whose[i], 0);
		}
		for (int i = 0; i < rone.n; i++, rat++) {
			ck_assert_int_eq(rall.ids[rat], rone.ids[i]);
			ck_assert_int_eq(rall.whose[rat], ids[k]);
		}
	}
	ck_assert_int_eq(at, all.n);
	ck_assert_int_eq(rat, rall.n);
	/* none asked: none listed */
	all.n = 0;
	rall.n = 0;
	ck_assert_int_eq(relationship_list_for_contacts(db, ids, 0, rel_cb, &all, &err), KITH_OK);
	ck_assert_int_eq(role_list_for_contacts(db, ids, 0, role_cb, &rall, &err), KITH_OK);
	ck_assert_int_eq(all.n, 0);
	ck_assert_int_eq(rall.n, 0);
}
END_TEST

static Suite *
org_suite(void)
{
	Suite *s = suite_create("org");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_org_crud);
	tcase_add_test(tc, test_org_validation);
	tcase_add_test(tc, test_org_resolve_and_list);
	tcase_add_test(tc, test_roles);
	tcase_add_test(tc, test_relationships);
	tcase_add_test(tc, test_lists_for_contacts);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return test_run_suite(org_suite()) ? 1 : 0;
}
