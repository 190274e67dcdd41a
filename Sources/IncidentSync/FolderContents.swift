import Foundation
import IncidentCore

/// What a sync folder holds, by the names of its segments (hints: what is applied is
/// what the ops inside say they are).
///
/// A replica's subfolder `FOLDER/<id>/` holds its own ops as segments, and the ops of
/// others that it relays, in `FOLDER/<id>/<origin id>/`, named by the origin's seqs. So
/// each replica still writes only its own subfolder, and every op any writer holds
/// reaches the folder: a colleague who syncs only through the folder gets the ops that
/// came to its writers by a bundle or a hub.
struct FolderContents {
    /// Segments by the replica whose ops they hold, each list in seq order.
    private(set) var segments: [ReplicaID: [Segment]] = [:]

    /// Lists the segments of every subfolder named by a replica id, and of each of its
    /// relay folders; links and anything not named as it should be are passed over.
    init(folder: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let writer = ReplicaID(rawValue: name), FileKind.of(path) == .folder else { continue }
            segments[writer, default: []] += Segment.all(in: path)
            for inner in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let relayed = (path as NSString).appendingPathComponent(inner)
                guard let origin = ReplicaID(rawValue: inner), origin != writer, FileKind.of(relayed) == .folder
                else { continue }
                segments[origin, default: []] += Segment.all(in: relayed)
            }
        }
        for origin in segments.keys {
            segments[origin]?.sort { ($0.first, -$0.last) < ($1.first, -$1.last) }
        }
    }

    /// The seq of `origin` up to which the folder's segments, by their names, hold every op.
    func coveredSeq(of origin: ReplicaID) -> Int64 {
        var covered: Int64 = 0
        for segment in segments[origin] ?? [] {
            guard segment.first <= covered + 1 else { break }
            covered = max(covered, segment.last)
        }
        return covered
    }

    /// The segments worth reading for a replica that holds `vector`: for each origin but
    /// `except`, those that reach past what it holds, in seq order (origins in id order).
    func segmentsToRead(beyond vector: VersionVector, except: ReplicaID) -> [(origin: ReplicaID, segment: Segment)] {
        segments.keys.sorted().filter { $0 != except }.flatMap { origin in
            (segments[origin] ?? []).filter { $0.last > vector[origin] }.map { (origin, $0) }
        }
    }
}
