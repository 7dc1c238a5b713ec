/*
 * path.c: where kith keeps its files (see kith/path.h, PRODUCT.md section 3).
 */
#include "kith/path.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kith/str.h"
#include "kith/xalloc.h"

char *
path_join(const char *a, const char *b)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(a);

	sb_append(&sb, a);
	if (n == 0 || a[n - 1] != '/')
		sb_appendc(&sb, '/');
	while (*b == '/')
		b++;
	sb_append(&sb, b);
	return sb_detach(&sb);
}

/* $VAR if set to an absolute path, else $HOME/fallback; NULL if neither. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var), *home;

	if (v && v[0] == '/')
		return xstrdup(v);
	home = getenv("HOME");
	if (home && *home)
		return path_join(home, fallback);
	return NULL;
}

/*
** <XDG dir>/leaf in *out: the directory from var, else ~/fallback. When
** neither HOME nor var is set: "<what>: HOME and <var> are unset<hint>".
*/
static enum kith_status
xdg_path(const char *var, const char *fallback, const char *leaf, const char *what,
	 const char *hint, char **out, struct kith_err *err)
{
	char *dir = xdg_dir(var, fallback);

	*out = NULL;
	if (!dir)
		return kith_err_set(err, KITH_INVALID, "%s: HOME and %s are unset%s", what, var,
				    hint);
	*out = path_join(dir, leaf);
	free(dir);
	return KITH_OK;
}

enum kith_status
path_db(const char *explicit_path, char **out, struct kith_err *err)
{
	const char *env = getenv("KITH_DB");

	*out = NULL;
	if (explicit_path && *explicit_path) {
		*out = xstrdup(explicit_path);
		return KITH_OK;
	}
	if (env && *env) {
		*out = xstrdup(env);
		return KITH_OK;
	}
	return xdg_path("XDG_DATA_HOME", ".local/share", "kith/kith.db", "database",
			"; give one with -d PATH or KITH_DB", out, err);
}

enum kith_status
path_config(char **out, struct kith_err *err)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "kith/config", "config", "", out, err);
}

enum kith_status
path_mkparents(const char *path, struct kith_err *err)
{
	char *p, *slash;
	struct stat st;
	size_t comp = 0;

	/* Decide before creating anything: a path the system cannot open
	   would otherwise leave a trail of directories behind. */
	if (strlen(path) >= PATH_MAX)
		return kith_err_set(err, KITH_INVALID, "database path: longer than %d bytes; nothing "
				    "was created", PATH_MAX - 1);
	for (const char *c = path; ; c++) {
		if (*c == '/' || !*c) {
			if (comp > NAME_MAX)
				return kith_err_set(err, KITH_INVALID, "database path: a name in it is "
						    "longer than %d bytes; nothing was created",
						    NAME_MAX);
			comp = 0;
			if (!*c)
				break;
		} else {
			comp++;
		}
	}
	p = xstrdup(path);
	slash = strrchr(p, '/');
	if (!slash || slash == p) {
		free(p);
		return KITH_OK;
	}
	*slash = '\0';
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (stat(p, &st) != 0) {
				if (mkdir(p, 0700) != 0 && errno != EEXIST) {
					kith_err_set(err, KITH_IO, "%s: cannot create directory: %s",
						     p, strerror(errno));
					free(p);
					return KITH_IO;
				}
			} else if (!S_ISDIR(st.st_mode)) {
				kith_err_set(err, KITH_IO, "%s: not a directory", p);
				free(p);
				return KITH_IO;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return KITH_OK;
}
