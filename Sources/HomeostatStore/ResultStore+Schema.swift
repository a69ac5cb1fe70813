import GRDB

extension ResultStore {
    /// `PRAGMA application_id` of a Homeostat store ("HMST"), so the store refuses to add its
    /// tables to some other program's database.
    static let applicationID: Int32 = 0x484D_5354

    /// The migrations, in order. A migration is never edited once released; a change of
    /// schema is a new migration.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1", migrate: { db in try db.execute(sql: schemaV1) })
        return m
    }

    /// The schema, as documented in `docs/store.md`.
    ///
    /// Values are in untyped columns on purpose: a `REAL` column stores an integral value as
    /// an integer on disk and so turns `-0.0` into `0.0`; an untyped column keeps the 8 bytes.
    /// NaN cannot be stored in SQLite (binding it stores `NULL`), so `NULL` means NaN.
    static let schemaV1 = """
        CREATE TABLE experiments (
            id            INTEGER PRIMARY KEY,
            scenario_name TEXT NOT NULL,
            scenario_hash TEXT NOT NULL,
            version       TEXT NOT NULL,
            kind          TEXT NOT NULL,
            shard_index   INTEGER NOT NULL,
            shard_count   INTEGER NOT NULL,
            command       TEXT NOT NULL,
            scenario_text TEXT NOT NULL,
            created_at    TEXT NOT NULL,
            CHECK (shard_count >= 1 AND shard_index BETWEEN 1 AND shard_count),
            UNIQUE (scenario_hash, version, kind, shard_index, shard_count)
        );
        CREATE TABLE points (
            experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
            point         INTEGER NOT NULL CHECK (point >= 0),
            PRIMARY KEY (experiment_id, point)
        ) WITHOUT ROWID;
        CREATE TABLE parameters (
            experiment_id INTEGER NOT NULL,
            point         INTEGER NOT NULL,
            position      INTEGER NOT NULL,
            name          TEXT NOT NULL,
            value         /* REAL, or NULL for NaN; untyped so -0.0 keeps its sign */
                          CHECK (typeof(value) IN ('real', 'null')),
            PRIMARY KEY (experiment_id, point, name),
            UNIQUE (experiment_id, point, position),
            FOREIGN KEY (experiment_id, point) REFERENCES points ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE runs (
            experiment_id INTEGER NOT NULL,
            point         INTEGER NOT NULL,
            run           INTEGER NOT NULL,
            seed          INTEGER NOT NULL, /* UInt64 bit pattern, as a signed integer */
            status        TEXT NOT NULL CHECK (status IN ('completed', 'failed')),
            error         TEXT,
            seconds       REAL NOT NULL,
            finished_at   TEXT NOT NULL,
            series_rows   INTEGER, /* NULL when no series is stored */
            series_steps  BLOB,    /* zigzag-varint-delta encoded steps */
            CHECK ((series_rows IS NULL) = (series_steps IS NULL)),
            PRIMARY KEY (experiment_id, point, run),
            FOREIGN KEY (experiment_id, point) REFERENCES points ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE metrics (
            experiment_id INTEGER NOT NULL,
            point         INTEGER NOT NULL,
            run           INTEGER NOT NULL,
            position      INTEGER NOT NULL,
            name          TEXT NOT NULL,
            value         /* REAL, or NULL for NaN; untyped so -0.0 keeps its sign */
                          CHECK (typeof(value) IN ('real', 'null')),
            PRIMARY KEY (experiment_id, point, run, name),
            UNIQUE (experiment_id, point, run, position),
            FOREIGN KEY (experiment_id, point, run) REFERENCES runs ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE TABLE series (
            experiment_id INTEGER NOT NULL,
            point         INTEGER NOT NULL,
            run           INTEGER NOT NULL,
            position      INTEGER NOT NULL,
            name          TEXT NOT NULL,
            encoding      TEXT NOT NULL,
            data          BLOB NOT NULL,
            PRIMARY KEY (experiment_id, point, run, name),
            UNIQUE (experiment_id, point, run, position),
            FOREIGN KEY (experiment_id, point, run) REFERENCES runs ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE VIEW run_metrics AS
            SELECT r.experiment_id, e.scenario_name, e.kind, r.point, r.run, r.seed, r.status,
                   m.name AS metric, m.value
            FROM metrics m
            JOIN runs r USING (experiment_id, point, run)
            JOIN experiments e ON e.id = r.experiment_id;
        """
}
