import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident notes [list]`: the lines, numbered from 1 as the other subcommands take them.
struct NotesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print the notes, numbered from 1.",
        discussion: "Example: incident notes -i 3f2a1b")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Flag(name: .long, help: "The removed lines instead, numbered as `notes redact --removed N` takes them.")
    var removed = false

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.resolveIncident(target.incident)
        let lines = try replica.notes(of: incident, removed: removed)
        guard !lines.isEmpty else {
            Output.warn(removed ? "no note line removed" : "no notes yet: `incident notes add TEXT` adds one")
            return
        }
        let width = String(lines.count).count
        let onTimeline = try replica.promoted(lines, in: incident)
        for (index, line) in lines.enumerated() {
            let number = String(index + 1)
            let promoted = onTimeline.contains(line.id) ? " · on the timeline" : ""
            Output.say(
                String(repeating: " ", count: width - number.count) + number
                    + "  \(line.text.isEmpty ? "[redacted]" : line.text)"
                    + "  (\(line.author), \(Output.dateTimeIfNotToday(line.at))\(promoted))")
        }
    }
}
