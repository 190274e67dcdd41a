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
            if let location = try String.fetchOne(
                db, sql: "SELECT location FROM remotes WHERE name = ?", arguments: [name])
            {
                throw StoreError.remoteExists(name, location: location)
            }
            try db.execute(
                sql: "INSERT INTO remotes (name, location, token_file, ca_file, insecure_http) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, remote.location, remote.tokenFile, remote.caFile, remote.insecureHTTP])
        }
    }

    /// The remotes, by name.
    public func remotes() throws -> [Remote] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM remotes ORDER BY name").map { row in
                var remote = Remote(
                    name: row["name"], location: row["location"], tokenFile: row["token_file"], caFile: row["ca_file"],
                    insecureHTTP: row["insecure_http"])
                remote.history.lastAttempt = row["last_attempt"]
                remote.history.lastSuccess = row["last_success"]
                remote.history.received = row["last_received"] ?? 0
                remote.history.sent = row["last_sent"] ?? 0
                remote.history.lastError = row["last_error"]
                return remote
            }
        }
    }

    /// Keeps what a sync with the remote `name` did: how many ops it received and sent,
    /// or the error that stopped it. Nothing for a name that is not a remote.
    public func recordSync(with name: String, received: Int, sent: Int, error: String?) throws {
        let wall = now()
        try writer.write { db in
            if let error {
                try db.execute(
                    sql: "UPDATE remotes SET last_attempt = ?, last_error = ? WHERE name = ?",
                    arguments: [wall, error, name])
            } else {
                try db.execute(
                    sql: """
                        UPDATE remotes SET last_attempt = ?1, last_success = ?1, last_received = ?2, last_sent = ?3,
                            last_error = NULL
                        WHERE name = ?4
                        """,
                    arguments: [wall, received, sent, name])
            }
        }
    }

    /// Removes the remote `name`; returns whether there was one.
    @discardableResult
    public func removeRemote(named name: String) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM remotes WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
