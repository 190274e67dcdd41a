/// Where an incident stands in the runbook, in the order the runbook walks it.
public enum IncidentStatus: String, CaseIterable, Codable, Sendable {
    case reported
    case stabilized
    case investigating
    case resolved
    case reviewed

    /// Parses a status name, or throws `CoreError.badStatus`.
    public init(parsing text: String) throws(CoreError) {
        guard let status = IncidentStatus(rawValue: text.lowercased()) else { throw .badStatus(text) }
        self = status
    }

    /// Whether the incident still needs attention (not yet resolved).
    public var isOpen: Bool {
        switch self {
        case .reported, .stabilized, .investigating: return true
        case .resolved, .reviewed: return false
        }
    }

    /// The field the runbook wants summarized when entering this status (`-m`), if any.
    public var requiredSummary: IncidentField? {
        switch self {
        case .stabilized: return .mitigation
        case .resolved: return .solution
        case .reported, .investigating, .reviewed: return nil
        }
    }
}
