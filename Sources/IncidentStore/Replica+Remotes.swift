import GRDB
import IncidentCore

/// A place this replica syncs with: a folder path or an http(s) URL.
public struct Remote: Hashable, Sendable {
    public var name: String
    public var location: String
    /// A file holding the bearer token, for URLs.
    public var tokenFile: String?
    /// A PEM file of the certificate authority that signed the hub's certificate (a team's
    /// own), for `https://`; `nil`: the system's roots.
    public var caFile: String?
    /// Whether plain `http://` to an address off this machine is allowed, token and all in clear.
    public var insecureHTTP = false
    /// What the last syncs with it did; empty until it was synced by name.
    public var history = SyncHistory()

    public init(
        name: String, location: String, tokenFile: String?, caFile: String? = nil, insecureHTTP: Bool = false
    ) {
        self.name = name
        self.location = location
        self.tokenFile = tokenFile
        self.caFile = caFile
        self.insecureHTTP = insecureHTTP
    }
}

/// What the last syncs with a remote did, kept on this replica for `incident doctor`.
public struct SyncHistory: Hashable, Sendable {
    /// When a sync last began, in milliseconds since 1970 UTC.
    public var lastAttempt: Int64?
    /// When a sync last succeeded, and how many ops it received (new) and sent.
    public var lastSuccess: Int64?
    public var received = 0
    public var sent = 0
    /// Why the last attempt failed; `nil` when it succeeded.
    public var lastError: String?

    public init() {}
}

extension Replica {
    /// Adds the remote `name` (kept on this replica only, never synced).
    ///
    /// - Throws: `StoreError.remoteExists` when a remote has that name already: replacing
    ///   it silently would lose where it pointed.
    public func addRemote(_ remote: Remote) throws {
        let name = remote.name.trimmingWhitespace()
        guard !name.isEmpty else { throw CoreError.emptyText(what: "the remote's name") }
        try writer.write { db in
            if let existing = try RemoteRecord.fetchOne(db, key: name) {
                throw StoreError.remoteExists(name, location: existing.location)
            }
            var record = RemoteRecord(remote)
            record.name = name
            try record.insert(db)
        }
    }

    /// The remotes, by name.
    public func remotes() throws -> [Remote] {
        try writer.read { db in
            try RemoteRecord.order(RemoteRecord.Columns.name).fetchAll(db).map(\.remote)
        }
    }

    /// Keeps what a sync with the remote `name` did: how many ops it received and sent,
    /// or the error that stopped it. Nothing for a name that is not a remote.
    public func recordSync(with name: String, received: Int, sent: Int, error: String?) throws {
        let wall = now()
        try writer.write { db in
            typealias Columns = RemoteRecord.Columns
            let remote = RemoteRecord.filter(Columns.name == name)
            if let error {
                try remote.updateAll(db, Columns.lastAttempt.set(to: wall), Columns.lastError.set(to: error))
            } else {
                try remote.updateAll(
                    db, Columns.lastAttempt.set(to: wall), Columns.lastSuccess.set(to: wall),
                    Columns.lastReceived.set(to: received), Columns.lastSent.set(to: sent),
                    Columns.lastError.set(to: nil))
            }
        }
    }

    /// Removes the remote `name`; returns whether there was one.
    @discardableResult
    public func removeRemote(named name: String) throws -> Bool {
        try writer.write { db in
            try RemoteRecord.deleteOne(db, key: name)
        }
    }
}
