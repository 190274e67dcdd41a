import Foundation
import IncidentCore

/// Version tips (`Replica.versionTips()`) as the HTTP protocol carries them: a JSON
/// object of replica id to clock, in a pull request's body and in the answer's
/// `Incident-Tips` header. What a peer sends is hostile: an entry that is not an id and
/// a clock is passed over, and a header past `maximumHeaderBytes` is not read.
public enum VersionTips {
    /// The answer's header that carries the server's tips.
    public static let headerName = "Incident-Tips"
    /// The longest header read: about 14,000 replicas.
    public static let maximumHeaderBytes = 1 << 20

    /// The tips as the pull request's `tips` object holds them.
    public static func strings(_ tips: [ReplicaID: HybridTimestamp]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: tips.map { ($0.key.rawValue, $0.value.description) })
    }

    /// The tips of a peer's object; entries that are not an id and a clock are left out.
    public static func parse(_ strings: [String: String]) -> [ReplicaID: HybridTimestamp] {
        var tips: [ReplicaID: HybridTimestamp] = [:]
        for (key, value) in strings {
            guard let replica = ReplicaID(rawValue: key), let clock = HybridTimestamp(value), clock.replica == replica
            else { continue }
            tips[replica] = clock
        }
        return tips
    }

    /// The tips as one header value (JSON).
    public static func header(_ tips: [ReplicaID: HybridTimestamp]) -> String {
        let data = (try? JSONEncoder().encode(strings(tips))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The tips in a header value; none when it is missing, too long or not such JSON.
    public static func parse(header: String?) -> [ReplicaID: HybridTimestamp] {
        guard let header, header.utf8.count <= maximumHeaderBytes,
            let strings = try? JSONDecoder().decode([String: String].self, from: Data(header.utf8))
        else { return [:] }
        return parse(strings)
    }
}
