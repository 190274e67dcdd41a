import GRDB
import IncidentCore

extension Replica {
    /// This replica's identity, or `nil` before the first write or `init`.
    public func identity() throws -> ReplicaIdentity? {
        try writer.read(Self.identity(in:))
    }

    /// Makes this replica (a new key, and the id it gives) named `name`, or renames it: the
    /// id never changes.
    ///
    /// - Returns: the identity, and whether it was made just now.
    @discardableResult
    public func initialize(name: String) throws -> (identity: ReplicaIdentity, created: Bool) {
        let trimmed = name.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw CoreError.emptyText(what: "the replica name") }
        // The name is written into every op as its author, and shown on every terminal.
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw CoreError.controlCharacter(what: "the replica name")
        }
        try TextLimit.check(trimmed, what: "the replica name")
        return try writer.write { db in
            if var identity = try Self.identity(in: db) {
                identity.name = trimmed
                try ReplicaRecord.updateAll(db, ReplicaRecord.Columns.name.set(to: trimmed))
                return (identity, false)
            }
            return (try create(named: trimmed, in: db), true)
        }
    }

    /// This replica's identity, made with `defaultName()` on first use.
    ///
    /// `defaultName` is only called when the replica has no identity yet.
    public func ensureIdentity(defaultName: () -> String) throws -> ReplicaIdentity {
        if let identity = try identity() { return identity }
        let found = String(defaultName().unicodeScalars.filter { $0.properties.generalCategory != .control })
        let name = found.isEmpty ? "maintainer" : found
        return try writer.write { db in
            try Self.identity(in: db) ?? create(named: name, in: db)
        }
    }

    static func identity(in db: Database) throws -> ReplicaIdentity? {
        guard let record = try ReplicaRecord.fetch(db), let id = ReplicaID(rawValue: record.id) else { return nil }
        return ReplicaIdentity(id: id, name: record.name)
    }

    /// Makes this replica: a new key, and the id its fingerprint gives (`KeyFingerprint`).
    private func create(named name: String, in db: Database) throws -> ReplicaIdentity {
        let key = ReplicaKey(from: randomBits)
        let identity = ReplicaIdentity(id: key.fingerprint.replicaID, name: name)
        try ReplicaRecord(id: identity.id.rawValue, name: identity.name).insert(db)
        try Self.keep(key, in: db)
        return identity
    }
}
