/*
 * messages.c: `:messages`, every configuration error of this session in a
 * list one can scroll and filter (the start-up line shows only the first,
 * "+4 more"). Each line is "file:line: what is wrong".
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

#include "kith/fold.h"
#include "kith/str.h"

static int
messages_source(struct pick *pk, const char *filter, struct kith_err *err)
{
	const char *s = engine_config_errors(pk->e);
	char *want = fold_text(filter ? filter : "");
	int64_t n = 0;

	(void)err;
	while (s && *s) {
		size_t len = strcspn(s, "\n");
		char *line = strndup(s, len), *key = fold_text(line);

		if (strstr(key, want))
			pick_push(pk, n, line);
		n++;
		free(key);
		free(line);
		s += len;
		s += *s == '\n';
	}
	free(want);
	return KITH_OK;
}

/* Enter on a line: nothing to do but close the list. */
static int
messages_chosen(struct engine *e, int64_t id, void *ctx)
{
	(void)e;
	(void)id;
	(void)ctx;
	return R_REDRAW;
}

int
engine_messages(struct engine *e)
{
	const char *errs = engine_config_errors(e);

	if (!errs || !*errs) {
		engine_msg(e, "No configuration errors");
		return R_REDRAW;
	}
	engine_pick(e, "Configuration errors (Esc closes)", messages_source, messages_chosen, NULL,
		    NULL);
	return R_REDRAW;
}
