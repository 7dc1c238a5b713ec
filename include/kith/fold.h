/*
 * fold.h: text folded the way a person types it on a US keyboard, for
 * matching and sorting names: "Małgorzata Łukasiewicz" -> "malgorzata
 * lukasiewicz", "Strauß" -> "strauss", "Ægir" -> "aegir", "Þóra" ->
 * "thora", "Işık" -> "isik", and other scripts spelt in Latin letters
 * ("Владимир" -> "vladimir", "王小明" -> "wang xiao ming").
 *
 * It is ICU's transform "Any-Latin; Latin-ASCII; Lower". Latin letters
 * are folded from a table generated from that same transform
 * (src/tools/gen_fold.py), so ICU, opened with dlopen, is loaded only for
 * text with letters of another script (loading it costs a process about
 * 4.5 ms and opening the transform 30 ms; transliterating one name 25 us).
 * Without ICU such letters stay as they are, lower-cased.
 */
#ifndef KITH_FOLD_H
#define KITH_FOLD_H

#include <stdbool.h>

/* The folded form of s (NULL folds as ""), whitespace collapsed and
   trimmed as utf8_fold does. Newly allocated. */
char *fold_text(const char *s);

/* True if s has letters the built-in table cannot fold (fold_text would
   open ICU for them). */
bool fold_needs_icu(const char *s);

/* True once this process has loaded ICU. */
bool fold_icu_loaded(void);

/* Tests: the library fold_text opens instead of ICU's (before its first
   use); a name that does not exist makes it fold without ICU. */
void fold_test_set_icu_lib(const char *soname);

#endif
