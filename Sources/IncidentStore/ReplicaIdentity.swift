import IncidentCore

/// Who this replica is: its id, made once, and the maintainer's display name.
public struct ReplicaIdentity: Hashable, Sendable {
    public var id: ReplicaID
    /// The author of this replica's operations.
    public var name: String

    public init(id: ReplicaID, name: String) {
        self.id = id
        self.name = name
    }
}
