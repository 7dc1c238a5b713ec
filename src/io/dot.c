/*
 * dot.c: the relationships around a power map as a Graphviz graph (see
 * kith/mapexport.h). Nodes are the map's placed contacts ("c12") and
 * organisations ("o3"), and me; edges are the current relationships among
 * them and the current roles of placed contacts in placed organisations.
 * Render with `dot -Tsvg map.dot > map.svg`.
 */
#include <stdio.h>
#include <string.h>

#include "kith/db.h"
#include "kith/mapexport.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "mapdata.h"

static const char *const band_color[5] = { "#b03a2e", "#d35400", "#616a6b", "#229954",
					   "#196f3d" };

/* Append s as a DOT string body: quotes and backslashes escaped, controls dropped. */
static void
dot_text(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), i = 0;
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == '"' || cp == '\\')
			sb_appendc(sb, '\\');
		if (!utf8_is_unsafe(cp) && !(cp == UTF8_REPLACEMENT && n == 1))
			sb_appendn(sb, s + i, n);
		i += n;
	}
}

struct dot_ctx {
	const struct map_data *md;
	struct strbuf *out;
	int64_t from;               /* the contact whose relationships are listed */
	bool from_me;               /* ... is me, not on the map */
	int64_t me;
	int edges;
};

/* An edge from ctx->from to a placed entity (or me), each pair once. */
static int
rel_cb(void *ud, const struct relationship_row *r)
{
	struct dot_ctx *d = ud;
	bool other_me = r->other_id && r->other_id == d->me;

	if (!r->current)
		return 0;
	if (!other_me && !map_data_find(d->md, r->other_id, r->other_org_id))
		return 0;
	/* between two contacts, written from the lower id's side (me's side for me) */
	if (r->other_id && !d->from_me && (other_me || r->other_id < d->from))
		return 0;
	sb_printf(d->out, "  c%lld -> %c%lld [label=\"%s\", penwidth=%d%s];\n",
		  (long long)d->from, r->other_id ? 'c' : 'o',
		  (long long)(r->other_id ? r->other_id : r->other_org_id),
		  kith_rel_type_name(r->type), r->strength,
		  r->other_id ? ", dir=none" : "");
	d->edges++;
	return 0;
}

static int
role_cb(void *ud, const struct role_row *r)
{
	struct dot_ctx *d = ud;

	if (*r->end_date || !r->org_id || !map_data_find(d->md, 0, r->org_id))
		return 0;
	sb_printf(d->out, "  c%lld -> o%lld [label=\"", (long long)d->from, (long long)r->org_id);
	dot_text(d->out, *r->title ? r->title : r->seat);
	sb_append(d->out, "\", style=dashed];\n");
	d->edges++;
	return 0;
}

enum kith_status
map_export_dot(struct kdb *db, int64_t map_id, struct strbuf *out, struct kith_err *err)
{
	struct map_data md;
	struct dot_ctx d;
	enum kith_status rc;
	int64_t me = kdb_me(db);

	if ((rc = map_data_load(db, map_id, NULL, &md, err)) != KITH_OK)
		return rc;
	sb_append(out, "digraph \"");
	dot_text(out, md.map.name);
	sb_append(out, "\" {\n  graph [label=\"");
	dot_text(out, md.map.name);
	if (md.map.goal && *md.map.goal) {
		sb_append(out, "\\n");
		dot_text(out, md.map.goal);
	}
	sb_append(out, "\", labelloc=t, fontname=\"Helvetica\", overlap=false, splines=true];\n"
		  "  node [fontname=\"Helvetica\", style=filled, fontcolor=white];\n"
		  "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#566573\"];\n");
	if (me && !map_data_find(&md, me, 0))
		sb_printf(out, "  c%lld [label=\"me\", shape=ellipse, fillcolor=\"#2e86c1\"];\n",
			  (long long)me);
	for (int i = 0; i < md.n; i++) {
		const struct map_item *it = &md.items[i];
		sb_printf(out, "  %c%lld [label=\"", it->contact_id ? 'c' : 'o',
			  (long long)(it->contact_id ? it->contact_id : it->org_id));
		dot_text(out, it->name);
		sb_printf(out, "\\ninfluence %d\", shape=%s, fillcolor=\"%s\"%s];\n", it->influence,
			  it->org_id ? "box" : "ellipse", band_color[it->alignment + 2],
			  it->primary ? ", penwidth=4, color=\"#f4d03f\", peripheries=2" :
			  it->target ? ", penwidth=3, color=\"#f4d03f\"" : "");
	}
	memset(&d, 0, sizeof d);
	d.md = &md;
	d.out = out;
	/* me placed on the map is one of its contacts; else an extra node */
	d.me = me && !map_data_find(&md, me, 0) ? me : 0;
	for (int i = 0; i < md.n && rc == KITH_OK; i++) {
		if (!md.items[i].contact_id)
			continue;
		d.from = md.items[i].contact_id;
		d.from_me = false;
		rc = relationship_list_for_contact(db, d.from, rel_cb, &d, err);
		if (rc == KITH_OK)
			rc = role_list_for_contact(db, d.from, role_cb, &d, err);
	}
	if (rc == KITH_OK && d.me) {
		d.from = me;
		d.from_me = true;
		rc = relationship_list_for_contact(db, me, rel_cb, &d, err);
	}
	sb_append(out, "}\n");
	map_data_free(&md);
	return rc;
}
