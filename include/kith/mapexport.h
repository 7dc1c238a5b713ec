/*
 * mapexport.h: a power map as pictures: SVG (the grid, for a slide) and
 * Graphviz DOT (the relationships around the map's entities).
 */
#ifndef KITH_MAPEXPORT_H
#define KITH_MAPEXPORT_H

#include <stdint.h>

#include "kith/status.h"
#include "kith/str.h"

struct kdb;

/*
** The grid of map_id as a standalone SVG document appended to out: title
** and goal, the five alignment bands as coloured columns (opposed left,
** allied right) under labelled axes, influence 5 at the top, every
** placement's name in its cell (a dot for a person, a square for an
** organisation, a ringed star for a target), a legend and the band counts.
** as_of NULL: now; else "YYYY-MM-DD": the map as it stood then.
*/
enum kith_status map_export_svg(struct kdb *db, int64_t map_id, const char *as_of,
				struct strbuf *out, struct kith_err *err);

/*
** The relationship graph around map_id as a Graphviz digraph appended to
** out: its placed contacts and organisations (and me), coloured by
** alignment, targets bold; current relationships between them (labelled by
** type, thicker when stronger) and current roles of placed contacts in
** placed organisations.
*/
enum kith_status map_export_dot(struct kdb *db, int64_t map_id, struct strbuf *out,
				struct kith_err *err);

#endif
