import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident show [ID] [--json]`: the incident, its conflicts and its timeline.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show an incident and its timeline.",
        discussion: "Example: incident show 3f2a1b --utc")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The incident (a unique id prefix); default: the current one.")
    var id: String?

    @OptionGroup var target: IncidentOption

    @Flag(name: .long, help: "Times in UTC (default: this machine's time zone, named in the header).")
    var utc = false

    func validate() throws {
        if let id, let other = target.incident, id != other {
            throw ValidationError("give the incident once: as ID or as -i ID")
        }
    }

    @Flag(name: .long, help: "One JSON object, the same bytes on every replica that holds the same ops.")
    var json = false

    /// What to type to settle a conflict on a field `incident set` does not take.
    private static let settlingCommand = [
        "status": "incident status STATUS",
        "mitigation": "incident status stabilized -m TEXT",
        "solution": "incident status resolved -m TEXT",
        "summary": "incident review summary TEXT",
        "why1": "incident review why --number 1 TEXT",
        "why2": "incident review why --number 2 TEXT",
        "why3": "incident review why --number 3 TEXT",
        "why4": "incident review why --number 4 TEXT",
        "why5": "incident review why --number 5 TEXT",
    ]

    /// An ISO 8601 time (an entry's time in a conflict) as `show` writes times.
    private static func localTime(_ iso: String, in calendar: inout LocalCalendar) -> String {
        guard case .instant(let milliseconds) = WrittenTime(iso) else { return iso }
        var line = Lines()
        line.writeDateTime(calendar.fields(milliseconds))
        return line.text
    }

    func run() throws {
        let replica = try global.openForReading()
        let id = try replica.resolveIncident(self.id ?? target.incident)
        if json {
            var lines = Lines()
            try replica.readIncident(id) { incident, forEachEntry in
                try incident.writeJSON(to: { lines.appendPart($0) }, timeline: forEachEntry)
            }
            lines.append("")
            lines.flush()
            return
        }
        let short = try replica.shortIncidentIDs().prefix(ofHex: id.rawValue)
        let shortEntries = try replica.shortEntryIDs(of: id)
        var calendar = LocalCalendar(utc: utc)
        var lines = Lines()
        let now = replica.now()
        try replica.readIncident(id) { incident, forEachEntry in
            lines.append("\(short)  \(incident.title)")
            var facts = ["\(incident.severity)", incident.status.rawValue]
            if let lead = incident.lead { facts.append("lead \(lead)") }
            lines.write(facts.joined(separator: " · ") + " · reported by \(incident.reportedBy), ")
            lines.writeDateTime(calendar.fields(incident.startedAt))
            if incident.startedAt > now + HealthReport.aheadThreshold { lines.write(" [stamped ahead of this clock]") }
            lines.write(" · times in \(calendar.zoneName(at: incident.startedAt))")
            lines.endLine()
            if let people = incident.people, !people.isEmpty {
                lines.append("people: \(people.joined(separator: ", "))")
            }
            if let mitigation = incident.mitigation { lines.append("mitigation: \(mitigation)") }
            if let solution = incident.solution { lines.append("solution: \(solution)") }
            for conflict in incident.conflicts {
                let isTime = conflict.entry != nil && conflict.field == "at"
                let values = conflict.candidates.map { candidate -> String in
                    let value = isTime ? Self.localTime(candidate.value, in: &calendar) : candidate.value
                    return "'\(value)' (\(candidate.author))"
                }.joined(separator: " vs ")
                let what = conflict.entry.map { "entry \($0.rawValue.prefix(6)) \(isTime ? "time" : "text")" }
                let settle =
                    conflict.entry.map { "incident edit \($0.rawValue.prefix(6)) \(isTime ? "--at TIME" : "TEXT")" }
                    ?? Self.settlingCommand[conflict.field] ?? "incident set \(conflict.field) VALUE"
                lines.append("CONFLICT \(what ?? conflict.field): \(values); `\(settle)` settles it")
            }
            var day: LocalCalendar.Fields?
            try forEachEntry { entry in
                let time = calendar.fields(entry.at)
                if day.map({ !$0.isSameDay(as: time) }) ?? true {
                    lines.write("── ")
                    lines.writeDay(time)
                    lines.endLine()
                    day = time
                }
                lines.writeClock(time)
                lines.write("  ")
                let id = entry.id.rawValue
                lines.write(id, prefix: shortEntries.length(ofHex: id))
                lines.write("  ")
                lines.write(entry.kind.rawValue, paddedTo: 6)
                lines.write("  ")
                lines.write(entry.author)
                lines.write(": ")
                lines.write(entry.redacted ? "[redacted]" : entry.text)
                if entry.at > now + HealthReport.aheadThreshold {
                    lines.write("  [stamped \(TimeSpan.words(milliseconds: entry.at - now)) ahead of this clock]")
                }
                lines.endLine()
            }
            Self.writeLists(of: incident, to: &lines, now: now)
        }
        lines.flush()
    }

    /// The runbook's lists after the timeline, each under a heading, those that are empty left out.
    private static func writeLists(of incident: Incident, to lines: inout Lines, now: Int64) {
        if let notes = incident.notes, !notes.isEmpty {
            lines.append("── notes")
            for (index, line) in notes.enumerated() { lines.append("\(index + 1)  \(line.text)  (\(line.author))") }
        }
        if !incident.alarms.isEmpty {
            lines.append("── alarms")
            for alarm in incident.alarms { lines.append("\(alarm.name)  \(AlarmList.state(of: alarm, at: now))") }
        }
        if !incident.links.isEmpty {
            lines.append("── links")
            for (index, link) in incident.links.enumerated() {
                lines.append("\(index + 1)  \(link.kind.rawValue)  \(link.url)")
            }
        }
        if !incident.actions.isEmpty {
            lines.append("── action items")
            for (index, action) in incident.actions.enumerated() {
                lines.append(ActionList.line(action, number: index + 1))
            }
        }
        let postmortem = incident.postmortem
        if postmortem.summary != nil || postmortem.whys.contains(where: { $0 != nil }) {
            lines.append("── postmortem")
            if let summary = postmortem.summary { lines.append("summary: \(summary)") }
            for (index, why) in postmortem.whys.enumerated() {
                if let why { lines.append("why \(index + 1): \(why)") }
            }
        }
    }
}
