/*
 * theme.c: the default colours, and the names `color` lines use.
 *
 * Each view style (VIEW_STYLES in view.h) has one entry: foreground,
 * background (0..255, -1 = the terminal's default) and attributes. The
 * defaults use the eight basic colours only, so they work on any
 * colour terminal; monochrome screens use the attributes alone.
 */
#include "core.h"

#include <string.h>
#include <strings.h>

static const char *const style_names[VS_COUNT_] = {
#define STYLE_NAME(n, s) [VS_##n] = s,
	VIEW_STYLES(STYLE_NAME)
#undef STYLE_NAME
};

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };
#define DEF -1

static const struct view_theme_entry default_theme[VS_COUNT_] = {
	[VS_NORMAL]     = { DEF, DEF, 0 },
	[VS_TITLE]      = { WHITE, BLUE, VA_BOLD },
	[VS_STATUS]     = { DEF, DEF, VA_REVERSE },
	[VS_ERROR]      = { WHITE, RED, VA_BOLD },
	[VS_SELECTED]   = { DEF, DEF, VA_REVERSE },
	[VS_HEADER]     = { DEF, DEF, VA_BOLD | VA_UNDERLINE },
	[VS_DIM]        = { DEF, DEF, VA_DIM },
	[VS_MARKED]     = { YELLOW, DEF, VA_BOLD },
	[VS_OVERDUE]    = { RED, DEF, VA_BOLD },
	[VS_DUE]        = { YELLOW, DEF, 0 },
	[VS_ALLY]       = { GREEN, DEF, 0 },
	[VS_OPPOSED]    = { RED, DEF, 0 },
	[VS_NEUTRAL]    = { DEF, DEF, 0 },
	[VS_TARGET]     = { MAGENTA, DEF, VA_BOLD },
	[VS_TAB]        = { DEF, DEF, 0 },
	[VS_TAB_ACTIVE] = { DEF, DEF, VA_BOLD | VA_REVERSE },
	[VS_LABEL]      = { CYAN, DEF, 0 },
	[VS_INPUT]      = { DEF, DEF, VA_UNDERLINE },
	[VS_HIGHLIGHT]  = { CYAN, DEF, VA_BOLD },
	[VS_HELP_KEY]   = { GREEN, DEF, VA_BOLD },
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct { const char *name; int bit; } attr_names[] = {
	{ "bold", VA_BOLD }, { "underline", VA_UNDERLINE }, { "reverse", VA_REVERSE },
	{ "dim", VA_DIM }, { "italic", VA_ITALIC }, { "normal", 0 }, { "none", 0 },
};

/* Copy the default theme into t (VS_COUNT_ entries). */
void
theme_default(struct view_theme_entry *t)
{
	memcpy(t, default_theme, sizeof(default_theme));
}

/* The style for an element name ("cursor", "overdue"); -1 if unknown. */
int
theme_style_by_name(const char *name)
{
	return str_index(style_names, VS_COUNT_, name);
}

const char *
theme_style_name(int style)
{
	return str_at(style_names, VS_COUNT_, style);
}

/*
** A colour by name: "default" (-1), the eight names (0..7), "brightX"
** (8..15), "colorN" or a bare N for 0..255. False if none of those.
*/
bool
theme_color_parse(const char *s, int *out)
{
	long long n;
	int i;

	if (!s)
		return false;
	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < 8; i++) {
		if (strcasecmp(s, color_names[i]) == 0) {
			*out = i;
			return true;
		}
		if (strncasecmp(s, "bright", 6) == 0 && strcasecmp(s + 6, color_names[i]) == 0) {
			*out = i + 8;
			return true;
		}
	}
	if (strncasecmp(s, "color", 5) == 0)
		s += 5;
	if (str_to_int(s, 0, 255, &n)) {
		*out = (int)n;
		return true;
	}
	return false;
}

/* An attribute name to its bit (0 for "normal"/"none"); -1 if unknown. */
int
theme_attr_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(attr_names) / sizeof(attr_names[0]); i++)
		if (s && strcasecmp(s, attr_names[i].name) == 0)
			return attr_names[i].bit;
	return -1;
}
