import IncidentCore
import Testing

/// Spans of time, the update cadence and the Markdown report.
@Suite struct RunbookReportTests {
    @Test func spansReadAsPeopleTypeThem() throws {
        #expect(try TimeSpan.milliseconds(parsing: "30m") == 1_800_000)
        #expect(try TimeSpan.milliseconds(parsing: "1h30m") == 5_400_000)
        #expect(try TimeSpan.milliseconds(parsing: "2 hours") == 7_200_000)
        #expect(try TimeSpan.milliseconds(parsing: "1d") == 86_400_000)
        for bad in ["", "30", "m", "0m", "2x", "1h 30", "999999h"] {
            #expect(throws: CoreError.badDuration(bad)) { try TimeSpan.milliseconds(parsing: bad) }
        }
        #expect(TimeSpan.words(milliseconds: 7_500_000) == "2h 5m")
        #expect(TimeSpan.words(milliseconds: 30_000) == "<1m")
        #expect(TimeSpan.words(milliseconds: 90_000_000) == "1d 1h")
    }

    static let hour: Int64 = 3_600_000

    static func incident(severity: Int, startedAt: Int64 = 0) -> Incident {
        Incident(
            id: .derived(from: "incident"), title: "search down", severity: Severity(rawValue: severity)!,
            status: .investigating, lead: "alice", mitigation: nil, solution: nil, startedAt: startedAt,
            reportedBy: "bob", conflicts: [], timeline: [])
    }

    @Test func updatesAreDueHourlyForSeverityOneAndDailyOtherwise() {
        let urgent = UpdateCadence(incident: Self.incident(severity: 1), lastUpdate: 10 * Self.hour)
        #expect(urgent.dueAt == 11 * Self.hour)
        #expect(urgent.overdue(at: 13 * Self.hour) == 2 * Self.hour)
        #expect(urgent.overdue(at: 11 * Self.hour) == nil)
        let minor = UpdateCadence(incident: Self.incident(severity: 3, startedAt: 5 * Self.hour), lastUpdate: nil)
        #expect(minor.dueAt == 29 * Self.hour)
        #expect(minor.overdue(at: 28 * Self.hour) == nil)
    }

    @Test func theReportOfAReviewedIncidentEndsWithAPostmortemDraft() {
        var incident = Self.incident(severity: 1)
        incident.status = .reviewed
        incident.timeline = [
            TimelineEntry(
                id: .derived(from: "e"), at: Self.hour, author: "bob", kind: .event, text: "alert fired",
                redacted: false)
        ]
        incident.postmortem = Postmortem(summary: "a bad deploy", whys: ["no canary", nil, nil, nil, nil])
        incident.actions = [
            ActionItem(
                id: .derived(from: "a"), text: "add a canary", owner: "carol", done: false, author: "alice",
                added: HybridTimestamp(
                    wall: 0, counter: 0, replica: ReplicaID(rawValue: String(repeating: "a", count: 32))!))
        ]
        let text = MarkdownReport(incident: incident, time: { "t\($0 / Self.hour)" }, zone: "UTC").text
        #expect(text.contains("## Timeline (UTC)\n\n- **t1** bob: alert fired\n"))
        #expect(text.contains("### Summary\n\na bad deploy\n"))
        #expect(text.contains("1. Why? no canary\n2. Why?\n3. Why?\n4. Why?\n5. Why?\n"))
        #expect(text.contains("### Action items\n\n- [ ] add a canary (carol)\n"))
        incident.status = .resolved
        #expect(!MarkdownReport(incident: incident, time: { _ in "" }, zone: "UTC").text.contains("Postmortem"))
    }
}
