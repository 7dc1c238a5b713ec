/*
 * ui.h: the full-screen planner (ncursesw). The only entry point the
 * command line needs; everything else in src/ui is private to it.
 */
#ifndef KITH_UI_H
#define KITH_UI_H

#include "kith/status.h"

struct kdb;

/*
** Run the planner on an open database until the user quits. `label` is the
** database path as shown in the title bar; config_path the user's config
** file (may be missing; bad lines are reported, the rest loads);
** extra_config configuration text applied after it (kith demo: the tour),
** or NULL.
** Returns KITH_OK, or an error (no terminal, terminal unusable) in err.
** Restores the terminal on every exit path.
*/
enum kith_status ui_run(struct kdb *db, const char *label, const char *config_path,
			const char *extra_config, struct kith_err *err);

#endif
