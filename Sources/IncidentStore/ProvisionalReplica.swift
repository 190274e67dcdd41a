import Foundation
import GRDB
import IncidentCore

/// A replica file made for a first command that may fail before it holds anything of its
/// own (applying a bundle, a first sync): made beside the replica's path and put in place
/// only when the command succeeds, so a failed first command leaves no file behind.
///
/// It is put in place with `link(2)`, which never replaces a file: if another process made
/// the replica meanwhile, that file stays, and the caller runs the command again on it
/// (applying and syncing are idempotent).
public struct ProvisionalReplica {
    /// The new replica, to run the command on.
    public let replica: Replica
    private let temporary: String
    private let path: String

    /// Makes a new, named replica file beside `path`.
    public init(for path: String, creatingFolder: Bool, defaultName: () -> String) throws {
        self.path = path
        let folder = FilePaths.folder(of: path)
        temporary = (folder.isEmpty ? "" : folder + "/") + ".incident-new-\(UUID().uuidString).sqlite"
        replica = try Replica.open(path: temporary, creatingFolder: creatingFolder)
        do {
            _ = try replica.ensureIdentity(defaultName: defaultName)
        } catch {
            discard()
            throw error
        }
    }

    /// Puts the file in place; false when a replica appeared there meanwhile (this one is
    /// then removed, and the command should run again on that one).
    public func commit() throws -> Bool {
        try replica.close()
        defer { remove(temporary) }
        if link(temporary, path) == 0 { return true }
        guard errno != EEXIST else { return false }
        // A file system without hard links: a plain rename, where nothing is yet.
        guard !FileManager.default.fileExists(atPath: path) else { return false }
        guard rename(temporary, path) == 0 else {
            throw StoreError.cannotOpen(path, reason: String(cString: strerror(errno)))
        }
        return true
    }

    /// Removes the file, for a command that failed.
    public func discard() {
        try? replica.close()
        remove(temporary)
    }

    private func remove(_ file: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(file + suffix) }
    }
}
