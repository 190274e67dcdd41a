/// An incident as every replica that holds the same operations shows it.
public struct Incident: Hashable, Sendable {
    public var id: IncidentID
    public var title: String
    public var severity: Severity
    public var status: IncidentStatus
    public var lead: String?
    /// The mitigation summary given when the incident was stabilized.
    public var mitigation: String?
    /// The solution summary given when the incident was resolved.
    public var solution: String?
    /// When the incident started, in milliseconds since 1970 UTC.
    public var startedAt: Int64
    /// Who recorded it.
    public var reportedBy: String
    public var conflicts: [FieldConflict]
    /// The timeline in order (event time, then clock, then id); `nil` in listings.
    public var timeline: [TimelineEntry]?

    public init(
        id: IncidentID, title: String, severity: Severity, status: IncidentStatus, lead: String?,
        mitigation: String?, solution: String?, startedAt: Int64, reportedBy: String,
        conflicts: [FieldConflict], timeline: [TimelineEntry]?
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.status = status
        self.lead = lead
        self.mitigation = mitigation
        self.solution = solution
        self.startedAt = startedAt
        self.reportedBy = reportedBy
        self.conflicts = conflicts
        self.timeline = timeline
    }
}

/// The `--json` shape of DESIGN.md: `show` gives every key, `list` leaves out
/// `timeline` and `notes`. No key depends on the replica that prints it, so
/// replicas holding the same operations print the same bytes.
///
/// `notes`, `alarms`, `links` and `actions` are always present; they stay empty
/// arrays until the commands that record them exist.
extension Incident: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, title, severity, status, lead, mitigation, solution, startedAt, reportedBy
        case timeline, notes, alarms, links, actions, conflicts
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(severity, forKey: .severity)
        try container.encode(status, forKey: .status)
        try container.encode(lead, forKey: .lead)
        try container.encode(mitigation, forKey: .mitigation)
        try container.encode(solution, forKey: .solution)
        try container.encode(ISOTime.format(milliseconds: startedAt), forKey: .startedAt)
        try container.encode(reportedBy, forKey: .reportedBy)
        if let timeline {
            try container.encode(timeline, forKey: .timeline)
            try container.encode([String](), forKey: .notes)
        }
        try container.encode([String](), forKey: .alarms)
        try container.encode([String](), forKey: .links)
        try container.encode([String](), forKey: .actions)
        try container.encode(conflicts, forKey: .conflicts)
    }
}
