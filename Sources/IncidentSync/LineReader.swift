import Foundation

/// The lines of a file, read in 256 KiB chunks: a large bundle is never in memory whole.
///
/// Lines are split on `\n`; the newline is not part of a line. A last line without
/// a newline is still returned. Reading stops after a line longer than
/// `maximumLineLength` (no op is near that size), which is handed back as it is, so
/// a damaged or hostile file cannot fill memory and a bundle reader refuses it.
public struct FileLines: Sequence {
    /// The longest line read: 16 MiB.
    public static let maximumLineLength = 16 << 20

    let handle: FileHandle

    /// Opens `path`, or throws `SyncError.unreadable`.
    ///
    /// - Parameter regularFileOnly: open only a regular file, and not through a symbolic
    ///   link (for files found in a shared folder: a FIFO would hang the reader, a
    ///   directory cannot be read, a link could lead anywhere); otherwise anything
    ///   readable, as a person names it (`/dev/stdin` too).
    public init(path: String, regularFileOnly: Bool = false) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | (regularFileOnly ? O_NOFOLLOW | O_NONBLOCK : 0))
        guard descriptor >= 0 else { throw SyncError.unreadable(path) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT != S_IFDIR,
            !regularFileOnly || status.st_mode & S_IFMT == S_IFREG
        else {
            close(descriptor)
            throw SyncError.unreadable(path)
        }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: handle)
    }

    public struct Iterator: IteratorProtocol {
        let handle: FileHandle
        private var buffer: [UInt8] = []
        /// Where the next line starts in `buffer`.
        private var start = 0
        /// Where the search for the next newline resumes: bytes before it hold none.
        private var scanned = 0
        private var finished = false

        init(handle: FileHandle) {
            self.handle = handle
        }

        public mutating func next() -> Data? {
            while true {
                if let newline = newline(from: Swift.max(start, scanned)) {
                    let line = Data(buffer[start..<newline])
                    start = newline + 1
                    scanned = start
                    return line
                }
                scanned = buffer.count
                if buffer.count - start > FileLines.maximumLineLength {
                    // Hand back what was read as one (invalid) line, and read no further.
                    finished = true
                    try? handle.close()
                }
                if finished {
                    guard start < buffer.count else { return nil }
                    defer {
                        buffer = []
                        start = 0
                        scanned = 0
                    }
                    return Data(buffer[start...])
                }
                // `read` rather than FileHandle's, which stops the program on an I/O error;
                // an error ends the lines here (a bundle reader then finds no trailer).
                let chunk = (try? handle.read(upToCount: 262_144)) ?? Data()
                if chunk.isEmpty {
                    finished = true
                    try? handle.close()
                } else {
                    // Drop the lines already handed out before growing the buffer.
                    buffer.removeSubrange(0..<start)
                    scanned -= start
                    start = 0
                    buffer.append(contentsOf: chunk)
                }
            }
        }

        private func newline(from offset: Int) -> Int? {
            guard offset < buffer.count else { return nil }
            return buffer.withUnsafeBytes { bytes in
                guard let found = memchr(bytes.baseAddress! + offset, 0x0A, bytes.count - offset) else { return nil }
                return bytes.baseAddress!.distance(to: UnsafeRawPointer(found))
            }
        }
    }
}
