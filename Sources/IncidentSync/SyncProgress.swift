import IncidentCore

/// Told how far a sync has got: ops handled so far, and how many are expected
/// (0 when unknown). Called after each batch, never per op.
public typealias SyncProgress = (_ done: Int, _ expected: Int) -> Void

/// What a progress report expects.
public enum ProgressLine {
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
