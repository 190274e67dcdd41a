import Foundation
import IncidentCore
import IncidentStore

/// A shared folder can hold another history of a replica than the one held here: a copy
/// of that replica's file (a restored backup, a cloned machine) wrote segments whose seqs
/// this replica holds already, under other ops. Such a segment is never read for what it
/// adds, as its name says nothing new, so each segment of other writers whose seqs are
/// held is looked at once: its last op, read from the end of the file, against the op held
/// under that seq. Where they differ, the segment is applied whole, and the two histories
/// settle as every path settles them (`HistoryMove`).
extension Replica {
    /// Looks at the segments of `contents` not looked at before whose seqs this replica,
    /// holding `vector`, holds (its own subfolder's too: a copy of it may have written
    /// there), and applies those whose last op is not the one held here.
    func lookForOtherHistories(
        in contents: FolderContents, holding vector: VersionVector, into report: inout SyncReport
    )
        throws
    {
        let held = contents.segmentsHeld(within: vector)
        guard !held.isEmpty else { return }
        let seen = try lookedAt(held.map(\.segment.path))
        var looked: [String] = []
        for (origin, segment) in held where !seen.contains(segment.path) {
            guard let last = SegmentTail.lastOperation(at: segment.path) else { continue }
            looked.append(segment.path)
            guard last.id.replica == origin, last.id.seq == segment.last, try operation(last.id)?.hlc != last.hlc
            else { continue }
            try applySegment(at: segment.path, into: &report)
        }
        try noteLookedAt(looked)
    }
}

extension FolderContents {
    /// The segments of every origin whose seqs a replica holding `vector` holds, by their
    /// names.
    func segmentsHeld(within vector: VersionVector) -> [(origin: ReplicaID, segment: Segment)] {
        segments.keys.sorted().flatMap { origin in
            (segments[origin] ?? []).filter { $0.last <= vector[origin] }.map { (origin, $0) }
        }
    }
}

/// The end of a segment file, read without reading the whole file.
enum SegmentTail {
    /// The longest stretch read from the end of a segment to find its last op: an op at
    /// the largest text, escaped, fits.
    static let bytes = 4 << 20

    /// The last op of the segment at `path`, read from the file's end (only a regular file,
    /// never through a link), or `nil` when the tail is not an op then a trailer.
    static func lastOperation(at path: String) -> Operation? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(status.st_size)
        let start = max(0, size - bytes)
        var tail = [UInt8](repeating: 0, count: size - start)
        let count = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
        guard count == tail.count else { return nil }
        var lines = tail.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count >= 2, let trailer = lines.popLast(), BundleFormat.trailer(of: Data(trailer)) != nil,
            let last = lines.popLast(), start == 0 || !lines.isEmpty
        else { return nil }
        return try? OperationCoding.decode(Array(last))
    }
}
