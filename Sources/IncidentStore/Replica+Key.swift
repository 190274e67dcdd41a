import Foundation
import GRDB
import IncidentCore

#if canImport(Glibc)
    import Glibc
#endif

extension Replica {
    /// This replica's signing key, or `nil` before it has an identity.
    ///
    /// - Throws: `StoreError.unreadableKey` when the file's key is not 32 bytes.
    public func key() throws -> ReplicaKey? {
        try writer.read(Self.key(in:))
    }

    static func key(in db: Database) throws -> ReplicaKey? {
        guard let row = try Row.fetchOne(db, sql: "SELECT private_key FROM replica") else { return nil }
        guard let data = row[0] as Data?, let key = ReplicaKey(rawRepresentation: Array(data)) else {
            throw StoreError.unreadableKey
        }
        return key
    }

    /// Keeps `key` as this replica's own (a new replica's, or a new id's).
    static func keep(_ key: ReplicaKey, in db: Database) throws {
        try db.execute(sql: "UPDATE replica SET private_key = ?", arguments: [Data(key.rawRepresentation)])
    }

    /// The file's permission bits when someone other than its owner may read or write it:
    /// the file holds the private key, so a command that signs refuses to run then
    /// (`StoreError.keyExposed`), and `doctor` says so. `nil` when only the owner may, and
    /// for a replica in memory.
    public func keyExposure() -> Int? {
        Self.exposure(of: path)
    }

    /// `keyExposure()` of the file at `path`: one `stat`, as every command that records asks.
    static func exposure(of path: String) -> Int? {
        guard path != ":memory:", !path.isEmpty else { return nil }
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = Int(status.st_mode) & 0o777
        return mode & 0o077 == 0 ? nil : mode
    }

    /// Lets only the owner read and write the file and its write-ahead log, as a file that
    /// holds a private key must be: done when this version makes the file or its key.
    static func restrictToOwner(_ path: String) throws {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }
}
