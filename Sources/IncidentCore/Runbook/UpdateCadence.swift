/// The runbook's update cadence: post an update hourly for a severity 1 incident,
/// daily for severity 2 and 3, counted from the last `update` entry (by event time),
/// or from the incident's start when it has none.
public struct UpdateCadence: Hashable, Sendable {
    /// How often an update is due for `severity`, in milliseconds.
    public static func interval(for severity: Severity) -> Int64 {
        severity.rawValue == 1 ? 3_600_000 : 86_400_000
    }

    public var incident: Incident
    /// The event time of the last `update` entry; `nil` when there is none.
    public var lastUpdate: Int64?

    public init(incident: Incident, lastUpdate: Int64?) {
        self.incident = incident
        self.lastUpdate = lastUpdate
    }

    /// When the next update is due, in milliseconds since 1970 UTC.
    public var dueAt: Int64 {
        let (sum, overflow) = (lastUpdate ?? incident.startedAt).addingReportingOverflow(
            Self.interval(for: incident.severity))
        return overflow ? .max : sum
    }

    /// How long past due the update is at `now`; `nil` when it is not due yet.
    public func overdue(at now: Int64) -> Int64? {
        now > dueAt ? TimeSpan.difference(from: dueAt, to: now) : nil
    }

    /// One line of JSON for `due --json`: keys sorted, times ISO 8601 UTC.
    public func json(at now: Int64) -> String {
        var writer = JSONWriter()
        writer.escapingEveryControl = true
        writer.beginObject()
        writer.key("dueAt")
        writer.string(ISOTime.format(milliseconds: dueAt))
        writer.key("id")
        writer.string(incident.id.rawValue)
        writer.key("lastUpdate")
        writer.string(lastUpdate.map { ISOTime.format(milliseconds: $0) })
        writer.key("overdueSeconds")
        writer.integer((overdue(at: now) ?? 0) / 1000)
        writer.key("severity")
        writer.integer(incident.severity.rawValue)
        writer.key("status")
        writer.string(incident.status.rawValue)
        writer.key("title")
        writer.string(incident.title)
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
