import Foundation

/// The lines of a file, read in 64 KiB chunks: a large bundle is never in memory whole.
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
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw SyncError.unreadable(path) }
        self.handle = handle
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: handle)
    }

    public struct Iterator: IteratorProtocol {
        let handle: FileHandle
        private var buffer = Data()
        /// Where the search for the next newline resumes: bytes before it hold none.
        private var scanned = 0
        private var finished = false

        init(handle: FileHandle) {
            self.handle = handle
        }

        public mutating func next() -> Data? {
            while true {
                let start = buffer.startIndex + scanned
                if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                    let line = Data(buffer[buffer.startIndex..<newline])
                    buffer = buffer[(newline + 1)...]
                    scanned = 0
                    return line
                }
                scanned = buffer.count
                if buffer.count > FileLines.maximumLineLength {
                    // Hand back what was read as one (invalid) line, and read no further.
                    finished = true
                    try? handle.close()
                }
                if finished {
                    guard !buffer.isEmpty else { return nil }
                    defer {
                        buffer = Data()
                        scanned = 0
                    }
                    return buffer
                }
                let chunk = handle.readData(ofLength: 65_536)
                if chunk.isEmpty {
                    finished = true
                    try? handle.close()
                } else {
                    buffer.append(chunk)
                }
            }
        }
    }
}
