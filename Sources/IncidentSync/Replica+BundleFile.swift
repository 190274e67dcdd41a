import Foundation
import IncidentCore
import IncidentStore

extension Replica {
    /// Writes a bundle file of every op `since` lacks (all ops when empty).
    ///
    /// Written to a temporary name beside `path`, then renamed: a reader never sees
    /// half a bundle.
    ///
    /// - Returns: the number of ops in the bundle.
    @discardableResult
    public func createBundle(at path: String, since vector: VersionVector = VersionVector()) throws -> Int {
        let target = FileIdentity(path)
        if target != nil,
            [self.path, self.path + "-wal", self.path + "-shm"].contains(where: { FileIdentity($0) == target })
        {
            throw StoreError.bundleOntoReplica(path)
        }
        return try FileOutput.atomically(at: path) { write in try writeBundle(missingFrom: vector, to: write) }
    }

    /// Applies a bundle file in one transaction, or refuses it whole.
    public func applyBundle(at path: String, progress: SyncProgress? = nil) throws -> ApplyReport {
        try applyBundle(lines: FileLines(path: path), name: path, progress: progress).0
    }

    /// The version vector in a bundle's header: what its writer held, to leave out of
    /// a bundle for it. Read only from a whole bundle whose checksum covers its header
    /// (format 2 and later): an altered vector would leave ops out silently.
    ///
    /// - Throws: `SyncError.notABundle`, `.corruptedBundle` or `.truncatedBundle` when
    ///   the file does not check out; `.uncheckedHeader` for a format 1 bundle.
    public static func vector(ofBundleAt path: String) throws -> VersionVector {
        var lines = try FileLines(path: path).makeIterator()
        let first = lines.next()
        let header = try BundleFormat.header(of: first, name: path)
        guard header.version >= BundleFormat.checkedHeaderVersion else { throw SyncError.uncheckedHeader(path) }
        var checksum = BundleChecksum(headerLine: first ?? Data(), version: header.version)
        while let line = lines.next() {
            if let trailer = BundleFormat.trailer(of: line) {
                try checksum.check(trailer)
                return header.vector
            }
            checksum.addOperation(line)
        }
        throw SyncError.truncatedBundle(path)
    }
}

/// A file's device and inode: the same for every path that reaches it.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    /// The identity of the file at `path` (through links), or nil when there is none.
    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }
}

/// Writes files so that they appear whole or not at all.
enum FileOutput {
    /// Runs `body` with a writer to a temporary file beside `path`, then renames it to `path`.
    static func atomically<T>(at path: String, _ body: (@escaping (Data) throws -> Void) throws -> T) throws -> T {
        let folder = FilePaths.folder(of: path)
        let temporary = ((folder.isEmpty ? "." : folder) as NSString)
            .appendingPathComponent(".tmp-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw SyncError.unwritable(path) }
        do {
            let result = try body { try handle.write(contentsOf: $0) }
            try handle.synchronize()
            try handle.close()
            if rename(temporary, path) != 0 { throw SyncError.unwritable(path) }
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
