import Foundation
import IncidentCore
import IncidentStore

/// Sync through a shared folder: a USB stick, a network share, a folder another tool syncs.
///
/// Each replica writes only `FOLDER/<its id>/`, as immutable segments named
/// `<first seq>-<last seq>.bundle` (bundle format, written under a temporary name
/// then renamed), so no locks are needed: its own ops there, and the ops of others
/// that it holds and the folder lacks in `FOLDER/<its id>/<origin id>/`, so ops that
/// came by a bundle or a hub reach whoever syncs only through the folder
/// (`FolderContents`). Reading takes the segments of every origin above this one's
/// version vector, one copy of each op where several writers relayed it; a segment
/// that does not check out (still being copied in) is skipped and read again next time.
///
/// Everything in the folder is a peer's, and hostile until checked: only real
/// subfolders named by a replica id and regular files named as segments are read,
/// never through a symbolic link; a segment's name only says which files may be
/// worth reading, and what is applied is what its ops say they are. This replica
/// believes its own folder holds its ops up to a seq only when the segment that
/// says so checks out.
///
/// Segments are immutable but for one case: after a redaction arrives, a replica
/// rewrites those of its own segments that still hold the redacted text, so a
/// secret pasted by mistake leaves the folder once every replica that wrote it
/// has synced again.
extension Replica {
    /// Writes this replica's new ops into `folder` and applies the other replicas'
    /// segments it lacks.
    ///
    /// - Parameter progress: told the ops read so far, and how many the segments
    ///   to read hold, after each batch.
    @discardableResult
    public func syncFolder(_ folder: String, progress: SyncProgress? = nil) throws -> SyncReport {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SyncError.notAFolder(folder)
        }
        guard var identity = try identity() else { throw StoreError.noReplica }
        var report = SyncReport()
        // This file may be a copy of the replica that wrote its subfolder (a restored backup,
        // a cloned machine): applying that subfolder's segments takes the ops it lacks under
        // its id and, where they differ, settles which history keeps it (`HistoryMove`). If
        // this file is the copy, it heals and goes on under a new id, whose subfolder another
        // copy may hold already; if it made its ops first, the other copy's segments are
        // moved here, its own take their place, and that copy heals when it reads them.
        var attempts = 0
        while true {
            do {
                report.sent = try writeSegment(of: identity.id, into: folder)
                break
            } catch SyncError.copiedReplica(let seq) {
                attempts += 1
                guard attempts <= Self.healingAttempts else { throw SyncError.copiedReplica(from: seq) }
                let own = (folder as NSString).appendingPathComponent(identity.id.rawValue)
                for segment in Segment.all(in: own) { try applySegment(at: segment.path, into: &report) }
                guard let now = try self.identity() else { throw StoreError.noReplica }
                if now.id == identity.id { try removeDivergingSegments(in: own, of: identity.id) }
                identity = now
            }
        }
        let contents = try FolderContents(folder: folder)
        report.sent = report.sent.addingSaturated(try relay(into: folder, as: identity.id, past: contents))

        var reached = try versionVector()
        let toRead = contents.segmentsToRead(beyond: reached, except: identity.id)
        let expected = toRead.reduce(0) { $0.addingSaturated($1.segment.count) }
        var done = 0
        for (origin, segment) in toRead {
            defer { done = done.addingSaturated(segment.count) }
            // Another writer's copy of the same ops, read already.
            guard segment.last > reached[origin] else { continue }
            let applied = try applySegment(at: segment.path, into: &report) { read in
                progress?(done.addingSaturated(read), expected)
            }
            if applied, segment.first <= reached[origin] + 1 { reached = try versionVector() }
        }
        try lookForOtherHistories(in: contents, holding: reached, into: &report)
        try rewriteRedactedSegments(of: identity.id, in: folder)
        return report
    }

    /// Applies the segment at `path`, adding what it did to `report`; one that does not
    /// check out (still being copied in, or a peer's junk) is named in `report.skipped`
    /// and read again next time.
    ///
    /// - Parameter progress: told the ops applied so far, after each batch.
    /// - Returns: whether it was applied.
    @discardableResult
    func applySegment(at path: String, into report: inout SyncReport, progress: ((Int) -> Void)? = nil) throws
        -> Bool
    {
        do {
            let lines = try FileLines(path: path, regularFileOnly: true)
            report.received.add(try applyBundle(lines: lines, name: path) { applied, _ in progress?(applied) }.0)
            return true
        } catch let error as SyncError {
            report.skipped.append((path, error))
            return false
        }
    }

    /// How many times one sync looks again at its own subfolder after finding a copy's ops
    /// there: each look heals this file or clears the subfolder, so a few is plenty.
    static let healingAttempts = 4

    /// Rewrites the segments this replica wrote (its own and those it relayed) whose ops
    /// were blanked by a redaction since the last look.
    ///
    /// - Complexity: reads every own segment, but only when the number of redactions
    ///   grew since this folder was last checked.
    private func rewriteRedactedSegments(of replica: ReplicaID, in folder: String) throws {
        let key = "folder-redactions:" + (folder as NSString).standardizingPath
        let redactions = try redactionCount()
        guard redactions > Int(try localValue(forKey: key) ?? "0") ?? 0 else { return }
        let own = (folder as NSString).appendingPathComponent(replica.rawValue)
        var written = Segment.all(in: own).map { (origin: replica, segment: $0) }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: own)) ?? [] {
            let relayed = (own as NSString).appendingPathComponent(name)
            guard let origin = ReplicaID(rawValue: name), FileKind.of(relayed) == .folder else { continue }
            written += Segment.all(in: relayed).map { (origin, $0) }
        }
        for (origin, segment) in written where try holdsBlankedText(segment) {
            try FileOutput.atomically(at: segment.path) { write in
                var writer = try BundleWriter(source: replica, vector: try versionVector(), write: write)
                try forEachOperation(of: origin, after: segment.first - 1, through: segment.last) {
                    try writer.append($0)
                }
                try writer.finish()
            }
        }
        try setLocalValue(String(redactions), forKey: key)
    }

    /// The seq up to which this replica's folder holds its ops: the end of the latest
    /// segment that checks out (a whole bundle of exactly the ops its name says, all
    /// this replica's and as held here). A segment that claims more, written by anyone
    /// else, is passed over, so it cannot stop this replica writing its ops.
    ///
    /// - Throws: `SyncError.copiedReplica` when a whole segment holds ops under this
    ///   replica's id that differ from its own, or that it never made: a copy of this
    ///   replica's file writes here too.
    private func writtenSeq(of replica: ReplicaID, in own: String, held: Int64) throws -> Int64 {
        for segment in Segment.all(in: own).reversed() {
            switch try check(segment, of: replica) {
            case .matches where segment.last <= held: return segment.last
            case .diverges(let seq): throw SyncError.copiedReplica(from: seq)
            case .matches, .damaged: continue
            }
        }
        return 0
    }

    /// Removes the segments of this replica's own folder that hold ops under its id other
    /// than its own: a copy of its file wrote them, and they are set aside here.
    private func removeDivergingSegments(in own: String, of replica: ReplicaID) throws {
        for segment in Segment.all(in: own) {
            guard case .diverges = try check(segment, of: replica) else { continue }
            try FileManager.default.removeItem(atPath: segment.path)
        }
    }

    /// What a segment of this replica's own folder holds.
    private enum SegmentCheck {
        /// Exactly the ops its name says, each as held here.
        case matches
        /// Not a whole bundle of the ops its name says.
        case damaged
        /// A whole bundle with an op under this replica's id, from this seq, that this
        /// replica does not hold as it is.
        case diverges(at: Int64)
    }

    private func check(_ segment: Segment, of replica: ReplicaID) throws -> SegmentCheck {
        guard let lines = try? FileLines(path: segment.path, regularFileOnly: true) else { return .damaged }
        var iterator = lines.makeIterator()
        guard let first = iterator.next(), let header = try? BundleFormat.header(of: first, name: segment.path) else {
            return .damaged
        }
        var checksum = BundleChecksum(headerLine: first, version: header.version)
        var expected = segment.first
        var divergence: Int64?
        while let line = iterator.next() {
            if let trailer = BundleFormat.trailer(of: line) {
                guard expected == segment.last + 1, (try? checksum.check(trailer)) != nil else { return .damaged }
                return divergence.map { .diverges(at: $0) } ?? .matches
            }
            checksum.addOperation(line)
            guard let written = try? OperationCoding.decode(line), written.id.replica == replica,
                written.id.seq == expected
            else { return .damaged }
            if divergence == nil, try operation(written.id)?.hlc != written.hlc { divergence = written.id.seq }
            expected += 1
        }
        return .damaged
    }

    /// Whether a segment holds an op whose stored copy has since been blanked.
    private func holdsBlankedText(_ segment: Segment) throws -> Bool {
        for line in try FileLines(path: segment.path, regularFileOnly: true) {
            guard let written = try? OperationCoding.decode(line), written.payload.redactionTarget != nil else {
                continue
            }
            if let stored = try operation(written.id), stored.payload != written.payload { return true }
        }
        return false
    }

    /// Writes the ops of other replicas that this one holds and the folder lacks, one
    /// segment per origin, into this replica's relay folders (`FOLDER/<id>/<origin id>/`).
    ///
    /// - Returns: how many ops were written.
    private func relay(into folder: String, as replica: ReplicaID, past contents: FolderContents) throws -> Int {
        let vector = try versionVector()
        var sent = 0
        for (origin, held) in vector.seqs.sorted(by: { $0.key < $1.key }) where origin != replica {
            let covered = contents.coveredSeq(of: origin)
            guard held > covered else { continue }
            let relayFolder = ((folder as NSString).appendingPathComponent(replica.rawValue) as NSString)
                .appendingPathComponent(origin.rawValue)
            switch FileKind.of(relayFolder) {
            case .folder: break
            case .missing: try FileManager.default.mkdir(relayFolder)
            case .regularFile, .other: throw SyncError.notOwnFolder(relayFolder)
            }
            let path = (relayFolder as NSString).appendingPathComponent(Segment.name(first: covered + 1, last: held))
            sent = sent.addingSaturated(
                try FileOutput.atomically(at: path) { write in
                    var writer = try BundleWriter(source: replica, vector: vector, write: write)
                    try forEachOperation(of: origin, after: covered, through: held) { try writer.append($0) }
                    return try writer.finish()
                })
        }
        return sent
    }

    /// Writes this replica's ops not yet in its folder as one new segment.
    private func writeSegment(of replica: ReplicaID, into folder: String) throws -> Int {
        let own = (folder as NSString).appendingPathComponent(replica.rawValue)
        switch FileKind.of(own) {
        case .folder: break
        case .missing: try FileManager.default.mkdir(own)
        case .regularFile, .other: throw SyncError.notOwnFolder(own)
        }
        let held = try versionVector()[replica]
        let written = try writtenSeq(of: replica, in: own, held: held)
        guard held > written else { return 0 }
        let path = (own as NSString).appendingPathComponent(Segment.name(first: written + 1, last: held))
        return try FileOutput.atomically(at: path) { write in
            var writer = try BundleWriter(source: replica, vector: try versionVector(), write: write)
            try forEachOperation(of: replica, after: written, through: held) { try writer.append($0) }
            return try writer.finish()
        }
    }
}

/// One segment file of a replica's folder.
struct Segment {
    var path: String
    var first: Int64
    var last: Int64

    static func name(first: Int64, last: Int64) -> String {
        String(format: "%012lld-%012lld.bundle", first, last)
    }

    /// How many ops the name says the segment holds.
    var count: Int { Int(last - first + 1) }

    /// The segments in `folder`, in seq order: regular files (not links) named
    /// `FIRST-LAST.bundle` with `1 <= FIRST <= LAST <= VersionVector.maximumSeq`; anything
    /// else is ignored.
    static func all(in folder: String) -> [Segment] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.compactMap { name -> Segment? in
            guard name.hasSuffix(".bundle") else { return nil }
            let parts = name.dropLast(".bundle".count).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, let first = Int64(parts[0]), let last = Int64(parts[1]),
                1 <= first, first <= last, last <= VersionVector.maximumSeq
            else { return nil }
            let path = (folder as NSString).appendingPathComponent(name)
            guard FileKind.of(path) == .regularFile else { return nil }
            return Segment(path: path, first: first, last: last)
        }.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
    }
}

/// What is at a path, without following a symbolic link there.
enum FileKind: Equatable {
    case missing, folder, regularFile, other

    static func of(_ path: String) -> FileKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT ? .missing : .other }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .folder
        case S_IFREG: return .regularFile
        default: return .other
        }
    }
}

extension Int {
    /// `self + other`, or `Int.max` where that overflows (counts a peer's names claim).
    func addingSaturated(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

extension FileManager {
    /// Makes one folder (its parent must exist), as `mkdir` does: a link there is not followed.
    func mkdir(_ path: String) throws {
        guard Glibc.mkdir(path, 0o755) == 0 || errno == EEXIST && FileKind.of(path) == .folder else {
            throw SyncError.unreadable(path)
        }
    }
}
