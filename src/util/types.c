/*
 * types.c: names of the data model's vocabularies (see kith/types.h).
 */
#include "kith/types.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#define WORD(n, w) w,

const char *
kith_word_name(const char *const *words, int n, int v, const char *unknown)
{
	return v >= 0 && v < n ? words[v] : unknown;
}

int
kith_word_parse(const char *const *words, int n, const char *word)
{
	char buf[64];
	size_t i;

	if (!word)
		return -1;
	/* the spelling kith stores: every row read from the database, so first */
	for (int k = 0; k < n; k++)
		if (words[k][0] == word[0] && strcmp(words[k], word) == 0)
			return k;
	for (i = 0; word[i] && i < sizeof buf - 1; i++)
		buf[i] = word[i] == '_' ? '-' : word[i];
	if (word[i])
		return -1;
	buf[i] = '\0';
	for (int k = 0; k < n; k++)
		if (strcasecmp(words[k], buf) == 0)
			return k;
	return -1;
}

#define KITH_TYPE_DEFINE(list, prefix, lower) \
	static const char *const lower##_words[] = { list(WORD) }; \
	KITH_WORDS_DEFINE(kith_##lower##_name, kith_##lower##_parse, lower##_words, \
			  KITH_##prefix##_COUNT_, "?")

KITH_TYPES(KITH_TYPE_DEFINE)

int
kith_interaction_way_of(int way, int kind)
{
	if (way > KITH_IWAY_AUTO && way < KITH_IWAY_COUNT_)
		return way;
	switch (kind) {
	case KITH_IKIND_EMAIL:
	case KITH_IKIND_MESSAGE:
	case KITH_IKIND_SOCIAL:
		return KITH_IWAY_OUT;
	case KITH_IKIND_NOTE:
		return KITH_IWAY_NONE;
	default:
		return KITH_IWAY_BOTH;
	}
}

static const char *const alignment_words[] = { KITH_ALIGNMENTS(WORD) };

const char *
kith_alignment_name(int alignment)
{
	if (alignment < -2 || alignment > 2)
		return "?";
	return alignment_words[alignment + 2];
}

int
kith_tier_cadence(char tier)
{
	switch (toupper((unsigned char)tier)) {
	case 'A': return 21;
	case 'B': return 60;
	case 'C': return 180;
	case 'D': return 365;
	default:  return 0;
	}
}
