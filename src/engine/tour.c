/*
 * tour.c: the guided tour of `kith demo` (option `tour`). A short list of
 * steps, each waiting for one command; the step's text shows on the status
 * line whenever no other message does, and the step moves on when the user
 * runs its command — so the tour teaches by doing, at the user's pace.
 */
#include "core.h"

#include <stdio.h>

#define TOUR_CMDS 4

struct tour_step {
	enum cmd done_by[TOUR_CMDS];    /* any of these commands completes the step */
	const char *text;
};

static const struct tour_step steps[] = {
	{ { CMD_REVIEW }, "Welcome to the demo campaign. Press r for this morning's review." },
	{ { CMD_REVIEW_EXPLAIN }, "One person at a time, with why they are here. Press ? to see the score." },
	{ { CMD_REVIEW_SKIP, CMD_REVIEW_DONE, CMD_REVIEW_LOG },
	  "l logs a talk, x marks done, s snoozes. Press n to skip to the next person." },
	{ { CMD_REVIEW_END }, "Press q to end the review: it resumes where you left it, today." },
	{ { CMD_PANE_MAP }, "Press 3 for the power map of the school bond." },
	{ { CMD_MAP_MOVE_LEFT, CMD_MAP_MOVE_RIGHT, CMD_MAP_MOVE_UP, CMD_MAP_MOVE_DOWN },
	  "Move with h/j/k/l, then H/J/K/L moves the selected person a cell (saved, undoable)." },
	{ { CMD_WARM_PATHS }, "Press w: the warm paths from you to the selected person, hop by hop." },
	{ { CMD_GOALS }, "Press zg for your goals: progress bars, the pace and who counted; 1 comes back." },
	{ { CMD_CAPTURE }, "Press c to note a meeting in one line: @zoe coffee #housing !fri send the draft" },
	{ { CMD_PANE_EVENTS }, "Press 2 for the events: who will be there, and what you promised them." },
	{ { CMD_SEARCH }, "Press / and type part of a name: the list filters as you type." },
	{ { CMD_CONCERNS }, "Type :concerns for what people raised, in their words: the listening "
	  "report before a town hall." },
	{ { CMD_HEALTH }, "Press Esc, then zh: the health of your network, where it is narrow and "
	  "whom you only asked of." },
	{ { CMD_HELP }, "Last step: ? lists every key of the pane you are in." },
};
#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))

static char tour_text[256];

void
tour_note(struct engine *e, enum cmd cmd)
{
	e->tour_fresh = false;
	if (!options_int(e->opts, "tour") || e->tour_step >= NSTEPS)
		return;
	for (int i = 0; i < TOUR_CMDS; i++)
		if (steps[e->tour_step].done_by[i] == cmd && cmd != CMD_NONE) {
			e->tour_step++;
			e->tour_fresh = true;
			return;
		}
}

const char *
tour_with_message(struct engine *e, const char *message)
{
	const char *t;

	/* the step just done said something ("Review ended"): keep it, and say
	   what comes next beside it, not only after another key */
	if (!e->tour_fresh || !message || !(t = tour_text_now(e)))
		return message;
	sb_reset(&e->tour_msg);
	sb_printf(&e->tour_msg, "%s · %s", message, t);
	return sb_str(&e->tour_msg);
}

const char *
tour_text_now(struct engine *e)
{
	if (!options_int(e->opts, "tour"))
		return NULL;
	if (e->tour_step >= NSTEPS)
		return e->tour_step == NSTEPS ? "Tour done. Everything here is a copy: q quits and "
					       "removes it. kith on its own opens your own network." : NULL;
	snprintf(tour_text, sizeof tour_text, "Tour %d/%d: %s", e->tour_step + 1, NSTEPS,
		 steps[e->tour_step].text);
	return tour_text;
}
