import IncidentCore

/// Told how far a sync has got: ops handled so far, and how many are expected
/// (0 when unknown). Called after each batch, never per op.
public typealias SyncProgress = (_ done: Int, _ expected: Int) -> Void

/// The text of a progress bar, for a terminal.
public enum ProgressLine {
    /// `hub [##########----------] 5000/10000 ops`, or `hub 5000 ops` when nothing is expected.
    public static func render(label: String, done: Int, expected: Int, width: Int = 24) -> String {
        guard expected > 0 else { return "\(label) \(done) ops" }
        let filled = min(width, done * width / expected)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        return "\(label) [\(bar)] \(min(done, expected))/\(expected) ops"
    }

    /// How many ops `source` holds that `held` lacks (at most `Int.max`: a peer's vector
    /// can claim anything).
    public static func expected(from source: VersionVector, into held: VersionVector) -> Int {
        source.seqs.reduce(0) { total, entry in
            let lacking = max(0, entry.value - max(0, held[entry.key]))
            let (sum, overflow) = total.addingReportingOverflow(Int(lacking))
            return overflow ? .max : sum
        }
    }
}
