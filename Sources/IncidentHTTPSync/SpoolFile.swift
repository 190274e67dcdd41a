import Foundation
import IncidentSync
import NIOCore
import NIOFileSystem

/// A temporary file that holds a bundle in transit over HTTP, so neither side ever
/// holds a whole bundle in memory: bodies are streamed into and out of it.
public struct SpoolFile: Sendable {
    public let path: String

    /// A new, empty temporary file.
    public init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("incident-\(UUID().uuidString).bundle")
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw SyncError.unreadable(path) }
    }

    /// The file's size in bytes.
    public var size: Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a streamed body into the file, in place of what it held, through NIO's file system (no blocking write on
    /// a thread of Swift concurrency).
    ///
    /// - Returns: false past `limit` bytes, when it stops reading (the file is then
    ///   incomplete): a result, not an error, so each caller answers it its own way.
    public func fill<Body: AsyncSequence>(from body: Body, limit: Int) async throws -> Bool
    where Body.Element == ByteBuffer {
        try await FileSystem.shared.withFileHandle(
            forWritingAt: FilePath(path), options: .modifyFile(createIfNecessary: true)
        ) { handle in
            // A spool filled again (a second pull) holds only the new body.
            try await handle.resize(to: .bytes(0))
            var writer = handle.bufferedWriter()
            var total = 0
            for try await buffer in body {
                total += buffer.readableBytes
                guard total <= limit else { return false }
                try await writer.write(contentsOf: buffer)
            }
            try await writer.flush()
            return true
        }
    }

    /// The length of the file's longest line, read in chunks.
    public func longestLine() throws -> Int {
        try FileLines(path: path).reduce(0) { max($0, $1.count) }
    }

    /// Calls `body` with the file's bytes as 64 KiB buffers, read through NIO's file system,
    /// for a streamed HTTP body; the file is open while `body` runs.
    public func withChunks<T>(_ body: (FileChunks) async throws -> T) async throws -> T {
        try await FileSystem.shared.withFileHandle(forReadingAt: FilePath(path)) { handle in
            try await body(handle.readChunks(in: 0..., chunkLength: .kibibytes(64)))
        }
    }
}
