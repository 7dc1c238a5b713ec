/*
 * command.h: every action in kith is a named command, declared once here.
 *
 * CMD_INFO expands into enum cmd, the name table behind `bind` and `:`,
 * the '?' help screen and the COMMANDS section of man/kithrc.5 (generated
 * by `kith --dump-commands` into the man page by a test-checked target).
 * Names are kebab-case; groups order the help screen.
 *
 *	CMD_GROUP(title)
 *	CMD_(ENUM_SUFFIX, "name", "help text")
 */
#ifndef KITH_COMMAND_H
#define KITH_COMMAND_H

#define CMD_INFO(CMD_GROUP, CMD_) \
	CMD_GROUP("Moving") \
	CMD_(MOVE_DOWN,        "move-down",        "Move the cursor down") \
	CMD_(MOVE_UP,          "move-up",          "Move the cursor up") \
	CMD_(MOVE_LEFT,        "move-left",        "Map: previous column; list: close detail") \
	CMD_(MOVE_RIGHT,       "move-right",       "Map: next column; list: open the detail") \
	CMD_(MOVE_FIRST,       "move-first",       "Jump to the first row") \
	CMD_(MOVE_LAST,        "move-last",        "Jump to the last row") \
	CMD_(PAGE_DOWN,        "page-down",        "Move one page down") \
	CMD_(PAGE_UP,          "page-up",          "Move one page up") \
	CMD_(HALF_PAGE_DOWN,   "half-page-down",   "Move half a page down") \
	CMD_(HALF_PAGE_UP,     "half-page-up",     "Move half a page up") \
	CMD_(DETAIL_OPEN,      "open",             "Open the detail of the selected item") \
	CMD_(BACK,             "back",             "Close the detail, cancel, go back") \
	CMD_(SCROLL_DOWN,      "scroll-down",      "Scroll the detail down") \
	CMD_(SCROLL_UP,        "scroll-up",        "Scroll the detail up") \
	CMD_GROUP("Panes") \
	CMD_(PANE_CONTACTS,    "pane-contacts",    "Show the Contacts pane") \
	CMD_(PANE_EVENTS,      "pane-events",      "Show the Events pane") \
	CMD_(PANE_MAP,         "pane-map",         "Show the Power map pane") \
	CMD_(PANE_FOLLOWUPS,   "pane-followups",   "Show the Follow-ups pane") \
	CMD_(PANE_NEXT,        "pane-next",        "Next pane") \
	CMD_(PANE_PREV,        "pane-prev",        "Previous pane") \
	CMD_(SORT_NEXT,        "sort-next",        "Change the sort order of the list") \
	CMD_(TOGGLE_PAST,      "toggle-past",      "Events: upcoming or past; Follow-ups: show done; Contacts: show archived") \
	CMD_(REFRESH,          "refresh",          "Reload from the database and redraw") \
	CMD_GROUP("Editing") \
	CMD_(ADD,              "add",              "Add an item to the current pane") \
	CMD_(EDIT,             "edit",             "Edit the selected item") \
	CMD_(DELETE,           "delete",           "Delete the selected item (asks; undoable)") \
	CMD_(EDIT_NOTE,        "edit-note",        "Edit the long note in $VISUAL/$EDITOR") \
	CMD_(CONTACT_ADD,      "contact-add",      "Add a contact") \
	CMD_(ME_SET,           "me-set",           "Mark the selected contact as you (me)") \
	CMD_(EVENT_ADD,        "event-add",        "Add an event") \
	CMD_(LOG,              "log",              "Log an interaction with the selected contact") \
	CMD_(FOLLOWUP_ADD,     "followup-add",     "Add a follow-up for the selected contact") \
	CMD_(CAPTURE,          "capture",          "Quick capture: @zoe coffee #housing !fri send the draft") \
	CMD_(UNDO,             "undo",             "Undo the last change") \
	CMD_(REDO,             "redo",             "Redo the last undone change") \
	CMD_(MARK,             "mark",             "Mark or unmark the row for a bulk action (:mark TEXT: every match)") \
	CMD_(MARK_MATCHES,     "mark-matches",     "Mark every row matching a search (asks: :mark TEXT)") \
	CMD_(MARK_CLEAR,       "mark-clear",       "Unmark every row of the list") \
	CMD_(BULK,             "bulk",             "Apply the next command to every marked row (:bulk COMMAND [ARG])") \
	CMD_(TAG,              "tag",              "Tag the selected contact (:tag NAME; asks without one)") \
	CMD_(TIER,             "tier",             "Set the tier of the selected contact (:tier A-D, or none)") \
	CMD_(INVITE,           "invite",           "Add the selected contact to an event, invited (:invite EVENT)") \
	CMD_(EXPORT,           "export",           "Export the selected contact to a file (:export FILE.vcf or FILE.csv)") \
	CMD_GROUP("Follow-ups") \
	CMD_(FOLLOWUP_DONE,    "followup-done",    "Mark the follow-up done") \
	CMD_(FOLLOWUP_SNOOZE,  "followup-snooze",  "Snooze the follow-up (1d, 3d, 1w or a date)") \
	CMD_(FOLLOWUP_DUE,     "followup-due",     "Change the due date") \
	CMD_(INTRO_NEXT,       "intro-next",       "Introduction: next stage (requested, made, met, thanked)") \
	CMD_GROUP("Power map") \
	CMD_(MAP_PLACE,        "map-place",        "Place a contact or organisation on the map") \
	CMD_(MAP_REMOVE,       "map-remove",       "Remove the selected entity from the map") \
	CMD_(MAP_MOVE_UP,      "map-move-up",      "Move the selected entity one cell up (more influence)") \
	CMD_(MAP_MOVE_DOWN,    "map-move-down",    "Move the selected entity one cell down") \
	CMD_(MAP_MOVE_LEFT,    "map-move-left",    "Move the selected entity one cell left (more opposed)") \
	CMD_(MAP_MOVE_RIGHT,   "map-move-right",   "Move the selected entity one cell right (more allied)") \
	CMD_(MAP_CYCLE,        "map-cycle",        "Select the next entity in the cell") \
	CMD_(MAP_SWITCH,       "map-switch",       "Switch to another map") \
	CMD_(MAP_NEW,          "map-new",          "Create a map (:map-new NAME)") \
	CMD_(MAP_RELATIONS,    "highlight-relations", "Highlight the selected entity's relationships") \
	CMD_(WARM_PATHS,       "warm-paths",       "Warm paths from me to the selected contact or organisation") \
	CMD_(MAP_ASOF,         "asof",             "Show the map as it stood on a date, read-only (:asof DATE; :asof alone: now)") \
	CMD_(MAP_REASON,       "why",              "Say why the selected entity last moved (:why TEXT), kept in its history") \
	CMD_(MAP_RENAME,       "map-rename",       "Rename the map (:map-rename NAME)") \
	CMD_(MAP_GOAL,         "map-goal",         "Set the map's goal (:map-goal TEXT)") \
	CMD_(MAP_DELETE,       "map-delete",       "Delete the map and its history (asks; undoable)") \
	CMD_(MAP_TARGET,       "map-target",       "Make the selected person a target of the map, or not") \
	CMD_(MAP_PRIMARY,      "map-primary",      "Make the selected person the map's primary target") \
	CMD_(REL_ADD,          "relationship-add", "Add a relationship of the selected person") \
	CMD_(REL_EDIT,         "relationship-edit", "Edit or end one of the selected person's relationships") \
	CMD_(ROLE_ADD,         "role-add",         "Add a role (position or seat) of the selected person") \
	CMD_(ROLE_EDIT,        "role-edit",        "Edit or end one of the selected person's roles") \
	CMD_(MAP_MOVED,        "moved",            "Mark who moved since then and which way (:moved 30d or DATE; alone: off)") \
	CMD_(MAP_ALIGN,        "map-align",        "Align the selected person's stance on the map and on their card (asks which way)") \
	CMD_(MAP_FIND_NEXT,    "find-next",        "Select the next person on the map matching / (no find: log, as n does elsewhere)") \
	CMD_(MAP_FIND_PREV,    "find-prev",        "Select the previous person on the map matching /") \
	CMD_GROUP("Events") \
	CMD_(ATTENDEE_ADD,     "attendee-add",     "Add an attendee to the event") \
	CMD_(ATTENDANCE_STATUS, "attendance-status", "Set an attendee's status: invited, confirmed, attended, no-show, met") \
	CMD_(DEBRIEF,          "debrief",          "Debrief a past event: who you met, a line each, thank-you follow-ups") \
	CMD_GROUP("Daily review") \
	CMD_(REVIEW,           "review",           "Start the daily review: who to contact today, and why") \
	CMD_(REVIEW_LOG,       "review-log",       "Review: log an interaction, then plan the next one") \
	CMD_(REVIEW_DONE,      "review-done",      "Review: mark the follow-up done") \
	CMD_(REVIEW_SNOOZE,    "review-snooze",    "Review: snooze (1d, 3d, 1w or a date, with a reason)") \
	CMD_(REVIEW_SKIP,      "review-skip",      "Review: skip to the next person") \
	CMD_(REVIEW_OPEN,      "review-open",      "Review: open the contact (r resumes the review)") \
	CMD_(REVIEW_EXPLAIN,   "review-explain",   "Review: show or hide every term of the score") \
	CMD_(REVIEW_END,       "review-end",       "Review: end it, with a summary") \
	CMD_GROUP("Duplicates") \
	CMD_(DUPLICATES,       "duplicates",       "Review possible duplicates: merge, or not the same person") \
	CMD_(GOALS,            "goals",            "The Goals view: each goal's progress, pace and who counted") \
	CMD_(DUP_MERGE,        "duplicates-merge", "Duplicates: merge the pair (asks which to keep)") \
	CMD_(DUP_NOT_SAME,     "duplicates-not-same", "Duplicates: not the same person (never asked again)") \
	CMD_(DUP_END,          "duplicates-end",   "Duplicates: close the view") \
	CMD_GROUP("Health") \
	CMD_(HEALTH,           "health",           "The health of the network: where it is narrow, dormant ties, gave and asked") \
	CMD_(HEALTH_END,       "health-end",       "Health: close the view") \
	CMD_GROUP("Forms and prompts") \
	CMD_(NEXT_FIELD,       "next-field",       "Forms: go to the next field") \
	CMD_(PREV_FIELD,       "prev-field",       "Forms: go to the previous field") \
	CMD_(SAVE,             "save",             "Forms: save; search: keep the filter; pick lists: choose") \
	CMD_GROUP("Workflows") \
	CMD_(SEARCH,           "search",           "Incremental search: filter the list as you type") \
	CMD_(COMMAND_LINE,     "command-line",     "Open the : command line") \
	CMD_(HELP,             "help",             "Show the key bindings") \
	CMD_(MESSAGES,         "messages",         "List every configuration error (:messages)") \
	CMD_(CONCERNS,         "concerns",         "The listening report: what people raised, by how many (:concerns)") \
	CMD_(IMPORT,           "import",           "Import a vCard, CSV or iCalendar file (:import FILE)") \
	CMD_(SYNC,             "sync",             "Team: send your changes and apply the team's (:sync)") \
	CMD_(CONFLICTS,        "conflicts",        "Team: what syncs found, who won; Enter takes the other value (:conflicts)") \
	CMD_(QUIT,             "quit",             "Quit (everything is already saved)")

enum cmd {
	CMD_NONE = 0,
#define CMD_ENUM(e, name, help) CMD_##e,
#define CMD_GROUP_SKIP(title)
	CMD_INFO(CMD_GROUP_SKIP, CMD_ENUM)
#undef CMD_ENUM
#undef CMD_GROUP_SKIP
	CMD_COUNT_
};

struct cmd_info {
	enum cmd cmd;               /* CMD_NONE for a group header */
	const char *name;           /* "move-down", or the group title */
	const char *help;
};

/* The table in declaration order, groups included; *n receives its length. */
const struct cmd_info *cmd_table(int *n);
/* "move-down" -> CMD_MOVE_DOWN; CMD_NONE if unknown ("none" unbinds). */
enum cmd cmd_lookup(const char *name);
const char *cmd_name(enum cmd c);
const char *cmd_help(enum cmd c);

#endif
