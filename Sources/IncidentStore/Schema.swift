import Foundation
import GRDB
import IncidentCore

/// The replica's tables, as migrations that are never edited once shipped.
///
/// The storage model (since `v3-compact`), chosen to stay close to what SQLite
/// itself needs for the same rows:
///
/// - **Keys.** Each 128-bit replica and incident id is stored once, as 16 bytes,
///   in `replica_keys` and `incident_state`; each author name once, in
///   `author_keys`. Every other row names them by a small integer key (`Keys`).
///   Clocks are two integers (`wall`, `counter`); the replica part of a clock is
///   the op's own replica.
/// - **The log** is `log` (one row an op, keyed by replica and seq, `WITHOUT
///   ROWID`) plus, for `entry.add` ops, their `timeline` row: an add's body is
///   its timeline row (event time, kind, text, entry id), so an entry's text is
///   stored once. Other ops keep their body's canonical JSON in `log.body`.
///   `pending` holds ops that arrived before earlier ops of their replica. The
///   version vector is `max(seq)` per replica, one index seek each; the clock is
///   the one row of `clock`, the greatest timestamp in the log.
/// - **Timeline order is the key**: `timeline` is clustered by (incident, event
///   time, clock, replica, seq), so `show` is one range scan with no sort. An
///   entry has one row, unique by (incident, entry): when two replicas add the same
///   entry (the same scratchpad line imported twice), the add with the earliest
///   clock holds the row and the other keeps its body in `log.body`.
/// - **Registers** with predecessors: `heads` holds the writes nobody overwrote and
///   `overwritten` the writes some held write named. Incident fields always have
///   rows there; an entry's text has rows only once it was written more than once
///   (an edit, or the same entry added by two replicas), and until then its add is
///   its only head. The winners of incident fields, and how many registers of an
///   incident are in conflict, are kept in `incident_state` as ops arrive, so
///   `list` reads one row an incident, in order from `incident_state_by_start`,
///   and never scans for conflicts.
/// - **Materialized state** (`incident_state` fields, `heads`, `overwritten`,
///   `redactions`, `timeline.flags`) is updated one op at a time and rebuilt
///   from the log by `Replica.rebuildMaterializedState()`.
enum Schema {
    /// Tables wholly derived from the log, cleared by a rebuild.
    static let materializedTables = [
        "heads", "overwritten", "redactions", "items", "item_values", "removed_items", "alarms", "writers",
        "postmortems", "roster_ops",
    ]

    /// What a database file is, to a replica: read with two small queries, as every
    /// command opens one.
    enum State {
        /// No table at all: a new file.
        case empty
        /// Tables, none of them ours: another application's database.
        case foreign
        /// A replica with migrations this version does not know.
        case newer
        /// A replica with every migration this version knows.
        case current
        /// A replica waiting for some of them.
        case behind
    }

    /// The migrations this version knows, in order.
    static let migrationNames = migrator.migrations

    static func state(_ db: Database) throws -> State {
        let tables = try SQLiteStatement(
            db,
            """
            SELECT count(*), count(CASE WHEN name = 'grdb_migrations' THEN 1 END)
            FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'
            """)
        defer { tables.finish() }
        _ = try tables.next()
        guard tables.int64(1) > 0 else { return tables.int64(0) == 0 ? .empty : .foreign }
        let applied = try SQLiteStatement(db, "SELECT identifier FROM grdb_migrations")
        defer { applied.finish() }
        var names: Set<String> = []
        while try applied.next() { names.insert(applied.text(0)) }
        let known = Set(migrationNames)
        if !names.isSubset(of: known) { return .newer }
        return names == known ? .current : .behind
    }

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
        migrator.registerMigration("v3-compact") { db in
            try LegacyLog.prepare(db)
            try db.execute(sql: compactTables)
            // The replay below runs today's materializer, which keeps who wrote (by replica),
            // and today's log, which keeps the signed chains.
            try db.execute(sql: writersByReplicaTable)
            try addSignedChainTables(db)
            try LegacyLog.moveToCompactTables(db)
        }
        migrator.registerMigration("v4-incident-order") { db in
            // `list` in its order, newest first, read from an index instead of sorted
            // (10,000 incidents: a fifth of `list --all`).
            try db.execute(sql: "CREATE INDEX incident_state_by_start ON incident_state (started_at DESC, id)")
        }
        migrator.registerMigration("v5-runbook") { db in
            try db.execute(sql: runbookTables)
            try db.execute(sql: writersTable)
            // Everyone who wrote to an incident before this migration.
            try db.execute(
                sql: "INSERT OR IGNORE INTO writers (incident, author) SELECT DISTINCT incident, author FROM log")
        }
        migrator.registerMigration("v6-moved-histories") { db in
            try db.execute(sql: movedHistoriesTable)
            try db.execute(sql: "CREATE TABLE looked_at (name TEXT PRIMARY KEY) WITHOUT ROWID")
        }
        migrator.registerMigration("v7-replica-key") { db in
            // The replica's private key (`ReplicaKey`'s 32-byte seed), in its own row only: no
            // op, bundle, segment or push carries it. A replica made before keys existed gets
            // one here, and keeps its id.
            try db.execute(sql: "ALTER TABLE replica ADD COLUMN private_key BLOB")
            try db.execute(
                sql: "UPDATE replica SET private_key = ?", arguments: [Data(ReplicaKey().rawRepresentation)])
        }
        migrator.registerMigration("v8-signed-chains") { db in
            try addSignedChainTables(db)
        }
        migrator.registerMigration("v9-team") { db in
            // Where the roster's ops sit in `log`, for the fold that says who is a member
            // (`TeamRoster`); the team's founder is a local setting.
            try db.execute(
                sql: """
                    CREATE TABLE roster_ops (
                        replica INTEGER NOT NULL,
                        seq INTEGER NOT NULL,
                        PRIMARY KEY (replica, seq)
                    ) WITHOUT ROWID
                    """)
        }
        migrator.registerMigration("v10-writers-by-replica") { db in
            // Who wrote, by replica too: inside a team, a writer shows under the roster's name
            // for its replica (`WriterNames`). Rebuilt from the log in SQL (whatever shape an
            // earlier migration left): every op but the roster's names a writer.
            try db.execute(sql: "DROP TABLE IF EXISTS writers")
            try db.execute(sql: writersByReplicaTable)
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO writers (incident, replica, author)
                    SELECT incident, replica, author FROM log
                    WHERE NOT EXISTS (SELECT 1 FROM roster_ops r WHERE r.replica = log.replica AND r.seq = log.seq)
                    """)
        }
        return migrator
    }

    /// Signed chains (since `v8-signed-chains`, `OperationChain`): `log.seal` holds the
    /// signature of the op that carries a seal; `chains` holds, for each replica that signs,
    /// its key, the seq its chain starts at, the head after its last op held, and the last
    /// seq a seal covers (below `seq` only inside a transaction that has not ended); and
    /// `blanked_texts` the hash of each text a redaction blanked, which the op's chain
    /// commits to. All three are rebuilt with the log by a replay.
    ///
    /// Made by `v8-signed-chains`, or already by `v3-compact`, whose replay appends through
    /// today's log (then `v8` finds them made).
    static func addSignedChainTables(_ db: Database) throws {
        if try !db.columns(in: "log").contains(where: { $0.name == "seal" }) {
            try db.execute(sql: "ALTER TABLE log ADD COLUMN seal BLOB")
        }
        try db.execute(sql: signedChainTables)
    }

    private static let signedChainTables = """
        CREATE TABLE IF NOT EXISTS chains (
            replica INTEGER PRIMARY KEY,
            public_key BLOB NOT NULL,
            start INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            head BLOB NOT NULL,
            sealed INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS blanked_texts (
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            hash BLOB NOT NULL,
            PRIMARY KEY (replica, seq)
        ) WITHOUT ROWID;
        """

    /// Who wrote to each incident, one row a person, as `v5-runbook` made it (a no-op where
    /// `v3-compact` made today's shape; `v10-writers-by-replica` replaces it).
    static let writersTable = """
        CREATE TABLE IF NOT EXISTS writers (
            incident INTEGER NOT NULL,
            author INTEGER NOT NULL,
            PRIMARY KEY (incident, author)
        ) WITHOUT ROWID;
        """

    /// Who wrote to each incident (since `v10-writers-by-replica`): one row a replica and the
    /// name its ops claim, so that a name can be shown as the team's roster gives it.
    static let writersByReplicaTable = """
        CREATE TABLE IF NOT EXISTS writers (
            incident INTEGER NOT NULL,
            replica INTEGER NOT NULL,
            author INTEGER NOT NULL,
            PRIMARY KEY (incident, replica, author)
        ) WITHOUT ROWID;
        """

    /// `looked_at` (since `v6-moved-histories`) names the files of sync folders already
    /// checked for another history of their replica (`Replica.lookedAt(_:)`), so each is
    /// read once.
    ///
    /// The histories of copied replica files moved here (since `v6-moved-histories`): a
    /// replica (`replica`, its id's bytes) wrote two histories from `seq` on, and the one
    /// made later goes on under `moved_to` (`HistoryMove`); `at` is this machine's clock
    /// when it last moved ops of it. Local to this file, for `doctor`: the moved ops are
    /// in the log, like any other.
    static let movedHistoriesTable = """
        CREATE TABLE moved_histories (
            replica BLOB NOT NULL,
            seq INTEGER NOT NULL,
            moved_to BLOB NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (replica, seq, moved_to)
        ) WITHOUT ROWID;
        """

    /// The runbook's lists (since `v5-runbook`):
    ///
    /// - `items`: the note lines, links and action items, one row per `item.add`, with
    ///   its list, the line it goes after (a note's), its clock (the replica part as
    ///   the id's bytes: keys are local, and lines at one place are ordered by it) and
    ///   author. Their texts and fields are in `item_values`, last writer wins by
    ///   clock; `removed_items` holds tombstones, which may arrive before the add.
    /// - `alarms`: one row per alarm name and incident, last writer wins by clock.
    /// - `writers`: who wrote to each incident, one row a person.
    /// - `postmortems`: the winners of the postmortem's fields (registers like the other
    ///   fields), one row a field answered: most incidents have none, and `list` reads
    ///   them in one query rather than six more columns an incident.
    /// - `remotes` keeps what the last sync with each did, for `incident doctor`
    ///   (local to this file, like the remotes themselves), the CA file that a hub's
    ///   certificate is checked against, and whether plain HTTP off loopback was allowed.
    static let runbookTables = """
        CREATE TABLE items (
            incident INTEGER NOT NULL,
            item BLOB NOT NULL,
            list INTEGER NOT NULL,
            after BLOB,
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            replica BLOB NOT NULL,
            author INTEGER NOT NULL,
            PRIMARY KEY (incident, item)
        ) WITHOUT ROWID;
        CREATE TABLE item_values (
            incident INTEGER NOT NULL,
            item BLOB NOT NULL,
            field INTEGER NOT NULL,
            value TEXT NOT NULL,
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            replica BLOB NOT NULL,
            PRIMARY KEY (incident, item, field)
        ) WITHOUT ROWID;
        CREATE TABLE removed_items (
            incident INTEGER NOT NULL,
            item BLOB NOT NULL,
            PRIMARY KEY (incident, item)
        ) WITHOUT ROWID;
        CREATE TABLE alarms (
            incident INTEGER NOT NULL,
            name TEXT NOT NULL,
            silenced INTEGER NOT NULL,
            until INTEGER,
            author INTEGER NOT NULL,
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            replica BLOB NOT NULL,
            PRIMARY KEY (incident, name)
        ) WITHOUT ROWID;
        CREATE TABLE postmortems (
            incident INTEGER NOT NULL,
            field INTEGER NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (incident, field)
        ) WITHOUT ROWID;
        ALTER TABLE remotes ADD COLUMN last_attempt INTEGER;
        ALTER TABLE remotes ADD COLUMN last_success INTEGER;
        ALTER TABLE remotes ADD COLUMN last_received INTEGER;
        ALTER TABLE remotes ADD COLUMN last_sent INTEGER;
        ALTER TABLE remotes ADD COLUMN last_error TEXT;
        ALTER TABLE remotes ADD COLUMN ca_file TEXT;
        ALTER TABLE remotes ADD COLUMN insecure_http INTEGER NOT NULL DEFAULT 0;
        """

    /// The tables of the compact storage model (see the type's comment).
    static let compactTables = """
        CREATE TABLE replica_keys (key INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE);
        CREATE TABLE author_keys (key INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE TABLE incident_state (
            key INTEGER PRIMARY KEY,
            id BLOB NOT NULL UNIQUE,
            created INTEGER NOT NULL DEFAULT 0,
            started_at INTEGER NOT NULL DEFAULT 0,
            reported_by INTEGER NOT NULL DEFAULT 0,
            created_wall INTEGER NOT NULL DEFAULT 0,
            created_counter INTEGER NOT NULL DEFAULT 0,
            created_replica BLOB NOT NULL DEFAULT x'',
            title TEXT NOT NULL DEFAULT '',
            severity INTEGER NOT NULL DEFAULT 3,
            status TEXT NOT NULL DEFAULT 'reported',
            lead TEXT,
            mitigation TEXT,
            solution TEXT,
            conflicts INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE log (
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            incident INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            author INTEGER NOT NULL,
            at INTEGER,
            body TEXT,
            PRIMARY KEY (replica, seq)
        ) WITHOUT ROWID;
        CREATE TABLE timeline (
            incident INTEGER NOT NULL,
            at INTEGER NOT NULL,
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            entry BLOB NOT NULL,
            kind INTEGER NOT NULL,
            author INTEGER NOT NULL,
            text TEXT NOT NULL,
            flags INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (incident, at, wall, counter, replica, seq)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX timeline_by_entry ON timeline (incident, entry);
        CREATE TABLE pending (
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            operation BLOB NOT NULL,
            PRIMARY KEY (replica, seq)
        ) WITHOUT ROWID;
        CREATE TABLE clock (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            wall INTEGER NOT NULL,
            counter INTEGER NOT NULL,
            replica BLOB NOT NULL
        );
        CREATE TABLE heads (
            incident INTEGER NOT NULL,
            entry BLOB NOT NULL,
            field INTEGER NOT NULL,
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (incident, entry, field, replica, seq)
        ) WITHOUT ROWID;
        CREATE TABLE overwritten (
            incident INTEGER NOT NULL,
            entry BLOB NOT NULL,
            field INTEGER NOT NULL,
            replica INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            PRIMARY KEY (incident, entry, field, replica, seq)
        ) WITHOUT ROWID;
        CREATE TABLE redactions (
            incident INTEGER NOT NULL,
            entry BLOB NOT NULL,
            PRIMARY KEY (incident, entry)
        ) WITHOUT ROWID;
        """
}
