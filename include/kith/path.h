/*
 * path.h: where kith keeps its files.
 */
#ifndef KITH_PATH_H
#define KITH_PATH_H

#include "kith/status.h"

/*
** The database path: explicit (from -d/--db) if non-NULL, else $KITH_DB,
** else $XDG_DATA_HOME/kith/kith.db, else $HOME/.local/share/kith/kith.db.
** Newly allocated. KITH_INVALID if no HOME and no XDG variable is set.
*/
enum kith_status path_db(const char *explicit_path, char **out, struct kith_err *err);

/* $XDG_CONFIG_HOME/kith/config or $HOME/.config/kith/config (may not exist). */
enum kith_status path_config(char **out, struct kith_err *err);

/* Create every missing directory leading to the file `path`, mode 0700. */
enum kith_status path_mkparents(const char *path, struct kith_err *err);

/* Join two path parts with one '/'. Newly allocated. */
char *path_join(const char *a, const char *b);

#endif
