/*
 * editor.c: running $VISUAL/$EDITOR on the engine's temporary file.
 *
 * Curses is suspended (def_prog_mode, endwin) while the editor owns the
 * terminal and restored after (reset_prog_mode, a full repaint). The
 * command line comes from the engine (`set editor`, default $VISUAL,
 * $EDITOR, vi) and may hold arguments, so it runs through /bin/sh; the
 * file name is passed as "$1", never pasted into the command text.
 */
#include "ui_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kith/str.h"

/* Run cmd "$1" with file; true if it exited with status 0. */
static bool
run_editor(const char *cmd, const char *file)
{
	struct sigaction ign, old_int, old_quit;
	struct strbuf line = { 0 };
	int status = 0;
	pid_t pid;
	bool ok = false;

	sb_printf(&line, "%s \"$1\"", cmd && *cmd ? cmd : "vi");
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", sb_str(&line), "sh", file, (char *)NULL);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sb_free(&line);
	return ok;
}

int
editor_run(struct engine *e)
{
	const char *file = engine_editor_file(e);
	bool ok;

	if (!file)
		return R_REDRAW;
	def_prog_mode();
	endwin();
	fflush(stdout);
	ok = run_editor(engine_editor_command(e), file);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return engine_editor_done(e, ok) | R_REDRAW | R_RELAYOUT;
}
