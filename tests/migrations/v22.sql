-- kith database fixture: schema version 22 (tests/migrations/README).
--
-- A database as kith (user_version 22) left it for a user who started at
-- version 1: v21.sql as it stands (its schema, migrations as released and
-- rows), then migration 22 as it was released (copied from
-- assets/schema.sql: the contacts by tier and by district only those with
-- one), then two people, one with an influence, a tier and a district
-- and one with none, as a program writing SQL adds them.
-- tests/cli/migrate_fixtures.sh loads it with sqlite3, opens it with the
-- current kith (which runs migration 23 and later) and checks every row.
-- Never edit this file.
PRAGMA foreign_keys = OFF;
BEGIN;

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
INSERT INTO meta VALUES('me','1');
INSERT INTO organisation VALUES(1,'Riverton City Council','riverton city council','government','Seven seats: the Mayor and six districts. Votes on zoning, the budget and the rent ordinance.',5,NULL,'2023-09-15 09:00:00','2025-11-11 09:00:00');
INSERT INTO organisation VALUES(2,'Riverton Planning Commission','riverton planning commission','government','Five appointed commissioners; hears rezonings and the Old Mill overlay before council.',4,1,'2023-09-08 09:00:00','2025-11-12 09:00:00');
INSERT INTO organisation VALUES(3,'Riverton Unified School Board','riverton unified school board','school','Five elected trustees; decides whether the school bond goes on the 2027 ballot.',5,NULL,'2023-09-01 09:00:00','2025-11-13 09:00:00');
INSERT INTO organisation VALUES(4,'Riverton Education Association','riverton education association','union','The teachers'' union, about 1,400 members.',3,NULL,'2023-08-25 09:00:00','2025-11-14 09:00:00');
INSERT INTO organisation VALUES(5,'Building Trades Council Local 47','building trades council local 47','union','Construction unions; endorses on jobs and project labour agreements.',3,NULL,'2023-08-18 09:00:00','2025-11-15 09:00:00');
INSERT INTO organisation VALUES(6,'Riverton Chamber of Commerce','riverton chamber of commerce','business','About 600 member businesses; publishes a position on every tax measure.',4,NULL,'2023-08-11 09:00:00','2025-11-16 09:00:00');
INSERT INTO organisation VALUES(7,'Eastside Neighbours','eastside neighbours','association','Neighbourhood association for the Eastside (District 4).',2,NULL,'2023-08-04 09:00:00','2025-11-17 09:00:00');
INSERT INTO organisation VALUES(8,'Old Mill District Neighbourhood Association','old mill district neighbourhood association','association','Old Mill residents and small businesses; active on the overlay.',2,NULL,'2023-07-28 09:00:00','2025-11-18 09:00:00');
INSERT INTO organisation VALUES(9,'Northgate Residents'' Association','northgate residents'' association','association','Northgate homeowners; led the petition against the last bond.',2,NULL,'2023-07-21 09:00:00','2025-11-19 09:00:00');
INSERT INTO organisation VALUES(10,'The Riverton Ledger','the riverton ledger','media','The daily paper; city hall beat and the endorsements page.',3,NULL,'2023-07-14 09:00:00','2025-11-20 09:00:00');
INSERT INTO organisation VALUES(11,'KRVR 89.3 Community Radio','krvr 89.3 community radio','media','Community radio; the morning show "Riverton Mornings".',2,NULL,'2023-07-07 09:00:00','2025-11-21 09:00:00');
INSERT INTO organisation VALUES(12,'Riverton Tenants Union','riverton tenants union','community','Tenants organising for rent stabilisation and repairs.',3,NULL,'2023-06-30 09:00:00','2025-11-22 09:00:00');
INSERT INTO organisation VALUES(13,'Schools First 2027','schools first 2027','campaign','The coalition campaign for the 2027 school bond.',3,NULL,'2023-06-23 09:00:00','2025-11-23 09:00:00');
INSERT INTO organisation VALUES(14,'Riverton Housing Authority','riverton housing authority','government','Public housing and vouchers; reports to council.',4,NULL,'2023-06-16 09:00:00','2025-11-24 09:00:00');
INSERT INTO organisation VALUES(15,'Riverton Community College','riverton community college','school','Two campuses; partner on the trades pathway in the bond.',3,NULL,'2023-06-09 09:00:00','2025-11-25 09:00:00');
INSERT INTO event VALUES(1,'City Council regular meeting','council-meeting','2026-01-13 18:00','2026-01-13 21:30',0,'Council Chambers, City Hall',1,'Budget study session; rent ordinance first reading.',NULL,'demo-01@riverton.kith','2025-12-30 10:00:00','2025-12-30 10:00:00');
INSERT INTO event VALUES(2,'City Council regular meeting','council-meeting','2026-01-27 18:00','2026-01-27 22:15',0,'Council Chambers, City Hall',1,'Rent ordinance continued; Kessler moved to table.',NULL,'demo-02@riverton.kith','2026-01-13 10:00:00','2026-01-13 10:00:00');
INSERT INTO event VALUES(3,'City Council regular meeting','council-meeting','2026-02-10 18:00','2026-02-10 21:00',0,'Council Chambers, City Hall',1,'Old Mill overlay referred back to Planning.',NULL,'demo-03@riverton.kith','2026-01-27 10:00:00','2026-01-27 10:00:00');
INSERT INTO event VALUES(4,'City Council regular meeting','council-meeting','2026-02-24 18:00','2026-02-24 23:05',0,'Council Chambers, City Hall',1,'Rent ordinance second reading: passed 4-3.',NULL,'demo-04@riverton.kith','2026-02-10 10:00:00','2026-02-10 10:00:00');
INSERT INTO event VALUES(5,'City Council regular meeting','council-meeting','2026-03-18 18:00','2026-03-18 21:00',0,'Council Chambers, City Hall',1,'Agenda: capital plan, transit shelters.',NULL,'demo-05@riverton.kith','2026-03-04 10:00:00','2026-03-04 10:00:00');
INSERT INTO event VALUES(6,'City Council regular meeting','council-meeting','2026-04-01 18:00','2026-04-01 21:00',0,'Council Chambers, City Hall',1,'',NULL,'demo-06@riverton.kith','2026-03-09 10:00:00','2026-03-09 10:00:00');
INSERT INTO event VALUES(7,'Planning Commission: Eastside fourplex rules','council-meeting','2026-02-03 18:30','2026-02-03 21:30',0,'City Hall, Room 201',2,'Staff report by Elena Popescu. Continued to a later date.',NULL,'demo-07@riverton.kith','2026-01-20 10:00:00','2026-01-20 10:00:00');
INSERT INTO event VALUES(8,'Planning Commission: Old Mill overlay hearing','council-meeting','2026-03-20 18:30','2026-03-20 21:30',0,'City Hall, Room 201',2,'Public comment on heights and inclusionary units.',NULL,'demo-08@riverton.kith','2026-03-06 10:00:00','2026-03-06 10:00:00');
INSERT INTO event VALUES(9,'School Board meeting','council-meeting','2026-02-18 19:00','2026-02-18 21:30',0,'District Office Boardroom',3,'Facilities plan presented; bond size debated.',NULL,'demo-09@riverton.kith','2026-02-04 10:00:00','2026-02-04 10:00:00');
INSERT INTO event VALUES(10,'School Board meeting: bond resolution','council-meeting','2026-03-16 19:00','2026-03-16 22:00',0,'District Office Boardroom',3,'First vote on placing the bond on the 2027 ballot.',NULL,'demo-10@riverton.kith','2026-03-02 10:00:00','2026-03-02 10:00:00');
INSERT INTO event VALUES(11,'Town hall: housing in District 4','town-hall','2026-01-20 18:30','2026-01-20 20:00',0,'St. Brigid''s Parish Hall',7,'About 80 people. Questions on rents and fourplexes.',NULL,'demo-11@riverton.kith','2026-01-06 10:00:00','2026-01-06 10:00:00');
INSERT INTO event VALUES(12,'Town hall: the school bond, questions and answers','town-hall','2026-03-27 18:30','2026-03-27 20:00',0,'Riverton High Library',13,'With the superintendent and the facilities director.',NULL,'demo-12@riverton.kith','2026-03-09 10:00:00','2026-03-09 10:00:00');
INSERT INTO event VALUES(13,'Schools First kickoff fundraiser','fundraiser','2026-02-28 17:30','2026-02-28 19:30',0,'Cedar Grill, Old Mill',13,'Raised $18,400 from 62 donors.',NULL,'demo-13@riverton.kith','2026-02-14 10:00:00','2026-02-14 10:00:00');
INSERT INTO event VALUES(14,'Rally for rent stabilisation','rally','2026-03-07 12:00','2026-03-07 13:30',0,'City Hall steps',12,'About 200 people; TV crews came.',NULL,'demo-14@riverton.kith','2026-02-21 10:00:00','2026-02-21 10:00:00');
INSERT INTO event VALUES(15,'Chamber breakfast: State of the City','conference','2026-01-06 07:30','2026-01-06 09:00',0,'Riverton Grand Hotel',6,'The Mayor''s annual speech.',NULL,'demo-15@riverton.kith','2025-12-23 10:00:00','2025-12-23 10:00:00');
INSERT INTO event VALUES(16,'Tenants Union monthly meeting','meetup','2026-03-03 19:00','2026-03-03 20:30',0,'Riverside Apartments community room',12,'','FREQ=MONTHLY','demo-16@riverton.kith','2026-02-17 10:00:00','2026-02-17 10:00:00');
INSERT INTO event VALUES(17,'KRVR Riverton Mornings: the school bond','one-to-one','2026-03-13 08:10','2026-03-13 08:40',0,'KRVR studio, 4th Street',11,'Live interview with Naomi Goldberg; I am the second guest.',NULL,'demo-17@riverton.kith','2026-02-27 10:00:00','2026-02-27 10:00:00');
INSERT INTO event VALUES(18,'Coffee with Zoë about the overlay','one-to-one','2026-03-05 08:00','2026-03-05 09:00',0,'Bean There Café',NULL,'',NULL,'demo-18@riverton.kith','2026-02-19 10:00:00','2026-02-19 10:00:00');
INSERT INTO event VALUES(19,'Volunteer shift: bond canvass in Eastside','volunteer-shift','2026-03-19 10:00','2026-03-19 13:00',0,'Lincoln Elementary parking lot',13,'Turf: Eastside precincts 4-12 to 4-19.',NULL,'demo-19@riverton.kith','2026-03-05 10:00:00','2026-03-05 10:00:00');
INSERT INTO event VALUES(20,'Informational interview with Dr. Iyer','informational-interview','2025-12-20 15:00','2025-12-20 15:45',0,'Riverton Community College, Admin 3',15,'The trades pathway and what the bond would fund.',NULL,'demo-20@riverton.kith','2025-12-06 10:00:00','2025-12-06 10:00:00');
INSERT INTO contact VALUES(1,'Sam Okafor','sam okafor','Sam','Okafor','they/them','','District 4',NULL,'',NULL,NULL,3,2,NULL,NULL,'Me. Tenants Union organiser, running for the District 4 seat.',0,'2025-01-01 09:00:00','2026-03-03 09:00:00',2);
INSERT INTO contact VALUES(2,'Margaret Halloran','margaret halloran','Margaret','Halloran','she/her','','District 2',NULL,'Chamber breakfast three years ago',NULL,NULL,5,0,'A',NULL,'Mayor since two terms. Cares about the budget and downtown. Pragmatic; wants cover before she moves.',0,'2024-12-19 09:00:00','2026-02-24 09:00:00',0);
INSERT INTO contact VALUES(3,'José Álvarez','jose alvarez','José','Álvarez','he/him','','District 1','1971-08-19','Transit Riders meetup',NULL,NULL,5,2,'A',NULL,'Council, District 1. Strongest housing vote on council. Former bus driver.',0,'2024-12-06 09:00:00','2026-02-17 09:00:00',0);
INSERT INTO contact VALUES(4,'Chloé Dubois','chloe dubois','Chloé','Dubois','she/her','','District 2',NULL,'',NULL,NULL,4,1,'B',NULL,'Council, District 2. Former teacher; open on the bond if the oversight committee is real.',0,'2024-11-23 09:00:00','2026-02-10 09:00:00',1);
INSERT INTO contact VALUES(5,'Дмитрий Соколов','дмитрий соколов','Дмитрий','Соколов','he/him','','District 3',NULL,'',NULL,NULL,4,-1,'B',NULL,'Council, District 3 (Dmitri Sokolov). Fiscal hawk; worried about the tax rate, not the schools.',0,'2024-11-10 09:00:00','2026-02-03 09:00:00',1);
INSERT INTO contact VALUES(6,'Robert Kessler','robert kessler','Robert','Kessler','he/him','','District 4',NULL,'',NULL,NULL,4,-2,'C',NULL,'Council, District 4: the incumbent I am running against. Opposes the bond and the rent ordinance.',0,'2024-10-28 09:00:00','2026-01-27 09:00:00',1);
INSERT INTO contact VALUES(7,'Aisha Bello','aisha bello','Aisha','Bello','she/her','','District 5',NULL,'',NULL,NULL,4,1,'B',NULL,'Council, District 5. Chairs the budget committee. Likes data, hates surprises.',0,'2024-10-15 09:00:00','2026-01-20 09:00:00',1);
INSERT INTO contact VALUES(8,'Thomas Whitfield','thomas whitfield','Thomas','Whitfield','he/him','','District 6',NULL,'',NULL,NULL,4,-1,'C',NULL,'Council, District 6 since last year''s special election. Close to the Northgate residents.',0,'2024-10-02 09:00:00','2026-01-13 09:00:00',1);
INSERT INTO contact VALUES(9,'Linda Osei','linda osei','Linda','Osei','she/her','','District 6',NULL,'',NULL,NULL,3,1,'B',NULL,'Held the District 6 seat until last year; now on the Chamber board. Knows where the votes are.',0,'2024-09-19 09:00:00','2026-03-07 09:00:00',2);
INSERT INTO contact VALUES(10,'Zoë Ngô','zoe ngo','Zoë','Ngô','she/her','','District 1','1984-03-02','',NULL,NULL,4,1,'A',NULL,'Chairs the Planning Commission. Urban planner by training; wants the Old Mill overlay done right.',0,'2024-09-06 09:00:00','2026-02-28 09:00:00',1);
INSERT INTO contact VALUES(11,'Søren Madsen','soren madsen','Søren','Madsen','he/him','','District 2',NULL,'',NULL,NULL,3,0,'B',NULL,'Planning commissioner. Architect; swing vote on height limits.',0,'2024-08-24 09:00:00','2026-02-21 09:00:00',2);
INSERT INTO contact VALUES(12,'Harold Pike','harold pike','Harold','Pike','he/him','','District 6',NULL,'',NULL,NULL,3,-2,'D',NULL,'Planning commissioner. Votes against every upzoning.',0,'2024-08-11 09:00:00','2026-02-14 09:00:00',2);
INSERT INTO contact VALUES(13,'Fatima Rahman','fatima rahman','Fatima','Rahman','she/her','','District 5',NULL,'',NULL,NULL,3,2,'B',NULL,'Planning commissioner. Housing lawyer; our best ally on the commission.',0,'2024-07-29 09:00:00','2026-02-07 09:00:00',2);
INSERT INTO contact VALUES(14,'Nguyễn Thị Lan','nguyen thi lan','Lan','Nguyễn','she/her','','District 3','1980-06-09','Through Ruth (not yet met)',NULL,NULL,5,0,'A',NULL,'School board, Trustee Area 2. The swing vote on putting the bond on the ballot. Accountant; wants a credible cost plan.',0,'2024-07-16 09:00:00','2026-01-31 09:00:00',0);
INSERT INTO contact VALUES(15,'Grace Whitaker','grace whitaker','Grace','Whitaker','she/her','','District 1',NULL,'',NULL,NULL,5,1,'A',NULL,'School Board president, Trustee Area 1. Supports the bond but will not whip votes.',0,'2024-07-03 09:00:00','2026-01-24 09:00:00',0);
INSERT INTO contact VALUES(16,'Marcus Brandt','marcus brandt','Marcus','Brandt','he/him','','District 6',NULL,'',NULL,NULL,4,-1,'B',NULL,'School board, Trustee Area 3. Skeptical of the bond size; responsive to Northgate parents.',0,'2024-06-20 09:00:00','2026-01-17 09:00:00',1);
INSERT INTO contact VALUES(17,'Rosa Delgado','rosa delgado','Rosa','Delgado','she/her','','District 4',NULL,'',NULL,NULL,4,0,'B',NULL,'School board, Trustee Area 4. Undecided; her priority is the Eastside portables.',0,'2024-06-07 09:00:00','2026-01-10 09:00:00',1);
INSERT INTO contact VALUES(18,'Ellen Park','ellen park','Ellen','Park','she/her','','',NULL,'',NULL,NULL,4,1,'B',NULL,'Superintendent. Will present the facilities plan; cannot campaign.',0,'2024-05-25 09:00:00','2026-03-04 09:00:00',1);
INSERT INTO contact VALUES(19,'Łukasz Nowak','lukasz nowak','Łukasz','Nowak','he/him','','District 3',NULL,'',NULL,NULL,4,2,'A',NULL,'President of the Riverton Education Association. Can turn out teachers.',0,'2024-05-12 09:00:00','2026-02-25 09:00:00',1);
INSERT INTO contact VALUES(20,'Keisha Monroe','keisha monroe','Keisha','Monroe','she/her','','District 5',NULL,'',NULL,NULL,2,2,'C',NULL,'REA organiser. Runs the phone banks.',0,'2024-04-29 09:00:00','2026-02-18 09:00:00',3);
INSERT INTO contact VALUES(21,'Patrick Doyle','patrick doyle','Patrick','Doyle','he/him','','District 6',NULL,'',NULL,NULL,4,1,'B',NULL,'Business manager, Building Trades Council. The bond means jobs; wants a project labour agreement.',0,'2024-04-16 09:00:00','2026-02-11 09:00:00',1);
INSERT INTO contact VALUES(22,'Teresa Silva','teresa silva','Teresa','Silva','she/her','','District 2',NULL,'',NULL,NULL,3,1,'C',NULL,'Political director, Building Trades Council.',0,'2024-04-03 09:00:00','2026-02-04 09:00:00',2);
INSERT INTO contact VALUES(23,'Richard Vance','richard vance','Richard','Vance','he/him','','District 2',NULL,'',NULL,NULL,5,-1,'B',NULL,'President and CEO of the Chamber. Worried about the tax rate; open to a smaller bond.',0,'2024-03-21 09:00:00','2026-01-28 09:00:00',0);
INSERT INTO contact VALUES(24,'王芳','王芳','芳','王','she/her','','District 3',NULL,'',NULL,NULL,4,0,'B',NULL,'Wang Fang. Chamber board chair, owns the Golden Lotus restaurants. Listens to her staff who are parents.',0,'2025-01-02 09:00:00','2026-01-21 09:00:00',1);
INSERT INTO contact VALUES(25,'Carlos Mendoza','carlos mendoza','Carlos','Mendoza','he/him','','District 4',NULL,'',NULL,NULL,2,1,'C',NULL,'Owns Mendoza Hardware on Main. Chamber member, lives in my district.',0,'2024-12-20 09:00:00','2026-01-14 09:00:00',3);
INSERT INTO contact VALUES(26,'Dorothy Fairbanks','dorothy fairbanks','Dorothy','Fairbanks','she/her','','District 4',NULL,'',NULL,NULL,3,-1,'C',NULL,'President, Eastside Neighbours. Against the fourplex rules; cares deeply about Eastside Park.',0,'2024-12-07 09:00:00','2026-03-08 09:00:00',2);
INSERT INTO contact VALUES(27,'Ibrahim Haddad','ibrahim haddad','Ibrahim','Haddad','he/him','','District 4',NULL,'',NULL,NULL,1,1,'D',NULL,'Eastside parent; two kids at Lincoln Elementary.',0,'2024-11-24 09:00:00','2026-03-01 09:00:00',4);
INSERT INTO contact VALUES(28,'محمد الحسن','محمد الحسن','محمد','الحسن','he/him','','District 1',NULL,'',NULL,NULL,3,2,'B',NULL,'Mohammed Al-Hassan. President, Old Mill District Neighbourhood Association. Runs the food pantry at the mosque.',0,'2024-11-11 09:00:00','2026-02-22 09:00:00',2);
INSERT INTO contact VALUES(29,'田中 さくら','田中 さくら','さくら','田中','she/her','','District 1',NULL,'',NULL,NULL,2,1,'C',NULL,'Tanaka Sakura. Secretary of the Old Mill association; keeps the minutes and the mailing list.',0,'2024-10-29 09:00:00','2026-02-15 09:00:00',3);
INSERT INTO contact VALUES(30,'Gary Lindqvist','gary lindqvist','Gary','Lindqvist','he/him','','District 6',NULL,'',NULL,NULL,3,-2,'D',NULL,'President, Northgate Residents'' Association. Organised the petition against the bond last time.',0,'2024-10-16 09:00:00','2026-02-08 09:00:00',2);
INSERT INTO contact VALUES(31,'Beatriz Santos','beatriz santos','Beatriz','Santos','she/her','','District 6',NULL,'Met at the school board meeting',9,NULL,1,0,'D',NULL,'Northgate parent; asked good questions at the bond town hall.',0,'2024-10-03 09:00:00','2026-02-01 09:00:00',4);
INSERT INTO contact VALUES(32,'Hannah Cole','hannah cole','Hannah','Cole','she/her','','',NULL,'',NULL,NULL,3,0,'B',NULL,'City hall reporter, The Riverton Ledger. Fair; wants numbers and on-the-record quotes.',0,'2024-09-20 09:00:00','2026-01-25 09:00:00',2);
INSERT INTO contact VALUES(33,'Frank Albrecht','frank albrecht','Frank','Albrecht','he/him','','',NULL,'',NULL,NULL,4,0,'C',NULL,'Editor, The Riverton Ledger. Writes the endorsements.',0,'2024-09-07 09:00:00','2026-01-18 09:00:00',1);
INSERT INTO contact VALUES(34,'Amara Nwosu','amara nwosu','Amara','Nwosu','she/her','','',NULL,'',NULL,NULL,3,1,'B',NULL,'Hosts "Riverton Mornings" on KRVR 89.3.',0,'2024-08-25 09:00:00','2026-01-11 09:00:00',2);
INSERT INTO contact VALUES(35,'김지원','김지원','지원','김','she/her','','',NULL,'Booked me for the rally coverage',NULL,34,2,0,'D',0,'Kim Ji-won. Producer at KRVR; books the guests.',0,'2024-08-12 09:00:00','2026-03-05 09:00:00',3);
INSERT INTO contact VALUES(36,'Luz Herrera','luz herrera','Luz','Herrera','she/her','','District 4','1979-11-23','',NULL,NULL,3,2,'A',NULL,'Co-chair, Riverton Tenants Union. Knows every building on Eastside.',0,'2024-07-30 09:00:00','2026-02-26 09:00:00',2);
INSERT INTO contact VALUES(37,'Devon Price','devon price','Devon','Price','he/him','','District 1',NULL,'',NULL,NULL,2,2,'B',NULL,'Co-chair, Riverton Tenants Union. Handles the press list.',0,'2024-07-17 09:00:00','2026-02-19 09:00:00',3);
INSERT INTO contact VALUES(38,'Olga Petrova','olga petrova','Olga','Petrova','she/her','','District 4',NULL,'',NULL,NULL,1,2,'C',NULL,'Tenant leader at the Riverside Apartments.',0,'2024-07-04 09:00:00','2026-02-12 09:00:00',4);
INSERT INTO contact VALUES(39,'Naomi Goldberg','naomi goldberg','Naomi','Goldberg','she/her','','District 2',NULL,'',NULL,NULL,3,2,'A',NULL,'Campaign manager, Schools First. Runs the bond coalition.',0,'2024-06-21 09:00:00','2026-02-05 09:00:00',2);
INSERT INTO contact VALUES(40,'Tomás Ruiz','tomas ruiz','Tomás','Ruiz','he/him','','District 5',NULL,'',NULL,NULL,2,2,'C',NULL,'Field director, Schools First.',0,'2024-06-08 09:00:00','2026-01-29 09:00:00',3);
INSERT INTO contact VALUES(41,'Kwame Asante','kwame asante','Kwame','Asante','he/him','','District 5',NULL,'',NULL,NULL,2,2,'C',NULL,'Chair, Riverton Transit Riders Alliance.',0,'2024-05-26 09:00:00','2026-01-22 09:00:00',3);
INSERT INTO contact VALUES(42,'Diane Mercer','diane mercer','Diane','Mercer','she/her','','',NULL,'',NULL,NULL,4,0,'B',NULL,'Executive director, Riverton Housing Authority.',0,'2024-05-13 09:00:00','2026-01-15 09:00:00',1);
INSERT INTO contact VALUES(43,'Rajesh Iyer','rajesh iyer','Rajesh','Iyer','he/him','','District 2',NULL,'Informational interview',20,NULL,4,1,'C',NULL,'President, Riverton Community College. Informational interview last year.',0,'2024-04-30 09:00:00','2026-03-09 09:00:00',1);
INSERT INTO contact VALUES(44,'Ingrid Johansson','ingrid johansson','Ingrid','Johansson','she/her','','',NULL,'',NULL,NULL,3,0,'B',NULL,'Chief of staff to the Mayor. The way onto the Mayor''s calendar.',0,'2024-04-17 09:00:00','2026-03-02 09:00:00',2);
INSERT INTO contact VALUES(45,'Ben Okafor','ben okafor','Ben','Okafor','he/him','','District 4','1988-04-09','',NULL,NULL,1,2,'A',14,'My brother. Call every two weeks.',0,'2024-04-04 09:00:00','2026-02-23 09:00:00',4);
INSERT INTO contact VALUES(46,'Ruth Abernathy','ruth abernathy','Ruth','Abernathy','she/her','','District 4','1952-03-14','',NULL,NULL,3,2,'A',30,'My mentor. Held the District 4 seat for twelve years; still knows everyone.',0,'2024-03-22 09:00:00','2026-02-16 09:00:00',2);
INSERT INTO contact VALUES(47,'Hiroshi Yamamoto','hiroshi yamamoto','Hiroshi','Yamamoto','he/him','','District 2',NULL,'Søren introduced us',NULL,11,2,1,'C',NULL,'Architect and donor; gave to the Schools First kickoff.',0,'2025-01-03 09:00:00','2026-02-09 09:00:00',3);
INSERT INTO contact VALUES(48,'Priya Raman','priya raman','Priya','Raman','she/her','','District 4',NULL,'',NULL,NULL,2,2,'B',NULL,'PTA president at Lincoln Elementary.',0,'2024-12-21 09:00:00','2026-02-02 09:00:00',3);
INSERT INTO contact VALUES(49,'Michael O''Brien','michael o''brien','Michael','O''Brien','he/him','','District 4',NULL,'',NULL,NULL,3,0,'C',NULL,'Pastor at St. Brigid''s. Hosts the Eastside forums in the parish hall.',0,'2024-12-08 09:00:00','2026-01-26 09:00:00',2);
INSERT INTO contact VALUES(50,'Samira Haddad','samira haddad','Samira','Haddad','she/her','','District 4',NULL,'',NULL,NULL,1,2,'D',NULL,'Eastside parent; canvassed for the bond.',0,'2024-11-25 09:00:00','2026-01-19 09:00:00',4);
INSERT INTO contact VALUES(51,'Victor Huang','victor huang','Victor','Huang','he/him','','District 2',NULL,'Chamber breakfast',15,NULL,4,-1,'C',NULL,'Developer, Huang Properties. Wants the Old Mill overlay; against inclusionary rules.',0,'2024-11-12 09:00:00','2026-01-12 09:00:00',1);
INSERT INTO contact VALUES(52,'Elena Popescu','elena popescu','Elena','Popescu','she/her','','',NULL,'',NULL,NULL,2,1,'C',NULL,'Senior planner on staff; writes the staff reports for the Planning Commission.',0,'2024-10-30 09:00:00','2026-03-06 09:00:00',3);
INSERT INTO contact VALUES(53,'Kevin Murphy','kevin murphy','Kevin','Murphy','he/him','','District 6',NULL,'',NULL,NULL,1,0,'D',NULL,'Electrician, Building Trades member. Moved to Portland.',1,'2024-10-17 09:00:00','2026-02-27 09:00:00',4);
INSERT INTO contact VALUES(54,'Adaeze Okonkwo','adaeze okonkwo','Adaeze','Okonkwo','she/her','','District 5',NULL,'',NULL,NULL,1,2,'C',NULL,'Student trustee on the school board; senior at Riverton High.',0,'2024-10-04 09:00:00','2026-02-20 09:00:00',4);
INSERT INTO contact VALUES(55,'Bill Thornton','bill thornton','Bill','Thornton','he/him','','District 6',NULL,'',NULL,NULL,1,-2,'D',NULL,'Retired; speaks at every public comment against new taxes.',0,'2024-09-21 09:00:00','2026-02-13 09:00:00',4);
INSERT INTO contact VALUES(56,'Jasmine Wu','jasmine wu','Jasmine','Wu','she/her','','District 1',NULL,'',NULL,NULL,1,1,'D',NULL,'Freelance photographer for the Ledger; volunteers at KRVR.',0,'2024-09-08 09:00:00','2026-02-06 09:00:00',4);
INSERT INTO contact VALUES(57,'Omar Farouk','omar farouk','Omar','Farouk','he/him','','District 1',NULL,'',NULL,NULL,2,1,'C',NULL,'Owns Cedar Grill in Old Mill; hosts neighbourhood meetings after hours.',0,'2024-08-26 09:00:00','2026-01-30 09:00:00',3);
INSERT INTO contact VALUES(58,'Chiara Rossi','chiara rossi','Chiara','Rossi','she/her','','District 2',NULL,'',NULL,NULL,3,1,'C',NULL,'Housing Authority board member.',0,'2024-08-13 09:00:00','2026-01-23 09:00:00',2);
INSERT INTO contact VALUES(59,'Pierre Lefèvre','pierre lefevre','Pierre','Lefèvre','he/him','','District 3',NULL,'Chamber breakfast',15,NULL,3,-1,'C',NULL,'Government affairs, Chamber of Commerce. Drafts the Chamber''s position letters.',0,'2024-07-31 09:00:00','2026-01-16 09:00:00',2);
INSERT INTO contact VALUES(60,'Anneliese Vogt','anneliese vogt','Anneliese','Vogt','she/her','','District 4',NULL,'',NULL,NULL,1,2,'D',NULL,'Retired teacher; precinct captain for Eastside.',0,'2024-07-18 09:00:00','2026-03-10 09:00:00',4);
INSERT INTO contact_channel VALUES(1,1,'email','home','sam@okafor.net','sam@okafor.net',0);
INSERT INTO contact_channel VALUES(2,1,'phone','mobile','(555) 201-4410','5552014410',0);
INSERT INTO contact_channel VALUES(3,2,'email','work','mayor@riverton.gov','mayor@riverton.gov',0);
INSERT INTO contact_channel VALUES(4,2,'phone','work','(555) 300-1000','5553001000',0);
INSERT INTO contact_channel VALUES(5,3,'email','work','jalvarez@riverton.gov','jalvarez@riverton.gov',0);
INSERT INTO contact_channel VALUES(6,3,'phone','work','(555) 300-1001','5553001001',0);
INSERT INTO contact_channel VALUES(7,3,'handle','social','@josealvarez_d1','@josealvarez_d1',0);
INSERT INTO contact_channel VALUES(8,4,'email','work','cdubois@riverton.gov','cdubois@riverton.gov',0);
INSERT INTO contact_channel VALUES(9,4,'phone','work','(555) 300-1002','5553001002',0);
INSERT INTO contact_channel VALUES(10,5,'email','work','dsokolov@riverton.gov','dsokolov@riverton.gov',0);
INSERT INTO contact_channel VALUES(11,5,'phone','work','(555) 300-1003','5553001003',0);
INSERT INTO contact_channel VALUES(12,6,'email','work','rkessler@riverton.gov','rkessler@riverton.gov',0);
INSERT INTO contact_channel VALUES(13,6,'phone','work','(555) 300-1004','5553001004',0);
INSERT INTO contact_channel VALUES(14,7,'email','work','abello@riverton.gov','abello@riverton.gov',0);
INSERT INTO contact_channel VALUES(15,7,'phone','work','(555) 300-1005','5553001005',0);
INSERT INTO contact_channel VALUES(16,8,'email','work','twhitfield@riverton.gov','twhitfield@riverton.gov',0);
INSERT INTO contact_channel VALUES(17,8,'phone','work','(555) 300-1006','5553001006',0);
INSERT INTO contact_channel VALUES(18,9,'email','home','linda.osei@gmail.com','linda.osei@gmail.com',0);
INSERT INTO contact_channel VALUES(19,9,'phone','mobile','(555) 412-8890','5554128890',0);
INSERT INTO contact_channel VALUES(20,10,'email','work','zoe.ngo@riverton.gov','zoe.ngo@riverton.gov',0);
INSERT INTO contact_channel VALUES(21,10,'phone','work','(555) 300-2200','5553002200',0);
INSERT INTO contact_channel VALUES(22,10,'handle','social','@zoengo','@zoengo',0);
INSERT INTO contact_channel VALUES(23,11,'email','work','soren@madsen-arkitekter.com','soren@madsen-arkitekter.com',0);
INSERT INTO contact_channel VALUES(24,11,'phone','mobile','(555) 417-2231','5554172231',0);
INSERT INTO contact_channel VALUES(25,12,'email','work','hpike@pikerealty.com','hpike@pikerealty.com',0);
INSERT INTO contact_channel VALUES(26,13,'email','work','fatima@rahmanlaw.org','fatima@rahmanlaw.org',0);
INSERT INTO contact_channel VALUES(27,13,'phone','mobile','(555) 419-0042','5554190042',0);
INSERT INTO contact_channel VALUES(28,14,'email','work','lan.nguyen@rusd.org','lan.nguyen@rusd.org',0);
INSERT INTO contact_channel VALUES(29,14,'phone','work','(555) 300-3302','5553003302',0);
INSERT INTO contact_channel VALUES(30,15,'email','work','gwhitaker@rusd.org','gwhitaker@rusd.org',0);
INSERT INTO contact_channel VALUES(31,15,'phone','work','(555) 300-3301','5553003301',0);
INSERT INTO contact_channel VALUES(32,16,'email','work','mbrandt@rusd.org','mbrandt@rusd.org',0);
INSERT INTO contact_channel VALUES(33,16,'phone','work','(555) 300-3303','5553003303',0);
INSERT INTO contact_channel VALUES(34,17,'email','work','rdelgado@rusd.org','rdelgado@rusd.org',0);
INSERT INTO contact_channel VALUES(35,17,'phone','work','(555) 300-3304','5553003304',0);
INSERT INTO contact_channel VALUES(36,18,'email','work','epark@rusd.org','epark@rusd.org',0);
INSERT INTO contact_channel VALUES(37,18,'phone','work','(555) 300-3300','5553003300',0);
INSERT INTO contact_channel VALUES(38,19,'email','work','lnowak@rea-teachers.org','lnowak@rea-teachers.org',0);
INSERT INTO contact_channel VALUES(39,19,'phone','mobile','(555) 422-7719','5554227719',0);
INSERT INTO contact_channel VALUES(40,20,'email','work','kmonroe@rea-teachers.org','kmonroe@rea-teachers.org',0);
INSERT INTO contact_channel VALUES(41,20,'phone','mobile','(555) 422-7720','5554227720',0);
INSERT INTO contact_channel VALUES(42,21,'email','work','pdoyle@btc47.org','pdoyle@btc47.org',0);
INSERT INTO contact_channel VALUES(43,21,'phone','mobile','(555) 430-4700','5554304700',0);
INSERT INTO contact_channel VALUES(44,22,'email','work','tsilva@btc47.org','tsilva@btc47.org',0);
INSERT INTO contact_channel VALUES(45,22,'phone','mobile','(555) 430-4701','5554304701',0);
INSERT INTO contact_channel VALUES(46,23,'email','work','rvance@rivertonchamber.org','rvance@rivertonchamber.org',0);
INSERT INTO contact_channel VALUES(47,23,'phone','mobile','(555) 440-1200','5554401200',0);
INSERT INTO contact_channel VALUES(48,24,'email','work','fang@goldenlotus.com','fang@goldenlotus.com',0);
INSERT INTO contact_channel VALUES(49,24,'phone','mobile','(555) 440-8808','5554408808',0);
INSERT INTO contact_channel VALUES(50,25,'email','work','carlos@mendozahardware.com','carlos@mendozahardware.com',0);
INSERT INTO contact_channel VALUES(51,25,'phone','mobile','(555) 445-3321','5554453321',0);
INSERT INTO contact_channel VALUES(52,26,'email','home','dot.fairbanks@gmail.com','dot.fairbanks@gmail.com',0);
INSERT INTO contact_channel VALUES(53,26,'phone','mobile','(555) 450-1190','5554501190',0);
INSERT INTO contact_channel VALUES(54,27,'email','home','ibrahim.haddad@gmail.com','ibrahim.haddad@gmail.com',0);
INSERT INTO contact_channel VALUES(55,28,'email','work','m.alhassan@oldmill.org','m.alhassan@oldmill.org',0);
INSERT INTO contact_channel VALUES(56,28,'phone','mobile','(555) 460-2231','5554602231',0);
INSERT INTO contact_channel VALUES(57,29,'email','work','sakura.tanaka@oldmill.org','sakura.tanaka@oldmill.org',0);
INSERT INTO contact_channel VALUES(58,30,'email','work','gary@northgate-residents.org','gary@northgate-residents.org',0);
INSERT INTO contact_channel VALUES(59,30,'phone','mobile','(555) 470-6600','5554706600',0);
INSERT INTO contact_channel VALUES(60,31,'email','home','bia.santos@gmail.com','bia.santos@gmail.com',0);
INSERT INTO contact_channel VALUES(61,32,'email','work','hcole@rivertonledger.com','hcole@rivertonledger.com',0);
INSERT INTO contact_channel VALUES(62,32,'phone','mobile','(555) 480-3030','5554803030',0);
INSERT INTO contact_channel VALUES(63,32,'handle','social','@hannahcole','@hannahcole',0);
INSERT INTO contact_channel VALUES(64,33,'email','work','falbrecht@rivertonledger.com','falbrecht@rivertonledger.com',0);
INSERT INTO contact_channel VALUES(65,33,'phone','mobile','(555) 480-3000','5554803000',0);
INSERT INTO contact_channel VALUES(66,34,'email','work','amara@krvr.fm','amara@krvr.fm',0);
INSERT INTO contact_channel VALUES(67,34,'phone','mobile','(555) 489-8930','5554898930',0);
INSERT INTO contact_channel VALUES(68,34,'handle','social','@amaraonair','@amaraonair',0);
INSERT INTO contact_channel VALUES(69,35,'email','work','jiwon.kim@krvr.fm','jiwon.kim@krvr.fm',0);
INSERT INTO contact_channel VALUES(70,36,'email','work','luz@rivertontenants.org','luz@rivertontenants.org',0);
INSERT INTO contact_channel VALUES(71,36,'phone','mobile','(555) 490-1122','5554901122',0);
INSERT INTO contact_channel VALUES(72,37,'email','work','devon@rivertontenants.org','devon@rivertontenants.org',0);
INSERT INTO contact_channel VALUES(73,37,'phone','mobile','(555) 490-1123','5554901123',0);
INSERT INTO contact_channel VALUES(74,38,'email','home','olga.petrova@yandex.ru','olga.petrova@yandex.ru',0);
INSERT INTO contact_channel VALUES(75,38,'phone','mobile','(555) 491-0077','5554910077',0);
INSERT INTO contact_channel VALUES(76,39,'email','work','naomi@schoolsfirst2027.org','naomi@schoolsfirst2027.org',0);
INSERT INTO contact_channel VALUES(77,39,'phone','mobile','(555) 495-2027','5554952027',0);
INSERT INTO contact_channel VALUES(78,40,'email','work','tomas@schoolsfirst2027.org','tomas@schoolsfirst2027.org',0);
INSERT INTO contact_channel VALUES(79,40,'phone','mobile','(555) 495-2028','5554952028',0);
INSERT INTO contact_channel VALUES(80,41,'email','work','kwame@riderschool.org','kwame@riderschool.org',0);
INSERT INTO contact_channel VALUES(81,41,'phone','mobile','(555) 497-7000','5554977000',0);
INSERT INTO contact_channel VALUES(82,42,'email','work','dmercer@rivertonha.org','dmercer@rivertonha.org',0);
INSERT INTO contact_channel VALUES(83,42,'phone','work','(555) 300-4400','5553004400',0);
INSERT INTO contact_channel VALUES(84,43,'email','work','riyer@rivertoncc.edu','riyer@rivertoncc.edu',0);
INSERT INTO contact_channel VALUES(85,43,'phone','work','(555) 300-5500','5553005500',0);
INSERT INTO contact_channel VALUES(86,44,'email','work','ijohansson@riverton.gov','ijohansson@riverton.gov',0);
INSERT INTO contact_channel VALUES(87,44,'phone','work','(555) 300-1010','5553001010',0);
INSERT INTO contact_channel VALUES(88,45,'email','home','ben.okafor@gmail.com','ben.okafor@gmail.com',0);
INSERT INTO contact_channel VALUES(89,45,'phone','mobile','(555) 201-4411','5552014411',0);
INSERT INTO contact_channel VALUES(90,46,'email','home','ruth.abernathy@gmail.com','ruth.abernathy@gmail.com',0);
INSERT INTO contact_channel VALUES(91,46,'phone','mobile','(555) 455-9012','5554559012',0);
INSERT INTO contact_channel VALUES(92,47,'email','work','hiroshi@yamamoto-design.com','hiroshi@yamamoto-design.com',0);
INSERT INTO contact_channel VALUES(93,48,'email','work','priya.raman@lincolnpta.org','priya.raman@lincolnpta.org',0);
INSERT INTO contact_channel VALUES(94,48,'phone','mobile','(555) 456-3398','5554563398',0);
INSERT INTO contact_channel VALUES(95,49,'email','work','frmike@stbrigids.org','frmike@stbrigids.org',0);
INSERT INTO contact_channel VALUES(96,49,'phone','mobile','(555) 457-1000','5554571000',0);
INSERT INTO contact_channel VALUES(97,50,'email','home','samira.haddad@gmail.com','samira.haddad@gmail.com',0);
INSERT INTO contact_channel VALUES(98,51,'email','work','victor@huangproperties.com','victor@huangproperties.com',0);
INSERT INTO contact_channel VALUES(99,51,'phone','mobile','(555) 462-8000','5554628000',0);
INSERT INTO contact_channel VALUES(100,52,'email','work','epopescu@riverton.gov','epopescu@riverton.gov',0);
INSERT INTO contact_channel VALUES(101,52,'phone','work','(555) 300-2210','5553002210',0);
INSERT INTO contact_channel VALUES(102,53,'email','home','kmurphy77@gmail.com','kmurphy77@gmail.com',0);
INSERT INTO contact_channel VALUES(103,54,'email','work','adaeze.o@student.rusd.org','adaeze.o@student.rusd.org',0);
INSERT INTO contact_channel VALUES(104,54,'handle','social','@ada_speaks','@ada_speaks',0);
INSERT INTO contact_channel VALUES(105,56,'email','home','jasmine@jasminewu.photo','jasmine@jasminewu.photo',0);
INSERT INTO contact_channel VALUES(106,56,'handle','social','@jaswu','@jaswu',0);
INSERT INTO contact_channel VALUES(107,57,'email','work','omar@cedargrill.com','omar@cedargrill.com',0);
INSERT INTO contact_channel VALUES(108,57,'phone','mobile','(555) 461-4455','5554614455',0);
INSERT INTO contact_channel VALUES(109,58,'email','work','chiara.rossi@rivertonha.org','chiara.rossi@rivertonha.org',0);
INSERT INTO contact_channel VALUES(110,59,'email','work','plefevre@rivertonchamber.org','plefevre@rivertonchamber.org',0);
INSERT INTO contact_channel VALUES(111,59,'phone','mobile','(555) 440-1210','5554401210',0);
INSERT INTO contact_channel VALUES(112,60,'email','home','anneliese.vogt@gmail.com','anneliese.vogt@gmail.com',0);
INSERT INTO contact_channel VALUES(113,60,'phone','mobile','(555) 458-2020','5554582020',0);
INSERT INTO contact_channel VALUES(114,3,'email','home','pepe.alvarez@gmail.com','pepe.alvarez@gmail.com',1);
INSERT INTO contact_channel VALUES(115,10,'email','home','zoe.ngo@fastmail.com','zoe.ngo@fastmail.com',1);
INSERT INTO contact_channel VALUES(116,36,'phone','home','+1 555 490 0001','15554900001',1);
INSERT INTO contact_nickname VALUES(2,'Peggy','peggy');
INSERT INTO contact_nickname VALUES(3,'Pepe','pepe');
INSERT INTO contact_nickname VALUES(5,'Dima','dima');
INSERT INTO contact_nickname VALUES(6,'Bob','bob');
INSERT INTO contact_nickname VALUES(8,'Tom','tom');
INSERT INTO contact_nickname VALUES(14,'Lan','lan');
INSERT INTO contact_nickname VALUES(19,'Luke','luke');
INSERT INTO contact_nickname VALUES(21,'Paddy','paddy');
INSERT INTO contact_nickname VALUES(23,'Rick','rick');
INSERT INTO contact_nickname VALUES(24,'Fang','fang');
INSERT INTO contact_nickname VALUES(26,'Dot','dot');
INSERT INTO contact_nickname VALUES(28,'Mo','mo');
INSERT INTO contact_nickname VALUES(29,'Sakura','sakura');
INSERT INTO contact_nickname VALUES(31,'Bia','bia');
INSERT INTO contact_nickname VALUES(35,'Jiwon','jiwon');
INSERT INTO contact_nickname VALUES(40,'Tommy','tommy');
INSERT INTO contact_nickname VALUES(43,'Raj','raj');
INSERT INTO contact_nickname VALUES(49,'Father Mike','father mike');
INSERT INTO contact_nickname VALUES(54,'Ada','ada');
INSERT INTO tag VALUES(1,'budget');
INSERT INTO tag VALUES(2,'district-4');
INSERT INTO tag VALUES(3,'donor');
INSERT INTO tag VALUES(4,'faith');
INSERT INTO tag VALUES(5,'family');
INSERT INTO tag VALUES(6,'housing');
INSERT INTO tag VALUES(7,'labor');
INSERT INTO tag VALUES(8,'parks');
INSERT INTO tag VALUES(9,'press');
INSERT INTO tag VALUES(10,'public-safety');
INSERT INTO tag VALUES(11,'schools');
INSERT INTO tag VALUES(12,'small-business');
INSERT INTO tag VALUES(13,'transit');
INSERT INTO tag VALUES(14,'volunteer');
INSERT INTO tag VALUES(15,'youth');
INSERT INTO tag VALUES(16,'zoning');
INSERT INTO contact_tag VALUES(1,6);
INSERT INTO contact_tag VALUES(1,2);
INSERT INTO contact_tag VALUES(2,1);
INSERT INTO contact_tag VALUES(2,16);
INSERT INTO contact_tag VALUES(3,6);
INSERT INTO contact_tag VALUES(3,13);
INSERT INTO contact_tag VALUES(4,11);
INSERT INTO contact_tag VALUES(4,8);
INSERT INTO contact_tag VALUES(5,1);
INSERT INTO contact_tag VALUES(5,10);
INSERT INTO contact_tag VALUES(6,16);
INSERT INTO contact_tag VALUES(6,2);
INSERT INTO contact_tag VALUES(7,6);
INSERT INTO contact_tag VALUES(7,10);
INSERT INTO contact_tag VALUES(8,16);
INSERT INTO contact_tag VALUES(9,12);
INSERT INTO contact_tag VALUES(9,1);
INSERT INTO contact_tag VALUES(10,16);
INSERT INTO contact_tag VALUES(10,6);
INSERT INTO contact_tag VALUES(10,13);
INSERT INTO contact_tag VALUES(11,16);
INSERT INTO contact_tag VALUES(11,13);
INSERT INTO contact_tag VALUES(12,16);
INSERT INTO contact_tag VALUES(13,6);
INSERT INTO contact_tag VALUES(13,16);
INSERT INTO contact_tag VALUES(14,11);
INSERT INTO contact_tag VALUES(14,1);
INSERT INTO contact_tag VALUES(15,11);
INSERT INTO contact_tag VALUES(16,11);
INSERT INTO contact_tag VALUES(16,1);
INSERT INTO contact_tag VALUES(17,11);
INSERT INTO contact_tag VALUES(17,2);
INSERT INTO contact_tag VALUES(18,11);
INSERT INTO contact_tag VALUES(19,7);
INSERT INTO contact_tag VALUES(19,11);
INSERT INTO contact_tag VALUES(20,7);
INSERT INTO contact_tag VALUES(20,11);
INSERT INTO contact_tag VALUES(20,14);
INSERT INTO contact_tag VALUES(21,7);
INSERT INTO contact_tag VALUES(22,7);
INSERT INTO contact_tag VALUES(23,12);
INSERT INTO contact_tag VALUES(23,1);
INSERT INTO contact_tag VALUES(24,12);
INSERT INTO contact_tag VALUES(25,12);
INSERT INTO contact_tag VALUES(25,2);
INSERT INTO contact_tag VALUES(26,16);
INSERT INTO contact_tag VALUES(26,8);
INSERT INTO contact_tag VALUES(26,2);
INSERT INTO contact_tag VALUES(27,11);
INSERT INTO contact_tag VALUES(27,2);
INSERT INTO contact_tag VALUES(28,6);
INSERT INTO contact_tag VALUES(28,16);
INSERT INTO contact_tag VALUES(29,8);
INSERT INTO contact_tag VALUES(29,11);
INSERT INTO contact_tag VALUES(30,16);
INSERT INTO contact_tag VALUES(30,1);
INSERT INTO contact_tag VALUES(31,11);
INSERT INTO contact_tag VALUES(32,9);
INSERT INTO contact_tag VALUES(33,9);
INSERT INTO contact_tag VALUES(34,9);
INSERT INTO contact_tag VALUES(35,9);
INSERT INTO contact_tag VALUES(36,6);
INSERT INTO contact_tag VALUES(36,2);
INSERT INTO contact_tag VALUES(37,6);
INSERT INTO contact_tag VALUES(38,6);
INSERT INTO contact_tag VALUES(38,14);
INSERT INTO contact_tag VALUES(38,2);
INSERT INTO contact_tag VALUES(39,11);
INSERT INTO contact_tag VALUES(39,14);
INSERT INTO contact_tag VALUES(40,11);
INSERT INTO contact_tag VALUES(40,14);
INSERT INTO contact_tag VALUES(41,13);
INSERT INTO contact_tag VALUES(42,6);
INSERT INTO contact_tag VALUES(43,11);
INSERT INTO contact_tag VALUES(43,15);
INSERT INTO contact_tag VALUES(44,1);
INSERT INTO contact_tag VALUES(45,5);
INSERT INTO contact_tag VALUES(46,2);
INSERT INTO contact_tag VALUES(46,11);
INSERT INTO contact_tag VALUES(47,3);
INSERT INTO contact_tag VALUES(47,16);
INSERT INTO contact_tag VALUES(48,11);
INSERT INTO contact_tag VALUES(48,14);
INSERT INTO contact_tag VALUES(48,2);
INSERT INTO contact_tag VALUES(49,4);
INSERT INTO contact_tag VALUES(49,2);
INSERT INTO contact_tag VALUES(50,11);
INSERT INTO contact_tag VALUES(50,14);
INSERT INTO contact_tag VALUES(50,2);
INSERT INTO contact_tag VALUES(51,16);
INSERT INTO contact_tag VALUES(51,3);
INSERT INTO contact_tag VALUES(52,16);
INSERT INTO contact_tag VALUES(53,7);
INSERT INTO contact_tag VALUES(54,11);
INSERT INTO contact_tag VALUES(54,15);
INSERT INTO contact_tag VALUES(55,1);
INSERT INTO contact_tag VALUES(56,9);
INSERT INTO contact_tag VALUES(56,14);
INSERT INTO contact_tag VALUES(57,12);
INSERT INTO contact_tag VALUES(58,6);
INSERT INTO contact_tag VALUES(59,12);
INSERT INTO contact_tag VALUES(59,1);
INSERT INTO contact_tag VALUES(60,14);
INSERT INTO contact_tag VALUES(60,11);
INSERT INTO contact_tag VALUES(60,2);
INSERT INTO role VALUES(1,2,1,'Mayor','Mayor','2019-08-14',NULL);
INSERT INTO role VALUES(2,3,1,'District 1','Council member','2022-01-30',NULL);
INSERT INTO role VALUES(3,4,1,'District 2','Council member','2023-12-31',NULL);
INSERT INTO role VALUES(4,5,1,'District 3','Council member','2022-01-30',NULL);
INSERT INTO role VALUES(5,6,1,'District 4','Council member','2020-03-01',NULL);
INSERT INTO role VALUES(6,7,1,'District 5','Council member','2023-12-31',NULL);
INSERT INTO role VALUES(7,8,1,'District 6','Council member','2025-04-14',NULL);
INSERT INTO role VALUES(8,9,1,'District 6','Council member','2018-04-01','2025-04-04');
INSERT INTO role VALUES(9,46,1,'District 4','Council member','2007-01-09','2019-01-26');
INSERT INTO role VALUES(10,44,1,'','Chief of staff to the Mayor','2023-09-22',NULL);
INSERT INTO role VALUES(11,10,2,'Chair','Chair','2024-07-18',NULL);
INSERT INTO role VALUES(12,10,2,'','Commissioner','2022-05-10','2024-07-18');
INSERT INTO role VALUES(13,11,2,'','Commissioner','2023-03-06',NULL);
INSERT INTO role VALUES(14,12,2,'','Commissioner','2020-09-17',NULL);
INSERT INTO role VALUES(15,13,2,'','Commissioner','2024-10-26',NULL);
INSERT INTO role VALUES(16,52,2,'','Senior planner (staff)','2021-04-05',NULL);
INSERT INTO role VALUES(17,15,3,'Trustee Area 1','President','2022-08-18',NULL);
INSERT INTO role VALUES(18,14,3,'Trustee Area 2','Trustee','2024-04-09',NULL);
INSERT INTO role VALUES(19,16,3,'Trustee Area 3','Trustee','2022-08-18',NULL);
INSERT INTO role VALUES(20,17,3,'Trustee Area 4','Trustee','2024-04-09',NULL);
INSERT INTO role VALUES(21,54,3,'Student trustee','Student trustee','2025-07-03',NULL);
INSERT INTO role VALUES(22,18,3,'','Superintendent','2021-10-22',NULL);
INSERT INTO role VALUES(23,19,4,'','President','2023-09-22',NULL);
INSERT INTO role VALUES(24,20,4,'','Organiser','2022-11-26',NULL);
INSERT INTO role VALUES(25,60,4,'','Retiree chapter','2017-12-22',NULL);
INSERT INTO role VALUES(26,21,5,'','Business manager','2020-06-09',NULL);
INSERT INTO role VALUES(27,22,5,'','Political director','2024-04-09',NULL);
INSERT INTO role VALUES(28,53,5,'','Member','2022-01-30','2025-08-22');
INSERT INTO role VALUES(29,23,6,'','President and CEO','2019-05-06',NULL);
INSERT INTO role VALUES(30,24,6,'Board chair','Board chair','2025-02-03',NULL);
INSERT INTO role VALUES(31,9,6,'','Board member','2025-05-14',NULL);
INSERT INTO role VALUES(32,25,6,'','Member','2020-09-17',NULL);
INSERT INTO role VALUES(33,59,6,'','Government affairs','2023-06-14',NULL);
INSERT INTO role VALUES(34,57,6,'','Member','2023-09-22',NULL);
INSERT INTO role VALUES(35,26,7,'','President','2020-12-26',NULL);
INSERT INTO role VALUES(36,27,7,'','Member','2024-07-18',NULL);
INSERT INTO role VALUES(37,28,8,'','President','2023-06-14',NULL);
INSERT INTO role VALUES(38,29,8,'','Secretary','2023-09-22',NULL);
INSERT INTO role VALUES(39,57,8,'','Member','2022-11-26',NULL);
INSERT INTO role VALUES(40,30,9,'','President','2019-11-22',NULL);
INSERT INTO role VALUES(41,31,9,'','Member','2025-02-03',NULL);
INSERT INTO role VALUES(42,55,9,'','Member','2017-12-22',NULL);
INSERT INTO role VALUES(43,32,10,'','City hall reporter','2023-06-14',NULL);
INSERT INTO role VALUES(44,33,10,'','Editor','2017-02-25',NULL);
INSERT INTO role VALUES(45,56,10,'','Freelance photographer','2024-10-26',NULL);
INSERT INTO role VALUES(46,34,11,'','Host, Riverton Mornings','2022-05-10',NULL);
INSERT INTO role VALUES(47,35,11,'','Producer','2023-12-31',NULL);
INSERT INTO role VALUES(48,56,11,'','Volunteer','2025-05-14',NULL);
INSERT INTO role VALUES(49,36,12,'','Co-chair','2023-03-06',NULL);
INSERT INTO role VALUES(50,37,12,'','Co-chair','2024-04-09',NULL);
INSERT INTO role VALUES(51,1,12,'','Organiser','2022-08-18',NULL);
INSERT INTO role VALUES(52,38,12,'','Building captain, Riverside Apartments','2024-12-15',NULL);
INSERT INTO role VALUES(53,39,13,'','Campaign manager','2025-11-10',NULL);
INSERT INTO role VALUES(54,40,13,'','Field director','2025-12-10',NULL);
INSERT INTO role VALUES(55,1,13,'','Steering committee','2025-11-30',NULL);
INSERT INTO role VALUES(56,42,14,'','Executive director','2021-07-14',NULL);
INSERT INTO role VALUES(57,58,14,'','Board member','2024-07-18',NULL);
INSERT INTO role VALUES(58,43,15,'','President','2020-09-17',NULL);
INSERT INTO role VALUES(59,48,NULL,'PTA President, Lincoln Elementary','President','2025-02-03',NULL);
INSERT INTO role VALUES(60,49,NULL,'Pastor, St. Brigid''s','Pastor','2016-08-09',NULL);
INSERT INTO role VALUES(61,41,NULL,'Chair, Transit Riders Alliance','Chair','2023-12-31',NULL);
INSERT INTO relationship VALUES(1,1,46,NULL,'mentor',3,'2017-12-22',NULL,'Ruth has mentored me since the tenant fight at Riverside.','','2025-06-06 09:00:00');
INSERT INTO relationship VALUES(2,1,45,NULL,'family',3,NULL,NULL,'Brother.','','2025-06-07 09:00:00');
INSERT INTO relationship VALUES(3,1,36,NULL,'ally',3,'2022-08-18',NULL,'Co-organisers at the Tenants Union.','','2025-06-16 09:00:00');
INSERT INTO relationship VALUES(4,1,37,NULL,'ally',2,'2024-04-09',NULL,'','','2025-06-15 09:00:00');
INSERT INTO relationship VALUES(5,1,39,NULL,'professional',3,'2025-11-30',NULL,'Bond campaign steering committee.','','2025-06-13 09:00:00');
INSERT INTO relationship VALUES(6,1,10,NULL,'professional',2,'2024-10-26',NULL,'Coffee every couple of months about zoning.','','2025-07-12 09:00:00');
INSERT INTO relationship VALUES(7,1,3,NULL,'ally',2,'2023-09-22',NULL,'He endorsed me early.','','2025-07-19 09:00:00');
INSERT INTO relationship VALUES(8,1,6,NULL,'rival',3,'2025-08-22',NULL,'I am running for his seat.','','2025-07-16 09:00:00');
INSERT INTO relationship VALUES(9,1,48,NULL,'social',2,'2025-02-03',NULL,'Kids at the same school.','','2025-06-04 09:00:00');
INSERT INTO relationship VALUES(10,1,19,NULL,'professional',2,'2024-07-18',NULL,'','','2025-07-03 09:00:00');
INSERT INTO relationship VALUES(11,1,32,NULL,'professional',2,'2023-12-31',NULL,'Talks to me on background about city hall.','','2025-06-20 09:00:00');
INSERT INTO relationship VALUES(12,1,34,NULL,'professional',1,'2025-05-14',NULL,'Was on her show once.','','2025-06-18 09:00:00');
INSERT INTO relationship VALUES(13,1,49,NULL,'social',2,'2020-09-17',NULL,'','','2025-06-03 09:00:00');
INSERT INTO relationship VALUES(14,1,60,NULL,'ally',2,'2024-04-09',NULL,'Precinct captain for Eastside.','','2025-05-23 09:00:00');
INSERT INTO relationship VALUES(15,1,25,NULL,'social',1,'2022-01-30',NULL,'Neighbour on Main Street.','','2025-06-27 09:00:00');
INSERT INTO relationship VALUES(16,1,43,NULL,'education',1,'2025-02-03',NULL,'Informational interview about the trades pathway.','','2025-06-09 09:00:00');
INSERT INTO relationship VALUES(17,1,44,NULL,'professional',1,'2025-07-03',NULL,'','','2025-06-08 09:00:00');
INSERT INTO relationship VALUES(18,1,38,NULL,'ally',2,'2024-12-15',NULL,'','','2025-06-14 09:00:00');
INSERT INTO relationship VALUES(19,1,28,NULL,'ally',2,'2024-07-18',NULL,'','','2025-06-24 09:00:00');
INSERT INTO relationship VALUES(20,1,9,NULL,'professional',2,'2023-06-14',NULL,'Linda backed the Riverside repairs when she was on council.','','2025-07-13 09:00:00');
INSERT INTO relationship VALUES(21,1,26,NULL,'professional',1,'2024-04-09',NULL,'We disagree on fourplexes but she returns calls.','','2025-06-26 09:00:00');
INSERT INTO relationship VALUES(22,1,21,NULL,'professional',1,'2025-10-11',NULL,'','','2025-07-01 09:00:00');
INSERT INTO relationship VALUES(23,1,12,NULL,'professional',1,'2022-01-30','2025-02-03','Worked together on the parks bond; fell out over the upzoning.','','2025-07-10 09:00:00');
INSERT INTO relationship VALUES(24,46,14,NULL,'mentor',3,'2020-09-17',NULL,'Ruth recruited Lan to run for the school board.','told me by Ruth','2025-05-24 09:00:00');
INSERT INTO relationship VALUES(25,46,2,NULL,'professional',2,'2009-10-05',NULL,'Served on council together for eight years.','','2025-06-05 09:00:00');
INSERT INTO relationship VALUES(26,46,17,NULL,'social',2,'2022-01-30',NULL,'Same church.','','2025-05-21 09:00:00');
INSERT INTO relationship VALUES(27,46,49,NULL,'social',2,'2012-07-01',NULL,'','','2025-04-19 09:00:00');
INSERT INTO relationship VALUES(28,14,15,NULL,'professional',2,'2024-04-09',NULL,'Board colleagues; Grace chairs.','','2025-03-26 09:00:00');
INSERT INTO relationship VALUES(29,14,16,NULL,'professional',1,'2024-04-09',NULL,'Frequently on opposite sides.','','2025-08-22 09:00:00');
INSERT INTO relationship VALUES(30,14,17,NULL,'ally',2,'2024-04-09',NULL,'Elected together; vote together most of the time.','','2025-08-21 09:00:00');
INSERT INTO relationship VALUES(31,14,24,NULL,'social',2,'2017-12-22',NULL,'Lan keeps the books for the Golden Lotus restaurants.','Lan''s campaign filings','2025-08-14 09:00:00');
INSERT INTO relationship VALUES(32,14,18,NULL,'professional',2,'2024-04-09',NULL,'','','2025-08-20 09:00:00');
INSERT INTO relationship VALUES(33,16,30,NULL,'ally',3,'2020-09-17',NULL,'Gary ran Marcus''s first campaign.','Ledger, campaign finance story','2025-06-07 09:00:00');
INSERT INTO relationship VALUES(34,16,55,NULL,'social',1,'2017-12-22',NULL,'','','2025-05-13 09:00:00');
INSERT INTO relationship VALUES(35,16,23,NULL,'donation',2,'2022-05-10',NULL,'Vance gave the maximum to Marcus in the last cycle.','county campaign finance filings','2025-06-14 09:00:00');
INSERT INTO relationship VALUES(36,17,27,NULL,'social',1,'2024-07-18',NULL,'','','2025-05-10 09:00:00');
INSERT INTO relationship VALUES(37,17,48,NULL,'professional',2,'2025-02-03',NULL,'Lincoln PTA presented to the board on the portables.','','2025-04-19 09:00:00');
INSERT INTO relationship VALUES(38,15,19,NULL,'ally',3,'2022-08-18',NULL,'','','2025-07-19 09:00:00');
INSERT INTO relationship VALUES(39,15,18,NULL,'hierarchy',3,'2022-08-18',NULL,'The board employs the superintendent.','','2025-07-20 09:00:00');
INSERT INTO relationship VALUES(40,19,20,NULL,'hierarchy',2,'2023-09-22',NULL,'','','2025-08-13 09:00:00');
INSERT INTO relationship VALUES(41,19,39,NULL,'ally',3,'2025-11-10',NULL,'REA is the biggest Schools First partner.','','2025-07-25 09:00:00');
INSERT INTO relationship VALUES(42,39,40,NULL,'hierarchy',3,'2025-12-10',NULL,'','','2025-07-04 09:00:00');
INSERT INTO relationship VALUES(43,39,47,NULL,'donation',2,'2025-11-30',NULL,'Hiroshi gave at the kickoff.','','2025-06-27 09:00:00');
INSERT INTO relationship VALUES(44,21,22,NULL,'hierarchy',3,'2024-04-09',NULL,'','','2025-06-10 09:00:00');
INSERT INTO relationship VALUES(45,21,53,NULL,'hierarchy',1,'2022-01-30','2025-08-22','Kevin was in Local 47 until he moved.','','2025-05-10 09:00:00');
INSERT INTO relationship VALUES(46,21,43,NULL,'professional',2,'2023-12-31',NULL,'Trades pathway partnership.','','2025-05-20 09:00:00');
INSERT INTO relationship VALUES(47,23,59,NULL,'hierarchy',3,'2023-06-14',NULL,'','','2025-07-31 09:00:00');
INSERT INTO relationship VALUES(48,23,24,NULL,'professional',2,'2025-02-03',NULL,'','','2025-04-07 09:00:00');
INSERT INTO relationship VALUES(49,23,51,NULL,'professional',2,'2020-09-17',NULL,'','','2025-08-08 09:00:00');
INSERT INTO relationship VALUES(50,2,44,NULL,'hierarchy',3,'2023-09-22',NULL,'','','2025-05-08 09:00:00');
INSERT INTO relationship VALUES(51,2,23,NULL,'professional',2,'2019-08-14',NULL,'','','2025-05-29 09:00:00');
INSERT INTO relationship VALUES(52,2,3,NULL,'rival',1,'2022-01-30',NULL,'Clashed over the rent ordinance.','','2025-06-18 09:00:00');
INSERT INTO relationship VALUES(53,3,41,NULL,'ally',2,'2023-12-31',NULL,'','','2025-04-10 09:00:00');
INSERT INTO relationship VALUES(54,3,36,NULL,'ally',2,'2023-06-14',NULL,'','','2025-04-15 09:00:00');
INSERT INTO relationship VALUES(55,6,26,NULL,'ally',3,'2020-03-01',NULL,'Dot chaired his last campaign.','Ledger, 2023','2025-06-21 09:00:00');
INSERT INTO relationship VALUES(56,6,51,NULL,'donation',2,'2023-12-31',NULL,'Huang Properties is a top donor to Kessler.','city campaign finance filings','2025-05-27 09:00:00');
INSERT INTO relationship VALUES(57,8,30,NULL,'ally',3,'2025-02-03',NULL,'','','2025-04-16 09:00:00');
INSERT INTO relationship VALUES(58,8,9,NULL,'rival',2,'2025-04-04',NULL,'He beat her in the special election.','','2025-05-07 09:00:00');
INSERT INTO relationship VALUES(59,10,52,NULL,'professional',3,'2022-05-10',NULL,'','','2025-06-21 09:00:00');
INSERT INTO relationship VALUES(60,10,11,NULL,'professional',2,'2023-03-06',NULL,'','','2025-08-01 09:00:00');
INSERT INTO relationship VALUES(61,10,13,NULL,'ally',2,'2024-10-26',NULL,'','','2025-07-30 09:00:00');
INSERT INTO relationship VALUES(62,10,12,NULL,'rival',2,'2022-05-10',NULL,'','','2025-07-31 09:00:00');
INSERT INTO relationship VALUES(63,11,47,NULL,'professional',2,'2017-12-22',NULL,'Both architects; shared an office once.','','2025-05-26 09:00:00');
INSERT INTO relationship VALUES(64,28,29,NULL,'professional',2,'2023-09-22',NULL,'','','2025-03-28 09:00:00');
INSERT INTO relationship VALUES(65,28,57,NULL,'social',3,'2020-09-17',NULL,'Cousins by marriage.','','2025-07-28 09:00:00');
INSERT INTO relationship VALUES(66,28,3,NULL,'ally',2,'2023-06-14',NULL,'','','2025-04-23 09:00:00');
INSERT INTO relationship VALUES(67,32,33,NULL,'hierarchy',3,'2023-06-14',NULL,'','','2025-04-19 09:00:00');
INSERT INTO relationship VALUES(68,32,56,NULL,'professional',1,'2024-10-26',NULL,'','','2025-03-27 09:00:00');
INSERT INTO relationship VALUES(69,34,35,NULL,'professional',3,'2023-12-31',NULL,'','','2025-07-14 09:00:00');
INSERT INTO relationship VALUES(70,36,37,NULL,'ally',3,'2024-04-09',NULL,'','','2025-05-11 09:00:00');
INSERT INTO relationship VALUES(71,36,38,NULL,'ally',2,'2024-12-15',NULL,'','','2025-05-10 09:00:00');
INSERT INTO relationship VALUES(72,42,58,NULL,'hierarchy',2,'2024-07-18',NULL,'','','2025-08-12 09:00:00');
INSERT INTO relationship VALUES(73,42,3,NULL,'professional',2,'2022-01-30',NULL,'','','2025-05-09 09:00:00');
INSERT INTO relationship VALUES(74,27,50,NULL,'family',3,NULL,NULL,'Married.','','2025-04-07 09:00:00');
INSERT INTO relationship VALUES(75,48,27,NULL,'social',1,'2025-02-03',NULL,'','','2025-08-07 09:00:00');
INSERT INTO relationship VALUES(76,60,19,NULL,'membership',1,'2017-12-22',NULL,'Retired REA member.','','2025-06-04 09:00:00');
INSERT INTO relationship VALUES(77,7,5,NULL,'rival',2,'2023-12-31',NULL,'Budget committee fights.','','2025-06-11 09:00:00');
INSERT INTO relationship VALUES(78,4,15,NULL,'professional',2,'2020-09-17',NULL,'Taught at the same school.','','2025-04-05 09:00:00');
INSERT INTO relationship VALUES(79,31,30,NULL,'social',1,'2025-02-03',NULL,'','','2025-05-23 09:00:00');
INSERT INTO relationship VALUES(80,1,NULL,12,'membership',3,'2022-08-18',NULL,'','','2025-07-10 09:00:00');
INSERT INTO relationship VALUES(81,47,NULL,13,'donation',2,'2025-11-30',NULL,'$1,000 at the kickoff.','FPPC filing','2025-04-24 09:00:00');
INSERT INTO relationship VALUES(82,51,NULL,6,'membership',2,'2020-09-17',NULL,'','','2025-05-27 09:00:00');
INSERT INTO relationship VALUES(83,24,NULL,3,'lobbying',1,'2025-05-14',NULL,'Wrote to the board about the school near her restaurant.','','2025-03-28 09:00:00');
INSERT INTO relationship VALUES(84,55,NULL,1,'lobbying',1,'2017-12-22',NULL,'Public comment at every meeting.','','2025-06-27 09:00:00');
INSERT INTO relationship VALUES(85,43,NULL,3,'professional',2,'2023-09-22',NULL,'College and district share the trades pathway.','','2025-04-08 09:00:00');
INSERT INTO attendance VALUES(1,1,'attendee','attended');
INSERT INTO attendance VALUES(1,2,'host','attended');
INSERT INTO attendance VALUES(1,3,'attendee','attended');
INSERT INTO attendance VALUES(1,4,'attendee','attended');
INSERT INTO attendance VALUES(1,5,'attendee','attended');
INSERT INTO attendance VALUES(1,6,'attendee','attended');
INSERT INTO attendance VALUES(1,7,'attendee','attended');
INSERT INTO attendance VALUES(1,8,'attendee','attended');
INSERT INTO attendance VALUES(1,44,'attendee','attended');
INSERT INTO attendance VALUES(1,32,'attendee','attended');
INSERT INTO attendance VALUES(1,23,'attendee','met');
INSERT INTO attendance VALUES(1,59,'attendee','met');
INSERT INTO attendance VALUES(2,1,'attendee','attended');
INSERT INTO attendance VALUES(2,2,'host','attended');
INSERT INTO attendance VALUES(2,3,'attendee','attended');
INSERT INTO attendance VALUES(2,4,'attendee','attended');
INSERT INTO attendance VALUES(2,5,'attendee','attended');
INSERT INTO attendance VALUES(2,6,'attendee','attended');
INSERT INTO attendance VALUES(2,7,'attendee','attended');
INSERT INTO attendance VALUES(2,8,'attendee','attended');
INSERT INTO attendance VALUES(2,32,'attendee','attended');
INSERT INTO attendance VALUES(2,36,'attendee','attended');
INSERT INTO attendance VALUES(2,37,'attendee','met');
INSERT INTO attendance VALUES(2,38,'attendee','met');
INSERT INTO attendance VALUES(3,1,'attendee','attended');
INSERT INTO attendance VALUES(3,3,'attendee','attended');
INSERT INTO attendance VALUES(3,4,'attendee','attended');
INSERT INTO attendance VALUES(3,5,'attendee','attended');
INSERT INTO attendance VALUES(3,6,'attendee','attended');
INSERT INTO attendance VALUES(3,7,'attendee','attended');
INSERT INTO attendance VALUES(3,8,'attendee','attended');
INSERT INTO attendance VALUES(3,2,'host','attended');
INSERT INTO attendance VALUES(3,32,'attendee','attended');
INSERT INTO attendance VALUES(3,10,'attendee','met');
INSERT INTO attendance VALUES(3,28,'attendee','met');
INSERT INTO attendance VALUES(4,1,'attendee','attended');
INSERT INTO attendance VALUES(4,2,'host','attended');
INSERT INTO attendance VALUES(4,3,'attendee','attended');
INSERT INTO attendance VALUES(4,4,'attendee','attended');
INSERT INTO attendance VALUES(4,5,'attendee','attended');
INSERT INTO attendance VALUES(4,6,'attendee','attended');
INSERT INTO attendance VALUES(4,7,'attendee','attended');
INSERT INTO attendance VALUES(4,8,'attendee','attended');
INSERT INTO attendance VALUES(4,36,'attendee','attended');
INSERT INTO attendance VALUES(4,37,'attendee','attended');
INSERT INTO attendance VALUES(4,32,'attendee','attended');
INSERT INTO attendance VALUES(4,56,'attendee','attended');
INSERT INTO attendance VALUES(4,55,'attendee','met');
INSERT INTO attendance VALUES(4,26,'attendee','no-show');
INSERT INTO attendance VALUES(5,1,'attendee','confirmed');
INSERT INTO attendance VALUES(5,36,'attendee','confirmed');
INSERT INTO attendance VALUES(5,41,'attendee','invited');
INSERT INTO attendance VALUES(6,1,'attendee','invited');
INSERT INTO attendance VALUES(7,1,'attendee','attended');
INSERT INTO attendance VALUES(7,10,'host','attended');
INSERT INTO attendance VALUES(7,11,'attendee','attended');
INSERT INTO attendance VALUES(7,12,'attendee','attended');
INSERT INTO attendance VALUES(7,13,'attendee','attended');
INSERT INTO attendance VALUES(7,52,'attendee','attended');
INSERT INTO attendance VALUES(7,26,'attendee','met');
INSERT INTO attendance VALUES(7,30,'attendee','no-show');
INSERT INTO attendance VALUES(8,1,'attendee','confirmed');
INSERT INTO attendance VALUES(8,10,'attendee','confirmed');
INSERT INTO attendance VALUES(8,28,'attendee','confirmed');
INSERT INTO attendance VALUES(8,29,'attendee','invited');
INSERT INTO attendance VALUES(8,57,'attendee','invited');
INSERT INTO attendance VALUES(8,51,'attendee','invited');
INSERT INTO attendance VALUES(9,1,'attendee','attended');
INSERT INTO attendance VALUES(9,14,'attendee','attended');
INSERT INTO attendance VALUES(9,15,'host','attended');
INSERT INTO attendance VALUES(9,16,'attendee','attended');
INSERT INTO attendance VALUES(9,17,'attendee','attended');
INSERT INTO attendance VALUES(9,18,'speaker','attended');
INSERT INTO attendance VALUES(9,39,'attendee','attended');
INSERT INTO attendance VALUES(9,31,'attendee','met');
INSERT INTO attendance VALUES(9,48,'attendee','met');
INSERT INTO attendance VALUES(10,1,'attendee','confirmed');
INSERT INTO attendance VALUES(10,39,'attendee','confirmed');
INSERT INTO attendance VALUES(10,19,'attendee','confirmed');
INSERT INTO attendance VALUES(10,48,'attendee','confirmed');
INSERT INTO attendance VALUES(10,20,'attendee','invited');
INSERT INTO attendance VALUES(10,40,'attendee','invited');
INSERT INTO attendance VALUES(10,27,'attendee','invited');
INSERT INTO attendance VALUES(11,1,'speaker','attended');
INSERT INTO attendance VALUES(11,36,'attendee','attended');
INSERT INTO attendance VALUES(11,26,'attendee','attended');
INSERT INTO attendance VALUES(11,38,'attendee','attended');
INSERT INTO attendance VALUES(11,60,'attendee','attended');
INSERT INTO attendance VALUES(11,27,'attendee','met');
INSERT INTO attendance VALUES(11,50,'attendee','met');
INSERT INTO attendance VALUES(11,49,'host','met');
INSERT INTO attendance VALUES(12,1,'attendee','confirmed');
INSERT INTO attendance VALUES(12,39,'attendee','confirmed');
INSERT INTO attendance VALUES(12,18,'speaker','confirmed');
INSERT INTO attendance VALUES(12,15,'attendee','confirmed');
INSERT INTO attendance VALUES(12,14,'attendee','invited');
INSERT INTO attendance VALUES(12,16,'attendee','invited');
INSERT INTO attendance VALUES(12,17,'attendee','invited');
INSERT INTO attendance VALUES(12,31,'attendee','invited');
INSERT INTO attendance VALUES(13,1,'attendee','attended');
INSERT INTO attendance VALUES(13,39,'host','attended');
INSERT INTO attendance VALUES(13,40,'attendee','attended');
INSERT INTO attendance VALUES(13,19,'attendee','attended');
INSERT INTO attendance VALUES(13,47,'attendee','met');
INSERT INTO attendance VALUES(13,24,'attendee','met');
INSERT INTO attendance VALUES(13,57,'attendee','met');
INSERT INTO attendance VALUES(13,22,'attendee','no-show');
INSERT INTO attendance VALUES(14,1,'speaker','attended');
INSERT INTO attendance VALUES(14,36,'host','attended');
INSERT INTO attendance VALUES(14,37,'attendee','attended');
INSERT INTO attendance VALUES(14,38,'attendee','attended');
INSERT INTO attendance VALUES(14,3,'attendee','attended');
INSERT INTO attendance VALUES(14,34,'attendee','attended');
INSERT INTO attendance VALUES(14,35,'attendee','met');
INSERT INTO attendance VALUES(15,1,'attendee','attended');
INSERT INTO attendance VALUES(15,2,'speaker','attended');
INSERT INTO attendance VALUES(15,23,'host','attended');
INSERT INTO attendance VALUES(15,24,'attendee','attended');
INSERT INTO attendance VALUES(15,9,'attendee','attended');
INSERT INTO attendance VALUES(15,59,'attendee','met');
INSERT INTO attendance VALUES(15,51,'attendee','met');
INSERT INTO attendance VALUES(15,25,'attendee','no-show');
INSERT INTO attendance VALUES(16,1,'attendee','attended');
INSERT INTO attendance VALUES(16,36,'host','attended');
INSERT INTO attendance VALUES(16,37,'attendee','attended');
INSERT INTO attendance VALUES(16,38,'attendee','attended');
INSERT INTO attendance VALUES(16,45,'attendee','no-show');
INSERT INTO attendance VALUES(17,1,'speaker','confirmed');
INSERT INTO attendance VALUES(17,39,'speaker','confirmed');
INSERT INTO attendance VALUES(17,34,'host','confirmed');
INSERT INTO attendance VALUES(17,35,'attendee','confirmed');
INSERT INTO attendance VALUES(18,1,'attendee','met');
INSERT INTO attendance VALUES(18,10,'attendee','met');
INSERT INTO attendance VALUES(19,1,'attendee','confirmed');
INSERT INTO attendance VALUES(19,40,'attendee','confirmed');
INSERT INTO attendance VALUES(19,60,'attendee','confirmed');
INSERT INTO attendance VALUES(19,50,'attendee','confirmed');
INSERT INTO attendance VALUES(19,27,'attendee','invited');
INSERT INTO attendance VALUES(19,48,'attendee','invited');
INSERT INTO attendance VALUES(20,1,'attendee','met');
INSERT INTO attendance VALUES(20,43,'attendee','met');
INSERT INTO interaction VALUES(1,'2025-02-23 11:00','meeting','Housing Authority board: Riverside vouchers','',NULL,'2025-02-23 11:00:00');
INSERT INTO interaction VALUES(2,'2025-03-13 10:00','coffee','Coffee with Ruth: should I run for District 4?','She thinks Kessler is beatable if the Eastside turnout doubles. Start with the tenants and the Lincoln parents.',NULL,'2025-03-13 10:00:00');
INSERT INTO interaction VALUES(3,'2025-03-20 19:30','call','Ben: Mum''s birthday plans','',NULL,'2025-03-20 19:30:00');
INSERT INTO interaction VALUES(4,'2025-03-27 12:15','meeting','Tenants Union planning: rent stabilisation campaign for the year','',NULL,'2025-03-27 12:15:00');
INSERT INTO interaction VALUES(5,'2025-04-04 09:00','email','Sent Zoë the Riverside repair list for the housing element','',NULL,'2025-04-04 09:00:00');
INSERT INTO interaction VALUES(6,'2025-04-11 17:00','meeting','Met José at City Hall: he will carry the rent ordinance','Needs four votes. Counts Bello and Dubois as maybes.',NULL,'2025-04-11 17:00:00');
INSERT INTO interaction VALUES(7,'2025-04-17 11:00','call','Linda on the District 6 special election','',NULL,'2025-04-17 11:00:00');
INSERT INTO interaction VALUES(8,'2025-04-24 14:00','coffee','Background coffee with Hannah Cole on the rent ordinance','',NULL,'2025-04-24 14:00:00');
INSERT INTO interaction VALUES(9,'2025-05-02 18:00','social','Lincoln Elementary back-to-school night with Priya and Ibrahim','',NULL,'2025-05-02 18:00:00');
INSERT INTO interaction VALUES(10,'2025-05-09 10:30','call','Ruth: list of District 4 precinct captains from her campaigns','',NULL,'2025-05-09 10:30:00');
INSERT INTO interaction VALUES(11,'2025-05-14 15:00','coffee','Chiara Rossi: the Authority''s view on rent stabilisation','',NULL,'2025-05-14 15:00:00');
INSERT INTO interaction VALUES(12,'2025-05-16 16:00','meeting','Łukasz: the REA wants a bond in 2027, not 2026','',NULL,'2025-05-16 16:00:00');
INSERT INTO interaction VALUES(13,'2025-05-24 19:00','call','Caught up with Ben','',NULL,'2025-05-24 19:00:00');
INSERT INTO interaction VALUES(14,'2025-05-30 08:30','coffee','Anneliese agreed to captain the Eastside precincts','',NULL,'2025-05-30 08:30:00');
INSERT INTO interaction VALUES(15,'2025-06-06 12:00','meeting','Old Mill association: their asks on the overlay','Heights near the river, a community benefits agreement, and keeping Cedar Grill''s block as is.',NULL,'2025-06-06 12:00:00');
INSERT INTO interaction VALUES(16,'2025-06-13 10:00','email','Asked Ingrid for 20 minutes with the Mayor on the rent ordinance','',NULL,'2025-06-13 10:00:00');
INSERT INTO interaction VALUES(17,'2025-06-21 15:30','meeting','Meeting with the Mayor: she will not oppose the rent ordinance','Wants a sunset clause and a study after two years.',NULL,'2025-06-21 15:30:00');
INSERT INTO interaction VALUES(18,'2025-06-23 10:00','call','Kwame: transit shelters on Eastside','',NULL,'2025-06-23 10:00:00');
INSERT INTO interaction VALUES(19,'2025-06-28 18:30','call','Luz: Riverside landlord served 14 notices','',NULL,'2025-06-28 18:30:00');
INSERT INTO interaction VALUES(20,'2025-07-04 09:30','coffee','Coffee with Fatima Rahman about inclusionary units','',NULL,'2025-07-04 09:30:00');
INSERT INTO interaction VALUES(21,'2025-07-11 13:00','email','Pitched Amara a segment on tenant repairs','',NULL,'2025-07-11 13:00:00');
INSERT INTO interaction VALUES(22,'2025-07-17 11:00','meeting','Building Trades: what a bond means for their apprentices','',NULL,'2025-07-17 11:00:00');
INSERT INTO interaction VALUES(23,'2025-07-23 12:00','meeting','Transit Riders with José: the 12 bus','',NULL,'2025-07-23 12:00:00');
INSERT INTO interaction VALUES(24,'2025-07-24 19:00','call','Ben''s new job','',NULL,'2025-07-24 19:00:00');
INSERT INTO interaction VALUES(25,'2025-08-01 17:30','meeting','Riverside Apartments building meeting','',NULL,'2025-08-01 17:30:00');
INSERT INTO interaction VALUES(26,'2025-08-08 10:00','call','Ruth says Lan Nguyễn is the swing vote on the bond','',NULL,'2025-08-08 10:00:00');
INSERT INTO interaction VALUES(27,'2025-08-15 12:30','coffee','Priya: the portables at Lincoln are leaking again','',NULL,'2025-08-15 12:30:00');
INSERT INTO interaction VALUES(28,'2025-08-22 16:00','email','Asked Elena for the staff report schedule on fourplexes','',NULL,'2025-08-22 16:00:00');
INSERT INTO interaction VALUES(29,'2025-08-29 09:00','meeting','Zoë: the commission will hear fourplexes in the spring','',NULL,'2025-08-29 09:00:00');
INSERT INTO interaction VALUES(30,'2025-09-01 09:30','email','Bought Jasmine''s photos of the Riverside meeting for the newsletter','',NULL,'2025-09-01 09:30:00');
INSERT INTO interaction VALUES(31,'2025-09-05 14:30','call','Hannah asked about the Riverside notices','',NULL,'2025-09-05 14:30:00');
INSERT INTO interaction VALUES(32,'2025-09-12 18:00','social','Parish dinner at St. Brigid''s with Father Mike','',NULL,'2025-09-12 18:00:00');
INSERT INTO interaction VALUES(33,'2025-09-19 11:00','meeting','First meeting with Naomi Goldberg about the bond coalition','She is building Schools First; wants me on the steering committee.',NULL,'2025-09-19 11:00:00');
INSERT INTO interaction VALUES(34,'2025-09-23 19:30','call','Ben','',NULL,'2025-09-23 19:30:00');
INSERT INTO interaction VALUES(35,'2025-09-28 10:00','coffee','José: rent ordinance vote count is 3, needs one more','',NULL,'2025-09-28 10:00:00');
INSERT INTO interaction VALUES(36,'2025-10-01 18:00','social','Dinner at Cedar Grill with Omar and Mo','',NULL,'2025-10-01 18:00:00');
INSERT INTO interaction VALUES(37,'2025-10-04 15:00','email','Sent Aisha Bello the eviction data from the Tenants Union','',NULL,'2025-10-04 15:00:00');
INSERT INTO interaction VALUES(38,'2025-10-11 12:00','meeting','Aisha will support the ordinance with a means test','',NULL,'2025-10-11 12:00:00');
INSERT INTO interaction VALUES(39,'2025-10-17 17:00','meeting','Tenants Union: plan the spring rally','',NULL,'2025-10-17 17:00:00');
INSERT INTO interaction VALUES(40,'2025-10-21 16:00','email','Adaeze asked how to speak at public comment','',NULL,'2025-10-21 16:00:00');
INSERT INTO interaction VALUES(41,'2025-10-22 09:30','call','Ruth: checked in after her surgery','She is fine. Wants to help with the Lan introduction once she is up.',NULL,'2025-10-22 09:30:00');
INSERT INTO interaction VALUES(42,'2025-10-28 18:00','meeting','Schools First steering committee: bond size and timeline','',NULL,'2025-10-28 18:00:00');
INSERT INTO interaction VALUES(43,'2025-11-02 13:00','coffee','Carlos: small businesses on Main worried about the bond','',NULL,'2025-11-02 13:00:00');
INSERT INTO interaction VALUES(44,'2025-11-06 10:30','email','Wrote to Dot about the fourplex rules and Eastside Park','',NULL,'2025-11-06 10:30:00');
INSERT INTO interaction VALUES(45,'2025-11-12 16:30','call','Dot called back: she will not support fourplexes but likes the park plan','',NULL,'2025-11-12 16:30:00');
INSERT INTO interaction VALUES(46,'2025-11-17 19:00','call','Ben','',NULL,'2025-11-17 19:00:00');
INSERT INTO interaction VALUES(47,'2025-11-20 14:00','meeting','Met Dmitri Sokolov about the budget; he worries about the tax rate','',NULL,'2025-11-20 14:00:00');
INSERT INTO interaction VALUES(48,'2025-11-22 11:00','meeting','Diane Mercer on the voucher waitlist','',NULL,'2025-11-22 11:00:00');
INSERT INTO interaction VALUES(49,'2025-11-26 08:30','coffee','Coffee with Zoë: the Old Mill overlay draft','',NULL,'2025-11-26 08:30:00');
INSERT INTO interaction VALUES(50,'2025-12-01 14:00','meeting','Schools First: field plan for the spring','',NULL,'2025-12-01 14:00:00');
INSERT INTO interaction VALUES(51,'2025-12-03 10:00','meeting','Helped Adaeze prepare her student trustee remarks','',NULL,'2025-12-03 10:00:00');
INSERT INTO interaction VALUES(52,'2025-12-05 10:00','call','Łukasz: REA endorsement process','',NULL,'2025-12-05 10:00:00');
INSERT INTO interaction VALUES(53,'2025-12-08 17:00','email','Thanked Hiroshi for the design sketches for Lincoln','',NULL,'2025-12-08 17:00:00');
INSERT INTO interaction VALUES(54,'2025-12-12 12:00','meeting','Mayor''s office: the capital plan and the school bond','',NULL,'2025-12-12 12:00:00');
INSERT INTO interaction VALUES(55,'2025-12-16 09:00','message','Luz: Riverside repairs finally started','',NULL,'2025-12-16 09:00:00');
INSERT INTO interaction VALUES(56,'2025-12-20 15:00','meeting','Informational interview with Dr. Iyer on the trades pathway','Would fund two new shop classrooms. He will speak for the bond if the board asks.',20,'2025-12-20 15:00:00');
INSERT INTO interaction VALUES(57,'2025-12-22 19:00','call','Ben: the kids','',NULL,'2025-12-22 19:00:00');
INSERT INTO interaction VALUES(58,'2025-12-25 10:00','coffee','Mo: the food pantry needs volunteers in the spring','',NULL,'2025-12-25 10:00:00');
INSERT INTO interaction VALUES(59,'2025-12-28 13:30','meeting','Patrick wants a project labour agreement in the bond resolution','',NULL,'2025-12-28 13:30:00');
INSERT INTO interaction VALUES(60,'2025-12-30 13:00','call','Frank Albrecht: the Ledger''s endorsement calendar','',NULL,'2025-12-30 13:00:00');
INSERT INTO interaction VALUES(61,'2025-12-31 11:00','email','Sent Hannah the tenant survey results','',NULL,'2025-12-31 11:00:00');
INSERT INTO interaction VALUES(62,'2026-01-03 18:00','meeting','Lincoln parents: organising for the bond','',NULL,'2026-01-03 18:00:00');
INSERT INTO interaction VALUES(63,'2026-01-06 08:15','event','State of the City breakfast: the Mayor mentioned schools twice','',15,'2026-01-06 08:15:00');
INSERT INTO interaction VALUES(64,'2026-01-06 09:10','event','Met Pierre Lefèvre and Victor Huang at the Chamber breakfast','Pierre drafts the Chamber''s letter on the bond. Victor only talked about the overlay.',15,'2026-01-06 09:10:00');
INSERT INTO interaction VALUES(65,'2026-01-08 14:00','email','Followed up with 王芳 after the breakfast','',NULL,'2026-01-08 14:00:00');
INSERT INTO interaction VALUES(66,'2026-01-10 10:30','call','Ruth: she will ask Lan about meeting me','',NULL,'2026-01-10 10:30:00');
INSERT INTO interaction VALUES(67,'2026-01-11 11:00','email','Keisha sent the phone bank script for review','',NULL,'2026-01-11 11:00:00');
INSERT INTO interaction VALUES(68,'2026-01-12 16:00','coffee','Devon: press list for the rally','',NULL,'2026-01-12 16:00:00');
INSERT INTO interaction VALUES(69,'2026-01-13 20:00','event','Council: rent ordinance first reading went well','',1,'2026-01-13 20:00:00');
INSERT INTO interaction VALUES(70,'2026-01-13 21:40','note','Kessler spoke for 11 minutes against the ordinance','',1,'2026-01-13 21:40:00');
INSERT INTO interaction VALUES(71,'2026-01-15 12:00','message','Naomi: kickoff date set','',NULL,'2026-01-15 12:00:00');
INSERT INTO interaction VALUES(72,'2026-01-16 10:00','call','Chloé Dubois: open on the bond if the oversight committee is real','',NULL,'2026-01-16 10:00:00');
INSERT INTO interaction VALUES(73,'2026-01-17 09:30','coffee','Coffee with Søren Madsen on heights in Old Mill','He could support 6 storeys near the river with setbacks.',NULL,'2026-01-17 09:30:00');
INSERT INTO interaction VALUES(74,'2026-01-19 19:00','call','Ben','',NULL,'2026-01-19 19:00:00');
INSERT INTO interaction VALUES(75,'2026-01-20 20:15','event','District 4 town hall: Dot asked about parking, Ibrahim about the portables','',11,'2026-01-20 20:15:00');
INSERT INTO interaction VALUES(76,'2026-01-20 20:30','note','Father Mike offered the parish hall again for the bond town hall','',11,'2026-01-20 20:30:00');
INSERT INTO interaction VALUES(77,'2026-01-21 10:00','email','Sent Ibrahim the portables fact sheet','',NULL,'2026-01-21 10:00:00');
INSERT INTO interaction VALUES(78,'2026-01-22 15:00','call','Rosa Delgado: the Eastside portables are her priority','She wants a line in the bond list for Lincoln. Undecided on the total.',NULL,'2026-01-22 15:00:00');
INSERT INTO interaction VALUES(79,'2026-01-24 11:30','meeting','REA: phone bank plan for the bond','',NULL,'2026-01-24 11:30:00');
INSERT INTO interaction VALUES(80,'2026-01-25 14:00','email','Returned the phone bank script with edits','',NULL,'2026-01-25 14:00:00');
INSERT INTO interaction VALUES(81,'2026-01-26 09:00','coffee','Anneliese: precinct walk lists','',NULL,'2026-01-26 09:00:00');
INSERT INTO interaction VALUES(82,'2026-01-27 21:30','event','Council: ordinance continued; Kessler moved to table','',2,'2026-01-27 21:30:00');
INSERT INTO interaction VALUES(83,'2026-01-27 22:00','event','Met Devon and Olga after the council meeting','',2,'2026-01-27 22:00:00');
INSERT INTO interaction VALUES(84,'2026-01-28 13:00','email','Asked Aisha to hold the line on the second reading','',NULL,'2026-01-28 13:00:00');
INSERT INTO interaction VALUES(85,'2026-01-29 10:00','call','Hannah: quote on the tabling motion','',NULL,'2026-01-29 10:00:00');
INSERT INTO interaction VALUES(86,'2026-01-30 18:00','meeting','Schools First: volunteer numbers and the kickoff list','',NULL,'2026-01-30 18:00:00');
INSERT INTO interaction VALUES(87,'2026-01-31 12:30','coffee','Linda Osei: the Chamber board is split on the bond','Vance wants it smaller. 王芳 is undecided and listens to her managers.',NULL,'2026-01-31 12:30:00');
INSERT INTO interaction VALUES(88,'2026-02-01 16:00','email','Kim Ji-won asked for a bond guest for the morning show','',NULL,'2026-02-01 16:00:00');
INSERT INTO interaction VALUES(89,'2026-02-02 19:00','call','Ben: Dad''s hospital visit','',NULL,'2026-02-02 19:00:00');
INSERT INTO interaction VALUES(90,'2026-02-03 20:00','event','Planning Commission on fourplexes: continued','',7,'2026-02-03 20:00:00');
INSERT INTO interaction VALUES(91,'2026-02-03 21:15','event','Dot Fairbanks spoke against fourplexes at Planning','',7,'2026-02-03 21:15:00');
INSERT INTO interaction VALUES(92,'2026-02-04 10:00','email','Thanked Elena for the clear staff report','',NULL,'2026-02-04 10:00:00');
INSERT INTO interaction VALUES(93,'2026-02-05 11:00','coffee','Grace Whitaker: the board will see the facilities plan in three weeks','',NULL,'2026-02-05 11:00:00');
INSERT INTO interaction VALUES(94,'2026-02-06 14:30','call','Luz: rally logistics','',NULL,'2026-02-06 14:30:00');
INSERT INTO interaction VALUES(95,'2026-02-07 09:00','message','Priya: 40 Lincoln parents signed the bond letter','',NULL,'2026-02-07 09:00:00');
INSERT INTO interaction VALUES(96,'2026-02-08 17:00','meeting','Building Trades will endorse if the PLA language is in','',NULL,'2026-02-08 17:00:00');
INSERT INTO interaction VALUES(97,'2026-02-09 12:00','email','Asked Ingrid whether the Mayor will endorse the bond','',NULL,'2026-02-09 12:00:00');
INSERT INTO interaction VALUES(98,'2026-02-10 20:30','event','Council: Old Mill overlay sent back to Planning','',3,'2026-02-10 20:30:00');
INSERT INTO interaction VALUES(99,'2026-02-10 21:00','event','Talked with Zoë and Mo after council about the overlay','',3,'2026-02-10 21:00:00');
INSERT INTO interaction VALUES(100,'2026-02-11 10:00','call','Ruth: Lan agreed in principle to a coffee','',NULL,'2026-02-11 10:00:00');
INSERT INTO interaction VALUES(101,'2026-02-12 09:00','email','Asked Tom Whitfield for his position on the overlay','',NULL,'2026-02-12 09:00:00');
INSERT INTO interaction VALUES(102,'2026-02-12 15:00','coffee','Amara: the bond segment in two weeks','',NULL,'2026-02-12 15:00:00');
INSERT INTO interaction VALUES(103,'2026-02-13 19:00','call','Ben','',NULL,'2026-02-13 19:00:00');
INSERT INTO interaction VALUES(104,'2026-02-14 11:00','meeting','Naomi: target list for the board vote','Lan is the swing. Brandt leans no, Delgado is gettable with Lincoln in the list.',NULL,'2026-02-14 11:00:00');
INSERT INTO interaction VALUES(105,'2026-02-15 13:00','email','Wrote to Marcus Brandt asking for a meeting','',NULL,'2026-02-15 13:00:00');
INSERT INTO interaction VALUES(106,'2026-02-15 17:30','coffee','Tomás: Eastside turf and volunteers','',NULL,'2026-02-15 17:30:00');
INSERT INTO interaction VALUES(107,'2026-02-16 09:30','coffee','Carlos will host a small-business bond breakfast','',NULL,'2026-02-16 09:30:00');
INSERT INTO interaction VALUES(108,'2026-02-17 16:00','call','Łukasz: REA endorsed the bond','',NULL,'2026-02-17 16:00:00');
INSERT INTO interaction VALUES(109,'2026-02-18 20:45','event','School Board: facilities plan presented, $310M on the table','',9,'2026-02-18 20:45:00');
INSERT INTO interaction VALUES(110,'2026-02-18 21:10','event','Met Beatriz Santos (Northgate parent) at the board meeting','Her son''s school has no air conditioning. She may be persuadable.',9,'2026-02-18 21:10:00');
INSERT INTO interaction VALUES(111,'2026-02-18 21:20','note','Dr. Park presented well; Brandt asked about the tax rate three times','',9,'2026-02-18 21:20:00');
INSERT INTO interaction VALUES(112,'2026-02-19 10:00','email','Asked Dr. Park for the per-school project list','',NULL,'2026-02-19 10:00:00');
INSERT INTO interaction VALUES(113,'2026-02-19 18:00','call','Beatriz: her school''s HVAC is in the plan','',NULL,'2026-02-19 18:00:00');
INSERT INTO interaction VALUES(114,'2026-02-20 14:00','meeting','Tenants Union: rally roles','',NULL,'2026-02-20 14:00:00');
INSERT INTO interaction VALUES(115,'2026-02-21 12:00','message','Naomi: Vance is asking for a $250M bond','',NULL,'2026-02-21 12:00:00');
INSERT INTO interaction VALUES(116,'2026-02-22 11:30','coffee','Coffee with Richard Vance: the Chamber might accept $260M','Wants a citizens'' oversight committee with a Chamber seat.',NULL,'2026-02-22 11:30:00');
INSERT INTO interaction VALUES(117,'2026-02-22 15:00','email','Sent Pierre the oversight committee draft','',NULL,'2026-02-22 15:00:00');
INSERT INTO interaction VALUES(118,'2026-02-23 12:00','email','Sent Søren the Old Mill letter draft','',NULL,'2026-02-23 12:00:00');
INSERT INTO interaction VALUES(119,'2026-02-23 19:00','call','José: second reading tomorrow, we have four votes','',NULL,'2026-02-23 19:00:00');
INSERT INTO interaction VALUES(120,'2026-02-24 23:10','event','Council passed the rent ordinance 4-3','',4,'2026-02-24 23:10:00');
INSERT INTO interaction VALUES(121,'2026-02-24 23:15','event','Celebrated with Luz and Devon outside the chambers','',4,'2026-02-24 23:15:00');
INSERT INTO interaction VALUES(122,'2026-02-24 23:20','note','Bill Thornton''s public comment: "another tax in disguise"','',4,'2026-02-24 23:20:00');
INSERT INTO interaction VALUES(123,'2026-02-25 10:00','email','Thanked José for carrying the ordinance','',NULL,'2026-02-25 10:00:00');
INSERT INTO interaction VALUES(124,'2026-02-25 10:20','email','Thanked Aisha for her vote','',NULL,'2026-02-25 10:20:00');
INSERT INTO interaction VALUES(125,'2026-02-26 08:30','note','Prep notes for a possible coffee with Lan','She keeps the books for the Golden Lotus (王芳). Lead with the cost plan and the oversight committee, not the slogans.',NULL,'2026-02-26 08:30:00');
INSERT INTO interaction VALUES(126,'2026-02-26 09:00','call','Hannah: the ordinance story runs tomorrow','',NULL,'2026-02-26 09:00:00');
INSERT INTO interaction VALUES(127,'2026-02-26 18:30','call','Ben','',NULL,'2026-02-26 18:30:00');
INSERT INTO interaction VALUES(128,'2026-02-27 10:00','note','Note to self: finish the District 4 filing paperwork','',NULL,'2026-02-27 10:00:00');
INSERT INTO interaction VALUES(129,'2026-02-27 14:00','meeting','Teresa Silva: Local 47 volunteers for the canvass','',NULL,'2026-02-27 14:00:00');
INSERT INTO interaction VALUES(130,'2026-02-28 19:15','event','Kickoff: 王芳 came, Hiroshi gave $1,000, Omar hosted','',13,'2026-02-28 19:15:00');
INSERT INTO interaction VALUES(131,'2026-02-28 19:30','event','Kickoff debrief with Naomi, Tomás and Łukasz','',13,'2026-02-28 19:30:00');
INSERT INTO interaction VALUES(132,'2026-03-01 10:00','email','Thanked 王芳 for coming to the kickoff','',NULL,'2026-03-01 10:00:00');
INSERT INTO interaction VALUES(133,'2026-03-01 10:15','email','Thanked Omar for hosting','',NULL,'2026-03-01 10:15:00');
INSERT INTO interaction VALUES(134,'2026-03-02 11:00','coffee','Ruth: coffee with Lan set for next week, maybe','',NULL,'2026-03-02 11:00:00');
INSERT INTO interaction VALUES(135,'2026-03-02 16:00','call','Rosa: wants Lincoln portables named in the resolution','',NULL,'2026-03-02 16:00:00');
INSERT INTO interaction VALUES(136,'2026-03-03 20:00','event','Tenants Union monthly: rally plan final','',16,'2026-03-03 20:00:00');
INSERT INTO interaction VALUES(137,'2026-03-04 09:30','message','Tomás: canvass turf is cut','',NULL,'2026-03-04 09:30:00');
INSERT INTO interaction VALUES(138,'2026-03-04 12:00','coffee','Samira and Ibrahim will canvass with their neighbours','',NULL,'2026-03-04 12:00:00');
INSERT INTO interaction VALUES(139,'2026-03-05 08:45','coffee','Zoë on the overlay: she will push 20% inclusionary','Coffee at Bean There. She wants letters from Old Mill residents before the hearing.',18,'2026-03-05 08:45:00');
INSERT INTO interaction VALUES(140,'2026-03-05 13:00','email','Asked Sakura to circulate the overlay letter to the Old Mill list','',NULL,'2026-03-05 13:00:00');
INSERT INTO interaction VALUES(141,'2026-03-06 10:00','call','Naomi: Lan''s vote is the whole ballgame','',NULL,'2026-03-06 10:00:00');
INSERT INTO interaction VALUES(142,'2026-03-06 17:00','meeting','Grace and Dr. Park: timing of the resolution','',NULL,'2026-03-06 17:00:00');
INSERT INTO interaction VALUES(143,'2026-03-07 13:00','event','Rally at City Hall: 200 people, José spoke','',14,'2026-03-07 13:00:00');
INSERT INTO interaction VALUES(144,'2026-03-07 13:20','event','Amara and Ji-won recorded a piece at the rally','',14,'2026-03-07 13:20:00');
INSERT INTO interaction VALUES(145,'2026-03-08 09:00','email','Sent Hannah the rally photos from Jasmine','',NULL,'2026-03-08 09:00:00');
INSERT INTO interaction VALUES(146,'2026-03-08 11:30','call','Ruth: Lan is nervous about the Northgate backlash','',NULL,'2026-03-08 11:30:00');
INSERT INTO interaction VALUES(147,'2026-03-08 15:00','message','Priya: Lincoln parents will speak at the board meeting','',NULL,'2026-03-08 15:00:00');
INSERT INTO interaction VALUES(148,'2026-03-09 10:00','email','Confirmed the KRVR slot with Ji-won','',NULL,'2026-03-09 10:00:00');
INSERT INTO interaction VALUES(149,'2026-03-09 16:30','call','Łukasz: teachers will pack the board meeting','',NULL,'2026-03-09 16:30:00');
INSERT INTO interaction VALUES(150,'2026-03-09 18:00','call','Ben: dinner Sunday','',NULL,'2026-03-09 18:00:00');
INSERT INTO interaction_contact VALUES(1,42,'2025-02-23 11:00');
INSERT INTO interaction_contact VALUES(1,58,'2025-02-23 11:00');
INSERT INTO interaction_contact VALUES(2,46,'2025-03-13 10:00');
INSERT INTO interaction_contact VALUES(3,45,'2025-03-20 19:30');
INSERT INTO interaction_contact VALUES(4,36,'2025-03-27 12:15');
INSERT INTO interaction_contact VALUES(4,37,'2025-03-27 12:15');
INSERT INTO interaction_contact VALUES(5,10,'2025-04-04 09:00');
INSERT INTO interaction_contact VALUES(6,3,'2025-04-11 17:00');
INSERT INTO interaction_contact VALUES(7,9,'2025-04-17 11:00');
INSERT INTO interaction_contact VALUES(8,32,'2025-04-24 14:00');
INSERT INTO interaction_contact VALUES(9,48,'2025-05-02 18:00');
INSERT INTO interaction_contact VALUES(9,27,'2025-05-02 18:00');
INSERT INTO interaction_contact VALUES(10,46,'2025-05-09 10:30');
INSERT INTO interaction_contact VALUES(11,58,'2025-05-14 15:00');
INSERT INTO interaction_contact VALUES(12,19,'2025-05-16 16:00');
INSERT INTO interaction_contact VALUES(13,45,'2025-05-24 19:00');
INSERT INTO interaction_contact VALUES(14,60,'2025-05-30 08:30');
INSERT INTO interaction_contact VALUES(15,28,'2025-06-06 12:00');
INSERT INTO interaction_contact VALUES(15,29,'2025-06-06 12:00');
INSERT INTO interaction_contact VALUES(16,44,'2025-06-13 10:00');
INSERT INTO interaction_contact VALUES(17,2,'2025-06-21 15:30');
INSERT INTO interaction_contact VALUES(17,44,'2025-06-21 15:30');
INSERT INTO interaction_contact VALUES(18,41,'2025-06-23 10:00');
INSERT INTO interaction_contact VALUES(19,36,'2025-06-28 18:30');
INSERT INTO interaction_contact VALUES(20,13,'2025-07-04 09:30');
INSERT INTO interaction_contact VALUES(21,34,'2025-07-11 13:00');
INSERT INTO interaction_contact VALUES(22,21,'2025-07-17 11:00');
INSERT INTO interaction_contact VALUES(22,22,'2025-07-17 11:00');
INSERT INTO interaction_contact VALUES(23,41,'2025-07-23 12:00');
INSERT INTO interaction_contact VALUES(23,3,'2025-07-23 12:00');
INSERT INTO interaction_contact VALUES(24,45,'2025-07-24 19:00');
INSERT INTO interaction_contact VALUES(25,36,'2025-08-01 17:30');
INSERT INTO interaction_contact VALUES(25,37,'2025-08-01 17:30');
INSERT INTO interaction_contact VALUES(25,38,'2025-08-01 17:30');
INSERT INTO interaction_contact VALUES(26,46,'2025-08-08 10:00');
INSERT INTO interaction_contact VALUES(27,48,'2025-08-15 12:30');
INSERT INTO interaction_contact VALUES(28,52,'2025-08-22 16:00');
INSERT INTO interaction_contact VALUES(29,10,'2025-08-29 09:00');
INSERT INTO interaction_contact VALUES(30,56,'2025-09-01 09:30');
INSERT INTO interaction_contact VALUES(31,32,'2025-09-05 14:30');
INSERT INTO interaction_contact VALUES(32,49,'2025-09-12 18:00');
INSERT INTO interaction_contact VALUES(33,39,'2025-09-19 11:00');
INSERT INTO interaction_contact VALUES(34,45,'2025-09-23 19:30');
INSERT INTO interaction_contact VALUES(35,3,'2025-09-28 10:00');
INSERT INTO interaction_contact VALUES(36,57,'2025-10-01 18:00');
INSERT INTO interaction_contact VALUES(36,28,'2025-10-01 18:00');
INSERT INTO interaction_contact VALUES(37,7,'2025-10-04 15:00');
INSERT INTO interaction_contact VALUES(38,7,'2025-10-11 12:00');
INSERT INTO interaction_contact VALUES(39,36,'2025-10-17 17:00');
INSERT INTO interaction_contact VALUES(39,37,'2025-10-17 17:00');
INSERT INTO interaction_contact VALUES(40,54,'2025-10-21 16:00');
INSERT INTO interaction_contact VALUES(41,46,'2025-10-22 09:30');
INSERT INTO interaction_contact VALUES(42,39,'2025-10-28 18:00');
INSERT INTO interaction_contact VALUES(42,19,'2025-10-28 18:00');
INSERT INTO interaction_contact VALUES(43,25,'2025-11-02 13:00');
INSERT INTO interaction_contact VALUES(44,26,'2025-11-06 10:30');
INSERT INTO interaction_contact VALUES(45,26,'2025-11-12 16:30');
INSERT INTO interaction_contact VALUES(46,45,'2025-11-17 19:00');
INSERT INTO interaction_contact VALUES(47,5,'2025-11-20 14:00');
INSERT INTO interaction_contact VALUES(48,42,'2025-11-22 11:00');
INSERT INTO interaction_contact VALUES(49,10,'2025-11-26 08:30');
INSERT INTO interaction_contact VALUES(50,39,'2025-12-01 14:00');
INSERT INTO interaction_contact VALUES(50,40,'2025-12-01 14:00');
INSERT INTO interaction_contact VALUES(51,54,'2025-12-03 10:00');
INSERT INTO interaction_contact VALUES(52,19,'2025-12-05 10:00');
INSERT INTO interaction_contact VALUES(53,47,'2025-12-08 17:00');
INSERT INTO interaction_contact VALUES(54,2,'2025-12-12 12:00');
INSERT INTO interaction_contact VALUES(54,44,'2025-12-12 12:00');
INSERT INTO interaction_contact VALUES(55,36,'2025-12-16 09:00');
INSERT INTO interaction_contact VALUES(56,43,'2025-12-20 15:00');
INSERT INTO interaction_contact VALUES(57,45,'2025-12-22 19:00');
INSERT INTO interaction_contact VALUES(58,28,'2025-12-25 10:00');
INSERT INTO interaction_contact VALUES(59,21,'2025-12-28 13:30');
INSERT INTO interaction_contact VALUES(60,33,'2025-12-30 13:00');
INSERT INTO interaction_contact VALUES(61,32,'2025-12-31 11:00');
INSERT INTO interaction_contact VALUES(62,48,'2026-01-03 18:00');
INSERT INTO interaction_contact VALUES(62,27,'2026-01-03 18:00');
INSERT INTO interaction_contact VALUES(62,50,'2026-01-03 18:00');
INSERT INTO interaction_contact VALUES(63,2,'2026-01-06 08:15');
INSERT INTO interaction_contact VALUES(63,23,'2026-01-06 08:15');
INSERT INTO interaction_contact VALUES(63,24,'2026-01-06 08:15');
INSERT INTO interaction_contact VALUES(64,59,'2026-01-06 09:10');
INSERT INTO interaction_contact VALUES(64,51,'2026-01-06 09:10');
INSERT INTO interaction_contact VALUES(65,24,'2026-01-08 14:00');
INSERT INTO interaction_contact VALUES(66,46,'2026-01-10 10:30');
INSERT INTO interaction_contact VALUES(67,20,'2026-01-11 11:00');
INSERT INTO interaction_contact VALUES(68,37,'2026-01-12 16:00');
INSERT INTO interaction_contact VALUES(69,3,'2026-01-13 20:00');
INSERT INTO interaction_contact VALUES(69,4,'2026-01-13 20:00');
INSERT INTO interaction_contact VALUES(69,7,'2026-01-13 20:00');
INSERT INTO interaction_contact VALUES(70,6,'2026-01-13 21:40');
INSERT INTO interaction_contact VALUES(71,39,'2026-01-15 12:00');
INSERT INTO interaction_contact VALUES(72,4,'2026-01-16 10:00');
INSERT INTO interaction_contact VALUES(73,11,'2026-01-17 09:30');
INSERT INTO interaction_contact VALUES(74,45,'2026-01-19 19:00');
INSERT INTO interaction_contact VALUES(75,26,'2026-01-20 20:15');
INSERT INTO interaction_contact VALUES(75,27,'2026-01-20 20:15');
INSERT INTO interaction_contact VALUES(75,50,'2026-01-20 20:15');
INSERT INTO interaction_contact VALUES(76,49,'2026-01-20 20:30');
INSERT INTO interaction_contact VALUES(77,27,'2026-01-21 10:00');
INSERT INTO interaction_contact VALUES(78,17,'2026-01-22 15:00');
INSERT INTO interaction_contact VALUES(79,19,'2026-01-24 11:30');
INSERT INTO interaction_contact VALUES(79,20,'2026-01-24 11:30');
INSERT INTO interaction_contact VALUES(80,20,'2026-01-25 14:00');
INSERT INTO interaction_contact VALUES(81,60,'2026-01-26 09:00');
INSERT INTO interaction_contact VALUES(82,3,'2026-01-27 21:30');
INSERT INTO interaction_contact VALUES(82,36,'2026-01-27 21:30');
INSERT INTO interaction_contact VALUES(83,37,'2026-01-27 22:00');
INSERT INTO interaction_contact VALUES(83,38,'2026-01-27 22:00');
INSERT INTO interaction_contact VALUES(84,7,'2026-01-28 13:00');
INSERT INTO interaction_contact VALUES(85,32,'2026-01-29 10:00');
INSERT INTO interaction_contact VALUES(86,39,'2026-01-30 18:00');
INSERT INTO interaction_contact VALUES(86,40,'2026-01-30 18:00');
INSERT INTO interaction_contact VALUES(86,19,'2026-01-30 18:00');
INSERT INTO interaction_contact VALUES(87,9,'2026-01-31 12:30');
INSERT INTO interaction_contact VALUES(88,35,'2026-02-01 16:00');
INSERT INTO interaction_contact VALUES(89,45,'2026-02-02 19:00');
INSERT INTO interaction_contact VALUES(90,10,'2026-02-03 20:00');
INSERT INTO interaction_contact VALUES(90,13,'2026-02-03 20:00');
INSERT INTO interaction_contact VALUES(90,12,'2026-02-03 20:00');
INSERT INTO interaction_contact VALUES(91,26,'2026-02-03 21:15');
INSERT INTO interaction_contact VALUES(92,52,'2026-02-04 10:00');
INSERT INTO interaction_contact VALUES(93,15,'2026-02-05 11:00');
INSERT INTO interaction_contact VALUES(94,36,'2026-02-06 14:30');
INSERT INTO interaction_contact VALUES(95,48,'2026-02-07 09:00');
INSERT INTO interaction_contact VALUES(96,21,'2026-02-08 17:00');
INSERT INTO interaction_contact VALUES(96,22,'2026-02-08 17:00');
INSERT INTO interaction_contact VALUES(97,44,'2026-02-09 12:00');
INSERT INTO interaction_contact VALUES(98,3,'2026-02-10 20:30');
INSERT INTO interaction_contact VALUES(98,4,'2026-02-10 20:30');
INSERT INTO interaction_contact VALUES(99,10,'2026-02-10 21:00');
INSERT INTO interaction_contact VALUES(99,28,'2026-02-10 21:00');
INSERT INTO interaction_contact VALUES(100,46,'2026-02-11 10:00');
INSERT INTO interaction_contact VALUES(101,8,'2026-02-12 09:00');
INSERT INTO interaction_contact VALUES(102,34,'2026-02-12 15:00');
INSERT INTO interaction_contact VALUES(103,45,'2026-02-13 19:00');
INSERT INTO interaction_contact VALUES(104,39,'2026-02-14 11:00');
INSERT INTO interaction_contact VALUES(105,16,'2026-02-15 13:00');
INSERT INTO interaction_contact VALUES(106,40,'2026-02-15 17:30');
INSERT INTO interaction_contact VALUES(107,25,'2026-02-16 09:30');
INSERT INTO interaction_contact VALUES(108,19,'2026-02-17 16:00');
INSERT INTO interaction_contact VALUES(109,14,'2026-02-18 20:45');
INSERT INTO interaction_contact VALUES(109,15,'2026-02-18 20:45');
INSERT INTO interaction_contact VALUES(109,16,'2026-02-18 20:45');
INSERT INTO interaction_contact VALUES(109,17,'2026-02-18 20:45');
INSERT INTO interaction_contact VALUES(110,31,'2026-02-18 21:10');
INSERT INTO interaction_contact VALUES(110,48,'2026-02-18 21:10');
INSERT INTO interaction_contact VALUES(111,18,'2026-02-18 21:20');
INSERT INTO interaction_contact VALUES(112,18,'2026-02-19 10:00');
INSERT INTO interaction_contact VALUES(113,31,'2026-02-19 18:00');
INSERT INTO interaction_contact VALUES(114,36,'2026-02-20 14:00');
INSERT INTO interaction_contact VALUES(114,37,'2026-02-20 14:00');
INSERT INTO interaction_contact VALUES(114,38,'2026-02-20 14:00');
INSERT INTO interaction_contact VALUES(115,39,'2026-02-21 12:00');
INSERT INTO interaction_contact VALUES(116,23,'2026-02-22 11:30');
INSERT INTO interaction_contact VALUES(117,59,'2026-02-22 15:00');
INSERT INTO interaction_contact VALUES(118,11,'2026-02-23 12:00');
INSERT INTO interaction_contact VALUES(119,3,'2026-02-23 19:00');
INSERT INTO interaction_contact VALUES(120,3,'2026-02-24 23:10');
INSERT INTO interaction_contact VALUES(120,4,'2026-02-24 23:10');
INSERT INTO interaction_contact VALUES(120,7,'2026-02-24 23:10');
INSERT INTO interaction_contact VALUES(120,2,'2026-02-24 23:10');
INSERT INTO interaction_contact VALUES(121,36,'2026-02-24 23:15');
INSERT INTO interaction_contact VALUES(121,37,'2026-02-24 23:15');
INSERT INTO interaction_contact VALUES(122,55,'2026-02-24 23:20');
INSERT INTO interaction_contact VALUES(123,3,'2026-02-25 10:00');
INSERT INTO interaction_contact VALUES(124,7,'2026-02-25 10:20');
INSERT INTO interaction_contact VALUES(125,14,'2026-02-26 08:30');
INSERT INTO interaction_contact VALUES(126,32,'2026-02-26 09:00');
INSERT INTO interaction_contact VALUES(127,45,'2026-02-26 18:30');
INSERT INTO interaction_contact VALUES(128,1,'2026-02-27 10:00');
INSERT INTO interaction_contact VALUES(129,22,'2026-02-27 14:00');
INSERT INTO interaction_contact VALUES(130,47,'2026-02-28 19:15');
INSERT INTO interaction_contact VALUES(130,24,'2026-02-28 19:15');
INSERT INTO interaction_contact VALUES(130,57,'2026-02-28 19:15');
INSERT INTO interaction_contact VALUES(131,39,'2026-02-28 19:30');
INSERT INTO interaction_contact VALUES(131,40,'2026-02-28 19:30');
INSERT INTO interaction_contact VALUES(131,19,'2026-02-28 19:30');
INSERT INTO interaction_contact VALUES(132,24,'2026-03-01 10:00');
INSERT INTO interaction_contact VALUES(133,57,'2026-03-01 10:15');
INSERT INTO interaction_contact VALUES(134,46,'2026-03-02 11:00');
INSERT INTO interaction_contact VALUES(135,17,'2026-03-02 16:00');
INSERT INTO interaction_contact VALUES(136,36,'2026-03-03 20:00');
INSERT INTO interaction_contact VALUES(136,37,'2026-03-03 20:00');
INSERT INTO interaction_contact VALUES(136,38,'2026-03-03 20:00');
INSERT INTO interaction_contact VALUES(137,40,'2026-03-04 09:30');
INSERT INTO interaction_contact VALUES(138,50,'2026-03-04 12:00');
INSERT INTO interaction_contact VALUES(138,27,'2026-03-04 12:00');
INSERT INTO interaction_contact VALUES(139,10,'2026-03-05 08:45');
INSERT INTO interaction_contact VALUES(140,29,'2026-03-05 13:00');
INSERT INTO interaction_contact VALUES(141,39,'2026-03-06 10:00');
INSERT INTO interaction_contact VALUES(142,15,'2026-03-06 17:00');
INSERT INTO interaction_contact VALUES(142,18,'2026-03-06 17:00');
INSERT INTO interaction_contact VALUES(143,3,'2026-03-07 13:00');
INSERT INTO interaction_contact VALUES(143,36,'2026-03-07 13:00');
INSERT INTO interaction_contact VALUES(143,37,'2026-03-07 13:00');
INSERT INTO interaction_contact VALUES(143,38,'2026-03-07 13:00');
INSERT INTO interaction_contact VALUES(144,34,'2026-03-07 13:20');
INSERT INTO interaction_contact VALUES(144,35,'2026-03-07 13:20');
INSERT INTO interaction_contact VALUES(145,32,'2026-03-08 09:00');
INSERT INTO interaction_contact VALUES(146,46,'2026-03-08 11:30');
INSERT INTO interaction_contact VALUES(147,48,'2026-03-08 15:00');
INSERT INTO interaction_contact VALUES(148,35,'2026-03-09 10:00');
INSERT INTO interaction_contact VALUES(149,19,'2026-03-09 16:30');
INSERT INTO interaction_contact VALUES(150,45,'2026-03-09 18:00');
INSERT INTO followup VALUES(1,14,NULL,NULL,'ask','Coffee with Lan about the bond cost plan','2026-03-08',3,'open','none',NULL,NULL,NULL,'none',NULL,1,'Ruth asked to wait a week','2026-03-07 09:00','','2026-02-11 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(2,46,NULL,66,'introduce','Ruth to introduce me to Lan Nguyễn','2026-03-05',3,'open','none',1,14,46,'requested',NULL,0,'',NULL,'Ruth knows Lan since her first campaign.','2026-01-10 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(3,17,NULL,135,'send-info','Send Rosa the Lincoln portables cost sheet','2026-03-07',2,'open','owe',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-02 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(4,16,NULL,NULL,'ask','Get a meeting with Marcus Brandt','2026-03-10',2,'open','none',NULL,NULL,NULL,'none',NULL,2,'no reply yet','2026-03-08 09:00','','2026-02-15 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(5,24,NULL,NULL,'thank-you','Thank-you note to 王芳 for the kickoff','2026-03-03',1,'done','owe',NULL,NULL,NULL,'none','2026-03-01 18:00',0,'',NULL,'','2026-02-28 12:00:00','2026-03-01 18:00:00');
INSERT INTO followup VALUES(6,47,13,NULL,'thank-you','Thank Hiroshi for the $1,000 gift','2026-03-06',1,'open','owe',NULL,NULL,NULL,'none',NULL,0,'',NULL,'Handwritten card.','2026-02-28 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(7,57,13,NULL,'thank-you','Thank Omar for hosting the kickoff','2026-03-03',1,'done','owe',NULL,NULL,NULL,'none','2026-03-01 18:00',0,'',NULL,'','2026-02-28 12:00:00','2026-03-01 18:00:00');
INSERT INTO followup VALUES(8,23,NULL,116,'send-info','Send Vance the oversight committee draft','2026-02-24',2,'done','owe',NULL,NULL,NULL,'none','2026-02-22 18:00',0,'',NULL,'','2026-02-22 12:00:00','2026-02-22 18:00:00');
INSERT INTO followup VALUES(9,23,NULL,116,'ask','Vance owes us the Chamber board''s position','2026-03-17',2,'open','owed',NULL,NULL,NULL,'none',NULL,0,'',NULL,'He said before the board vote.','2026-02-22 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(10,18,NULL,112,'other','Dr. Park to send the per-school project list','2026-03-01',2,'open','owed',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-02-19 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(11,32,NULL,NULL,'send-info','Send Hannah the tenant survey methodology','2026-02-08',1,'open','owe',NULL,NULL,NULL,'none',NULL,3,'waiting for the data cleanup','2026-02-05 09:00','','2025-12-31 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(12,36,14,NULL,'thank-you','Thank rally volunteers (list from Luz)','2026-03-11',2,'open','owe',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-07 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(13,34,17,NULL,'other','Prep talking points for the KRVR interview','2026-03-12',3,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'Three numbers: classrooms, cost per household, jobs.','2026-03-08 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(14,39,10,NULL,'other','Draft public comment for the bond resolution','2026-03-15',3,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-06 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(15,48,10,NULL,'ask','Ask Priya for three Lincoln parents to speak','2026-03-13',2,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-08 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(16,10,8,139,'send-info','Get Old Mill residents'' letters to Zoë before the hearing','2026-03-18',2,'open','owe',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-05 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(17,29,NULL,NULL,'check-in','Check Sakura circulated the overlay letter','2026-03-11',1,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-05 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(18,21,NULL,96,'ask','Building Trades endorsement letter','2026-03-09',2,'open','owed',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-02-08 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(19,44,NULL,97,'check-in','Follow up with Ingrid on the Mayor''s bond endorsement','2026-02-26',2,'open','none',NULL,NULL,NULL,'none',NULL,1,'Mayor travelling','2026-02-25 09:00','','2026-02-09 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(20,26,NULL,NULL,'check-in','Check in with Dot after the fourplex hearing','2026-02-18',1,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-02-03 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(21,45,NULL,NULL,'other','Ben''s birthday present','2026-04-09',0,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-09 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(22,19,NULL,NULL,'thank-you','Thank Łukasz for the REA endorsement','2026-02-19',1,'done','owe',NULL,NULL,NULL,'none','2026-02-18 18:00',0,'',NULL,'','2026-02-17 12:00:00','2026-02-18 18:00:00');
INSERT INTO followup VALUES(23,3,NULL,NULL,'thank-you','Thank José for carrying the ordinance','2026-02-25',1,'done','owe',NULL,NULL,NULL,'none','2026-02-25 18:00',0,'',NULL,'','2026-02-24 12:00:00','2026-02-25 18:00:00');
INSERT INTO followup VALUES(24,43,20,NULL,'thank-you','Thank Dr. Iyer for the interview','2025-12-22',1,'done','owe',NULL,NULL,NULL,'none','2025-12-21 18:00',0,'',NULL,'','2025-12-20 12:00:00','2025-12-21 18:00:00');
INSERT INTO followup VALUES(25,52,NULL,NULL,'ask','Ask Elena for the overlay staff report date',NULL,0,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-03-04 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(26,30,NULL,NULL,'check-in','Try to meet Gary Lindqvist',NULL,0,'dropped','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'He will not meet anyone from Schools First.','2025-12-10 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(27,59,NULL,NULL,'ask','Pierre to share the Chamber''s draft letter','2026-03-08',1,'open','owed',NULL,NULL,NULL,'none',NULL,0,'',NULL,'','2026-02-22 12:00:00','2026-03-09 18:00:00');
INSERT INTO followup VALUES(28,NULL,NULL,NULL,'other','File District 4 candidate paperwork','2026-03-22',3,'open','none',NULL,NULL,NULL,'none',NULL,0,'',NULL,'City Clerk, Room 101.','2026-02-27 12:00:00','2026-03-09 18:00:00');
INSERT INTO power_map VALUES(1,'School bond 2027','Pass the 2027 school bond',14,'2025-12-10 09:00:00','2026-03-08 11:30:00');
INSERT INTO map_target VALUES(1,16);
INSERT INTO map_target VALUES(1,17);
INSERT INTO placement VALUES(1,1,14,NULL,5,0,'Swing vote. Cost plan and oversight committee.','2026-03-08 11:00');
INSERT INTO placement VALUES(2,1,15,NULL,5,2,'Board president; votes yes, will not whip.','2026-02-05 11:00');
INSERT INTO placement VALUES(3,1,16,NULL,4,-2,'Close to Gary Lindqvist and Vance.','2026-02-18 11:00');
INSERT INTO placement VALUES(4,1,17,NULL,4,1,'Gettable with Lincoln named.','2026-03-02 11:00');
INSERT INTO placement VALUES(5,1,18,NULL,4,1,'Cannot campaign; presents the plan.','2025-12-10 11:00');
INSERT INTO placement VALUES(6,1,54,NULL,1,2,'Advisory vote only.','2025-12-10 11:00');
INSERT INTO placement VALUES(7,1,2,NULL,5,1,'Her endorsement moves the Ledger.','2026-01-06 11:00');
INSERT INTO placement VALUES(8,1,23,NULL,5,-1,'Wants a smaller bond.','2026-02-22 11:00');
INSERT INTO placement VALUES(9,1,24,NULL,4,1,'Lan keeps her books.','2026-02-28 11:00');
INSERT INTO placement VALUES(10,1,19,NULL,4,2,'REA endorsed.','2025-12-10 11:00');
INSERT INTO placement VALUES(11,1,21,NULL,4,1,'','2026-02-08 11:00');
INSERT INTO placement VALUES(12,1,30,NULL,3,-2,'Led the petition last time.','2025-12-10 11:00');
INSERT INTO placement VALUES(13,1,33,NULL,4,0,'Writes the endorsement.','2025-12-10 11:00');
INSERT INTO placement VALUES(14,1,32,NULL,3,0,'','2025-12-10 11:00');
INSERT INTO placement VALUES(15,1,46,NULL,3,2,'Warm path to Lan.','2025-12-10 11:00');
INSERT INTO placement VALUES(16,1,48,NULL,2,2,'','2026-02-07 11:00');
INSERT INTO placement VALUES(17,1,26,NULL,3,0,'','2026-01-20 11:00');
INSERT INTO placement VALUES(18,1,31,NULL,1,1,'','2026-02-18 11:00');
INSERT INTO placement VALUES(19,1,43,NULL,4,2,'','2025-12-20 11:00');
INSERT INTO placement VALUES(20,1,55,NULL,1,-2,'','2025-12-10 11:00');
INSERT INTO placement VALUES(21,1,59,NULL,3,-1,'Drafts the Chamber letter.','2025-12-10 11:00');
INSERT INTO placement VALUES(22,1,NULL,4,3,2,'1,400 members.','2025-12-10 11:00');
INSERT INTO placement VALUES(23,1,NULL,6,4,0,'','2026-02-22 11:00');
INSERT INTO placement VALUES(24,1,NULL,9,2,-2,'','2025-12-10 11:00');
INSERT INTO placement VALUES(25,1,NULL,10,3,0,'','2025-12-10 11:00');
INSERT INTO placement VALUES(26,1,NULL,5,3,2,'','2026-02-08 11:00');
INSERT INTO placement_move VALUES(1,1,14,NULL,'2025-12-10 11:00',NULL,NULL,5,0,'initial assessment');
INSERT INTO placement_move VALUES(2,1,15,NULL,'2025-12-10 11:00',NULL,NULL,5,1,'initial assessment');
INSERT INTO placement_move VALUES(3,1,16,NULL,'2025-12-10 11:00',NULL,NULL,4,-1,'initial assessment');
INSERT INTO placement_move VALUES(4,1,17,NULL,'2025-12-10 11:00',NULL,NULL,4,0,'initial assessment');
INSERT INTO placement_move VALUES(5,1,18,NULL,'2025-12-10 11:00',NULL,NULL,4,1,'initial assessment');
INSERT INTO placement_move VALUES(6,1,54,NULL,'2025-12-10 11:00',NULL,NULL,1,2,'initial assessment');
INSERT INTO placement_move VALUES(7,1,2,NULL,'2025-12-10 11:00',NULL,NULL,5,0,'initial assessment');
INSERT INTO placement_move VALUES(8,1,23,NULL,'2025-12-10 11:00',NULL,NULL,5,-1,'initial assessment');
INSERT INTO placement_move VALUES(9,1,24,NULL,'2025-12-10 11:00',NULL,NULL,4,0,'initial assessment');
INSERT INTO placement_move VALUES(10,1,19,NULL,'2025-12-10 11:00',NULL,NULL,4,2,'initial assessment');
INSERT INTO placement_move VALUES(11,1,21,NULL,'2025-12-10 11:00',NULL,NULL,4,1,'initial assessment');
INSERT INTO placement_move VALUES(12,1,30,NULL,'2025-12-10 11:00',NULL,NULL,3,-2,'initial assessment');
INSERT INTO placement_move VALUES(13,1,33,NULL,'2025-12-10 11:00',NULL,NULL,4,0,'initial assessment');
INSERT INTO placement_move VALUES(14,1,32,NULL,'2025-12-10 11:00',NULL,NULL,3,0,'initial assessment');
INSERT INTO placement_move VALUES(15,1,46,NULL,'2025-12-10 11:00',NULL,NULL,3,2,'initial assessment');
INSERT INTO placement_move VALUES(16,1,48,NULL,'2025-12-10 11:00',NULL,NULL,2,1,'initial assessment');
INSERT INTO placement_move VALUES(17,1,26,NULL,'2025-12-10 11:00',NULL,NULL,3,-1,'initial assessment');
INSERT INTO placement_move VALUES(18,1,31,NULL,'2025-12-10 11:00',NULL,NULL,1,0,'initial assessment');
INSERT INTO placement_move VALUES(19,1,43,NULL,'2025-12-10 11:00',NULL,NULL,4,1,'initial assessment');
INSERT INTO placement_move VALUES(20,1,55,NULL,'2025-12-10 11:00',NULL,NULL,1,-2,'initial assessment');
INSERT INTO placement_move VALUES(21,1,59,NULL,'2025-12-10 11:00',NULL,NULL,3,-1,'initial assessment');
INSERT INTO placement_move VALUES(22,1,NULL,4,'2025-12-10 11:00',NULL,NULL,3,2,'initial assessment');
INSERT INTO placement_move VALUES(23,1,NULL,6,'2025-12-10 11:00',NULL,NULL,4,-1,'initial assessment');
INSERT INTO placement_move VALUES(24,1,NULL,9,'2025-12-10 11:00',NULL,NULL,2,-2,'initial assessment');
INSERT INTO placement_move VALUES(25,1,NULL,10,'2025-12-10 11:00',NULL,NULL,3,0,'initial assessment');
INSERT INTO placement_move VALUES(26,1,NULL,5,'2025-12-10 11:00',NULL,NULL,3,1,'initial assessment');
INSERT INTO placement_move VALUES(27,1,53,NULL,'2025-12-10 11:00',NULL,NULL,1,0,'initial assessment');
INSERT INTO placement_move VALUES(28,1,43,NULL,'2025-12-20 11:00',4,1,4,2,'will speak for the bond');
INSERT INTO placement_move VALUES(29,1,2,NULL,'2026-01-06 11:00',5,0,5,1,'mentioned schools at State of the City');
INSERT INTO placement_move VALUES(30,1,26,NULL,'2026-01-20 11:00',3,-1,3,0,'asked about portables, not taxes');
INSERT INTO placement_move VALUES(31,1,15,NULL,'2026-02-05 11:00',5,1,5,2,'said she will vote yes');
INSERT INTO placement_move VALUES(32,1,48,NULL,'2026-02-07 11:00',2,1,2,2,'40 parents signed the letter');
INSERT INTO placement_move VALUES(33,1,21,NULL,'2026-02-08 11:00',4,1,4,1,'PLA language is the condition');
INSERT INTO placement_move VALUES(34,1,NULL,5,'2026-02-08 11:00',3,1,3,2,'will endorse with PLA');
INSERT INTO placement_move VALUES(35,1,53,NULL,'2026-02-13 11:00',1,0,NULL,NULL,'moved to Portland');
INSERT INTO placement_move VALUES(36,1,14,NULL,'2026-02-18 11:00',5,0,5,-1,'asked about the tax rate at the board meeting');
INSERT INTO placement_move VALUES(37,1,16,NULL,'2026-02-18 11:00',4,-1,4,-2,'questioned the tax rate three times');
INSERT INTO placement_move VALUES(38,1,31,NULL,'2026-02-18 11:00',1,0,1,1,'her school''s HVAC is in the plan');
INSERT INTO placement_move VALUES(39,1,23,NULL,'2026-02-22 11:00',5,-1,5,-1,'open to $260M with oversight');
INSERT INTO placement_move VALUES(40,1,NULL,6,'2026-02-22 11:00',4,-1,4,0,'board split; Vance negotiating');
INSERT INTO placement_move VALUES(41,1,24,NULL,'2026-02-28 11:00',4,0,4,1,'came to the kickoff');
INSERT INTO placement_move VALUES(42,1,17,NULL,'2026-03-02 11:00',4,0,4,1,'wants Lincoln portables in the list');
INSERT INTO placement_move VALUES(43,1,14,NULL,'2026-03-08 11:00',5,-1,5,0,'Ruth: nervous about Northgate, still open');
INSERT INTO import_extra VALUES(1,'contact',1,'vcard','X-SPOUSE','Charles Babbage');
INSERT INTO import_extra VALUES(2,'event',1,'ics','X-MS-OLK-SENDER','clerk@example.gov');
INSERT INTO import_extra VALUES(3,'organisation',1,'csv:linkedin','Company URL','https://example.org/');
INSERT INTO import_extra VALUES(4,'followup',1,'ics','X-PRIORITY','1');
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


-- ---- rows written at version 4 ---------------------------------------------------------
INSERT INTO review_action(id, day, contact_id, followup_id, action, until, reason, at) VALUES
  (1, '2026-03-09', 14, NULL, 'done', NULL, '', '2026-03-09 08:10:00'),
  (2, '2026-03-09', NULL, 1, 'snoozed', '2026-03-12', 'after the vote', '2026-03-09 08:11:00'),
  (3, '2026-03-10', 46, NULL, 'skipped', NULL, '', '2026-03-10 08:05:00');
INSERT INTO followup(id, contact_id, event_id, interaction_id, kind, title, due, priority, status,
  direction, intro_a_id, intro_b_id, intro_by_id, intro_stage, done_at, snooze_count,
  snooze_reason, snoozed_at, notes, created_at, updated_at, uid)
  SELECT max(id) + 1, 14, NULL, NULL, 'check-in', 'Budget hearing prep call', '2026-03-16', 2,
    'open', 'none', NULL, NULL, NULL, 'none', NULL, 0, '', NULL, 'from the campaign calendar',
    '2026-03-09 10:00:00', '2026-03-09 10:00:00', 'todo-7f3a@calendar.example.org'
  FROM followup;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, created_at, updated_at,
  notes, influence, influence_rank)
  SELECT max(id) + 1, 'Ines Okafor-Brandt', 'ines okafor-brandt', 'Ines', 'Okafor-Brandt',
    '2026-03-09 11:00:00', '2026-03-09 11:00:00', 'imported from her vCard', 3, 2
  FROM contact;
INSERT INTO role(contact_id, org_id, seat, title, start_date)
  SELECT max(id), 1, '', 'Budget analyst', '2026-01-05' FROM contact;
INSERT INTO contact_nickname(contact_id, nickname, nick_key)
  SELECT max(id), 'Ini', 'ini' FROM contact;
INSERT INTO import_extra(entity, entity_id, source, name, value)
  SELECT 'contact', max(id), 'vcard', 'X-ABLabel', 'Work cell' FROM contact;

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

-- ---- rows written at version 5 ---------------------------------------------------------
INSERT INTO interaction(id, at, kind, summary, body, event_id, created_at)
  SELECT max(id) + 1, '2026-03-11 09:30', 'call', 'Talked through the budget amendment',
    'She wants the numbers by Friday.', NULL, '2026-03-11 09:45:00'
  FROM interaction;
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT max(id), 14, '2026-03-11 09:30' FROM interaction;
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT i.id, c.id, '2026-03-11 09:30' FROM (SELECT max(id) AS id FROM interaction) i,
    (SELECT max(id) AS id FROM contact) c;
INSERT INTO attendance(event_id, contact_id, role, status)
  SELECT e.id, c.id, 'attendee', 'met' FROM (SELECT min(id) AS id FROM event) e,
    (SELECT max(id) AS id FROM contact) c;

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

-- ---- rows written at version 6 ---------------------------------------------------------
INSERT INTO interaction(id, at, kind, summary, body, event_id, created_at)
  SELECT max(id) + 1, '2026-03-12 16:00', 'coffee', 'Coffee about the library hours',
    '', NULL, '2026-03-12 16:30:00'
  FROM interaction;
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT max(id), 3, '2026-03-12 16:00' FROM interaction;
INSERT INTO attendance(event_id, contact_id, role, status)
  SELECT e.id, 5, 'speaker', 'attended' FROM (SELECT max(id) AS id FROM event) e
  WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.event_id = e.id AND a.contact_id = 5);

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

-- ---- rows written at version 7 ---------------------------------------------------------
INSERT INTO event(title, kind, start_at, end_at, all_day, location, host_org_id, notes, rrule,
    uid, created_at, updated_at)
  VALUES ('Planning commission', 'council-meeting', '2026-01-08 18:30', '2026-01-08 20:00', 0,
    'Room 2, City Hall', 1, '', 'FREQ=MONTHLY;BYDAY=2TH' || char(10) || 'EXDATE:20260212T183000',
    'planning@riverton.example', '2026-01-02 10:00:00', '2026-01-02 10:00:00');
INSERT INTO event(title, kind, start_at, end_at, all_day, location, host_org_id, notes, rrule,
    uid, created_at, updated_at)
  VALUES ('Budget coffee', 'one-to-one', '2026-03-12 08:00', NULL, 0, 'Bean There', NULL, '',
    NULL, NULL, '2026-03-11 10:00:00', '2026-03-11 10:00:00');
INSERT INTO dup_not_same(a_id, b_id, at) VALUES (1, 2, '2026-03-11 10:05:00');

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

-- ---- rows written at version 8 ---------------------------------------------------------
INSERT INTO import_extra(entity, entity_id, source, name, value)
  SELECT 'contact', max(id), 'vcard', 'X-FOO', 'first value' FROM contact;
INSERT INTO import_extra(entity, entity_id, source, name, value)
  SELECT 'contact', max(id), 'vcard', 'X-FOO', 'second value, ünïcode' FROM contact;
INSERT INTO import_extra(entity, entity_id, source, name, value)
  SELECT 'event', min(id), 'ics', 'ATTENDEE', 'mailto:someone@example.org' FROM event;
INSERT INTO import_extra(entity, entity_id, source, name, value)
  SELECT 'contact', min(id), 'csv', 'notes', printf('%.*c', 3000, 'x') FROM contact;

-- @migration 9
-- "Is this extra field already kept?" compared every value the entity had
-- under that name: 20,000 X-FOO properties on one card, or thousands of
-- CSV rows merged into one contact, made an import quadratic while it held
-- the write lock. value_key is a 64-bit hash of the value (FNV-1a of its
-- UTF-8 bytes, kith_value_key() in src/db/db.c), written with the row, and
-- the lookup reads the one or few rows with the same key. A row written by
-- another program without it is only not found as a duplicate.
ALTER TABLE import_extra ADD COLUMN value_key INTEGER;
-- (kith_value_key(value), computed as kith does, row by row: the sqlite3
-- shell that loads this file has no kith functions)
UPDATE import_extra SET value_key = 1674697957313080639 WHERE id = 1;
UPDATE import_extra SET value_key = -3523443368562272590 WHERE id = 2;
UPDATE import_extra SET value_key = 279476807947389069 WHERE id = 3;
UPDATE import_extra SET value_key = -5808609649712063748 WHERE id = 4;
UPDATE import_extra SET value_key = -532459395783495412 WHERE id = 5;
UPDATE import_extra SET value_key = 4340187040601925040 WHERE id = 6;
UPDATE import_extra SET value_key = -7119543893671525140 WHERE id = 7;
UPDATE import_extra SET value_key = -4840054063443399897 WHERE id = 8;
UPDATE import_extra SET value_key = -5519894041155986939 WHERE id = 9;
DROP INDEX import_extra_by_field;
CREATE INDEX import_extra_by_value ON import_extra(entity, entity_id, name, value_key);

-- ---- rows written at version 9 ---------------------------------------------------------
INSERT INTO contact(id, display_name, name_key, given_name, family_name, created_at, updated_at,
                    influence_rank)
  SELECT max(id) + 1, 'Wen Uid', 'wen uid', 'Wen', 'Uid', '2026-03-13 10:00:00',
    '2026-03-13 10:00:00', 5 FROM contact;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, created_at, updated_at,
                    influence_rank)
  SELECT max(id) + 1, 'Wen Uid', 'wen uid', 'Wen', 'Uid', '2026-03-13 10:00:00',
    '2026-03-13 10:00:00', 5 FROM contact;
INSERT INTO import_extra(entity, entity_id, source, name, value, value_key)
  SELECT 'contact', max(id) - 1, 'vcard', 'UID', 'urn:uuid:6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b', 2646165362299339552 FROM contact;
INSERT INTO import_extra(entity, entity_id, source, name, value, value_key)
  SELECT 'contact', max(id), 'vcard', 'UID', 'urn:uuid:6f1c2a52-3b4d-4e5f-8a9b-0c1d2e3f4a5b', 2646165362299339552 FROM contact;

-- ---- migration 10, as released ------------------------------------------------------
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
-- (as released, the UIDs were random UUIDs; the ones it gave are written
-- out, so the fixture is the same database at every load)
UPDATE contact SET uid = printf('6b697468-0000-4000-8000-%012d', id) WHERE uid IS NULL;
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

-- ---- rows written at version 10 --------------------------------------------------------
INSERT INTO event(title, kind, start_at, end_at, all_day, location, host_org_id, notes, rrule,
    uid, created_at, updated_at, tzid, tz_start)
  VALUES ('Sister-city call', 'meetup', '2026-03-13 17:00', '2026-03-13 18:00', 0, 'Online',
    NULL, 'with Lyon', NULL, 'lyon-call@riverton.example', '2026-03-11 11:00:00',
    '2026-03-11 11:00:00', 'Europe/Paris', '2026-03-13 23:00');
INSERT INTO attendance(event_id, contact_id, role, status)
  SELECT max(id), 2, 'host', 'confirmed' FROM event;
INSERT INTO followup(contact_id, event_id, kind, title, due, priority, status, direction,
    notes, created_at, updated_at)
  SELECT 2, max(id), 'send-info', 'Send the Lyon notes', '2026-03-16', 2, 'open', 'owe', '',
    '2026-03-11 11:05:00', '2026-03-11 11:05:00' FROM event;
INSERT INTO interaction(at, kind, summary, body, event_id, created_at)
  VALUES ('2026-03-11 11:10', 'message', 'Asked Lyon for an agenda', '', NULL,
    '2026-03-11 11:10:00');
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT max(id), 2, '2026-03-11 11:10' FROM interaction;

-- ---- migration 11, as released ------------------------------------------------------
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

-- ---- rows written at version 11 --------------------------------------------------------
INSERT INTO contact(id, display_name, name_key, given_name, family_name, notes, created_at, updated_at, influence_rank, uid)
  SELECT max(id) + 1, 'Johann Strauß', 'johann strauß', 'Johann', 'Strauß', '', '2026-03-12 10:00:00', '2026-03-12 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1) FROM contact;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, notes, created_at, updated_at, influence_rank, uid)
  SELECT max(id) + 1, 'Ægir Þórsson', 'ægir þorsson', 'Ægir', 'Þórsson', 'Knows Œdipe Işık.', '2026-03-12 10:00:00', '2026-03-12 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1) FROM contact;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, notes, created_at, updated_at, influence_rank, uid)
  SELECT max(id) + 1, 'Małgorzata Łukasiewicz', 'malgorzata lukasiewicz', 'Małgorzata', 'Łukasiewicz', '', '2026-03-12 10:00:00', '2026-03-12 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1) FROM contact;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, notes, created_at, updated_at, influence_rank, uid)
  SELECT max(id) + 1, 'Cllr. Harriet Osei', 'cllr. harriet osei', 'Harriet', 'Osei', '', '2026-03-12 10:00:00', '2026-03-12 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1) FROM contact;
INSERT INTO contact_nickname(contact_id, nickname, nick_key)
  SELECT max(id) - 2, 'Þórs', 'þors' FROM contact;
INSERT INTO organisation(id, name, name_key, kind, created_at, updated_at)
  SELECT max(id) + 1, 'Œuvre Işık', 'œuvre isık', 'community', '2026-03-12 10:00:00', '2026-03-12 10:00:00' FROM organisation;
INSERT INTO role(contact_id, org_id, title, seat, start_date)
  SELECT (SELECT max(id) FROM contact) - 3, max(id), 'Chair', '', '2026-03-12' FROM organisation;
INSERT INTO contact_tag(contact_id, tag_id) SELECT max(c.id) - 1, (SELECT min(id) FROM tag) FROM contact c;
INSERT INTO dup_not_same(a_id, b_id, at)
  SELECT max(id) - 3, max(id) - 2, '2026-03-12 10:05:00' FROM contact;

-- ---- migration 12, as released ------------------------------------------------------
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
-- (kith_honorific() and kith_fold() as kith computed them, row by row)
UPDATE contact SET prefix = 'Cllr.' WHERE id = 67;
UPDATE contact SET name_key = 'dmitrij sokolov' WHERE id = 5;
UPDATE contact SET name_key = 'wang fang' WHERE id = 24;
UPDATE contact SET name_key = 'mhmd alhsn' WHERE id = 28;
UPDATE contact SET name_key = 'tian zhong sakura' WHERE id = 29;
UPDATE contact SET name_key = 'gimjiwon' WHERE id = 35;
UPDATE contact SET name_key = 'johann strauss' WHERE id = 64;
UPDATE contact SET name_key = 'aegir thorsson' WHERE id = 65;
UPDATE contact SET name_key = 'harriet osei' WHERE id = 67;
UPDATE contact_nickname SET nick_key = 'thors' WHERE contact_id = 65 AND nickname = 'Þórs';
UPDATE organisation SET name_key = 'oeuvre isik' WHERE id = 16;
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

-- ---- rows written at version 12 --------------------------------------------------------
INSERT INTO contact(id, display_name, name_key, given_name, family_name, district, tier, notes, created_at, updated_at, influence_rank, uid, prefix)
  SELECT max(id) + 1, 'Dr. Amara Nwosu', 'amara nwosu', 'Amara', 'Nwosu', 'Ward 4', 'B', 'Runs the tenants'' clinic.', '2026-03-14 10:00:00', '2026-03-14 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1), 'Dr.' FROM contact;
INSERT INTO contact(id, display_name, name_key, given_name, family_name, district, tier, notes, created_at, updated_at, influence_rank, uid)
  SELECT max(id) + 1, 'Søren Holm', 'soren holm', 'Søren', 'Holm', 'Ward 7', 'C', '', '2026-03-14 10:00:00', '2026-03-14 10:00:00', 5, printf('6b697468-0000-4000-8000-%012d', max(id) + 1) FROM contact;
INSERT INTO organisation(id, name, name_key, kind, description, created_at, updated_at)
  SELECT max(id) + 1, 'Riverside Tenants', 'riverside tenants', 'association', 'Tenants of the Riverside estate.', '2026-03-14 10:00:00', '2026-03-14 10:00:00' FROM organisation;
INSERT INTO role(contact_id, org_id, title, seat, start_date)
  SELECT (SELECT max(id) FROM contact) - 1, max(id), 'Adviser', '', '2026-03-14' FROM organisation;

-- ---- migration 13, as released ------------------------------------------------------
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

-- ---- rows written at version 13 --------------------------------------------------------
UPDATE contact SET tier = 'A', notes = 'Chairs the clinic''s board since March.', updated_at = '2026-03-20 09:00:00'
  WHERE display_name = 'Dr. Amara Nwosu';
INSERT INTO interaction(at, kind, summary, body, created_at)
  VALUES ('2026-03-18 09:30', 'email', 'Asked about the clinic hours', '', '2026-03-18 09:30:00'),
         ('2026-03-19 10:00', 'message', 'Reminder about the clinic hours', '', '2026-03-19 10:00:00'),
         ('2026-03-20 12:00', 'coffee', 'Coffee at the clinic', 'She will bring the rota.', '2026-03-20 12:05:00'),
         ('2026-03-21 18:00', 'call', 'Call about the rota', '', '2026-03-21 18:10:00');
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT i.id, c.id, i.at FROM interaction i, contact c
  WHERE i.created_at >= '2026-03-18' AND c.display_name IN ('Dr. Amara Nwosu', 'Søren Holm')
    AND (c.display_name = 'Dr. Amara Nwosu' OR i.kind = 'call');
INSERT INTO followup(contact_id, kind, title, due, created_at, updated_at)
  SELECT id, 'send-info', 'Send the rota template', '2026-03-25', '2026-03-20 12:05:00', '2026-03-20 12:05:00'
  FROM contact WHERE display_name = 'Dr. Amara Nwosu';

-- ---- migration 14, as released ------------------------------------------------------
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

-- ---- rows written at version 14 --------------------------------------------------------
INSERT INTO interaction(at, kind, summary, body, created_at, way)
  VALUES ('2026-03-23 09:00', 'email', 'Asked about the tenants'' meeting', '', '2026-03-23 09:00:00', 'out'),
         ('2026-03-24 16:00', 'email', 'She answered: Thursday works', '', '2026-03-24 16:00:00', 'in');
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT i.id, c.id, i.at FROM interaction i, contact c
  WHERE i.created_at >= '2026-03-23' AND c.display_name = 'Søren Holm';
UPDATE contact SET rhythm_days = 30, updated_at = '2026-03-24 16:05:00' WHERE display_name = 'Søren Holm';
INSERT INTO followup(contact_id, kind, title, intro_a_id, intro_b_id, intro_stage, created_at, updated_at)
  SELECT a.id, 'introduce', 'Introduce Søren to Amara', a.id, b.id, 'made', '2026-03-24 10:00:00', '2026-03-25 09:00:00'
  FROM contact a, contact b WHERE a.display_name = 'Søren Holm' AND b.display_name = 'Dr. Amara Nwosu';

-- ---- migration 15, as released ------------------------------------------------------
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

-- ---- rows written at version 15 --------------------------------------------------------
INSERT INTO tag(name) VALUES ('clinic-hours');
INSERT INTO concern(tag_id, contact_id, raised_at, words, created_at)
  SELECT t.id, c.id, '2026-03-26', 'The clinic closes before the night shift ends.', '2026-03-26 18:00:00'
  FROM tag t, contact c WHERE t.name = 'clinic-hours' AND c.display_name IN ('Dr. Amara Nwosu', 'Søren Holm');
INSERT INTO promise(tag_id, title, status, made_at, created_at)
  SELECT id, 'Ask the county for evening clinic hours', 'open', '2026-03-27', '2026-03-27 09:00:00'
  FROM tag WHERE name = 'clinic-hours';
INSERT INTO promise_update(promise_id, at, text, created_at)
  SELECT max(id), '2026-03-28', 'The county will discuss it in April', '2026-03-28 16:00:00' FROM promise;
INSERT INTO promise_told(update_id, contact_id, at)
  SELECT (SELECT max(id) FROM promise_update), id, '2026-03-28 16:30' FROM contact WHERE display_name = 'Søren Holm';

-- ---- migration 16, as released ------------------------------------------------------
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

-- ---- rows written at version 16 --------------------------------------------------------
INSERT INTO goal(title, who, how, target, set_on, due, dropped_on, created_at, updated_at)
  VALUES ('Meet 2 people of Ward 4 by May', 'district:"Ward 4"', 'met', 2, '2026-04-01', '2026-05-31',
          NULL, '2026-04-01 09:00:00', '2026-04-01 09:00:00'),
         ('Talk to the tenants', 'tag:tenants', 'talked', 5, '2026-04-01', '2026-06-30',
          '2026-04-03', '2026-04-01 09:05:00', '2026-04-03 10:00:00');
INSERT INTO interaction(at, kind, summary, body, way, created_at)
  VALUES ('2026-04-02 11:00', 'email', 'Sent the clinic''s rota', '', 'out', '2026-04-02 11:00:00');
INSERT INTO interaction_contact(interaction_id, contact_id, at)
  SELECT max(i.id), c.id, '2026-04-02 11:00' FROM interaction i, contact c
  WHERE c.display_name = 'Dr. Amara Nwosu' GROUP BY c.id;

-- ---- migration 17, as released ------------------------------------------------------
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

-- ---- rows written at version 17 --------------------------------------------------------
INSERT INTO interaction(at, kind, summary, body, way, exchange, created_at)
  VALUES ('2026-04-05 10:00', 'meeting', 'Helped with the grant form', '', 'in', 'give',
          '2026-04-05 10:30:00'),
         ('2026-04-06 16:00', 'call', 'Asked for the hall on Friday', '', 'out', 'ask',
          '2026-04-06 16:10:00');
INSERT INTO interaction_contact(interaction_id, contact_id, at, exchange)
  SELECT i.id, c.id, i.at, i.exchange FROM interaction i, contact c
  WHERE i.exchange <> 'none' AND c.display_name = 'Dr. Amara Nwosu';

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

-- ---- rows written at version 18 --------------------------------------------------------
INSERT INTO meta(key, value) VALUES ('team.replica', '3'), ('team.author', 'sam'),
  ('team.applied', '0');
INSERT INTO sync_outbox(data) VALUES (X'54020100');
INSERT INTO sync_conflict(data) VALUES ('{"table":"contact","key":"1","what":"both changed"}');

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


-- rows written at version 19
INSERT INTO contact(id, display_name, given_name, family_name, name_key, uid, created_at, updated_at)
  VALUES (3298534883329, 'Noor Replica', 'Noor', 'Replica', 'noor replica',
          'urn:uuid:3c1d9e2f-7a4b-4c5d-8e6f-9a0b1c2d3e4f', '2026-04-08 08:00:00',
          '2026-04-08 08:00:00');
-- goal 1's progress as kith 19 kept it at a write (goal_member); goal 2
-- is still to be built and Noor (the insert above) still marked
INSERT INTO goal_member VALUES(1,68,'2026-04-05 10:00');
DELETE FROM goal_stale WHERE goal_id = 1;

-- migration 20 as released
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

-- rows written at version 20
INSERT INTO contact(id, display_name, given_name, family_name, name_key, uid, created_at, updated_at)
  VALUES (5497558138881, 'Ilse Fünfte', 'Ilse', 'Fünfte', 'ilse funfte',
          'urn:uuid:5e2a1b3c-4d5e-4f60-8172-93a4b5c6d7e8', '2026-04-09 09:00:00',
          '2026-04-09 09:00:00');
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'contact', 5497558138881, max(n) + 1 FROM sync_alias WHERE tbl = 'contact';
INSERT INTO organisation(id, name, name_key, kind, created_at, updated_at)
  VALUES (5497558138881, 'Replica Five Tenants', 'replica five tenants', 'community',
          '2026-04-09 09:00:00', '2026-04-09 09:00:00');
INSERT INTO sync_alias(tbl, key, n)
  SELECT 'organisation', 5497558138881,
         (SELECT coalesce(max(id), 0) FROM organisation WHERE id < 1099511627776) + 1;
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

-- rows written at version 21
INSERT OR IGNORE INTO goal_stale SELECT id FROM goal;
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

-- rows written at version 22
INSERT INTO contact(display_name, name_key, given_name, family_name, district, influence, tier,
                    notes, created_at, updated_at, influence_rank, uid)
  VALUES ('Wilhelmina Quarterman', 'wilhelmina quarterman', 'Wilhelmina', 'Quarterman',
          'Ward 9', 4, 'A', 'chairs the zoning board', '2026-05-02 10:00:00',
          '2026-05-02 10:00:00', 1, '0190a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2b'),
         ('Ignatius Underhill', 'ignatius underhill', 'Ignatius', 'Underhill', '', NULL, NULL,
          'met at the library fundraiser', '2026-05-02 10:05:00', '2026-05-02 10:05:00', 5,
          '0190a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2c');
PRAGMA user_version = 22;
COMMIT;
