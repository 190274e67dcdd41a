import GRDB
import IncidentCore

extension Replica {
    /// A setting kept on this replica only (never synced), or `nil`.
    public func localValue(forKey key: String) throws -> String? {
        try writer.read { db in
            try LocalSettingRecord.value(forKey: key, in: db)
        }
    }

    /// Keeps a setting on this replica only (never synced).
    public func setLocalValue(_ value: String, forKey key: String) throws {
        try writer.write { db in
            try LocalSettingRecord(key: key, value: value).insert(db, onConflict: .replace)
        }
    }

    /// Which of `names` (files of a sync folder, say) were noted as looked at
    /// (`noteLookedAt(_:)`): local to this replica.
    public func lookedAt(_ names: [String]) throws -> Set<String> {
        try writer.read { db in
            Set(
                try names.filter { name in
                    let select = try SQLiteStatement(db, "SELECT 1 FROM looked_at WHERE name = ?").bind(name)
                    defer { select.finish() }
                    return try select.next()
                })
        }
    }

    /// Notes `names` as looked at, in one transaction.
    public func noteLookedAt(_ names: [String]) throws {
        guard !names.isEmpty else { return }
        try writer.write { db in
            for name in names {
                try SQLiteStatement(db, "INSERT OR IGNORE INTO looked_at (name) VALUES (?)").bind(name).run()
            }
        }
    }

    /// How many entries have been redacted, on every incident: it only grows.
    public func redactionCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM redactions") ?? 0 }
    }

    /// The op held under `id`, as stored now (redacted text blanked), or `nil`.
    public func operation(_ id: OperationID) throws -> Operation? {
        try writer.read { db in
            let log = OperationLog(db: db, keys: Keys(db: db))
            guard let replica = try log.keys.existingReplica(id.replica) else { return nil }
            return try log.operation(at: LogKey(replica: replica, seq: id.seq))
        }
    }
}
