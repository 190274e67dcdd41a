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
    /// The shared notes in order, removed lines left out; `nil` in listings.
    public var notes: [NoteLine]?
    /// Everyone who wrote to the incident, by name; `nil` in listings.
    public var people: [String]?
    /// Every alarm anyone silenced, silenced still or enabled again, by name.
    public var alarms: [Alarm] = []
    /// In the order they were added.
    public var links: [Link] = []
    /// In the order they were added.
    public var actions: [ActionItem] = []
    public var postmortem = Postmortem()

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
