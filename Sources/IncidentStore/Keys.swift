import GRDB
import IncidentCore

/// The small integer keys that stand inside the file for replica ids, incident ids
/// and author names, so that each 128-bit id and each name is stored once
/// (`replica_keys`, `incident_state`, `author_keys`) and every other row repeats
/// one or two bytes instead.
///
/// Keys are local to one file: two replicas give the same id different keys, so
/// nothing that leaves the file (ops, JSON, the materialized-state dump) carries
/// one. A key, once given, never changes; this cache lives for one transaction
/// and is shared by the log and the materializer working in it.
final class Keys {
    let db: Database
    private var replicaKeys: [ReplicaID: Int64] = [:]
    private var replicaIDs: [Int64: ReplicaID] = [:]
    private var incidentKeys: [IncidentID: Int64] = [:]
    private var incidentIDs: [Int64: IncidentID] = [:]
    private var authorKeys: [String: Int64] = [:]
    private var authorNames: [Int64: String] = [:]
    /// The ids and name asked for last, and their keys: a batch of ops mostly shares
    /// them, and comparing is cheaper than hashing.
    private var lastReplica: (id: ReplicaID, key: Int64)?
    private var lastIncident: (id: IncidentID, key: Int64)?
    private var lastAuthor: (name: String, key: Int64)?

    init(db: Database) {
        self.db = db
    }

    // MARK: - Replicas

    /// The key of `id`, given now if it has none.
    func replica(_ id: ReplicaID) throws -> Int64 {
        if let last = lastReplica, last.id == id { return last.key }
        if let key = try existingReplica(id) {
            lastReplica = (id, key)
            return key
        }
        let key = try give(id.bytes, in: "replica_keys", column: "id")
        remember(id, key)
        return key
    }

    /// The key of `id`, if it has one.
    func existingReplica(_ id: ReplicaID) throws -> Int64? {
        if let key = replicaKeys[id] { return key }
        guard let key = try lookUp(id.bytes, in: "replica_keys", column: "id") else { return nil }
        remember(id, key)
        return key
    }

    /// The id behind a replica key.
    func replicaID(_ key: Int64) throws -> ReplicaID {
        if let id = replicaIDs[key] { return id }
        let statement = try SQLiteStatement(db, "SELECT id FROM replica_keys WHERE key = ?").bind(key)
        guard try statement.next(), let id = ReplicaID(bytes: statement.bytes(0)) else { throw Self.unreadable }
        statement.finish()
        remember(id, key)
        return id
    }

    /// Every replica that has a key, by id.
    func allReplicas() throws -> [(id: ReplicaID, key: Int64)] {
        let statement = try SQLiteStatement(db, "SELECT key, id FROM replica_keys")
        var all: [(ReplicaID, Int64)] = []
        while try statement.next() {
            guard let id = ReplicaID(bytes: statement.bytes(1)) else { throw Self.unreadable }
            remember(id, statement.int64(0))
            all.append((id, statement.int64(0)))
        }
        return all.sorted { $0.0 < $1.0 }
    }

    private func remember(_ id: ReplicaID, _ key: Int64) {
        replicaKeys[id] = key
        replicaIDs[key] = id
    }

    // MARK: - Incidents

    /// The key of `id`, given now (with an empty `incident_state` row) if it has none.
    func incident(_ id: IncidentID) throws -> Int64 {
        if let last = lastIncident, last.id == id { return last.key }
        if let key = try existingIncident(id) {
            lastIncident = (id, key)
            return key
        }
        let key = try give(id.bytes, in: "incident_state", column: "id")
        remember(id, key)
        return key
    }

    /// The key of `id`, if it has one.
    func existingIncident(_ id: IncidentID) throws -> Int64? {
        if let key = incidentKeys[id] { return key }
        guard let key = try lookUp(id.bytes, in: "incident_state", column: "id") else { return nil }
        remember(id, key)
        return key
    }

    /// The id behind an incident key.
    func incidentID(_ key: Int64) throws -> IncidentID {
        if let id = incidentIDs[key] { return id }
        let statement = try SQLiteStatement(db, "SELECT id FROM incident_state WHERE key = ?").bind(key)
        guard try statement.next(), let id = IncidentID(bytes: statement.bytes(0)) else { throw Self.unreadable }
        statement.finish()
        remember(id, key)
        return id
    }

    private func remember(_ id: IncidentID, _ key: Int64) {
        incidentKeys[id] = key
        incidentIDs[key] = id
    }

    // MARK: - Authors

    /// The key of an author's name, given now if it has none.
    func author(_ name: String) throws -> Int64 {
        if let last = lastAuthor, last.name == name { return last.key }
        if let key = authorKeys[name] {
            lastAuthor = (name, key)
            return key
        }
        let select = try SQLiteStatement(db, "SELECT key FROM author_keys WHERE name = ?").bind(name)
        let key: Int64
        if try select.next() {
            key = select.int64(0)
            select.finish()
        } else {
            try SQLiteStatement(db, "INSERT INTO author_keys (name) VALUES (?)").bind(name).run()
            key = db.lastInsertedRowID
        }
        authorKeys[name] = key
        authorNames[key] = name
        return key
    }

    /// The name behind an author key.
    func authorName(_ key: Int64) throws -> String {
        if let name = authorNames[key] { return name }
        let statement = try SQLiteStatement(db, "SELECT name FROM author_keys WHERE key = ?").bind(key)
        guard try statement.next() else { throw Self.unreadable }
        let name = statement.text(0)
        statement.finish()
        authorKeys[name] = key
        authorNames[key] = name
        return name
    }

    // MARK: -

    private func lookUp(_ bytes: [UInt8], in table: String, column: String) throws -> Int64? {
        let statement = try SQLiteStatement(db, "SELECT key FROM \(table) WHERE \(column) = ?").bind(bytes)
        guard try statement.next() else { return nil }
        defer { statement.finish() }
        return statement.int64(0)
    }

    private func give(_ bytes: [UInt8], in table: String, column: String) throws -> Int64 {
        try SQLiteStatement(db, "INSERT INTO \(table) (\(column)) VALUES (?)").bind(bytes).run()
        return db.lastInsertedRowID
    }

    static let unreadable = CoreError.malformedOperation(
        "the replica file is damaged: a key has no id; keep a copy of it and sync the others from a peer")
}
