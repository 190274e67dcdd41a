import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident show [ID] [--json]`: the incident, its conflicts and its timeline.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an incident and its timeline.")

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
    ]

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
        try replica.readIncident(id) { incident, forEachEntry in
            lines.append("\(short)  \(incident.title)")
            var facts = ["\(incident.severity)", incident.status.rawValue]
            if let lead = incident.lead { facts.append("lead \(lead)") }
            lines.write(facts.joined(separator: " · ") + " · reported by \(incident.reportedBy), ")
            lines.writeDateTime(calendar.fields(incident.startedAt))
            lines.write(" · times in \(calendar.zoneName(at: incident.startedAt))")
            lines.endLine()
            if let mitigation = incident.mitigation { lines.append("mitigation: \(mitigation)") }
            if let solution = incident.solution { lines.append("solution: \(solution)") }
            for conflict in incident.conflicts {
                let values = conflict.candidates.map { "'\($0.value)' (\($0.author))" }.joined(separator: " vs ")
                let what = conflict.entry.map { "entry \($0.rawValue.prefix(6)) text" } ?? conflict.field
                let settle =
                    conflict.entry.map { "incident edit \($0.rawValue.prefix(6)) TEXT" }
                    ?? Self.settlingCommand[conflict.field] ?? "incident set \(conflict.field) VALUE"
                lines.append("CONFLICT \(what): \(values); `\(settle)` settles it")
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
                lines.endLine()
            }
        }
        lines.flush()
    }
}
