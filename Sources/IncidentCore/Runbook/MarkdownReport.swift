/// The incident as a Markdown report a maintainer can post as is (`incident export
/// --format markdown`): title, severity, status, lead, people, the timeline with its
/// times and their zone, mitigation, solution, links, alarms still silenced; once
/// `reviewed`, a postmortem draft follows: summary, the 5 whys (blank where not
/// answered) and the action items.
///
/// Every text in it came from a person, maybe on another replica, so each is written
/// through `MarkdownText`: it stays inside its item and reads as the text it is, and a
/// link is a link only when it is http(s).
public struct MarkdownReport {
    public var incident: Incident
    /// Formats an instant (milliseconds since 1970 UTC) as people read it: `2026-11-28 14:02`.
    public var time: (Int64) -> String
    /// The zone `time` writes in: `UTC`, `CET (UTC+01:00)`.
    public var zone: String

    /// - Parameter incident: with its timeline, notes and people (as `Replica.incident(_:)` reads it).
    public init(incident: Incident, time: @escaping (Int64) -> String, zone: String) {
        self.incident = incident
        self.time = time
        self.zone = zone
    }

    public var text: String {
        var lines: [String] = []
        lines.append("# \(MarkdownText.line(incident.title))")
        lines.append("")
        lines.append("- **Severity:** \(incident.severity.rawValue)")
        lines.append("- **Status:** \(incident.status.rawValue)")
        lines.append("- **Lead:** \(incident.lead.map(MarkdownText.line) ?? "none named")")
        lines.append(
            "- **Reported by:** \(MarkdownText.line(incident.reportedBy)), \(time(incident.startedAt)) \(zone)")
        if let people = incident.people, !people.isEmpty {
            lines.append("- **People:** \(people.map(MarkdownText.line).joined(separator: ", "))")
        }
        lines.append("- **Id:** `\(incident.id.rawValue)`")
        if let mitigation = incident.mitigation {
            lines += ["", "## Mitigation", "", MarkdownText.block(mitigation, indent: 0)]
        }
        if let solution = incident.solution {
            lines += ["", "## Solution", "", MarkdownText.block(solution, indent: 0)]
        }
        lines += ["", "## Timeline (\(zone))", ""]
        let timeline = incident.timeline ?? []
        if timeline.isEmpty { lines.append("Nothing recorded yet.") }
        for entry in timeline {
            let text = entry.redacted ? "*\\[redacted\\]*" : MarkdownText.block(entry.text, indent: 2)
            let kind = entry.kind == .update ? " (update)" : ""
            lines.append("- **\(time(entry.at))** \(MarkdownText.line(entry.author))\(kind): \(text)")
        }
        let silenced = incident.alarms.filter(\.silenced)
        if !silenced.isEmpty {
            lines += ["", "## Alarms still silenced", ""]
            for alarm in silenced {
                let until = alarm.until.map { ", until \(time($0))" } ?? ""
                lines.append(
                    "- \(MarkdownText.line(alarm.name)) (silenced by \(MarkdownText.line(alarm.author))\(until))")
            }
        }
        if !incident.links.isEmpty {
            lines += ["", "## Links", ""]
            for link in incident.links { lines.append("- \(link.kind.rawValue): \(MarkdownText.link(link.url))") }
        }
        if let notes = incident.notes, !notes.isEmpty {
            lines += ["", "## Notes", ""]
            for line in notes { lines.append("- \(MarkdownText.block(line.text, indent: 2))") }
        }
        if incident.status == .reviewed { lines += postmortem }
        return lines.joined(separator: "\n") + "\n"
    }

    private var postmortem: [String] {
        var lines = [
            "", "## Postmortem", "", "### Summary", "",
            incident.postmortem.summary.map { MarkdownText.block($0, indent: 0) } ?? "Not written yet.", "",
            "### 5 whys", "",
        ]
        for (index, why) in incident.postmortem.whys.enumerated() {
            lines.append("\(index + 1). Why?" + (why.map { " " + MarkdownText.block($0, indent: 3) } ?? ""))
        }
        lines += ["", "### Action items", ""]
        if incident.actions.isEmpty { lines.append("None yet.") }
        for action in incident.actions {
            let owner = action.owner.isEmpty ? "" : " (\(MarkdownText.line(action.owner)))"
            lines.append("- [\(action.done ? "x" : " ")] \(MarkdownText.block(action.text, indent: 2))\(owner)")
        }
        return lines
    }
}
