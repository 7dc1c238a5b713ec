/*
 * bulk.h: marks by search and bulk actions on marked rows (bulk.c).
 */
#ifndef KITH_ENGINE_BULK_H
#define KITH_ENGINE_BULK_H

#include <stdbool.h>

#include "kith/command.h"

struct engine;

/*
** Before the pane sees a command: run it here if it is a bulk action, a
** command given after `;`, `:mark TEXT`, mark-matches, mark-clear, or a
** contact command kept here (tag, tier, invite, map-place in Contacts).
** Returns true with reactions in *r if it was.
*/
bool bulk_command(struct engine *e, enum cmd cmd, long count, const char *arg, int *r);

#endif
