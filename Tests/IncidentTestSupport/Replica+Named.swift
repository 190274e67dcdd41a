import IncidentStore

extension Replica {
    /// A new in-memory replica named `name`, on `clock` when given (else the system's).
    public static func named(_ name: String, clock: ManualClock? = nil) throws -> Replica {
        let replica = try clock.map { try Replica.inMemory(now: $0.source()) } ?? Replica.inMemory()
        try replica.initialize(name: name)
        return replica
    }
}
