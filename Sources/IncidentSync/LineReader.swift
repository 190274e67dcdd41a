import Foundation

/// The lines of a file, read in 64 KiB chunks: a large bundle is never in memory whole.
///
/// Lines are split on `\n`; the newline is not part of a line. A last line without
/// a newline is still returned.
public struct FileLines: Sequence {
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
        private var finished = false

        init(handle: FileHandle) {
            self.handle = handle
        }

        public mutating func next() -> Data? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = buffer[buffer.startIndex..<newline]
                    buffer = buffer[(newline + 1)...]
                    return Data(line)
                }
                if finished {
                    guard !buffer.isEmpty else { return nil }
                    defer { buffer = Data() }
                    return Data(buffer)
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
