import GRDB
import IncidentCore

/// The one row of `replica`: this replica's id and the name its ops carry.
///
/// Read by every command that records, so it decodes its row by hand: Codable and the query
/// interface cost a one-entry `log` 2.6M instructions (8%) more than this does.
struct ReplicaRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "replica"

    var id: String
    var name: String

    enum Columns {
        static let singleton = Column("singleton")
        static let id = Column("id")
        static let name = Column("name")
    }

    init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    init(row: Row) throws {
        id = row[Columns.id]
        name = row[Columns.name]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.singleton] = 1  // the table holds one row
        container[Columns.id] = id
        container[Columns.name] = name
    }

    /// The row, if the replica has one: one plain statement.
    static func fetch(_ db: Database) throws -> ReplicaRecord? {
        try fetchOne(db, sql: "SELECT id, name FROM replica")
    }
}

/// A row of `local_settings`: a value kept on this replica only, never synced. Decoded by
/// hand, as `ReplicaRecord` is: `log` without `-i` reads the current incident here.
struct LocalSettingRecord: FetchableRecord, PersistableRecord {
    static let databaseTableName = "local_settings"

    var key: String
    var value: String

    enum Columns {
        static let key = Column("key")
        static let value = Column("value")
    }

    init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    init(row: Row) throws {
        key = row[Columns.key]
        value = row[Columns.value]
    }

    func encode(to container: inout PersistenceContainer) throws {
        container[Columns.key] = key
        container[Columns.value] = value
    }

    /// The value kept under `key`, if any: one plain statement.
    static func value(forKey key: String, in db: Database) throws -> String? {
        try fetchOne(db, sql: "SELECT key, value FROM local_settings WHERE key = ?", arguments: [key])?.value
    }
}
