import Foundation

/// How many seeds the merge properties run: `default` in every test run, or
/// `INCIDENT_PROPERTY_SEEDS` for a long run outside CI (README, "How replicas merge").
public enum PropertySeeds {
    public static func range(default count: Int) -> Range<UInt64> {
        let given = ProcessInfo.processInfo.environment["INCIDENT_PROPERTY_SEEDS"].flatMap(Int.init)
        return 0..<UInt64(max(1, given ?? count))
    }
}
