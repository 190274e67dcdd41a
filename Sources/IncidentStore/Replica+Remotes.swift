import GRDB
import IncidentCore

/// A place this replica syncs with: a folder path or an http(s) URL.
public struct Remote: Hashable, Sendable {
    public var name: String
    public var location: String
    /// A file holding the bearer token, for URLs.
    public var tokenFile: String?

    public init(name: String, location: String, tokenFile: String?) {
        self.name = name
        self.location = location
        self.tokenFile = tokenFile
    }
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
                sql: "INSERT INTO remotes (name, location, token_file) VALUES (?, ?, ?)",
                arguments: [name, remote.location, remote.tokenFile])
        }
    }

    /// The remotes, by name.
    public func remotes() throws -> [Remote] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, location, token_file FROM remotes ORDER BY name").map {
                Remote(name: $0["name"], location: $0["location"], tokenFile: $0["token_file"])
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
