/*
 * dot.c: the relationships around a power map as a Graphviz graph (see
 * kith/mapexport.h). Nodes are the map's placed contacts ("c12") and
 * organisations ("o3"), and me; edges are the current relationships among
 * them and the current roles of placed contacts in placed organisations.
 * Render with `dot -Tsvg map.dot > map.svg`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/db.h"
#include "kith/mapexport.h"
#include "kith/org.h"
#include "kith/types.h"
#include "kith/utf8.h"
#include "kith/xalloc.h"
#include "kith/mapdata.h"

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

/*
** The edges come from one query per table, each in the order of the map's
** items; edge[i] collects item i's (then its roles'), edge[md->n] me's,
** and they are written in that order.
*/
struct dot_ctx {
	const struct map_data *md;
	struct strbuf *edge;        /* md->n + 1 */
	int64_t me;                 /* me when not on the map, else 0 */
};

/* Where the edges from contact `from` go: its item's, or me's. */
static struct strbuf *
edges_of(struct dot_ctx *d, int64_t from)
{
	const struct map_item *it = from == d->me ? NULL : map_data_find(d->md, from, 0);

	return &d->edge[it ? it - d->md->items : d->md->n];
}

/* An edge from ctx->from to a placed entity (or me), each pair once. */
static int
rel_cb(void *ud, const struct relationship_row *r)
{
	struct dot_ctx *d = ud;
	int64_t from = r->contact_id;
	bool from_me = d->me && from == d->me;
	bool other_me = r->other_id && r->other_id == d->me;

	if (!r->current)
		return 0;
	if (!other_me && !map_data_find(d->md, r->other_id, r->other_org_id))
		return 0;
	/* between two contacts, written from the lower id's side (me's side for me) */
	if (r->other_id && !from_me && (other_me || r->other_id < from))
		return 0;
	sb_printf(edges_of(d, from), "  c%lld -> %c%lld [label=\"%s\", penwidth=%d%s];\n",
		  (long long)from, r->other_id ? 'c' : 'o',
		  (long long)(r->other_id ? r->other_id : r->other_org_id),
		  kith_rel_type_name(r->type), r->strength,
		  r->other_id ? ", dir=none" : "");
	return 0;
}

static int
role_cb(void *ud, const struct role_row *r)
{
	struct dot_ctx *d = ud;
	struct strbuf *sb = edges_of(d, r->contact_id);

	if (*r->end_date || !r->org_id || !map_data_find(d->md, 0, r->org_id))
		return 0;
	sb_printf(sb, "  c%lld -> o%lld [label=\"", (long long)r->contact_id, (long long)r->org_id);
	dot_text(sb, *r->title ? r->title : r->seat);
	sb_append(sb, "\", style=dashed];\n");
	return 0;
}

enum kith_status
map_export_dot(struct kdb *db, int64_t map_id, struct strbuf *out, struct kith_err *err)
{
	struct map_data md;
	struct dot_ctx d;
	int64_t *ids;
	size_t n = 0;
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
	d.md = &md;
	d.edge = xcalloc((size_t)md.n + 1, sizeof *d.edge);
	/* me placed on the map is one of its contacts; else an extra node */
	d.me = me && !map_data_find(&md, me, 0) ? me : 0;
	ids = xreallocarray(NULL, (size_t)md.n + 1, sizeof *ids);
	for (int i = 0; i < md.n; i++)
		if (md.items[i].contact_id)
			ids[n++] = md.items[i].contact_id;
	/* relationships of the placed contacts and then of me; then their roles */
	if (d.me)
		ids[n] = d.me;
	rc = relationship_list_for_contacts(db, ids, n + (d.me != 0), rel_cb, &d, err);
	if (rc == KITH_OK)
		rc = role_list_for_contacts(db, ids, n, role_cb, &d, err);
	for (int i = 0; i <= md.n; i++) {
		sb_append(out, sb_str(&d.edge[i]));
		sb_free(&d.edge[i]);
	}
	sb_append(out, "}\n");
	free(d.edge);
	free(ids);
	map_data_free(&md);
	return rc;
}
