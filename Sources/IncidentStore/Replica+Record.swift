import GRDB
import IncidentCore

/// The one row of `replica`: this replica's id and the name its ops carry.
struct ReplicaRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "replica"

    /// Always 1: the table holds one row.
    var singleton = 1
    var id: String
    var name: String

    enum Columns {
        static let name = Column(CodingKeys.name)
    }
}

/// A row of `local_settings`: a value kept on this replica only, never synced.
struct LocalSettingRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "local_settings"

    var key: String
    var value: String
}
