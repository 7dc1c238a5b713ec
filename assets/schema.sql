-- kith database schema.
--
-- This file is the ordered list of migrations. Each starts with a line
-- "-- @migration N" and brings a database from user_version N-1 to N.
-- kith runs every step the database lacks inside one transaction and
-- refuses a database whose user_version is newer than the last step here.
-- Never edit a released step: append a new one.
--
-- Conventions: STRICT tables; dates are 'YYYY-MM-DD', times
-- 'YYYY-MM-DD HH:MM' (local); *_key columns hold folded text (lower case,
-- no diacritics) for sorting and prefix matching, written by the C layer.
-- Tables named *_fts, contact_stat and list_count are derived: triggers
-- keep them in sync and undo never records them.

-- @migration 1

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE organisation (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(name) > 0),
  name_key    TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('government','community','party',
                'association','business','media','school','union','campaign','other')),
  description TEXT NOT NULL DEFAULT '',
  influence   INTEGER CHECK (influence BETWEEN 1 AND 5),
  parent_id   INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX organisation_by_name ON organisation(name_key, id);
CREATE INDEX organisation_by_parent ON organisation(parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE event (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL CHECK (length(title) > 0),
  kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('town-hall','council-meeting',
                'conference','rally','fundraiser','volunteer-shift','meetup',
                'informational-interview','one-to-one','other')),
  start_at    TEXT NOT NULL CHECK (start_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  end_at      TEXT,
  all_day     INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
  location    TEXT NOT NULL DEFAULT '',
  host_org_id INTEGER REFERENCES organisation(id) ON DELETE SET NULL,
  notes       TEXT NOT NULL DEFAULT '',
  rrule       TEXT,
  uid         TEXT UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX event_by_start ON event(start_at, id);

CREATE TABLE contact (
  id            INTEGER PRIMARY KEY,
  display_name  TEXT NOT NULL CHECK (length(display_name) > 0),
  name_key      TEXT NOT NULL,
  given_name    TEXT NOT NULL DEFAULT '',
  family_name   TEXT NOT NULL DEFAULT '',
  pronouns      TEXT NOT NULL DEFAULT '',
  address       TEXT NOT NULL DEFAULT '',
  district      TEXT NOT NULL DEFAULT '',
  birthday      TEXT CHECK (birthday IS NULL OR birthday GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
                  OR birthday GLOB '--[0-1][0-9]-[0-3][0-9]'),   -- '--MM-DD': no year
  how_met       TEXT NOT NULL DEFAULT '',
  met_event_id  INTEGER REFERENCES event(id) ON DELETE SET NULL,
  introducer_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
  influence     INTEGER CHECK (influence BETWEEN 1 AND 5),
  alignment     INTEGER NOT NULL DEFAULT 0 CHECK (alignment BETWEEN -2 AND 2),
  tier          TEXT CHECK (tier IN ('A','B','C','D')),
  cadence_days  INTEGER CHECK (cadence_days >= 0),   -- NULL: the tier's; 0: none
  notes         TEXT NOT NULL DEFAULT '',
  archived      INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  -- Sort key for "by influence": highest first, unknown last. A plain
  -- column, not a generated one: SQLite's session extension (undo) skips
  -- tables with generated columns. kith writes it; the triggers below fix
  -- it for any other writer.
  influence_rank INTEGER
) STRICT;
-- The list orders. archived is last, not first: a list with archived
-- contacts walks the same index in order (a leading archived column would
-- make it sort), and one without them skips the few archived entries.
CREATE INDEX contact_by_name ON contact(name_key, id, archived);
CREATE INDEX contact_by_influence ON contact(influence_rank, name_key, id, archived);
CREATE TRIGGER contact_rank_ins AFTER INSERT ON contact
  WHEN new.influence_rank IS NOT 5 - coalesce(new.influence, 0) BEGIN
  UPDATE contact SET influence_rank = 5 - coalesce(new.influence, 0) WHERE id = new.id;
END;
CREATE TRIGGER contact_rank_upd AFTER UPDATE OF influence, influence_rank ON contact
  WHEN new.influence_rank IS NOT 5 - coalesce(new.influence, 0) BEGIN
  UPDATE contact SET influence_rank = 5 - coalesce(new.influence, 0) WHERE id = new.id;
END;
CREATE INDEX contact_by_introducer ON contact(introducer_id) WHERE introducer_id IS NOT NULL;
CREATE INDEX contact_by_met_event ON contact(met_event_id) WHERE met_event_id IS NOT NULL;

-- Emails, phones and web/social handles: several each, with labels.
CREATE TABLE contact_channel (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('email','phone','handle')),
  label      TEXT NOT NULL DEFAULT '',
  value      TEXT NOT NULL CHECK (length(value) > 0),
  value_key  TEXT NOT NULL,          -- lower-cased email, digits of a phone: for merging
  position   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contact_channel_by_contact ON contact_channel(contact_id, kind, position);
CREATE INDEX contact_channel_by_value ON contact_channel(kind, value_key);

CREATE TABLE contact_nickname (
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  nickname   TEXT NOT NULL CHECK (length(nickname) > 0),
  nick_key   TEXT NOT NULL,
  PRIMARY KEY (contact_id, nickname)
) STRICT;
CREATE INDEX contact_nickname_by_key ON contact_nickname(nick_key);

CREATE TABLE tag (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0)   -- "Housing" = "housing"
) STRICT;

CREATE TABLE contact_tag (
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, tag_id)
) STRICT;
CREATE INDEX contact_tag_by_tag ON contact_tag(tag_id, contact_id);

-- Who "me" is, and other single values, live in meta ('me' -> contact id).

CREATE TABLE role (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  org_id     INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  seat       TEXT NOT NULL DEFAULT '',    -- "District 3": the seat outlives its holder
  title      TEXT NOT NULL DEFAULT '',
  start_date TEXT,
  end_date   TEXT,                         -- NULL: current
  CHECK (org_id IS NOT NULL OR length(seat) > 0),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
) STRICT;
CREATE INDEX role_by_contact ON role(contact_id, end_date, start_date);
CREATE INDEX role_by_org ON role(org_id, end_date) WHERE org_id IS NOT NULL;

CREATE TABLE relationship (
  id         INTEGER PRIMARY KEY,
  a_id       INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  b_id       INTEGER REFERENCES contact(id) ON DELETE CASCADE,
  b_org_id   INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  type       TEXT NOT NULL DEFAULT 'generic' CHECK (type IN ('professional','social','family',
               'membership','position','education','donation','lobbying','hierarchy','mentor',
               'ally','rival','generic')),
  strength   INTEGER NOT NULL DEFAULT 2 CHECK (strength BETWEEN 1 AND 3),
  start_date TEXT,
  end_date   TEXT,                         -- NULL: current
  note       TEXT NOT NULL DEFAULT '',
  source     TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  CHECK ((b_id IS NULL) != (b_org_id IS NULL)),
  CHECK (b_id IS NULL OR b_id != a_id)
) STRICT;
CREATE INDEX relationship_by_a ON relationship(a_id, end_date);
CREATE INDEX relationship_by_b ON relationship(b_id, end_date) WHERE b_id IS NOT NULL;
CREATE INDEX relationship_by_org ON relationship(b_org_id, end_date) WHERE b_org_id IS NOT NULL;

CREATE TABLE attendance (
  event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  role       TEXT NOT NULL DEFAULT 'attendee' CHECK (role IN ('host','speaker','attendee')),
  status     TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited','confirmed','attended',
               'no-show','met')),
  PRIMARY KEY (event_id, contact_id)
) STRICT;
CREATE INDEX attendance_by_contact ON attendance(contact_id, event_id);

CREATE TABLE interaction (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'),
  kind       TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('call','email','meeting','coffee',
               'event','message','social','note')),
  summary    TEXT NOT NULL CHECK (length(summary) > 0),
  body       TEXT NOT NULL DEFAULT '',
  event_id   INTEGER REFERENCES event(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX interaction_by_at ON interaction(at, id);
CREATE INDEX interaction_by_event ON interaction(event_id) WHERE event_id IS NOT NULL;

CREATE TABLE interaction_contact (
  interaction_id INTEGER NOT NULL REFERENCES interaction(id) ON DELETE CASCADE,
  contact_id     INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  at             TEXT NOT NULL,     -- copy of interaction.at: the timeline index
  PRIMARY KEY (interaction_id, contact_id)
) STRICT;
CREATE INDEX interaction_contact_by_contact ON interaction_contact(contact_id, at, interaction_id);

CREATE TABLE followup (
  id             INTEGER PRIMARY KEY,
  contact_id     INTEGER REFERENCES contact(id) ON DELETE CASCADE,
  event_id       INTEGER REFERENCES event(id) ON DELETE SET NULL,
  interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,
  kind           TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('thank-you','send-info',
                   'introduce','check-in','ask','other')),
  title          TEXT NOT NULL CHECK (length(title) > 0),
  due            TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  priority       INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 3),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','done','dropped')),
  direction      TEXT NOT NULL DEFAULT 'none' CHECK (direction IN ('none','owe','owed')),
  intro_a_id     INTEGER REFERENCES contact(id) ON DELETE SET NULL,  -- introduce a ...
  intro_b_id     INTEGER REFERENCES contact(id) ON DELETE SET NULL,  -- ... to b
  intro_by_id    INTEGER REFERENCES contact(id) ON DELETE SET NULL,  -- introducer
  intro_stage    TEXT NOT NULL DEFAULT 'none' CHECK (intro_stage IN ('none','requested','made',
                   'met','thanked')),
  done_at        TEXT,
  snooze_count   INTEGER NOT NULL DEFAULT 0 CHECK (snooze_count >= 0),
  snooze_reason  TEXT NOT NULL DEFAULT '',
  snoozed_at     TEXT,
  notes          TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
-- Open follow-ups are a small part of all follow-ups: partial indexes keep
-- "what is due" cheap (PERF-NOTES: 119 ms with a plain index, 2 ms partial).
CREATE INDEX followup_open_by_due ON followup(due, id) WHERE status = 'open';
CREATE INDEX followup_open_by_contact ON followup(contact_id, due) WHERE status = 'open';
CREATE INDEX followup_closed ON followup(id) WHERE status <> 'open';
CREATE INDEX followup_by_contact ON followup(contact_id, status);
CREATE INDEX followup_by_event ON followup(event_id) WHERE event_id IS NOT NULL;
CREATE INDEX followup_by_interaction ON followup(interaction_id) WHERE interaction_id IS NOT NULL;

CREATE TABLE power_map (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  goal              TEXT NOT NULL DEFAULT '',
  primary_target_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;

CREATE TABLE map_target (
  map_id     INTEGER NOT NULL REFERENCES power_map(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  PRIMARY KEY (map_id, contact_id)
) STRICT;
CREATE INDEX map_target_by_contact ON map_target(contact_id);

CREATE TABLE placement (
  id          INTEGER PRIMARY KEY,
  map_id      INTEGER NOT NULL REFERENCES power_map(id) ON DELETE CASCADE,
  contact_id  INTEGER REFERENCES contact(id) ON DELETE CASCADE,
  org_id      INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  influence   INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
  alignment   INTEGER NOT NULL CHECK (alignment BETWEEN -2 AND 2),
  note        TEXT NOT NULL DEFAULT '',
  assessed_at TEXT NOT NULL,
  CHECK ((contact_id IS NULL) != (org_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX placement_contact ON placement(map_id, contact_id) WHERE contact_id IS NOT NULL;
CREATE UNIQUE INDEX placement_org ON placement(map_id, org_id) WHERE org_id IS NOT NULL;
CREATE INDEX placement_by_cell ON placement(map_id, influence, alignment);
CREATE INDEX placement_by_contact ON placement(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX placement_by_org ON placement(org_id) WHERE org_id IS NOT NULL;

-- Every placement change: placed (from_* NULL), moved, removed (to_* NULL).
-- Keyed by map and entity, not by placement row, so history outlives removal.
CREATE TABLE placement_move (
  id             INTEGER PRIMARY KEY,
  map_id         INTEGER NOT NULL REFERENCES power_map(id) ON DELETE CASCADE,
  contact_id     INTEGER REFERENCES contact(id) ON DELETE CASCADE,
  org_id         INTEGER REFERENCES organisation(id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  from_influence INTEGER, from_alignment INTEGER,
  to_influence   INTEGER, to_alignment   INTEGER,
  reason         TEXT NOT NULL DEFAULT '',
  CHECK ((contact_id IS NULL) != (org_id IS NULL))
) STRICT;
CREATE INDEX placement_move_by_map ON placement_move(map_id, at, id);
CREATE INDEX placement_move_by_contact ON placement_move(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX placement_move_by_org ON placement_move(org_id) WHERE org_id IS NOT NULL;

-- Fields an importer did not understand, kept verbatim so nothing is lost.
CREATE TABLE import_extra (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL CHECK (entity IN ('contact','organisation','event','followup')),
  entity_id  INTEGER NOT NULL,
  source     TEXT NOT NULL DEFAULT '',    -- "vcard", "csv:linkedin", "ics"
  name       TEXT NOT NULL,
  value      TEXT NOT NULL
) STRICT;
CREATE INDEX import_extra_by_entity ON import_extra(entity, entity_id);

---------------------------------------------------------------------------
-- Derived: last contacted, kept by triggers.
--
-- A touch is an interaction involving the contact, or an event where the
-- contact's attendance is 'attended' or 'met' (at the event's start).
-- contact_stat.last_at is the newest touch ('' when never), recomputed
-- from the indexes after every insert, update and delete that can change
-- it, so it is always right and sorting by it is an index walk.

CREATE TABLE contact_stat (
  contact_id INTEGER PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
  last_at    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX contact_stat_by_last ON contact_stat(last_at, contact_id);

CREATE VIEW contact_touch_calc AS
SELECT c.id AS contact_id,
       max(coalesce((SELECT max(ic.at) FROM interaction_contact ic WHERE ic.contact_id = c.id), ''),
           coalesce((SELECT max(substr(e.start_at, 1, 16)) FROM attendance a JOIN event e ON e.id = a.event_id
                      WHERE a.contact_id = c.id AND a.status IN ('attended','met')), '')) AS last_at
FROM contact c;

CREATE TRIGGER contact_stat_new AFTER INSERT ON contact BEGIN
  INSERT INTO contact_stat(contact_id, last_at) VALUES (new.id, '');
END;

CREATE TRIGGER ic_touch_ins AFTER INSERT ON interaction_contact BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = new.contact_id)
   WHERE contact_id = new.contact_id;
END;
CREATE TRIGGER ic_touch_del AFTER DELETE ON interaction_contact BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = old.contact_id)
   WHERE contact_id = old.contact_id;
END;
CREATE TRIGGER ic_touch_upd AFTER UPDATE ON interaction_contact BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = old.contact_id)
   WHERE contact_id = old.contact_id;
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = new.contact_id)
   WHERE contact_id = new.contact_id;
END;
-- interaction.at is copied into interaction_contact.at, whose trigger does the rest.
CREATE TRIGGER interaction_at_upd AFTER UPDATE OF at ON interaction BEGIN
  UPDATE interaction_contact SET at = new.at WHERE interaction_id = new.id;
END;
CREATE TRIGGER attendance_touch_ins AFTER INSERT ON attendance BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = new.contact_id)
   WHERE contact_id = new.contact_id;
END;
CREATE TRIGGER attendance_touch_del AFTER DELETE ON attendance BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = old.contact_id)
   WHERE contact_id = old.contact_id;
END;
CREATE TRIGGER attendance_touch_upd AFTER UPDATE ON attendance BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = old.contact_id)
   WHERE contact_id = old.contact_id;
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = new.contact_id)
   WHERE contact_id = new.contact_id;
END;
CREATE TRIGGER event_start_touch_upd AFTER UPDATE OF start_at ON event BEGIN
  UPDATE contact_stat SET last_at = (SELECT t.last_at FROM contact_touch_calc t WHERE t.contact_id = contact_stat.contact_id)
   WHERE contact_id IN (SELECT contact_id FROM attendance WHERE event_id = new.id);
END;

---------------------------------------------------------------------------
-- Derived: the sizes of the two big lists, kept by triggers so the title
-- bar's counts cost nothing after a write (a COUNT over 100,000 contacts
-- takes milliseconds, too much for a keystroke).

CREATE TABLE list_count (
  name TEXT PRIMARY KEY,        -- 'contacts' (not archived), 'followups_open'
  n    INTEGER NOT NULL
) STRICT;
INSERT INTO list_count(name, n) VALUES ('contacts', 0), ('followups_open', 0);

CREATE TRIGGER list_count_contact_ins AFTER INSERT ON contact BEGIN
  UPDATE list_count SET n = n + (new.archived = 0) WHERE name = 'contacts';
END;
CREATE TRIGGER list_count_contact_del AFTER DELETE ON contact BEGIN
  UPDATE list_count SET n = n - (old.archived = 0) WHERE name = 'contacts';
END;
CREATE TRIGGER list_count_contact_upd AFTER UPDATE OF archived ON contact BEGIN
  UPDATE list_count SET n = n + (new.archived = 0) - (old.archived = 0) WHERE name = 'contacts';
END;
CREATE TRIGGER list_count_followup_ins AFTER INSERT ON followup BEGIN
  UPDATE list_count SET n = n + (new.status = 'open') WHERE name = 'followups_open';
END;
CREATE TRIGGER list_count_followup_del AFTER DELETE ON followup BEGIN
  UPDATE list_count SET n = n - (old.status = 'open') WHERE name = 'followups_open';
END;
CREATE TRIGGER list_count_followup_upd AFTER UPDATE OF status ON followup BEGIN
  UPDATE list_count SET n = n + (new.status = 'open') - (old.status = 'open')
   WHERE name = 'followups_open';
END;

---------------------------------------------------------------------------
-- Full-text search. unicode61 with remove_diacritics 2: "jose" finds
-- "José", "ngu" finds "Nguyễn". Prefix indexes make incremental search
-- cheap. contact_fts holds one document per contact (rowid = contact id)
-- gathered from the contact, its nicknames, tags, roles and organisations;
-- triggers rebuild a contact's document whenever any of those change.

CREATE VIRTUAL TABLE contact_fts USING fts5(
  name, nicknames, org, role, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');

CREATE VIEW contact_fts_doc AS
SELECT c.id AS id, c.display_name AS name,
  coalesce((SELECT group_concat(n.nickname, ' ') FROM contact_nickname n WHERE n.contact_id = c.id), '') AS nicknames,
  coalesce((SELECT group_concat(o.name, ' ') FROM role r JOIN organisation o ON o.id = r.org_id
             WHERE r.contact_id = c.id AND r.end_date IS NULL), '') AS org,
  coalesce((SELECT group_concat(r.title || ' ' || r.seat, ' ') FROM role r
             WHERE r.contact_id = c.id AND r.end_date IS NULL), '') AS role,
  coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
             WHERE ct.contact_id = c.id), '') AS tags,
  c.notes || ' ' || c.given_name || ' ' || c.family_name || ' ' || c.district AS notes
FROM contact c;

CREATE TRIGGER contact_fts_ins AFTER INSERT ON contact BEGIN
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_upd AFTER UPDATE ON contact BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_del AFTER DELETE ON contact BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
END;

-- Rebuild one contact's document (used by the triggers on related tables).
CREATE TABLE contact_fts_dirty (contact_id INTEGER PRIMARY KEY) STRICT;
CREATE TRIGGER contact_fts_dirty_ins AFTER INSERT ON contact_fts_dirty BEGIN
  DELETE FROM contact_fts WHERE rowid = new.contact_id;
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.contact_id;
  DELETE FROM contact_fts_dirty WHERE contact_id = new.contact_id;
END;

CREATE TRIGGER nickname_fts_ins AFTER INSERT ON contact_nickname BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER nickname_fts_del AFTER DELETE ON contact_nickname BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty SELECT id FROM contact WHERE id = old.contact_id;
END;
CREATE TRIGGER contact_tag_fts_ins AFTER INSERT ON contact_tag BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER contact_tag_fts_del AFTER DELETE ON contact_tag BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty SELECT id FROM contact WHERE id = old.contact_id;
END;
CREATE TRIGGER role_fts_ins AFTER INSERT ON role BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER role_fts_upd AFTER UPDATE ON role BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty SELECT id FROM contact WHERE id = old.contact_id;
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER role_fts_del AFTER DELETE ON role BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty SELECT id FROM contact WHERE id = old.contact_id;
END;
CREATE TRIGGER organisation_name_fts AFTER UPDATE OF name ON organisation BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty
    SELECT DISTINCT contact_id FROM role WHERE org_id = new.id AND end_date IS NULL;
END;

CREATE VIRTUAL TABLE organisation_fts USING fts5(name, description,
  content = 'organisation', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TRIGGER organisation_fts_ins AFTER INSERT ON organisation BEGIN
  INSERT INTO organisation_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
CREATE TRIGGER organisation_fts_del AFTER DELETE ON organisation BEGIN
  INSERT INTO organisation_fts(organisation_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
END;
CREATE TRIGGER organisation_fts_upd AFTER UPDATE ON organisation BEGIN
  INSERT INTO organisation_fts(organisation_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
  INSERT INTO organisation_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;

CREATE VIRTUAL TABLE interaction_fts USING fts5(summary, body,
  content = 'interaction', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TRIGGER interaction_fts_ins AFTER INSERT ON interaction BEGIN
  INSERT INTO interaction_fts(rowid, summary, body) VALUES (new.id, new.summary, new.body);
END;
CREATE TRIGGER interaction_fts_del AFTER DELETE ON interaction BEGIN
  INSERT INTO interaction_fts(interaction_fts, rowid, summary, body)
    VALUES ('delete', old.id, old.summary, old.body);
END;
CREATE TRIGGER interaction_fts_upd AFTER UPDATE OF summary, body ON interaction BEGIN
  INSERT INTO interaction_fts(interaction_fts, rowid, summary, body)
    VALUES ('delete', old.id, old.summary, old.body);
  INSERT INTO interaction_fts(rowid, summary, body) VALUES (new.id, new.summary, new.body);
END;

CREATE VIRTUAL TABLE followup_fts USING fts5(title, notes,
  content = 'followup', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TRIGGER followup_fts_ins AFTER INSERT ON followup BEGIN
  INSERT INTO followup_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;
CREATE TRIGGER followup_fts_del AFTER DELETE ON followup BEGIN
  INSERT INTO followup_fts(followup_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
END;
CREATE TRIGGER followup_fts_upd AFTER UPDATE OF title, notes ON followup BEGIN
  INSERT INTO followup_fts(followup_fts, rowid, title, notes) VALUES ('delete', old.id, old.title, old.notes);
  INSERT INTO followup_fts(rowid, title, notes) VALUES (new.id, new.title, new.notes);
END;

CREATE VIRTUAL TABLE event_fts USING fts5(title, location, notes,
  content = 'event', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
CREATE TRIGGER event_fts_ins AFTER INSERT ON event BEGIN
  INSERT INTO event_fts(rowid, title, location, notes) VALUES (new.id, new.title, new.location, new.notes);
END;
CREATE TRIGGER event_fts_del AFTER DELETE ON event BEGIN
  INSERT INTO event_fts(event_fts, rowid, title, location, notes)
    VALUES ('delete', old.id, old.title, old.location, old.notes);
END;
CREATE TRIGGER event_fts_upd AFTER UPDATE OF title, location, notes ON event BEGIN
  INSERT INTO event_fts(event_fts, rowid, title, location, notes)
    VALUES ('delete', old.id, old.title, old.location, old.notes);
  INSERT INTO event_fts(rowid, title, location, notes) VALUES (new.id, new.title, new.location, new.notes);
END;

-- @migration 2
-- The daily review: what was done with each item, so a review quit midway
-- resumes without the items already handled, and a recent skip or snooze
-- lowers an item's score for a few days.
CREATE TABLE review_action (
  id          INTEGER PRIMARY KEY,
  day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  contact_id  INTEGER REFERENCES contact(id) ON DELETE CASCADE,
  followup_id INTEGER REFERENCES followup(id) ON DELETE CASCADE,
  action      TEXT NOT NULL CHECK (action IN ('done','logged','snoozed','skipped')),
  until       TEXT CHECK (until IS NULL OR until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  reason      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL
) STRICT;
CREATE INDEX review_action_by_day ON review_action(day);
CREATE INDEX review_action_by_until ON review_action(until) WHERE until IS NOT NULL;
CREATE INDEX review_action_by_contact ON review_action(contact_id);
CREATE INDEX review_action_by_followup ON review_action(followup_id);
-- Birthdays in the next days, by month and day ('YYYY-MM-DD' and '--MM-DD' alike).
CREATE INDEX contact_by_birthday ON contact(substr(birthday, -5)) WHERE birthday IS NOT NULL;

-- @migration 3
-- Warm paths (kith path, w) read the current relationships and roles of
-- thousands of contacts per search: covering indexes answer each from
-- the index alone, with no lookup of the table row.
-- Same leading columns as the indexes they replace, so every other
-- query keeps its plan (role_by_contact stays: the contact list reads
-- its rows in (start_date, id) order).
DROP INDEX relationship_by_a;
DROP INDEX relationship_by_b;
CREATE INDEX relationship_by_a ON relationship(a_id, end_date, start_date, b_id, strength, type);
CREATE INDEX relationship_by_b ON relationship(b_id, end_date, start_date, a_id, strength, type)
  WHERE b_id IS NOT NULL;
DROP INDEX role_by_org;
CREATE INDEX role_by_org ON role(org_id, end_date, start_date, contact_id) WHERE org_id IS NOT NULL;

-- @migration 4
-- iCalendar UID of a follow-up imported from (or exported as) a VTODO, so
-- that importing the same calendar again finds it instead of copying it.
ALTER TABLE followup ADD COLUMN uid TEXT;
CREATE UNIQUE INDEX followup_by_uid ON followup(uid) WHERE uid IS NOT NULL;
-- The importer asks "is this extra field already kept?" on every record.
CREATE INDEX import_extra_by_field ON import_extra(entity, entity_id, name);
-- A bulk import defers the contacts' search documents: while meta holds
-- 'fts_deferred', writes only mark contacts in contact_fts_dirty, and the
-- import rebuilds them in one statement at its end (in the same
-- transaction). FTS5 flushes its pending terms at every savepoint, and an
-- import of 100,000 cards made 200,000 of them.
DROP TRIGGER contact_fts_ins;
CREATE TRIGGER contact_fts_ins AFTER INSERT ON contact
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_ins_deferred AFTER INSERT ON contact
  WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.id);
END;
DROP TRIGGER contact_fts_upd;
CREATE TRIGGER contact_fts_upd AFTER UPDATE ON contact
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.id;
END;
CREATE TRIGGER contact_fts_upd_deferred AFTER UPDATE ON contact
  WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.id);
END;
DROP TRIGGER contact_fts_dirty_ins;
CREATE TRIGGER contact_fts_dirty_ins AFTER INSERT ON contact_fts_dirty
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  DELETE FROM contact_fts WHERE rowid = new.contact_id;
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.contact_id;
  DELETE FROM contact_fts_dirty WHERE contact_id = new.contact_id;
END;
-- Recurring series: the Events pane lists those that began before now at
-- their next occurrence.
CREATE INDEX event_series ON event(id) WHERE rrule IS NOT NULL;

-- @migration 5
-- An import inserts contacts by the thousand, and each insert ran four
-- triggers. Now one trigger does their work, and none while meta holds
-- 'bulk_insert' (the largest contact id before the import): the import then
-- gives its new contacts their contact_stat rows, the list count and their
-- search documents in one statement each at its end, in the same
-- transaction (contact_fts_defer in src/db/io_db.c).
DROP TRIGGER list_count_contact_ins;
DROP TRIGGER contact_stat_new;
DROP TRIGGER contact_fts_ins;
DROP TRIGGER contact_fts_ins_deferred;
CREATE TRIGGER contact_ins AFTER INSERT ON contact
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'bulk_insert') BEGIN
  UPDATE list_count SET n = n + (new.archived = 0) WHERE name = 'contacts';
  INSERT INTO contact_stat(contact_id, last_at) VALUES (new.id, '');
  -- its trigger writes the search document now, or leaves it for the
  -- rebuild while 'fts_deferred'; a small trigger body, as SQLite clears
  -- every trigger's frame on each insert even when WHEN says no
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.id);
END;
-- A CHECK with IN and three or more values builds a temporary table every
-- time its statement runs: for an import, twice per contact (its channels)
-- plus the contact itself. The same checks written with = and OR build
-- none. Only the CHECK text changes, and to an equivalent one (NULL passes
-- both, as before), so the rows need no rewriting: SQLite's documented way
-- to change a constraint in place (ALTER TABLE, "other kinds of changes").
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''email'',''phone'',''handle''))',
  'CHECK (kind = ''email'' OR kind = ''phone'' OR kind = ''handle'')')
  WHERE type = 'table' AND name = 'contact_channel';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (tier IN (''A'',''B'',''C'',''D''))',
  'CHECK (tier = ''A'' OR tier = ''B'' OR tier = ''C'' OR tier = ''D'')')
  WHERE type = 'table' AND name = 'contact';
PRAGMA writable_schema = RESET;

-- @migration 6
-- A new touch can only make a contact's last_at newer: the insert
-- triggers compare with it instead of recomputing every touch of the
-- contact. The recomputation reads each event the contact attended: 740
-- pages for a contact at 520 events, 60 % of what `kith log` cost at city
-- scale. So does an attendance that starts to count ('invited' marked
-- 'attended'). Deletes, and updates that take away a touch, can make
-- last_at older and still recompute (contact_touch_calc), and so keep it
-- right: the comparisons keep it right because it was right before.
DROP TRIGGER ic_touch_ins;
CREATE TRIGGER ic_touch_ins AFTER INSERT ON interaction_contact BEGIN
  UPDATE contact_stat SET last_at = new.at
   WHERE contact_id = new.contact_id AND last_at < new.at;
END;
DROP TRIGGER attendance_touch_ins;
CREATE TRIGGER attendance_touch_ins AFTER INSERT ON attendance
  WHEN new.status = 'attended' OR new.status = 'met' BEGIN
  UPDATE contact_stat SET last_at = e.at
    FROM (SELECT substr(start_at, 1, 16) AS at FROM event WHERE id = new.event_id) AS e
   WHERE contact_id = new.contact_id AND last_at < e.at;
END;
DROP TRIGGER attendance_touch_upd;
-- (a touch that still counts, same event and contact, changes nothing)
CREATE TRIGGER attendance_touch_upd AFTER UPDATE ON attendance
  WHEN (old.status = 'attended' OR old.status = 'met')
   AND NOT ((new.status = 'attended' OR new.status = 'met')
            AND new.event_id = old.event_id AND new.contact_id = old.contact_id) BEGIN
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = old.contact_id)
   WHERE contact_id = old.contact_id;
  UPDATE contact_stat SET last_at = (SELECT last_at FROM contact_touch_calc WHERE contact_id = new.contact_id)
   WHERE contact_id = new.contact_id AND new.contact_id != old.contact_id;
END;
CREATE TRIGGER attendance_touch_counts AFTER UPDATE ON attendance
  WHEN old.status != 'attended' AND old.status != 'met'
   AND (new.status = 'attended' OR new.status = 'met') BEGIN
  UPDATE contact_stat SET last_at = e.at
    FROM (SELECT substr(start_at, 1, 16) AS at FROM event WHERE id = new.event_id) AS e
   WHERE contact_id = new.contact_id AND last_at < e.at;
END;

-- @migration 7
-- The duplicates review (kith duplicates, the :duplicates view): pairs the
-- user said are not the same person, never proposed again. The lower id
-- first; a merge or a delete of either forgets the pair.
CREATE TABLE dup_not_same (
  a_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  b_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  at   TEXT NOT NULL,
  PRIMARY KEY (a_id, b_id),
  CHECK (a_id < b_id)
) STRICT;
CREATE INDEX dup_not_same_by_b ON dup_not_same(b_id);

-- @migration 8
-- An event keeps its own time zone and its wall-clock time there (issue
-- 14): tzid is the IANA zone of a timed event (the TZID of an imported
-- one, the user's zone when typed in; NULL for an all-day event and for an
-- event written before this step, which stays in the user's zone) and
-- tz_start its start as "YYYY-MM-DD HH:MM" in that zone. start_at stays the
-- start in the user's zone when it was written: lists sort and show by it.
-- A recurring series is expanded from tz_start in tzid (its EXDATEs in the
-- rrule are in that zone too), then shown in the user's zone.
ALTER TABLE event ADD COLUMN tzid TEXT;
ALTER TABLE event ADD COLUMN tz_start TEXT;

-- @migration 9
-- "Is this extra field already kept?" compared every value the entity had
-- under that name: 20,000 X-FOO properties on one card, or thousands of
-- CSV rows merged into one contact, made an import quadratic while it held
-- the write lock. value_key is a 64-bit hash of the value (FNV-1a of its
-- UTF-8 bytes, kith_value_key() in src/db/db.c), written with the row, and
-- the lookup reads the one or few rows with the same key. A row written by
-- another program without it is only not found as a duplicate.
ALTER TABLE import_extra ADD COLUMN value_key INTEGER;
UPDATE import_extra SET value_key = kith_value_key(value);
DROP INDEX import_extra_by_field;
CREATE INDEX import_extra_by_value ON import_extra(entity, entity_id, name, value_key);

-- @migration 10
-- Every contact gets a stable identity, its UID: the vCard UID it was
-- imported with, else a random UUID (version 4, 122 random bits) made when
-- it is created. Import merges by it, export writes it, and a future team
-- mode can rely on it where integer ids collide across replicas. A UID that
-- earlier imports kept aside (import_extra, name 'UID') becomes the
-- contact's own when no other contact has it; every other contact gets a
-- new one. Kith's own inserts always give a UID; the trigger gives one to
-- a row another writer inserts without (the demo's SQL).
ALTER TABLE contact ADD COLUMN uid TEXT;
UPDATE contact SET uid = x.value
  FROM (SELECT entity_id, value,
               row_number() OVER (PARTITION BY value ORDER BY entity_id, id) AS by_value,
               row_number() OVER (PARTITION BY entity_id ORDER BY id) AS by_contact
          FROM import_extra WHERE entity = 'contact' AND name = 'UID' AND value != '') AS x
 WHERE x.entity_id = contact.id AND x.by_value = 1 AND x.by_contact = 1;
DELETE FROM import_extra WHERE entity = 'contact' AND name = 'UID'
   AND value = (SELECT uid FROM contact WHERE id = import_extra.entity_id);
UPDATE contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
         substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
         substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
 WHERE uid IS NULL;
CREATE UNIQUE INDEX contact_by_uid ON contact(uid) WHERE uid IS NOT NULL;
-- A UID kept aside (a card merged by email, a contact merged into another
-- by the duplicates review) still finds its contact.
CREATE INDEX import_extra_by_uid ON import_extra(value)
  WHERE entity = 'contact' AND name IN ('UID', 'uid');
CREATE TRIGGER contact_uid_default AFTER INSERT ON contact WHEN new.uid IS NULL BEGIN
  UPDATE contact SET uid = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
         substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
         substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))
   WHERE id = new.id;
END;

-- @migration 11
-- Importing a calendar: each event and to-do insert built a temporary
-- table for every CHECK written with IN and three or more values (as
-- migration 5 found for contacts): a fifth of what the insert cost. The
-- same checks, written with = and OR, in place (see migration 5), for the
-- tables that take rows by the thousand: events, follow-ups, attendance and
-- interactions.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''town-hall'',''council-meeting'',
                ''conference'',''rally'',''fundraiser'',''volunteer-shift'',''meetup'',
                ''informational-interview'',''one-to-one'',''other''))',
  'CHECK (kind = ''town-hall'' OR kind = ''council-meeting'' OR kind = ''conference''
                OR kind = ''rally'' OR kind = ''fundraiser'' OR kind = ''volunteer-shift''
                OR kind = ''meetup'' OR kind = ''informational-interview''
                OR kind = ''one-to-one'' OR kind = ''other'')')
  WHERE type = 'table' AND name = 'event';
UPDATE sqlite_master SET sql = replace(replace(replace(replace(sql,
  'CHECK (kind IN (''thank-you'',''send-info'',
                   ''introduce'',''check-in'',''ask'',''other''))',
  'CHECK (kind = ''thank-you'' OR kind = ''send-info'' OR kind = ''introduce''
                   OR kind = ''check-in'' OR kind = ''ask'' OR kind = ''other'')'),
  'CHECK (status IN (''open'',''done'',''dropped''))',
  'CHECK (status = ''open'' OR status = ''done'' OR status = ''dropped'')'),
  'CHECK (direction IN (''none'',''owe'',''owed''))',
  'CHECK (direction = ''none'' OR direction = ''owe'' OR direction = ''owed'')'),
  'CHECK (intro_stage IN (''none'',''requested'',''made'',
                   ''met'',''thanked''))',
  'CHECK (intro_stage = ''none'' OR intro_stage = ''requested'' OR intro_stage = ''made''
                   OR intro_stage = ''met'' OR intro_stage = ''thanked'')')
  WHERE type = 'table' AND name = 'followup';
UPDATE sqlite_master SET sql = replace(replace(sql,
  'CHECK (role IN (''host'',''speaker'',''attendee''))',
  'CHECK (role = ''host'' OR role = ''speaker'' OR role = ''attendee'')'),
  'CHECK (status IN (''invited'',''confirmed'',''attended'',
               ''no-show'',''met''))',
  'CHECK (status = ''invited'' OR status = ''confirmed'' OR status = ''attended''
               OR status = ''no-show'' OR status = ''met'')')
  WHERE type = 'table' AND name = 'attendance';
UPDATE sqlite_master SET sql = replace(sql,
  'CHECK (kind IN (''call'',''email'',''meeting'',''coffee'',
               ''event'',''message'',''social'',''note''))',
  'CHECK (kind = ''call'' OR kind = ''email'' OR kind = ''meeting'' OR kind = ''coffee''
               OR kind = ''event'' OR kind = ''message'' OR kind = ''social'' OR kind = ''note'')')
  WHERE type = 'table' AND name = 'interaction';
PRAGMA writable_schema = RESET;
-- A to-do without a UID is the same as a follow-up with its title and due
-- date (src/io/import.c); with no index on the title, each one read every
-- follow-up: 100,000 to-dos took minutes.
CREATE INDEX followup_by_title ON followup(title, due) WHERE uid IS NULL;

-- @migration 12
-- Names folded as a person types them on a US keyboard (src/util/fold.c,
-- ICU's "Any-Latin; Latin-ASCII; Lower"): ł -> l, ø -> o, ß -> ss,
-- æ -> ae, þ -> th, ı -> i, Владимир -> vladimir. The keys are re-folded
-- with kith_fold(), a function each kith connection defines. A contact's
-- search document now holds the folded name and nicknames beside the
-- written ones where they differ, since unicode61 folds only the letters
-- Unicode decomposes ("lukasiewicz" finds Łukasiewicz). The documents are
-- rebuilt once at the end, not row by row as the keys change.
-- A contact's honorific ("Cllr." of "Cllr. Harriet Osei", a vCard's N
-- prefix) is kept in its own column and left out of the sort key: she
-- sorts under H, as everyone sorts by the name as written without it.
ALTER TABLE contact ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
INSERT OR REPLACE INTO meta(key, value) VALUES ('fts_deferred', '1');
UPDATE contact SET prefix = kith_honorific(display_name) WHERE kith_honorific(display_name) <> '';
UPDATE contact SET name_key = kith_fold(substr(display_name, length(prefix) + 1))
 WHERE name_key IS NOT kith_fold(substr(display_name, length(prefix) + 1));
UPDATE contact_nickname SET nick_key = kith_fold(nickname)
 WHERE nick_key IS NOT kith_fold(nickname);
UPDATE organisation SET name_key = kith_fold(name) WHERE name_key IS NOT kith_fold(name);
DELETE FROM meta WHERE key = 'fts_deferred';
DELETE FROM contact_fts_dirty;
DROP VIEW contact_fts_doc;
CREATE VIEW contact_fts_doc AS
SELECT c.id AS id,
  c.display_name || CASE WHEN c.name_key = lower(c.display_name) THEN '' ELSE ' ' || c.name_key END AS name,
  coalesce((SELECT group_concat(n.nickname || CASE WHEN n.nick_key = lower(n.nickname) THEN ''
             ELSE ' ' || n.nick_key END, ' ') FROM contact_nickname n WHERE n.contact_id = c.id), '') AS nicknames,
  coalesce((SELECT group_concat(o.name, ' ') FROM role r JOIN organisation o ON o.id = r.org_id
             WHERE r.contact_id = c.id AND r.end_date IS NULL), '') AS org,
  coalesce((SELECT group_concat(r.title || ' ' || r.seat, ' ') FROM role r
             WHERE r.contact_id = c.id AND r.end_date IS NULL), '') AS role,
  coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
             WHERE ct.contact_id = c.id), '') AS tags,
  c.notes || ' ' || c.given_name || ' ' || c.family_name || ' ' || c.district AS notes
FROM contact c;
DELETE FROM contact_fts;
INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
  SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc;

-- @migration 13
-- A contact's search document was rebuilt on every update of its row: a
-- tier given to 685 people took 329 ms, 24 ms without the rebuild. The
-- triggers now fire only when a column the document is made of is written
-- (contact_fts_doc: the names, name_key, notes and district; the id), and
-- an organisation's when its name or description is; a role's only when a
-- column the document reads (who, which organisation, title, seat, end) is.
DROP TRIGGER contact_fts_upd;
CREATE TRIGGER contact_fts_upd
  AFTER UPDATE OF id, display_name, name_key, given_name, family_name, notes, district ON contact
  WHEN NOT EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  DELETE FROM contact_fts WHERE rowid = old.id;
  INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
    SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc WHERE id = new.id;
END;
DROP TRIGGER contact_fts_upd_deferred;
CREATE TRIGGER contact_fts_upd_deferred
  AFTER UPDATE OF id, display_name, name_key, given_name, family_name, notes, district ON contact
  WHEN EXISTS (SELECT 1 FROM meta WHERE key = 'fts_deferred') BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.id);
END;
DROP TRIGGER organisation_fts_upd;
CREATE TRIGGER organisation_fts_upd AFTER UPDATE OF id, name, description ON organisation BEGIN
  INSERT INTO organisation_fts(organisation_fts, rowid, name, description)
    VALUES ('delete', old.id, old.name, old.description);
  INSERT INTO organisation_fts(rowid, name, description) VALUES (new.id, new.name, new.description);
END;
DROP TRIGGER role_fts_upd;
CREATE TRIGGER role_fts_upd AFTER UPDATE OF contact_id, org_id, title, seat, end_date ON role BEGIN
  INSERT OR IGNORE INTO contact_fts_dirty SELECT id FROM contact WHERE id = old.contact_id;
  INSERT OR IGNORE INTO contact_fts_dirty VALUES (new.contact_id);
END;

-- @migration 14
-- The guard against over-eagerness (issue 18). An interaction's `way`:
-- 'out' is outreach that has had no answer yet (an email, a message, a
-- voicemail), 'in' an answer or a contact they started, 'both' a
-- conversation (a call, a meeting), 'none' a note about someone. Three
-- unanswered outreaches in a week are one too many: kith asks first.
-- Interactions logged before this version are counted as conversations,
-- so no old history raises a warning. A contact's rhythm_days (0: none)
-- is how often at most they want to hear from you ("monthly at most"):
-- the review does not propose them sooner unless a dated follow-up is due.
-- (the check without an IN list: tests/cli/import_bulk.sh says why)
ALTER TABLE interaction ADD COLUMN way TEXT NOT NULL DEFAULT 'both'
  CHECK (way = 'both' OR way = 'out' OR way = 'in' OR way = 'none');
ALTER TABLE contact ADD COLUMN rhythm_days INTEGER NOT NULL DEFAULT 0
  CHECK (rhythm_days BETWEEN 0 AND 3650);

-- @migration 15
-- Listening to constituents (issue 18). A concern is an issue a person
-- raised: a tag (the issue's name, "#bus-route-14"), when, and their own
-- words, so the next conversation can refer to them. A promise is a
-- commitment made to the people who raised an issue; each progress update
-- is logged once, and whom it was told to is kept (promise_told), so the
-- review can propose telling the others. Tags are never deleted, so an
-- issue outlives the people who raised it.
CREATE TABLE concern (
  id             INTEGER PRIMARY KEY,
  tag_id         INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  contact_id     INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  raised_at      TEXT NOT NULL CHECK (raised_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  words          TEXT NOT NULL DEFAULT '',
  interaction_id INTEGER REFERENCES interaction(id) ON DELETE SET NULL,
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX concern_by_tag ON concern(tag_id, raised_at);
CREATE INDEX concern_by_contact ON concern(contact_id, raised_at);
CREATE INDEX concern_by_raised ON concern(raised_at);

CREATE TABLE promise (
  id         INTEGER PRIMARY KEY,
  tag_id     INTEGER NOT NULL REFERENCES tag(id) ON DELETE CASCADE,
  title      TEXT NOT NULL CHECK (length(title) > 0),
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'kept'
               OR status = 'dropped'),
  made_at    TEXT NOT NULL,
  closed_at  TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX promise_by_tag ON promise(tag_id);

CREATE TABLE promise_update (
  id         INTEGER PRIMARY KEY,
  promise_id INTEGER NOT NULL REFERENCES promise(id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  text       TEXT NOT NULL CHECK (length(text) > 0),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX promise_update_by_promise ON promise_update(promise_id, at);

CREATE TABLE promise_told (
  update_id  INTEGER NOT NULL REFERENCES promise_update(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
  at         TEXT NOT NULL,
  PRIMARY KEY (update_id, contact_id)
) STRICT;
CREATE INDEX promise_told_by_contact ON promise_told(contact_id);

-- @migration 16
-- Networking goals (kith goal, the Goals view): "meet 3 school-board
-- members by March". who is a query (kith/query.h) as the user typed it;
-- how names the touches that count (met, talked, introduced, placed:
-- src/db/goal.c); touches from set_on to due count. Progress, reached
-- and missed are read from the touches, never stored; dropped_on is the
-- day the user gave the goal up (kept, with its progress then).
CREATE TABLE goal (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL CHECK (length(title) > 0),
  who        TEXT NOT NULL,
  how        TEXT NOT NULL CHECK (how = 'met' OR how = 'talked' OR how = 'introduced'
               OR how = 'placed'),
  target     INTEGER NOT NULL CHECK (target BETWEEN 1 AND 100000),
  set_on     TEXT NOT NULL CHECK (set_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  due        TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  dropped_on TEXT CHECK (dropped_on IS NULL
               OR dropped_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (due >= set_on)
) STRICT;
-- A query (kith/query.h) narrows by district, tier and an organisation's
-- kind through these, so that a goal over "tier:A tag:zoning" reads the
-- few thousand of tier A, not every tagged contact's row; introductions
-- by either person for "introduced" goals (few follow-ups are introductions).
CREATE INDEX contact_by_district ON contact(district COLLATE NOCASE);
CREATE INDEX contact_by_tier ON contact(tier);
CREATE INDEX organisation_by_kind ON organisation(kind);
-- A goal's "met" and "talked" look for a person's events attended or met
-- at: the attendance that counts as a touch, without reading the rest.
-- (IN, as the queries write it: SQLite matches a partial index's WHERE by
-- its terms, and turns an OR of equalities into IN before it does.)
CREATE INDEX attendance_touch ON attendance(contact_id, event_id, status)
  WHERE status IN ('attended', 'met');
CREATE INDEX followup_intro_a ON followup(intro_a_id, updated_at) WHERE intro_a_id IS NOT NULL;
CREATE INDEX followup_intro_b ON followup(intro_b_id, updated_at) WHERE intro_b_id IS NOT NULL;

-- @migration 17
-- Reciprocity (kith health, the card, the review's "offer" term): what
-- the user gave each person against what they asked of them. An
-- interaction can be marked as help given or a favour asked (+give, +ask
-- in capture; kith log --give, --ask); follow-ups already say the rest: a
-- promise kept (owe, done) is given, a promise owed to the user (owed) is
-- asked, an introduction the user made (introducer "me", made or later)
-- is given to both sides, one the user asked of someone (they are the
-- introducer) is asked of them. The mark is copied to each
-- interaction_contact row (as `at` is), so a person's gives and asks are
-- a range of a small partial index instead of a lookup of every
-- interaction they had: the review asks it for each of 1,600 candidates.
ALTER TABLE interaction ADD COLUMN exchange TEXT NOT NULL DEFAULT 'none'
  CHECK (exchange = 'none' OR exchange = 'give' OR exchange = 'ask');
ALTER TABLE interaction_contact ADD COLUMN exchange TEXT NOT NULL DEFAULT 'none';
CREATE INDEX interaction_contact_by_exchange ON interaction_contact(contact_id, exchange)
  WHERE exchange <> 'none';
CREATE TRIGGER interaction_exchange_upd AFTER UPDATE OF exchange ON interaction BEGIN
  UPDATE interaction_contact SET exchange = new.exchange WHERE interaction_id = new.id;
END;
CREATE INDEX followup_by_direction ON followup(contact_id, direction, status)
  WHERE direction <> 'none';
-- Introductions by each side and by the introducer, covering what the
-- counts read (no lookup of the follow-up row).
CREATE INDEX followup_by_intro_a ON followup(intro_a_id, intro_by_id, intro_stage)
  WHERE intro_a_id IS NOT NULL;
CREATE INDEX followup_by_intro_b ON followup(intro_b_id, intro_by_id, intro_stage, intro_a_id)
  WHERE intro_b_id IS NOT NULL;
CREATE INDEX followup_by_intro_by ON followup(intro_by_id, intro_stage, intro_a_id, intro_b_id)
  WHERE intro_by_id IS NOT NULL;

-- @migration 18
-- Team mode (kith team, kith sync; README "Working as a team"): this
-- replica's own bookkeeping, never shared (src/db/sync_key.c lists the
-- shared tables). The replica's number R (rows it adds to shared tables
-- get keys R * 2^40 + n, so two replicas never make the same key; rows
-- from before the team keep theirs), its author name, the last log entry
-- applied here and the names of the team's other replicas live in meta
-- ('team.replica', 'team.author', 'team.applied', 'team.member.R'); a solo
-- database has none of them. Two tables, kept to one column of data each:
-- SQLite reads every table's definition when a connection first uses the
-- schema, and a solo kith's start-up must not pay for team mode.
-- sync_outbox: local changes not yet in the log, in the order they were
-- made, each a write's changeset of the shared tables (SQLite's session
-- format). sync_conflict: what syncs found (a field both sides changed,
-- a change to a row another replica deleted, a row the schema refused),
-- each a JSON object (src/db/sync_db.c).
CREATE TABLE sync_outbox (id INTEGER PRIMARY KEY, data BLOB NOT NULL) STRICT;
CREATE TABLE sync_conflict (id INTEGER PRIMARY KEY, data TEXT NOT NULL) STRICT;

-- @migration 19
-- Goal progress kept current (issue 18: 20 goals' progress in 20 ms at
-- city scale, 67 ms when each was computed from the touches). goal_member
-- holds, for each goal, every person its query selects with the first
-- touch that counts in the goal's days (NULL: none yet), exactly what
-- src/db/goal_member.c's statement computes; the goal's days are its own dates,
-- so the rows do not depend on the day it is read. Derived, like
-- contact_stat: never recorded by undo, never shared by team mode.
-- The triggers below mark the people a write can move in or out of a
-- goal, or give or take a touch (goal_dirty), and the goals to build whole
-- (goal_stale: a new or changed goal, a map renamed); every write's commit
-- brings the rows of those people and goals up to date (src/db/tx.c,
-- goal_cache_refresh), and a reader that finds any mark left (a write by
-- another program) computes progress from the touches as before. The
-- marks are only taken while a goal exists.
CREATE TABLE goal_member (
  goal_id    INTEGER NOT NULL,
  contact_id INTEGER NOT NULL,
  at         TEXT,
  PRIMARY KEY (goal_id, contact_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX goal_member_counted ON goal_member(goal_id, at, contact_id) WHERE at IS NOT NULL;
CREATE TABLE goal_dirty (contact_id INTEGER PRIMARY KEY) STRICT;
CREATE TABLE goal_stale (goal_id INTEGER PRIMARY KEY) STRICT;
INSERT INTO goal_stale SELECT id FROM goal;
-- The search documents of the people a commit brings up to date, copied
-- from contact_fts (its columns and tokenizer): a goal's search terms are
-- looked for in them alone (src/db/query_db.c, QPLAN_CHECK), not in the
-- whole index, where "role:president" merges the postings of every word
-- it prefixes. Emptied and filled again by each such commit.
CREATE VIRTUAL TABLE probe_fts USING fts5(name, nicknames, org, role, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER goal_cache_ins AFTER INSERT ON goal BEGIN
  INSERT OR IGNORE INTO goal_stale VALUES (new.id);
END;
CREATE TRIGGER goal_cache_upd AFTER UPDATE OF id, who, how, set_on, due ON goal BEGIN
  DELETE FROM goal_member WHERE goal_id = old.id;
  DELETE FROM goal_stale WHERE goal_id = old.id;
  INSERT OR IGNORE INTO goal_stale VALUES (new.id);
END;
CREATE TRIGGER goal_cache_del AFTER DELETE ON goal BEGIN
  DELETE FROM goal_member WHERE goal_id = old.id;
  DELETE FROM goal_stale WHERE goal_id = old.id;
END;
-- a map's name is resolved when a goal's query is read
CREATE TRIGGER goal_map_ins AFTER INSERT ON power_map BEGIN
  INSERT OR IGNORE INTO goal_stale SELECT id FROM goal WHERE who LIKE '%map:%';
END;
CREATE TRIGGER goal_map_upd AFTER UPDATE OF id, name ON power_map BEGIN
  INSERT OR IGNORE INTO goal_stale SELECT id FROM goal WHERE who LIKE '%map:%';
END;
CREATE TRIGGER goal_map_del AFTER DELETE ON power_map BEGIN
  INSERT OR IGNORE INTO goal_stale SELECT id FROM goal WHERE who LIKE '%map:%';
END;
-- "me" is never counted
CREATE TRIGGER goal_me_ins AFTER INSERT ON meta
  WHEN new.key = 'me' AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact WHERE id = CAST(new.value AS INTEGER);
END;
CREATE TRIGGER goal_me_upd AFTER UPDATE ON meta
  WHEN (old.key = 'me' OR new.key = 'me') AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact
    WHERE id = CAST(old.value AS INTEGER) OR id = CAST(new.value AS INTEGER);
END;
CREATE TRIGGER goal_me_del AFTER DELETE ON meta
  WHEN old.key = 'me' AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact WHERE id = CAST(old.value AS INTEGER);
END;
-- who a person is: the contact row and its search document's parts
-- (an import suspends goal_contact_ins and goal_role_ins, and marks every
-- goal stale instead: src/db/bulk_db.c)
CREATE TRIGGER goal_contact_ins AFTER INSERT ON contact WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.id);
END;
CREATE TRIGGER goal_contact_upd
  AFTER UPDATE OF id, archived, district, tier, display_name, name_key, given_name, family_name,
    notes ON contact WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.id), (new.id);
END;
CREATE TRIGGER goal_contact_del AFTER DELETE ON contact WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.id);
END;
CREATE TRIGGER goal_nickname_ins AFTER INSERT ON contact_nickname
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_nickname_upd AFTER UPDATE ON contact_nickname
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id), (new.contact_id);
END;
CREATE TRIGGER goal_nickname_del AFTER DELETE ON contact_nickname
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
CREATE TRIGGER goal_tagged_ins AFTER INSERT ON contact_tag WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_tagged_upd AFTER UPDATE ON contact_tag WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id), (new.contact_id);
END;
CREATE TRIGGER goal_tagged_del AFTER DELETE ON contact_tag WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
CREATE TRIGGER goal_tag_upd AFTER UPDATE OF id, name ON tag WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM contact_tag
    WHERE tag_id = old.id OR tag_id = new.id;
END;
CREATE TRIGGER goal_role_ins AFTER INSERT ON role WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_role_upd AFTER UPDATE ON role WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id), (new.contact_id);
END;
CREATE TRIGGER goal_role_del AFTER DELETE ON role WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
CREATE TRIGGER goal_org_upd AFTER UPDATE OF id, name, kind ON organisation
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM role
    WHERE org_id = old.id OR org_id = new.id;
END;
CREATE TRIGGER goal_placement_ins AFTER INSERT ON placement
  WHEN new.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_placement_upd AFTER UPDATE OF map_id, contact_id ON placement
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact
    WHERE id = old.contact_id OR id = new.contact_id;
END;
CREATE TRIGGER goal_placement_del AFTER DELETE ON placement
  WHEN old.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
-- the touches: interactions, events attended or met at, introductions, map moves
CREATE TRIGGER goal_talk_ins AFTER INSERT ON interaction_contact
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_talk_upd AFTER UPDATE ON interaction_contact
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id), (new.contact_id);
END;
CREATE TRIGGER goal_talk_del AFTER DELETE ON interaction_contact
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
CREATE TRIGGER goal_talk_kind AFTER UPDATE OF kind ON interaction
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM interaction_contact
    WHERE interaction_id = new.id;
END;
CREATE TRIGGER goal_attend_ins AFTER INSERT ON attendance
  WHEN (new.status = 'attended' OR new.status = 'met') AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_attend_upd AFTER UPDATE ON attendance
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id), (new.contact_id);
END;
CREATE TRIGGER goal_attend_del AFTER DELETE ON attendance
  WHEN (old.status = 'attended' OR old.status = 'met') AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;
CREATE TRIGGER goal_event_start AFTER UPDATE OF start_at ON event
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT contact_id FROM attendance
    WHERE event_id = new.id AND (status = 'attended' OR status = 'met');
END;
-- (an introduction counts from 'made' on: one still asked for is no touch)
CREATE TRIGGER goal_intro_ins AFTER INSERT ON followup
  WHEN (new.intro_stage = 'made' OR new.intro_stage = 'met' OR new.intro_stage = 'thanked')
    AND (new.intro_a_id IS NOT NULL OR new.intro_b_id IS NOT NULL)
    AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact
    WHERE id = new.intro_a_id OR id = new.intro_b_id;
END;
CREATE TRIGGER goal_intro_upd AFTER UPDATE ON followup
  WHEN (((old.intro_stage = 'made' OR old.intro_stage = 'met' OR old.intro_stage = 'thanked')
      AND (old.intro_a_id IS NOT NULL OR old.intro_b_id IS NOT NULL))
    OR ((new.intro_stage = 'made' OR new.intro_stage = 'met' OR new.intro_stage = 'thanked')
      AND (new.intro_a_id IS NOT NULL OR new.intro_b_id IS NOT NULL)))
    AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact
    WHERE id = old.intro_a_id OR id = old.intro_b_id OR id = new.intro_a_id
      OR id = new.intro_b_id;
END;
CREATE TRIGGER goal_intro_del AFTER DELETE ON followup
  WHEN (old.intro_stage = 'made' OR old.intro_stage = 'met' OR old.intro_stage = 'thanked')
    AND (old.intro_a_id IS NOT NULL OR old.intro_b_id IS NOT NULL)
    AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (coalesce(old.intro_a_id, old.intro_b_id)),
    (coalesce(old.intro_b_id, old.intro_a_id));
END;
CREATE TRIGGER goal_move_ins AFTER INSERT ON placement_move
  WHEN new.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (new.contact_id);
END;
CREATE TRIGGER goal_move_upd AFTER UPDATE ON placement_move
  WHEN EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty SELECT id FROM contact
    WHERE id = old.contact_id OR id = new.contact_id;
END;
CREATE TRIGGER goal_move_del AFTER DELETE ON placement_move
  WHEN old.contact_id IS NOT NULL AND EXISTS (SELECT 1 FROM goal) BEGIN
  INSERT OR IGNORE INTO goal_dirty VALUES (old.contact_id);
END;

-- @migration 20
-- Team mode's short references (README "Working as a team"): a row
-- another replica made, or this one made after `kith team init`, has a
-- long key (R * 2^40 + n); it is shown and typed as a short number local
-- to this replica, its alias, never shared. An alias of table tbl counts
-- on from the table's largest key below 2^40 (the seed's, which keeps its
-- own numbers), so it never names two rows. Aliases are given as rows
-- arrive: a local write's insert (with its outbox entry), a sync's applied
-- entries (src/db/sync_alias.c). Rows that were there before this
-- migration get theirs here, in key order.
CREATE TABLE sync_alias (
  tbl TEXT NOT NULL,
  key INTEGER NOT NULL,
  n   INTEGER NOT NULL,
  PRIMARY KEY (tbl, key),
  UNIQUE (tbl, n)
) WITHOUT ROWID, STRICT;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'contact', id, (SELECT coalesce(max(id), 0) FROM contact WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM contact WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'organisation', id, (SELECT coalesce(max(id), 0) FROM organisation WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM organisation WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'event', id, (SELECT coalesce(max(id), 0) FROM event WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM event WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'interaction', id, (SELECT coalesce(max(id), 0) FROM interaction WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM interaction WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'followup', id, (SELECT coalesce(max(id), 0) FROM followup WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM followup WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'power_map', id, (SELECT coalesce(max(id), 0) FROM power_map WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM power_map WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'goal', id, (SELECT coalesce(max(id), 0) FROM goal WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM goal WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'concern', id, (SELECT coalesce(max(id), 0) FROM concern WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM concern WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'promise', id, (SELECT coalesce(max(id), 0) FROM promise WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM promise WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'role', id, (SELECT coalesce(max(id), 0) FROM role WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM role WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'relationship', id, (SELECT coalesce(max(id), 0) FROM relationship WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM relationship WHERE id >= 1099511627776 AND id < 4611686018427387904;
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'promise_update', id, (SELECT coalesce(max(id), 0) FROM promise_update WHERE id < 1099511627776)
    + row_number() OVER (ORDER BY id)
  FROM promise_update WHERE id >= 1099511627776 AND id < 4611686018427387904;

-- @migration 21
-- Goal progress's marks are taken by kith itself, not by triggers (issue
-- 16: every kith process parsed migration 19's 40 triggers at its first
-- statement, 1.6M instructions, 15 percent of a `kith search`). The
-- pre-update hook that every write of kith passes through
-- (src/db/goal_mark.c) marks the people and goals those triggers did, in
-- memory, and the write's commit puts them in goal_dirty and goal_stale;
-- the next read of progress brings goal_member up to date from them
-- (src/db/goal_member.c). Every write of kith marks: its writers, undo
-- and redo, a team sync's apply, an import (it marks every goal). A write
-- by another program (the sqlite3 shell) marks nothing; after one,
-- "INSERT INTO goal_stale SELECT id FROM goal" has every goal built again.
-- probe_fts, the marked people's search documents, becomes a temporary
-- table of the connection that brings progress up to date.
DROP TRIGGER IF EXISTS goal_cache_ins;
DROP TRIGGER IF EXISTS goal_cache_upd;
DROP TRIGGER IF EXISTS goal_cache_del;
DROP TRIGGER IF EXISTS goal_map_ins;
DROP TRIGGER IF EXISTS goal_map_upd;
DROP TRIGGER IF EXISTS goal_map_del;
DROP TRIGGER IF EXISTS goal_me_ins;
DROP TRIGGER IF EXISTS goal_me_upd;
DROP TRIGGER IF EXISTS goal_me_del;
DROP TRIGGER IF EXISTS goal_contact_ins;
DROP TRIGGER IF EXISTS goal_contact_upd;
DROP TRIGGER IF EXISTS goal_contact_del;
DROP TRIGGER IF EXISTS goal_nickname_ins;
DROP TRIGGER IF EXISTS goal_nickname_upd;
DROP TRIGGER IF EXISTS goal_nickname_del;
DROP TRIGGER IF EXISTS goal_tagged_ins;
DROP TRIGGER IF EXISTS goal_tagged_upd;
DROP TRIGGER IF EXISTS goal_tagged_del;
DROP TRIGGER IF EXISTS goal_tag_upd;
DROP TRIGGER IF EXISTS goal_role_ins;
DROP TRIGGER IF EXISTS goal_role_upd;
DROP TRIGGER IF EXISTS goal_role_del;
DROP TRIGGER IF EXISTS goal_org_upd;
DROP TRIGGER IF EXISTS goal_placement_ins;
DROP TRIGGER IF EXISTS goal_placement_upd;
DROP TRIGGER IF EXISTS goal_placement_del;
DROP TRIGGER IF EXISTS goal_talk_ins;
DROP TRIGGER IF EXISTS goal_talk_upd;
DROP TRIGGER IF EXISTS goal_talk_del;
DROP TRIGGER IF EXISTS goal_talk_kind;
DROP TRIGGER IF EXISTS goal_attend_ins;
DROP TRIGGER IF EXISTS goal_attend_upd;
DROP TRIGGER IF EXISTS goal_attend_del;
DROP TRIGGER IF EXISTS goal_event_start;
DROP TRIGGER IF EXISTS goal_intro_ins;
DROP TRIGGER IF EXISTS goal_intro_upd;
DROP TRIGGER IF EXISTS goal_intro_del;
DROP TRIGGER IF EXISTS goal_move_ins;
DROP TRIGGER IF EXISTS goal_move_upd;
DROP TRIGGER IF EXISTS goal_move_del;
DROP TABLE IF EXISTS probe_fts;

-- @migration 22
-- The contacts by tier and by district only hold those that have one
-- (issue 14): most have none (a vCard has no district), and "tier = ?" and
-- "district = ? AND district <> ''" (a query's value is never empty) still
-- read them. A fresh import of 100,000 contacts without either had put
-- both indexes aside and built them at its end, each a read of every
-- contact and a sort of 100,000 equal keys (50 ms each); now it adds
-- nothing to them as it goes.
DROP INDEX contact_by_tier;
CREATE INDEX contact_by_tier ON contact(tier) WHERE tier IS NOT NULL;
DROP INDEX contact_by_district;
CREATE INDEX contact_by_district ON contact(district COLLATE NOCASE) WHERE district <> '';

-- @migration 23
-- A fresh import of 100,000 vCards (issue 14) spent 120 ms of its 1.2 s on
-- two things only a few contacts need, and more on a slow sort:
-- - contact_by_influence held every contact, though the contacts without
--   an influence (most, and all of an address book's) are listed by name
--   after the others: now it holds those with one, and the list reads the
--   rest from contact_by_name (contact_list.c). Building it after an
--   import was a sort of every name.
-- - contact_fts kept each document's length in words (%_docsize), read
--   only to rank a search's matches: FTS5 now counts the words of the
--   matches it ranks (columnsize = 0), and an import copies 100,000 rows
--   fewer. The index is made again from contact_fts_doc.
-- - contact_channel_by_value was by kind, then value: every comparison of
--   its build's sort began with the kind, equal for half the pairs, and
--   went on to the slow comparison of the rest (78-112 ms for 200,000
--   channels); by value, then kind, 60 ms. Its lookups name both.
-- The rank the triggers keep, made right where another writer left it
-- wrong: the list by influence depends on it.
UPDATE contact SET influence_rank = 5 - coalesce(influence, 0)
 WHERE influence_rank IS NOT 5 - coalesce(influence, 0);
DROP INDEX contact_by_influence;
CREATE INDEX contact_by_influence ON contact(influence_rank, name_key, id, archived)
  WHERE influence IS NOT NULL;
DROP INDEX contact_channel_by_value;
CREATE INDEX contact_channel_by_value ON contact_channel(value_key, kind);
DROP TABLE contact_fts;
CREATE VIRTUAL TABLE contact_fts USING fts5(
  name, nicknames, org, role, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', columnsize = 0);
INSERT INTO contact_fts(rowid, name, nicknames, org, role, tags, notes)
  SELECT id, name, nicknames, org, role, tags, notes FROM contact_fts_doc;
