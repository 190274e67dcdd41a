import GRDB

/// The replica's tables, as migrations that are never edited once shipped.
///
/// The log (`ops`, `pending_ops`, `version_vector`) is the truth. Every other
/// table is materialized state derived from it, kept up to date one operation at
/// a time and rebuilt from the log by `Replica.rebuildMaterializedState()`.
enum Schema {
    /// Tables derived from the log, cleared and replayed by a rebuild.
    static let materializedTables = ["incidents", "register_heads", "register_overwritten", "entries", "redactions"]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE replica (
                        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                        id TEXT NOT NULL,
                        name TEXT NOT NULL
                    );
                    CREATE TABLE local_settings (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) WITHOUT ROWID;

                    CREATE TABLE ops (
                        replica TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        hlc TEXT NOT NULL,
                        author TEXT NOT NULL,
                        incident TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        entry TEXT,
                        body TEXT NOT NULL,
                        PRIMARY KEY (replica, seq)
                    ) WITHOUT ROWID;
                    CREATE INDEX ops_by_hlc ON ops(hlc);
                    CREATE INDEX ops_by_entry ON ops(incident, entry) WHERE entry IS NOT NULL;
                    CREATE TABLE pending_ops (
                        replica TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        hlc TEXT NOT NULL,
                        author TEXT NOT NULL,
                        incident TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        entry TEXT,
                        body TEXT NOT NULL,
                        PRIMARY KEY (replica, seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE version_vector (
                        replica TEXT PRIMARY KEY NOT NULL,
                        seq INTEGER NOT NULL
                    ) WITHOUT ROWID;

                    CREATE TABLE incidents (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at INTEGER NOT NULL,
                        created_hlc TEXT NOT NULL,
                        reported_by TEXT NOT NULL,
                        title TEXT NOT NULL DEFAULT '',
                        severity INTEGER NOT NULL DEFAULT 3,
                        status TEXT NOT NULL DEFAULT 'reported',
                        lead TEXT,
                        mitigation TEXT,
                        solution TEXT
                    ) WITHOUT ROWID;
                    CREATE INDEX incidents_by_start ON incidents(started_at DESC, id);
                    CREATE TABLE register_heads (
                        incident TEXT NOT NULL,
                        entry TEXT NOT NULL,
                        field TEXT NOT NULL,
                        op_replica TEXT NOT NULL,
                        op_seq INTEGER NOT NULL,
                        hlc TEXT NOT NULL,
                        author TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (incident, entry, field, op_replica, op_seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE register_overwritten (
                        incident TEXT NOT NULL,
                        entry TEXT NOT NULL,
                        field TEXT NOT NULL,
                        op_replica TEXT NOT NULL,
                        op_seq INTEGER NOT NULL,
                        PRIMARY KEY (incident, entry, field, op_replica, op_seq)
                    ) WITHOUT ROWID;
                    CREATE TABLE entries (
                        incident TEXT NOT NULL,
                        id TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        hlc TEXT NOT NULL,
                        author TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        text TEXT NOT NULL DEFAULT '',
                        redacted INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (incident, id)
                    ) WITHOUT ROWID;
                    CREATE INDEX entries_in_order ON entries(incident, at, hlc, id);
                    CREATE TABLE redactions (
                        incident TEXT NOT NULL,
                        entry TEXT NOT NULL,
                        PRIMARY KEY (incident, entry)
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2-remotes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE remotes (
                        name TEXT PRIMARY KEY NOT NULL,
                        location TEXT NOT NULL,
                        token_file TEXT
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
