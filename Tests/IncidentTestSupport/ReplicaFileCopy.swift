import Foundation

/// Copies a closed replica file with its write-ahead log, as a backup or its restore does:
/// what is at `destination` (and its `-wal` and `-shm`) is replaced.
public func copyReplicaFile(from source: String, to destination: String) throws {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
    for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
        try FileManager.default.copyItem(atPath: source + suffix, toPath: destination + suffix)
    }
}
