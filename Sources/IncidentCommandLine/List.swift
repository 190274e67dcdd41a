import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore

/// `incident list [--all] [--status S] [--json]`: one incident per line, newest first.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List open incidents, newest first (--all for every one).",
        discussion: "Example: incident list --all --json")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Include resolved and reviewed incidents.")
    var all = false

    @Option(name: .long, help: "Only incidents with this status.")
    var status: String?

    @Flag(name: .long, help: "One JSON object per line.")
    var json = false

    @Flag(name: .long, help: "Times in UTC (default: this machine's time zone).")
    var utc = false

    private var parsedStatus: IncidentStatus?

    mutating func validate() throws {
        try ValidationError.parsing {
            parsedStatus = try status.map { try IncidentStatus(parsing: $0) }
        }
    }

    func run() throws {
        let replica = try global.openForReading()
        var lines = Lines()
        if json {
            try replica.forEachIncident(includeClosed: all, status: parsedStatus) { incident in
                incident.writeListingJSON { lines.appendPart($0) }
                lines.append("")
            }
            lines.flush()
            return
        }
        let short = try replica.shortIncidentIDs()
        var calendar = LocalCalendar(utc: utc)
        var any = false
        try replica.forEachIncident(includeClosed: all, status: parsedStatus) { incident in
            any = true
            let id = incident.id.rawValue
            lines.write(id, prefix: short.length(ofHex: id))
            lines.write("  ")
            lines.write(incident.severity.description)
            lines.write("  ")
            lines.write(incident.status.rawValue, paddedTo: 13)
            lines.write("  ")
            lines.write(incident.title)
            if let lead = incident.lead {
                lines.write("  (lead ")
                lines.write(lead)
                lines.write(")")
            }
            lines.write("  since ")
            lines.writeDateTime(calendar.fields(incident.startedAt))
            if !incident.conflicts.isEmpty { lines.write("  CONFLICT") }
            lines.endLine()
        }
        lines.flush()
        if !any, isatty(STDOUT_FILENO) == 1 {
            Output.say(
                all || parsedStatus != nil
                    ? "no incidents" : "no open incidents (`incident list --all` shows every one)")
        }
    }
}
