import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident export [ID] [--format markdown|json]`: a report to post, or `show --json`.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the incident as a Markdown report to post as is, or as JSON.",
        discussion: """
            After `incident status reviewed`, the report ends with a postmortem draft: the \
            summary, the 5 whys (blank where not answered) and the action items.

            Examples:
              incident export > report.md
              incident export 3f2a1b --format json | jq .timeline
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown
        case json
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The incident (a unique id prefix); default: the current one.")
    var id: String?

    @OptionGroup var target: IncidentOption

    @Option(name: .long, help: "markdown (default) or json (the same as `incident show --json`).")
    var format: Format = .markdown

    @Flag(name: .long, help: "Times in UTC (default: this machine's time zone, named in the report).")
    var utc = false

    func validate() throws {
        if let id, let other = target.incident, id != other {
            throw ValidationError("give the incident once: as ID or as -i ID")
        }
    }

    func run() throws {
        let replica = try global.openForReading()
        let id = try replica.resolveIncident(self.id ?? target.incident)
        var lines = Lines()
        switch format {
        case .json:
            try replica.readIncident(id) { incident, forEachEntry in
                try incident.writeJSON(to: { lines.appendPart($0) }, timeline: forEachEntry)
            }
            lines.append("")
        case .markdown:
            let incident = try replica.incident(id)
            var calendar = LocalCalendar(utc: utc)
            let report = MarkdownReport(
                incident: incident,
                time: { milliseconds in
                    var line = Lines()
                    line.writeDateTime(calendar.fields(milliseconds))
                    return line.text
                }, zone: calendar.zoneName(at: incident.startedAt))
            for line in report.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                lines.append(String(line))
            }
        }
        lines.flush()
    }
}
