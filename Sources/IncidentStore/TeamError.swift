import IncidentCore

/// What the team's roster refuses (`TeamRoster`): a change of the roster only a member
/// may make, or one about a replica it does not name.
public enum TeamError: ActionableError, Equatable, Sendable {
    /// This replica belongs to no team yet.
    case noTeam
    /// This replica is not a member of its team (never admitted, or removed).
    case notAMember
    /// The roster names no current member by this id, name or fingerprint.
    case unknownMember(String)
    /// This replica belongs to the team another replica founded (its id, as stored).
    case otherTeam(founder: String)
    /// Two current members go by this name.
    case ambiguousName(String, candidates: [ReplicaID])

    public var description: String {
        switch self {
        case .noTeam:
            return "this replica belongs to no team yet: it founds one with its first admit, "
                + "or joins one on its first sync"
        case .notAMember:
            return "this replica is not a member of its team: only a member changes the roster, "
                + "and a member must admit this replica's fingerprint first"
        case .otherTeam(let founder):
            let named = ReplicaID(rawValue: founder).map { KeyFingerprint(replicaID: $0).description } ?? founder
            return "this replica belongs to the team founded by \(named.visibleOnTerminal) already: "
                + "a replica file is in one team; make a new one for another"
        case .unknownMember(let member):
            return "no current member of the team is '\(member.visibleOnTerminal)'"
        case .ambiguousName(let name, let candidates):
            let fingerprints = candidates.map { KeyFingerprint(replicaID: $0).description }
            return "more than one member is named '\(name.visibleOnTerminal)': give the fingerprint instead ("
                + fingerprints.joined(separator: ", ") + ")"
        }
    }
}
