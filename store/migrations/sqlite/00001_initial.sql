-- Garde schema, version 1 (SQLite).
--
-- A territory is stored as numbered revisions, each a full snapshot of a
-- territory file; a rota is a territory and a period, stored as numbered
-- versions. Every list of the file keeps its order in a position column and
-- every optional field is nullable, so that exporting gives back the file.
-- Instants are UTC, whole seconds, written by Garde (never a SQL default).
-- The PostgreSQL schema (migrations/postgres) has the same tables and columns.
-- SQLite types: instants are TIMESTAMP columns holding the text
-- 'YYYY-MM-DDTHH:MM:SSZ' (the CHECKs keep them UTC and whole seconds, so that
-- text order is time order), dates are text 'YYYY-MM-DD', booleans 0 or 1.

-- +goose Up

CREATE TABLE territories (
    id              TEXT PRIMARY KEY,
    latest_revision INTEGER NOT NULL CHECK (latest_revision >= 0),
    created_at      TIMESTAMP NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at      TIMESTAMP NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z')
);

CREATE TABLE territory_revisions (
    id           INTEGER PRIMARY KEY,
    territory_id TEXT NOT NULL REFERENCES territories (id),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    format       TEXT NOT NULL,
    name         TEXT,
    timezone     TEXT,
    holidays     TEXT,
    content_hash TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    UNIQUE (territory_id, revision)
);

-- One row when the file has "rules"; weights_present tells "weights": {} from no weights.
CREATE TABLE territory_rules (
    revision_id             INTEGER PRIMARY KEY REFERENCES territory_revisions (id) ON DELETE CASCADE,
    min_rest_hours          REAL,
    max_shifts              INTEGER,
    max_weekends            INTEGER,
    min_gap_hours           REAL,
    max_consecutive_days    INTEGER,
    weights_present         BOOLEAN NOT NULL CHECK (weights_present IN (0, 1)),
    weight_fairness         REAL,
    weight_weekend_fairness REAL,
    weight_wishes           REAL,
    weight_spacing          REAL,
    weight_travel           REAL,
    weight_stability        REAL
);

-- One row when the file has "pay"; legacy_present tells "legacy": {} from no legacy grids.
CREATE TABLE pay_settings (
    revision_id    INTEGER PRIMARY KEY REFERENCES territory_revisions (id) ON DELETE CASCADE,
    currency       TEXT,
    legacy_present BOOLEAN NOT NULL CHECK (legacy_present IN (0, 1))
);

-- The harmonized grid and the legacy grid of each sector.
CREATE TABLE pay_rates (
    revision_id INTEGER NOT NULL REFERENCES pay_settings (revision_id) ON DELETE CASCADE,
    grid        TEXT NOT NULL CHECK (grid IN ('harmonized', 'public', 'private', 'liberal')),
    position    INTEGER NOT NULL,
    mode        TEXT NOT NULL,
    day_type    TEXT NOT NULL,
    night       BOOLEAN NOT NULL CHECK (night IN (0, 1)),
    amount      REAL NOT NULL,
    PRIMARY KEY (revision_id, grid, position)
);

CREATE TABLE establishments (
    revision_id INTEGER NOT NULL REFERENCES territory_revisions (id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT,
    lat         REAL,
    lon         REAL,
    finess      TEXT,
    PRIMARY KEY (revision_id, id),
    UNIQUE (revision_id, position)
);

CREATE TABLE duty_lines (
    revision_id      INTEGER NOT NULL REFERENCES territory_revisions (id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    position         INTEGER NOT NULL,
    establishment_id TEXT NOT NULL,
    specialty        TEXT NOT NULL,
    mode             TEXT NOT NULL,
    name             TEXT,
    headcount        INTEGER,
    PRIMARY KEY (revision_id, id),
    UNIQUE (revision_id, position),
    FOREIGN KEY (revision_id, establishment_id) REFERENCES establishments (revision_id, id)
);

CREATE TABLE line_pool (
    revision_id      INTEGER NOT NULL,
    line_id          TEXT NOT NULL,
    position         INTEGER NOT NULL,
    establishment_id TEXT NOT NULL,
    PRIMARY KEY (revision_id, line_id, position),
    FOREIGN KEY (revision_id, line_id) REFERENCES duty_lines (revision_id, id) ON DELETE CASCADE,
    FOREIGN KEY (revision_id, establishment_id) REFERENCES establishments (revision_id, id)
);

CREATE TABLE line_overrides (
    revision_id INTEGER NOT NULL,
    line_id     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    closed      BOOLEAN CHECK (closed IN (0, 1)),
    headcount   INTEGER,
    PRIMARY KEY (revision_id, line_id, position),
    FOREIGN KEY (revision_id, line_id) REFERENCES duty_lines (revision_id, id) ON DELETE CASCADE
);

CREATE TABLE shift_templates (
    revision_id INTEGER NOT NULL,
    line_id     TEXT NOT NULL,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    rrule       TEXT NOT NULL,
    start_time  TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time < '24:00'),
    end_time    TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time < '24:00'),
    dtstart     TEXT CHECK (dtstart GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    points      REAL,
    PRIMARY KEY (revision_id, line_id, name),
    UNIQUE (revision_id, line_id, position),
    FOREIGN KEY (revision_id, line_id) REFERENCES duty_lines (revision_id, id) ON DELETE CASCADE
);

CREATE TABLE template_day_types (
    revision_id   INTEGER NOT NULL,
    line_id       TEXT NOT NULL,
    template_name TEXT NOT NULL,
    position      INTEGER NOT NULL,
    day_type      TEXT NOT NULL,
    PRIMARY KEY (revision_id, line_id, template_name, position),
    FOREIGN KEY (revision_id, line_id, template_name) REFERENCES shift_templates (revision_id, line_id, name) ON DELETE CASCADE
);

CREATE TABLE template_pay (
    revision_id   INTEGER NOT NULL,
    line_id       TEXT NOT NULL,
    template_name TEXT NOT NULL,
    position      INTEGER NOT NULL,
    amount        REAL NOT NULL,
    mode          TEXT,
    day_type      TEXT,
    night         BOOLEAN CHECK (night IN (0, 1)),
    PRIMARY KEY (revision_id, line_id, template_name, position),
    FOREIGN KEY (revision_id, line_id, template_name) REFERENCES shift_templates (revision_id, line_id, name) ON DELETE CASCADE
);

CREATE TABLE doctors (
    revision_id      INTEGER NOT NULL REFERENCES territory_revisions (id) ON DELETE CASCADE,
    id               TEXT NOT NULL,
    position         INTEGER NOT NULL,
    sector           TEXT NOT NULL,
    name             TEXT,
    establishment_id TEXT,
    share            REAL,
    max_shifts       INTEGER,
    min_hours        REAL,
    rpps             TEXT,
    PRIMARY KEY (revision_id, id),
    UNIQUE (revision_id, position),
    FOREIGN KEY (revision_id, establishment_id) REFERENCES establishments (revision_id, id)
);

CREATE TABLE doctor_specialties (
    revision_id INTEGER NOT NULL,
    doctor_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    specialty   TEXT NOT NULL,
    PRIMARY KEY (revision_id, doctor_id, position),
    FOREIGN KEY (revision_id, doctor_id) REFERENCES doctors (revision_id, id) ON DELETE CASCADE
);

CREATE TABLE doctor_sites (
    revision_id      INTEGER NOT NULL,
    doctor_id        TEXT NOT NULL,
    position         INTEGER NOT NULL,
    establishment_id TEXT NOT NULL,
    PRIMARY KEY (revision_id, doctor_id, position),
    FOREIGN KEY (revision_id, doctor_id) REFERENCES doctors (revision_id, id) ON DELETE CASCADE,
    FOREIGN KEY (revision_id, establishment_id) REFERENCES establishments (revision_id, id)
);

-- No reason column on purpose: a reason could be health data.
CREATE TABLE unavailabilities (
    revision_id INTEGER NOT NULL,
    doctor_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    from_date   TEXT CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    to_date     TEXT CHECK (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    rrule       TEXT,
    start_time  TEXT CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time < '24:00'),
    end_time    TEXT CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time < '24:00'),
    dtstart     TEXT CHECK (dtstart GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    PRIMARY KEY (revision_id, doctor_id, position),
    FOREIGN KEY (revision_id, doctor_id) REFERENCES doctors (revision_id, id) ON DELETE CASCADE
);

CREATE TABLE wishes (
    revision_id INTEGER NOT NULL,
    doctor_id   TEXT NOT NULL,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    weight      INTEGER NOT NULL,
    from_date   TEXT CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    to_date     TEXT CHECK (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    rrule       TEXT,
    start_time  TEXT CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]' AND start_time < '24:00'),
    end_time    TEXT CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time < '24:00'),
    dtstart     TEXT CHECK (dtstart GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    night       BOOLEAN CHECK (night IN (0, 1)),
    PRIMARY KEY (revision_id, doctor_id, position),
    FOREIGN KEY (revision_id, doctor_id) REFERENCES doctors (revision_id, id) ON DELETE CASCADE
);

CREATE TABLE wish_dates (
    revision_id   INTEGER NOT NULL,
    doctor_id     TEXT NOT NULL,
    wish_position INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    PRIMARY KEY (revision_id, doctor_id, wish_position, position),
    FOREIGN KEY (revision_id, doctor_id, wish_position) REFERENCES wishes (revision_id, doctor_id, position) ON DELETE CASCADE
);

CREATE TABLE wish_day_types (
    revision_id   INTEGER NOT NULL,
    doctor_id     TEXT NOT NULL,
    wish_position INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    day_type      TEXT NOT NULL,
    PRIMARY KEY (revision_id, doctor_id, wish_position, position),
    FOREIGN KEY (revision_id, doctor_id, wish_position) REFERENCES wishes (revision_id, doctor_id, position) ON DELETE CASCADE
);

CREATE TABLE pins (
    revision_id INTEGER NOT NULL REFERENCES territory_revisions (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    shift_key   TEXT NOT NULL,
    doctor_id   TEXT NOT NULL,
    PRIMARY KEY (revision_id, position),
    FOREIGN KEY (revision_id, doctor_id) REFERENCES doctors (revision_id, id)
);

-- A rota is a territory and a period [period_from, period_to). Its versions
-- are numbered 1, 2, ...; latest_version and published_version (0 = none)
-- are the optimistic-concurrency guards: a write states the value it expects.
CREATE TABLE rotas (
    id                INTEGER PRIMARY KEY,
    territory_id      TEXT NOT NULL REFERENCES territories (id),
    period_from       TEXT NOT NULL CHECK (period_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    period_to         TEXT NOT NULL CHECK (period_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]') CHECK (period_to > period_from),
    latest_version    INTEGER NOT NULL CHECK (latest_version >= 0),
    published_version INTEGER NOT NULL CHECK (published_version >= 0 AND published_version <= latest_version),
    created_at        TIMESTAMP NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    updated_at        TIMESTAMP NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    UNIQUE (territory_id, period_from, period_to)
);

CREATE TABLE rota_versions (
    id                    INTEGER PRIMARY KEY,
    rota_id               INTEGER NOT NULL REFERENCES rotas (id),
    version               INTEGER NOT NULL CHECK (version >= 1),
    status                TEXT NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
    based_on              INTEGER NOT NULL CHECK (based_on >= 0 AND based_on < version),
    territory_revision_id INTEGER NOT NULL REFERENCES territory_revisions (id),
    assignment_count      INTEGER NOT NULL,
    -- The score breakdown the rota file carried (all NULL when it had none).
    score_u               INTEGER,
    score_f               REAL,
    score_k               REAL,
    score_p               INTEGER,
    score_s               INTEGER,
    score_t               REAL,
    score_c               INTEGER,
    score_total           REAL,
    -- How the version was made (NULL when not told, e.g. a hand-edited rota).
    solver_version        TEXT,
    seed                  INTEGER,
    time_limit_ms         INTEGER CHECK (time_limit_ms > 0),
    input_hash            TEXT,
    duration_ms           INTEGER CHECK (duration_ms >= 0),
    created_at            TIMESTAMP NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    published_at          TIMESTAMP CHECK (published_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    superseded_at         TIMESTAMP CHECK (superseded_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'),
    superseded_by         INTEGER,
    UNIQUE (rota_id, version),
    CHECK ((score_u IS NULL) = (score_total IS NULL)
       AND (score_f IS NULL) = (score_total IS NULL) AND (score_k IS NULL) = (score_total IS NULL)
       AND (score_p IS NULL) = (score_total IS NULL) AND (score_s IS NULL) = (score_total IS NULL)
       AND (score_t IS NULL) = (score_total IS NULL) AND (score_c IS NULL) = (score_total IS NULL)),
    CHECK ((status = 'draft') = (published_at IS NULL)),
    CHECK ((status = 'superseded') = (superseded_at IS NOT NULL)),
    CHECK ((status = 'superseded') = (superseded_by IS NOT NULL))
);

-- At most one published version per rota.
CREATE UNIQUE INDEX rota_versions_one_published ON rota_versions (rota_id) WHERE status = 'published';
CREATE INDEX rota_versions_created_at ON rota_versions (created_at);
CREATE INDEX rotas_territory_period ON rotas (territory_id, period_from, period_to);

CREATE TABLE rota_assignments (
    version_id INTEGER NOT NULL REFERENCES rota_versions (id),
    position   INTEGER NOT NULL,
    shift_key  TEXT NOT NULL,
    doctor_id  TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
);

-- A version never changes once saved: only its status moves forward,
-- draft -> published -> superseded, with the time and successor of each
-- step. Its assignments never change at all. These triggers hold the rule
-- even against a hand-written UPDATE.
-- +goose StatementBegin
CREATE TRIGGER rota_versions_guard_update BEFORE UPDATE ON rota_versions
WHEN NOT ((OLD.status = 'draft' AND NEW.status = 'published')
          OR (OLD.status = 'published' AND NEW.status = 'superseded'))
  OR (OLD.status = 'published' AND NEW.published_at IS NOT OLD.published_at)
  OR NEW.id IS NOT OLD.id OR NEW.rota_id IS NOT OLD.rota_id OR NEW.version IS NOT OLD.version
  OR NEW.based_on IS NOT OLD.based_on OR NEW.territory_revision_id IS NOT OLD.territory_revision_id
  OR NEW.assignment_count IS NOT OLD.assignment_count
  OR NEW.score_u IS NOT OLD.score_u OR NEW.score_f IS NOT OLD.score_f OR NEW.score_k IS NOT OLD.score_k
  OR NEW.score_p IS NOT OLD.score_p OR NEW.score_s IS NOT OLD.score_s OR NEW.score_t IS NOT OLD.score_t
  OR NEW.score_c IS NOT OLD.score_c OR NEW.score_total IS NOT OLD.score_total
  OR NEW.solver_version IS NOT OLD.solver_version OR NEW.seed IS NOT OLD.seed
  OR NEW.time_limit_ms IS NOT OLD.time_limit_ms OR NEW.input_hash IS NOT OLD.input_hash
  OR NEW.duration_ms IS NOT OLD.duration_ms OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a rota version never changes (only draft -> published -> superseded)');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER rota_versions_guard_delete BEFORE DELETE ON rota_versions
BEGIN
    SELECT RAISE(ABORT, 'a rota version is never deleted');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER rota_assignments_guard_update BEFORE UPDATE ON rota_assignments
BEGIN
    SELECT RAISE(ABORT, 'rota assignments never change: save a new version');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER rota_assignments_guard_delete BEFORE DELETE ON rota_assignments
BEGIN
    SELECT RAISE(ABORT, 'rota assignments never change: save a new version');
END;
-- +goose StatementEnd

-- +goose Down

DROP TABLE rota_assignments;
DROP TABLE rota_versions;
DROP TABLE rotas;
DROP TABLE pins;
DROP TABLE wish_day_types;
DROP TABLE wish_dates;
DROP TABLE wishes;
DROP TABLE unavailabilities;
DROP TABLE doctor_sites;
DROP TABLE doctor_specialties;
DROP TABLE doctors;
DROP TABLE template_pay;
DROP TABLE template_day_types;
DROP TABLE shift_templates;
DROP TABLE line_overrides;
DROP TABLE line_pool;
DROP TABLE duty_lines;
DROP TABLE establishments;
DROP TABLE pay_rates;
DROP TABLE pay_settings;
DROP TABLE territory_rules;
DROP TABLE territory_revisions;
DROP TABLE territories;
