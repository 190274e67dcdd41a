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
/// The checksum covers the header line and every op line, each with its newline. A
/// file without its trailer, or whose count or checksum differs, is rejected whole.
/// The checksum detects damage, not forgery: whoever writes a bundle can write its
/// checksum, so nothing in a header is trusted beyond what it is used for (what the
/// writer holds, to leave out of a reply), and every number in it is checked.
///
/// History:
/// - 1: the first format; the checksum covered the op lines only.
/// - 2: the checksum covers the header too. Version 1 is still read, but its header
///   is not trusted to say what a peer holds (`vector(ofBundleAt:)`).
public enum BundleFormat {
    public static let formatVersion = 2

    /// The first version whose checksum covers its header.
    static let checkedHeaderVersion = 2

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

    /// The header of a bundle's first line, if it is one this build reads.
    ///
    /// - Throws: `SyncError.notABundle` for anything else than a bundle header (a
    ///   version below 1 among them), `.unsupportedBundle` for a newer format.
    static func header(of line: Data?, name: String) throws -> Header {
        guard let line, let header = try? JSONDecoder().decode(Header.self, from: line), header.bundle == "incident",
            header.version >= 1
        else { throw SyncError.notABundle(name) }
        guard header.version <= formatVersion else { throw SyncError.unsupportedBundle(version: header.version) }
        return header
    }

    /// The trailer, if `line` is a trailer line.
    static func trailer(of line: Data) -> Trailer? {
        guard line.starts(with: trailerPrefix) else { return nil }
        return try? JSONDecoder().decode(TrailerLine.self, from: line).trailer
    }
}

/// The running checksum and count of a bundle being read, checked against its trailer.
public struct BundleChecksum {
    private var hasher = SHA256()
    private(set) var count = 0

    /// Starts with the header line (without its newline), which format 2 and later cover.
    public init(headerLine: Data, version: Int) {
        if version >= BundleFormat.checkedHeaderVersion { add(headerLine) }
    }

    /// Adds an op line (without its newline).
    public mutating func addOperation(_ line: Data) {
        add(line)
        count += 1
    }

    private mutating func add(_ line: Data) {
        hasher.update(data: line)
        hasher.update(data: BundleFormat.newline)
    }

    /// The trailer line that ends the lines added so far.
    public var trailerLine: String {
        #"{"trailer":{"count":\#(count),"sha256":"\#(digest)"}}"#
    }

    private var digest: String { HexDigits.string(of: Array(hasher.finalize())) }

    /// - Throws: `SyncError.corruptedBundle` unless the trailer's count and checksum match.
    func check(_ trailer: BundleFormat.Trailer) throws {
        guard trailer.count == count else {
            throw SyncError.corruptedBundle("the trailer counts \(trailer.count) ops, the file holds \(count)")
        }
        guard trailer.sha256 == digest else {
            throw SyncError.corruptedBundle("checksum mismatch")
        }
    }
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
        let line = try JSONEncoder().encode(header) + BundleFormat.newline
        hasher.update(data: line)
        try write(line)
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
    /// Batches of lines are decoded and hashed on another thread (`BundleDecoder`) while
    /// the batch before applies; what is refused is refused in the order of the lines, as
    /// if each were decoded as it is read.
    ///
    /// - Parameters:
    ///   - name: the file or address, for messages.
    ///   - progress: told the ops applied so far after each batch, and how many the
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
            let first = iterator.next()
            let header = try BundleFormat.header(of: first, name: name)
            var lines: [Data] = []
            var report = ApplyReport()
            var applied = 0
            let expected = ProgressLine.expected(from: header.vector, into: held)
            let decoder = BundleDecoder(
                checksum: BundleChecksum(headerLine: first ?? Data(), version: header.version))
            // Refuses the bundle at a line of `batch` that did not decode; `endsInput` when no
            // line followed the batch.
            func check(_ batch: BundleDecoder.Batch, endsInput: Bool) throws {
                guard let (index, error) = batch.failure else { return }
                let last = endsInput && index == batch.lineCount - 1
                throw Self.refusal(error, ofOp: applied + index + 1, last: last, name: name)
            }
            func applyChecked(_ decoded: inout BundleDecoder.Batch?) throws {
                guard let batch = decoded else { return }
                report.add(try apply(batch.operations, batch.digests))
                applied += batch.operations.count
                progress?(applied, expected)
                decoder.dispose(&decoded)
            }
            // The lines read start decoding while the batch before them applies.
            func handOn() throws {
                var ready = decoder.take()
                if !lines.isEmpty { decoder.start(lines) }
                lines.removeAll(keepingCapacity: true)
                if let ready { try check(ready, endsInput: false) }
                try applyChecked(&ready)
            }
            while let line = iterator.next() {
                if let trailer = BundleFormat.trailer(of: line) {
                    try handOn()
                    var last = decoder.take()
                    if let last { try check(last, endsInput: false) }
                    try decoder.checksumOfLines.check(trailer)
                    guard iterator.next() == nil else { throw SyncError.corruptedBundle("data after the trailer") }
                    try applyChecked(&last)
                    return (report, header)
                }
                lines.append(line)
                if lines.count >= BundleFormat.batchSize { try handOn() }
            }
            // No trailer: the copy stopped early (the batch decoded last ends the input when no
            // line was read after it).
            if !lines.isEmpty { try handOn() }
            if let last = decoder.take() { try check(last, endsInput: true) }
            throw SyncError.truncatedBundle(name)
        }
    }

    /// What refuses a bundle whose op `number` (counted from 1) did not decode for `error`:
    /// a cut-off last line means the copy stopped early; anything else is damage.
    private static func refusal(_ error: any Error, ofOp number: Int, last: Bool, name: String) -> any Error {
        switch error {
        case CoreError.unsupportedFormat(let version):
            return CoreError.unsupportedFormat(version: version)
        case CoreError.textTooLong(let what, let bytes):
            return CoreError.atLine(number + 1, .textTooLong(what: what, bytes: bytes))
        default:
            return last
                ? SyncError.truncatedBundle(name) : SyncError.corruptedBundle("op \(number) is not a valid operation")
        }
    }
}
