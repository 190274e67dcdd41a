import Foundation
import IncidentSync
import NIOCore

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

    /// Writes a streamed body into the file.
    ///
    /// - Returns: false past `limit` bytes, when it stops reading (the file is then
    ///   incomplete): a result, not an error, so each caller answers it its own way.
    public func fill<Body: AsyncSequence>(from body: Body, limit: Int) async throws -> Bool
    where Body.Element == ByteBuffer {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw SyncError.unreadable(path) }
        defer { try? handle.close() }
        var total = 0
        for try await buffer in body {
            total += buffer.readableBytes
            guard total <= limit else { return false }
            try handle.write(contentsOf: Data(buffer.readableBytesView))
        }
        return true
    }

    /// The length of the file's longest line, read in chunks.
    public func longestLine() throws -> Int {
        try FileLines(path: path).reduce(0) { max($0, $1.count) }
    }

    /// The file's bytes as 64 KiB buffers, for a streamed HTTP body.
    public var chunks: FileChunks { FileChunks(path: path) }
}

/// The bytes of a file as an async sequence of 64 KiB buffers.
public struct FileChunks: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer
    let path: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(handle: FileHandle(forReadingAtPath: path))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let handle: FileHandle?

        public mutating func next() async throws -> ByteBuffer? {
            guard let handle else { return nil }
            guard let data = try handle.read(upToCount: 65_536), !data.isEmpty else {
                try handle.close()
                return nil
            }
            return ByteBuffer(bytes: data)
        }
    }
}
