import Foundation
import IncidentCore
import IncidentStore

/// Sync through a shared folder: a USB stick, a network share, a folder another tool syncs.
///
/// Each replica writes only `FOLDER/<its id>/`, as immutable segments named
/// `<first seq>-<last seq>.bundle` (bundle format, written under a temporary name
/// then renamed), so no locks are needed. Reading takes the segments of other
/// replicas above this one's version vector; a segment that does not check out
/// (still being copied in) is skipped and read again next time.
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
        guard let identity = try identity() else { throw StoreError.noReplica }
        var report = SyncReport()
        report.sent = try writeSegment(of: identity.id, into: folder)

        let vector = try versionVector()
        var toRead: [Segment] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            guard let replica = ReplicaID(rawValue: name), replica != identity.id else { continue }
            let segments = try Segment.all(in: (folder as NSString).appendingPathComponent(name))
            toRead += segments.filter { $0.last > vector[replica] }
        }
        let expected = toRead.reduce(0) { $0 + Int($1.last - $1.first + 1) }
        var done = 0
        for segment in toRead {
            do {
                report.received.add(
                    try applyBundle(at: segment.path) { read, _ in progress?(done + read, expected) })
            } catch let error as SyncError {
                report.skipped.append("\(segment.path): \(error)")
            }
            done += Int(segment.last - segment.first + 1)
        }
        try rewriteRedactedSegments(of: identity.id, in: folder)
        return report
    }

    /// Rewrites own segments whose ops were blanked by a redaction since the last look.
    ///
    /// - Complexity: reads every own segment, but only when the number of redactions
    ///   grew since this folder was last checked.
    private func rewriteRedactedSegments(of replica: ReplicaID, in folder: String) throws {
        let key = "folder-redactions:" + (folder as NSString).standardizingPath
        let redactions = try redactionCount()
        guard redactions > Int(try localValue(forKey: key) ?? "0") ?? 0 else { return }
        let own = (folder as NSString).appendingPathComponent(replica.rawValue)
        for segment in try Segment.all(in: own) where try holdsBlankedText(segment) {
            try FileOutput.atomically(at: segment.path) { write in
                var writer = try BundleWriter(source: replica, vector: try versionVector(), write: write)
                try forEachOperation(of: replica, after: segment.first - 1, through: segment.last) {
                    try writer.append($0)
                }
                try writer.finish()
            }
        }
        try setLocalValue(String(redactions), forKey: key)
    }

    /// Whether a segment holds an op whose stored copy has since been blanked.
    private func holdsBlankedText(_ segment: Segment) throws -> Bool {
        for line in try FileLines(path: segment.path) {
            guard let written = try? OperationCoding.decode(line), written.payload.entry != nil else { continue }
            if let stored = try operation(written.id), stored.payload != written.payload { return true }
        }
        return false
    }

    /// Writes this replica's ops not yet in its folder as one new segment.
    private func writeSegment(of replica: ReplicaID, into folder: String) throws -> Int {
        let own = (folder as NSString).appendingPathComponent(replica.rawValue)
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        let written = try Segment.all(in: own).map(\.last).max() ?? 0
        let held = try versionVector()[replica]
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

    /// The segments in `folder`, in seq order; other files are ignored.
    static func all(in folder: String) throws -> [Segment] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.compactMap { name -> Segment? in
            guard name.hasSuffix(".bundle") else { return nil }
            let parts = name.dropLast(".bundle".count).split(separator: "-")
            guard parts.count == 2, let first = Int64(parts[0]), let last = Int64(parts[1]), first <= last else {
                return nil
            }
            return Segment(path: (folder as NSString).appendingPathComponent(name), first: first, last: last)
        }.sorted { $0.first < $1.first }
    }
}
