/*
 * commands.c: every command of the command line, declared once here, in
 * the order `kith --help` lists them: its name, its usage, its help text,
 * its options (their lists are in commands.h) and its run function
 * (cmd_*.c). The same table drives parsing, `kith help COMMAND`,
 * `kith COMMAND --help`, `kith --help` and `kith complete`, so the usage
 * shown is always the usage accepted.
 */
#include <stddef.h>

#include "cli.h"
#include "commands.h"

/* The help of an option several commands share. */
#define YES_HELP "  --yes            delete without asking (needed when not on a terminal)\n"
#define TEAM_AS_HELP \
	"  --as NAME        the name this replica's changes are logged by (default: the\n" \
	"                   contact who is me, else your login's name)\n"

/* The commands that differ only by what they act on. */
#define DELETE_CMD(var, word, ref) \
	{ \
		"delete", word, ref " [--yes]", "Delete a " word " (asks on a terminal).", \
		YES_HELP, cli_yes_opts, 1, 1, cli_cmd_delete_##var, \
	}
#define PROMISE_CLOSE_CMD(word) \
	{ \
		"promise", #word, "ID", "Mark a promise " #word " (it stays listed with --all).", \
		"", cli_no_opts, 1, 1, cli_cmd_promise_##word, \
	}

const struct cli_cmd cli_commands[] = {
	{
		"add", "contact",
		"NAME [--org O] [--role R] [--email E]... [--phone P]... [--tag T]... "
		"[--influence N] [--alignment N] [--tier A-D] [--cadence DAYS]",
		"Add a contact and print its id.",
		"  --org O          current organisation (created if new), with a role from today\n"
		"  --role R         the title of that role (\"Chair\")\n"
		"  --email E        an email address (repeatable)\n"
		"  --phone P        a phone number (repeatable)\n"
		"  --tag T          a tag (repeatable)\n"
		"  --influence N    1 to 5\n"
		"  --alignment N    -2 (active opposition) to 2 (active ally)\n"
		"  --tier A-D       keep-in-touch tier (cadence A 21, B 60, C 180, D 365 days)\n"
		"  --cadence DAYS   own cadence in days instead of the tier's (0: none)\n",
		CLI_OPTS(CLI_CONTACT_OPTS), 1, 1, cli_cmd_add_contact,
	},
	{
		"add", "event",
		"TITLE --at \"YYYY-MM-DD HH:MM\" [--until ...] [--where W] [--kind K] [--with CONTACT]...",
		"Add an event, with invited contacts, and print its id.",
		"  --at WHEN        the start; a date alone makes an all-day event\n"
		"  --until WHEN     the end (a WHEN, or HH:MM on the start day)\n"
		"  --where W        the location\n"
		"  --kind K         town-hall, council-meeting, conference, rally, fundraiser,\n"
		"                   volunteer-shift, meetup, informational-interview, one-to-one,\n"
		"                   other (default)\n"
		"  --with CONTACT   invite a contact (repeatable)\n",
		CLI_OPTS(ADD_EVENT_OPTS), 1, 1, cli_cmd_add_event,
	},
	{
		"attend", NULL, "EVENT CONTACT [--status invited|confirmed|attended|no-show|met]",
		"Record that a contact attended (or was invited to, or met you at) an event.",
		"  --status S       invited, confirmed, attended (default), no-show, met;\n"
		"                   attended and met count as a touch for last contacted\n",
		CLI_OPTS(ATTEND_OPTS), 2, 2, cli_cmd_attend,
	},
	{
		"log", NULL, "CONTACT TEXT [--kind K] [--out|--reply] [--give|--ask] [--at WHEN] "
		"[--follow-up WHEN [--title T]] [--private]",
		"Record an interaction with a contact and print its id.",
		"  --kind K         call, email, meeting, coffee, event, message, social,\n"
		"                   note (default)\n"
		"  --out            outreach not answered yet (email, message and social are\n"
		"                   by default; call, meeting, coffee, event are conversations)\n"
		"  --reply          they answered, or started it: ends the unanswered count\n"
		"  --at WHEN        when it happened (default: now)\n"
		"  --give, --ask    it was help you gave, or a favour you asked (kith health)\n"
		"  --follow-up WHEN also add a follow-up due then, linked to this interaction\n"
		"  --title T        the follow-up's title (default: \"Follow up: TEXT\")\n"
		"  --private        a private note: kept in DB.private, never shared with a\n"
		"                   team; its id is printed as pN (not with --follow-up,\n"
		"                   --give or --ask, which are shared)\n",
		CLI_OPTS(LOG_OPTS), 2, 2, cli_cmd_log,
	},
	{
		"follow-up", "add", "CONTACT TITLE --due WHEN [--owe|--owed]",
		"Add a follow-up (or a commitment) for a contact and print its id.",
		"  --due WHEN       when it is due (required)\n"
		"  --owe            a commitment: I owe the contact this\n"
		"  --owed           a commitment: the contact owes me this\n",
		CLI_OPTS(FOLLOWUP_ADD_OPTS), 2, 2, cli_cmd_followup_add,
	},
	{
		"follow-up", "done", "ID",
		"Mark follow-up ID done.", "",
		cli_no_opts, 1, 1, cli_cmd_followup_done,
	},
	{
		"follow-up", "snooze", "ID WHEN [--reason R]",
		"Move follow-up ID to a new due date, counting a snooze.",
		"  --reason R       why it was put off\n",
		CLI_OPTS(FOLLOWUP_SNOOZE_OPTS), 2, 2, cli_cmd_followup_snooze,
	},
	{
		"me", NULL, "[CONTACT]",
		"Show which contact is you (id and name), or set it to CONTACT.", "",
		cli_no_opts, 0, 1, cli_cmd_me,
	},
	{
		"today", NULL, "[--json] [--explain] [--limit N]",
		"Print today's review queue: who to contact and why, best first.",
		"  --json           a JSON array of {rank, contact_id, name, followup_id, what,\n"
		"                   why, score, terms: [{term, points, detail}]}\n"
		"  --explain        every term of every item's score\n"
		"  --limit N        at most N people (default: the review.cap option, 12)\n",
		CLI_OPTS(TODAY_OPTS), 0, 0, cli_cmd_today,
	},
	{
		"health", NULL, "[--json] [--limit N]",
		"Print the health of the network: where the people you talk to are narrow, strong ties "
		"going dormant, and what you gave each person against what you asked.",
		"  --json           one JSON object: since, days, contacts, active; sector,\n"
		"                   district, tier, met: {warning, groups: [{name, known, people,\n"
		"                   percent}]}; dormant: [{contact_id, name, tier, close, never,\n"
		"                   silent_days, cadence}]; reciprocity: [{contact_id, name, gave,\n"
		"                   asked, only_asked, gave_introductions, gave_help, promises_kept,\n"
		"                   asked_introductions, favours, owed_to_you}], with the totals\n"
		"  --limit N        list at most N people per list (default 20)\n",
		CLI_OPTS(HEALTH_OPTS), 0, 0, cli_cmd_health,
	},
	{
		"list", "contacts", "[--json] [--limit N] [--sort name|last|influence] [--all]",
		"List contacts: id, name, organisation, tier, influence, last contacted, next follow-up.",
		"  --json           a JSON array of {id, name, organisation, role, tier, influence,\n"
		"                   alignment, last_contacted, next_follow_up}\n"
		"  --limit N        at most N contacts\n"
		"  --sort S         name (default), last (least recently contacted first),\n"
		"                   influence (highest first)\n"
		"  --all            include archived contacts\n",
		CLI_OPTS(LIST_OPTS), 0, 0, cli_cmd_list_contacts,
	},
	{
		"list", "events", "[--json] [--limit N] [--past] [--all]",
		"List upcoming events, soonest first: id, start, title, location, and how a\n"
		"recurring one repeats. A series that began before now is listed at its next\n"
		"occurrence. Times are in your time zone (TZ).",
		"  --json           a JSON array of {id, title, kind, start, start_utc, zone, end,\n"
		"                   location, repeats, attendees}\n"
		"  --limit N        at most N events\n"
		"  --past           past events instead, newest first\n"
		"  --all            past and upcoming events, oldest first (a series at its\n"
		"                   first date)\n",
		CLI_OPTS(LIST_OPTS), 0, 0, cli_cmd_list_events,
	},
	{
		"list", "follow-ups", "[--json] [--limit N] [--all]",
		"List open follow-ups by due date: id, due, owe/owed, contact, title.",
		"  --json           a JSON array of {id, contact_id, contact, title, kind, due,\n"
		"                   status, direction, priority}\n"
		"  --limit N        at most N follow-ups\n"
		"  --all            also done and dropped ones, after the open ones\n",
		CLI_OPTS(LIST_OPTS), 0, 0, cli_cmd_list_followups,
	},
	{
		"search", NULL, "QUERY [--json] [--limit N]",
		"Search contacts, organisations, interactions, follow-ups and events.",
		"  Every word must match, as a word prefix; accents and case are ignored.\n"
		"  A QUERY with field terms (org:, role:, tag:, map:, district:, tier:, kind:;\n"
		"  -TERM negates) lists the people it selects (kith(1), QUERIES).\n"
		"  --json           a JSON array of {kind, id, title, detail}\n"
		"  --limit N        at most N hits of each kind (default 20)\n",
		CLI_OPTS(SEARCH_OPTS), 1, 1, cli_cmd_search,
	},
	{
		"backup", NULL, "[FILE]",
		"Copy the database, consistently even while kith is open, and print the copy's path.",
		"  FILE             where to write (must not exist); default: kith-backup-YYYY-MM-DD.db\n"
		"                   next to the database. The copy is mode 0600.\n",
		cli_no_opts, 0, 1, cli_cmd_backup,
	},
	{
		"demo", NULL, "[--no-ui]",
		"Open the planner on a temporary copy of the demo network; it is removed on exit.",
		"  --no-ui          instead load the demo network into the new database given\n"
		"                   by -d PATH (which must not exist or be empty) and exit\n",
		CLI_OPTS(DEMO_OPTS), 0, 0, cli_cmd_demo,
	},
	{
		"complete", NULL, "commands|options|contacts|maps [WORD...]",
		"Print completion candidates, one per line (for the shell completion scripts).",
		"  commands [NAME]  command names (NAME: its subcommands), as name:summary\n"
		"  options NAME [SUB]  the options of a command\n"
		"  contacts [PREFIX]  contact names, most recently contacted first (at most 50)\n"
		"  maps [PREFIX]    power map names\n",
		cli_no_opts, 1, 3, cli_cmd_complete,
	},
	{
		"capture", NULL, "[TEXT] [--create] [--json]",
		"Log an interaction from one quick-capture line (or one per line of stdin).",
		"  TEXT           @person @\"Full Name\" ~organisation ^event #tag words...\n"
		"                 !WHEN title (a follow-up), !owe WHEN title, !owed WHEN title,\n"
		"                 !intro @a>@b (see kith(1), QUICK CAPTURE)\n"
		"  --create       create contacts for names that match nobody\n"
		"  --json         print each saved capture as a JSON object, one a line\n"
		"  With no TEXT, every line of standard input is a capture; exit status 0 if\n"
		"  all were saved, 2 if any was rejected (the others are saved).\n",
		CLI_OPTS(CAPTURE_OPTS), 0, 1, cli_cmd_capture,
	},
	{
		"import", NULL, "FILE... [--format vcf|csv|ics] [--dry-run] [--skip-invalid]",
		"Import contacts (vCard, CSV) or events and to-dos (iCalendar), merging only the certain.",
		"  The format is read from the content (BEGIN:VCARD, BEGIN:VCALENDAR), else\n"
		"  from the extension. A contact with the same UID, or the same email and a\n"
		"  name that does not contradict, is merged into the one in kith (records of\n"
		"  one file only by UID): missing fields are filled in, a differing value is\n"
		"  kept aside; each merge is printed with why. The same name or a shared\n"
		"  phone keeps both and prints a possible duplicate. Importing the same\n"
		"  file again changes nothing.\n"
		"  Several files (any number) are imported in one transaction.\n"
		"  --format F       vcf, csv or ics, whatever the file looks like\n"
		"  --dry-run        print what would be added, merged and skipped; change nothing\n"
		"  --skip-invalid   report each malformed record with its line and import the rest\n"
		"                   (without it, a malformed record stops the import: nothing changes)\n",
		CLI_OPTS(IMPORT_OPTS), 1, CLI_ANY_POS, cli_cmd_import,
	},
	{
		"edit", "contact",
		"CONTACT [--name N] [--org O] [--role R] [--email E]... [--phone P]... [--add-email E]... "
		"[--add-phone P]... [--tag T]... [--untag T]... [--influence N] [--alignment N] "
		"[--tier A-D] [--cadence DAYS] [--at-most DAYS]",
		"Change a contact: each option given replaces that field.",
		"  --name N         the name\n"
		"  --org O          moved to O: current roles elsewhere end today, a role at O\n"
		"                   starts (with --role's title)\n"
		"  --role R         the title of the role at --org, or of the one current role\n"
		"  --email E        the email addresses (repeatable; replaces them all)\n"
		"  --phone P        the phone numbers (repeatable; replaces them all)\n"
		"  --add-email E    one more email address (repeatable)\n"
		"  --add-phone P    one more phone number (repeatable)\n"
		"  --tag T          add tag T (repeatable)\n"
		"  --untag T        remove tag T (repeatable)\n"
		"  --influence N    1 to 5\n"
		"  --alignment N    -2 (active opposition) to 2 (active ally)\n"
		"  --tier A-D       keep-in-touch tier\n"
		"  --cadence DAYS   own cadence in days (0: none)\n"
		"  --at-most DAYS   their rhythm: the review does not propose them sooner\n"
		"                   (weekly, monthly, quarterly, yearly, or days; none: 0)\n",
		CLI_OPTS(EDIT_CONTACT_OPTS), 1, 1, cli_cmd_edit_contact,
	},
	{
		"edit", "event", "EVENT [--title T] [--at WHEN] [--until WHEN] [--where W] [--kind K]",
		"Change an event: each option given replaces that field.",
		"  --title T        the title\n"
		"  --at WHEN        the start (\"2026-03-12 18:30\", a date alone: all day)\n"
		"  --until WHEN     the end\n"
		"  --where W        the place (\"\": none)\n"
		"  --kind K         town-hall, council-meeting, rally, ... (as kith add event)\n",
		CLI_OPTS(EDIT_EVENT_OPTS), 1, 1, cli_cmd_edit_event,
	},
	{
		"edit", "follow-up", "ID [--title T] [--due WHEN] [--contact C]",
		"Change a follow-up: each option given replaces that field.",
		"  --title T        the title\n"
		"  --due WHEN       when it is due (fri, 3d, 2026-04-01; \"\": no date)\n"
		"  --contact C      the person it is about\n",
		CLI_OPTS(EDIT_FOLLOWUP_OPTS), 1, 1, cli_cmd_edit_followup,
	},
	DELETE_CMD(contact, "contact", "CONTACT"),
	DELETE_CMD(event, "event", "EVENT"),
	DELETE_CMD(followup, "follow-up", "ID"),
	DELETE_CMD(interaction, "interaction", "ID|pN"),
	{
		"map", "list", "[--json]",
		"List the power maps: id, name, how many placed, goal.",
		"  --json           a JSON array of {id, name, goal, primary_target_id,\n"
		"                   primary_target, placements}\n",
		cli_json_opts, 0, 0, cli_cmd_map_list,
	},
	{
		"map", "new", "NAME [--goal G] [--target CONTACT]...",
		"Create a power map and print its id.",
		"  --goal G         the goal or decision, \"Pass the 2027 school bond\"\n"
		"  --target CONTACT the primary target; given again, secondary targets\n",
		CLI_OPTS(MAP_NEW_OPTS), 1, 1, cli_cmd_map_new,
	},
	{
		"map", "show", "MAP [--as-of DATE] [--json]",
		"Print a map as a grid: influence 5 to 1 down, opposed to ally across.",
		"  --as-of DATE     the map as it stood at the end of DATE\n"
		"  --json           {id, name, goal, as_of, placements: [{name, contact_id,\n"
		"                   organisation_id, influence, alignment, band, target, primary,\n"
		"                   note, assessed_at}]}\n",
		CLI_OPTS(MAP_SHOW_OPTS), 1, 1, cli_cmd_map_show,
	},
	{
		"map", "place", "MAP ENTITY --influence N --alignment N [--note T] [--reason R]",
		"Place a contact or organisation (ENTITY) on a map, or move it; the move is kept.",
		"  --influence N    1 (little) to 5 (decides)\n"
		"  --alignment N    -2 active opposition, -1 passive, 0 neutral, 1 passive ally,\n"
		"                   2 active ally\n"
		"  --note T         why it stands there\n"
		"  --reason R       why it moved, kept in the map's history\n"
		"  ENTITY is a contact, or an organisation (\"~Name\", or a name no contact has).\n",
		CLI_OPTS(MAP_PLACE_OPTS), 2, 2, cli_cmd_map_place,
	},
	{
		"relate", NULL, "CONTACT ENTITY --type T [--strength N] [--source S] [--note T] "
		"[--from D] [--to D]",
		"Record a relationship between a contact and another contact or an organisation.",
		"  --type T         professional, social, family, membership, position, education,\n"
		"                   donation, lobbying, hierarchy, mentor, ally, rival, generic\n"
		"  --strength N     1 (weak) to 3 (strong); default 2\n"
		"  --source S       where this is known from (\"told me by Ana\", a URL)\n"
		"  --note T         a note\n"
		"  --from D, --to D since when; until when (a past relationship)\n",
		CLI_OPTS(RELATE_OPTS), 2, 2, cli_cmd_relate,
	},
	{
		"role", "add", "CONTACT ORG --title T [--seat S] [--from D] [--to D]",
		"Record a position a contact holds in an organisation (created if new); print its id.",
		"  --title T        \"Chair\", \"Council member\"\n"
		"  --seat S         the seat, which outlives its holder: \"District 3\"\n"
		"  --from D, --to D since when; until when (no --to: current)\n",
		CLI_OPTS(ROLE_OPTS), 2, 2, cli_cmd_role_add,
	},
	{
		"path", NULL, "TARGET [--json] [--max-hops N] [--limit N]",
		"Show the best warm-introduction paths from me to TARGET, a contact or ~organisation.",
		"  Links are current relationships and current roles shared in one organisation,\n"
		"  ranked by strength and by how recently each link was touched.\n"
		"  --json           a JSON array of {rank, score, hops: [{contact_id,\n"
		"                   organisation_id, name, link, type, strength, last_touch, reason}]}\n"
		"  --max-hops N     at most N links per path, 1 to 6 (default 4)\n"
		"  --limit N        at most N paths, 1 to 50 (default 5)\n",
		CLI_OPTS(PATH_OPTS), 1, 1, cli_cmd_path,
	},
	{
		"export", NULL, "--format vcf|csv|ics|json|svg|dot [--map NAME] [-o FILE] [--vcard-version 3.0|4.0] [--as-of DATE]",
		"Write contacts, events and follow-ups out for other tools, or a power map as a picture.",
		"  --format F        vcf: vCard 4.0 (abook, khard, phones); csv: one contact a row\n"
		"                    with a header; ics: events as VEVENT and open follow-ups as\n"
		"                    VTODO (calcurse, calendars); json: the whole database\n"
		"                    (contacts, organisations, events, follow-ups, interactions,\n"
		"                    roles, relationships, power maps); svg: a map's grid, for a\n"
		"                    slide; dot: the relationships around a map, for Graphviz\n"
		"  --map NAME        svg and dot: the map (id, name or unambiguous prefix)\n"
		"  -o, --output FILE write to FILE instead of standard output: a new file, mode\n"
		"                    0600, renamed into place when complete (see kith(1))\n"
		"  --vcard-version V 3.0 or 4.0 (the default) for --format vcf\n"
		"  --as-of DATE      svg: the map as it stood then\n",
		CLI_OPTS(EXPORT_OPTS), 0, 0, cli_cmd_export,
	},
	{
		"duplicates", NULL, "[--json]",
		"List possible duplicates: the same name (and organisation), a shared phone or email.",
		"  A pair marked not the same person is never listed again. Archived contacts\n"
		"  are left out.\n"
		"  --json           a JSON array of {a, b, reasons, org, email, phone, reason}\n",
		cli_json_opts, 0, 0, cli_cmd_duplicates,
	},
	{
		"duplicates", "merge", "KEEP DROP",
		"Merge contact DROP into KEEP, keeping everything of both; one undo step in the planner.",
		"  Every email, phone, handle, nickname, tag, role, relationship, interaction,\n"
		"  attendance, follow-up and map placement of DROP moves to KEEP. A field KEEP\n"
		"  lacks is copied; one that differs is kept aside and shown on KEEP's card.\n",
		cli_no_opts, 2, 2, cli_cmd_duplicates_merge,
	},
	{
		"duplicates", "not-same", "A B",
		"Remember that contacts A and B are not the same person: never proposed again.",
		"",
		cli_no_opts, 2, 2, cli_cmd_duplicates_not_same,
	},
	{
		"concern", "add", "CONTACT ISSUE [--words W] [--at DATE]",
		"Record that a contact raised an issue (a tag, #bus-route-14) and print its id.",
		"  --words W        what they said, in their words\n"
		"  --at DATE        when they raised it (default: today)\n",
		CLI_OPTS(CONCERN_ADD_OPTS), 2, 2, cli_cmd_concern_add,
	},
	{
		"concerns", NULL, "[ISSUE] [--json] [--since DATE|--all] [--limit N]",
		"The listening report: issues by how many people raised them, how recently, and where.",
		"  With ISSUE: who raised it, when, and their words, newest first.\n"
		"  --since DATE     issues raised since DATE (default: the last 90 days)\n"
		"  --all            since the beginning\n"
		"  --limit N        at most N lines (default 50)\n"
		"  --json           an array of {issue, people, raised, last, districts,\n"
		"                   open_promises}; with ISSUE {id, contact_id, name, raised, words}\n",
		CLI_OPTS(CONCERNS_OPTS), 0, 1, cli_cmd_concerns,
	},
	{
		"promise", "add", "ISSUE TITLE",
		"Record a promise made to the people who raised ISSUE and print its id.",
		"", cli_no_opts, 2, 2, cli_cmd_promise_add,
	},
	{
		"promise", "update", "ID TEXT [--at DATE]",
		"Log a promise's progress once; the review then proposes telling everyone who raised it.",
		"  --at DATE        when it happened (default: today)\n",
		CLI_OPTS(PROMISE_UPDATE_OPTS), 2, 2, cli_cmd_promise_update,
	},
	{
		"promise", "list", "[--all] [--json]",
		"Promises, open first: each with its last update and how many were not told it yet.",
		"  --all            the kept and dropped ones too\n"
		"  --json           an array of {id, issue, title, status, made, updates,\n"
		"                   last_update, people, untold}\n",
		CLI_OPTS(PROMISE_LIST_OPTS), 0, 0, cli_cmd_promise_list,
	},
	{
		"promise", "tell", "ID [--kind K]",
		"Tell everyone who raised the issue and was not told the promise's last update:"
		" one group interaction with them, each remembered as told.",
		"  --kind K         the interaction's kind (default: message)\n",
		CLI_OPTS(PROMISE_TELL_OPTS), 1, 1, cli_cmd_promise_tell,
	},
	PROMISE_CLOSE_CMD(kept),
	PROMISE_CLOSE_CMD(dropped),
	{
		"goal", "add", "TITLE --by WHEN [--count N] [--who QUERY] [--how met|talked|introduced|placed]",
		"Set a networking goal: N people of QUERY met (talked to, introduced, placed) by a date.",
		"  --by WHEN        the goal's date (today or later)\n"
		"  --count N        how many people (default 1)\n"
		"  --who QUERY      who counts: org:, role:, tag:, map:, district:, tier:, kind:,\n"
		"                   words, -TERM (see kith(1), QUERIES); default everyone\n"
		"  --how HOW        met (default), talked, introduced or placed\n",
		CLI_OPTS(GOAL_ADD_OPTS), 1, 1, cli_cmd_goal_add,
	},
	{
		"goal", "list", "[--json] [--all]",
		"List goals with their progress, pace and the people counted.",
		"  --all            also the reached, missed and dropped ones (with their dates)\n"
		"  --json           every goal as a JSON array of {id, title, who, how, target,\n"
		"                   count, state, behind, expected, set_on, due, days_left,\n"
		"                   reached_on, dropped_on, counted: [{id, name, at}]}\n",
		CLI_OPTS(GOAL_LIST_OPTS), 0, 0, cli_cmd_goal_list,
	},
	{
		"goal", "drop", "ID",
		"Give a goal up today; it is kept, with its progress, as dropped.", "",
		cli_no_opts, 1, 1, cli_cmd_goal_drop,
	},
	{
		"goal", "delete", "ID [--yes]",
		"Delete a goal (asks on a terminal); the touches it counted stay.",
		YES_HELP, cli_yes_opts, 1, 1, cli_cmd_goal_delete,
	},
	{
		"team", "init", "REMOTE [--as NAME]",
		"Start a team on REMOTE (an empty git repository: a path, file:// or ssh URL): "
		"make its key, and make this database its first replica.",
		TEAM_AS_HELP,
		CLI_OPTS(TEAM_AS_OPTS), 1, 1, cli_cmd_team_init,
	},
	{
		"team", "join", "REMOTE CODE [--as NAME]",
		"Join the team on REMOTE with the code a member printed (kith team invite); the "
		"database must hold no people yet.",
		TEAM_AS_HELP,
		CLI_OPTS(TEAM_AS_OPTS), 2, 2, cli_cmd_team_join,
	},
	{
		"team", "invite", "",
		"Print the team's invite code, one line: the key a new member joins with.",
		"", cli_no_opts, 0, 0, cli_cmd_team_invite,
	},
	{
		"team", "status", "",
		"Print where the team's log is, this replica's number and author, how far its log "
		"was fetched and applied, the local changes waiting and the conflicts not looked at.",
		"", cli_no_opts, 0, 0, cli_cmd_team_status,
	},
	{
		"sync", NULL, "[--log]",
		"Exchange changes with the team's log: apply the team's new entries, send this "
		"replica's changes, and print each conflict found (the later change wins).",
		"  --log            list the log instead: each entry's number, time, author and\n"
		"                   what it changed\n",
		CLI_OPTS(SYNC_OPTS), 0, 0, cli_cmd_sync,
	},
	{NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL},
};
