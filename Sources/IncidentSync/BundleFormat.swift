import Crypto
import Foundation
import IncidentCore
import IncidentStore

/// The bundle format: JSON Lines, streamed.
///
/// ```
/// {"bundle":"incident","version":1,"source":"<replica>","vector":{...}}     header
/// {"author":...,"body":...,"kind":...,...}                                  one op a line
/// {"trailer":{"count":N,"sha256":"<hex>"}}                                  trailer
/// ```
/// The checksum covers every op line with its newline. A file without its
/// trailer, or whose count or checksum differs, is rejected whole.
///
/// History:
/// - 1: the first format.
public enum BundleFormat {
    public static let formatVersion = 1

    /// The first line of a bundle.
    public struct Header: Codable, Sendable {
        public var bundle: String
        public var version: Int
        /// The replica that wrote the bundle.
        public var source: ReplicaID
        /// What the source held when it wrote the bundle.
        public var vector: VersionVector
    }

    /// The last line of a bundle.
    public struct Trailer: Codable, Sendable {
        public var count: Int
        public var sha256: String
    }

    struct TrailerLine: Codable {
        var trailer: Trailer
    }

    /// How the trailer line starts (op lines start with `{"author"`).
    static let trailerPrefix = Array(#"{"trailer""#.utf8)

    /// What ends every line, hashed with it.
    static let newline = Data([UInt8(ascii: "\n")])

    /// How many ops are applied at once while a bundle streams in.
    static let batchSize = 2000
}

/// Writes a bundle to any sink, one line at a time.
public struct BundleWriter {
    private var hasher = SHA256()
    private var count = 0
    private let write: (Data) throws -> Void

    /// Starts a bundle: writes the header.
    public init(source: ReplicaID, vector: VersionVector, write: @escaping (Data) throws -> Void) throws {
        self.write = write
        let header = BundleFormat.Header(
            bundle: "incident", version: BundleFormat.formatVersion, source: source, vector: vector)
        try write(try JSONEncoder().encode(header) + Data("\n".utf8))
    }

    /// Appends one op.
    public mutating func append(_ operation: IncidentCore.Operation) throws {
        var line = OperationCoding.encode(operation)
        line.append(UInt8(ascii: "\n"))
        hasher.update(data: line)
        count += 1
        try write(line)
    }

    /// Ends the bundle: writes the trailer. Returns how many ops it holds.
    @discardableResult
    public func finish() throws -> Int {
        let digest = HexDigits.string(of: Array(hasher.finalize()))
        let trailer = BundleFormat.TrailerLine(trailer: BundleFormat.Trailer(count: count, sha256: digest))
        try write(try JSONEncoder().encode(trailer) + Data("\n".utf8))
        return count
    }
}

extension Replica {
    /// Writes every op that `vector` lacks as a bundle, streamed to `write`.
    ///
    /// - Returns: the number of ops written.
    @discardableResult
    public func writeBundle(missingFrom vector: VersionVector, to write: @escaping (Data) throws -> Void) throws -> Int
    {
        guard let identity = try identity() else { throw StoreError.noReplica }
        var writer = try BundleWriter(source: identity.id, vector: try versionVector(), write: write)
        try forEachOperation(missingFrom: vector) { try writer.append($0) }
        return try writer.finish()
    }

    /// Reads a bundle line by line and applies its ops in one transaction: all or none.
    ///
    /// - Parameters:
    ///   - name: the file or address, for messages.
    ///   - progress: told the ops read so far after each batch, and how many the
    ///     header's vector says this replica lacks.
    /// - Returns: what applying did, and the bundle's header (the source's vector).
    /// - Throws: `SyncError` for a foreign, newer, truncated or corrupted bundle; then
    ///   nothing is applied.
    public func applyBundle(lines: some Sequence<Data>, name: String, progress: SyncProgress? = nil) throws
        -> (ApplyReport, BundleFormat.Header)
    {
        let held = try versionVector()
        return try applyInOneTransaction { apply in
            var iterator = lines.makeIterator()
            guard let first = iterator.next(),
                let header = try? JSONDecoder().decode(BundleFormat.Header.self, from: first),
                header.bundle == "incident"
            else { throw SyncError.notABundle(name) }
            guard header.version <= BundleFormat.formatVersion else {
                throw SyncError.unsupportedBundle(version: header.version)
            }
            var hasher = SHA256()
            var count = 0
            var batch: [Operation] = []
            var report = ApplyReport()
            let expected = ProgressLine.expected(from: header.vector, into: held)
            func flush() throws {
                report.add(try apply(batch))
                batch.removeAll(keepingCapacity: true)
                progress?(count, expected)
            }
            while let line = iterator.next() {
                if line.starts(with: BundleFormat.trailerPrefix),
                    let trailer = try? JSONDecoder().decode(BundleFormat.TrailerLine.self, from: line).trailer
                {
                    let digest = HexDigits.string(of: Array(hasher.finalize()))
                    guard trailer.count == count else {
                        throw SyncError.corruptedBundle(
                            "the trailer counts \(trailer.count) ops, the file holds \(count)")
                    }
                    guard trailer.sha256 == digest else { throw SyncError.corruptedBundle("checksum mismatch") }
                    guard iterator.next() == nil else { throw SyncError.corruptedBundle("data after the trailer") }
                    try flush()
                    return (report, header)
                }
                hasher.update(data: line)
                hasher.update(data: BundleFormat.newline)
                count += 1
                do {
                    batch.append(try OperationCoding.decode(line))
                } catch CoreError.unsupportedFormat(let version) {
                    throw CoreError.unsupportedFormat(version: version)
                } catch {
                    // A cut-off last line means the copy stopped early; anything else is damage.
                    guard iterator.next() != nil else { throw SyncError.truncatedBundle(name) }
                    throw SyncError.corruptedBundle("op \(count) is not a valid operation")
                }
                if batch.count >= BundleFormat.batchSize { try flush() }
            }
            throw SyncError.truncatedBundle(name)
        }
    }
}
