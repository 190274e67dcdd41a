import ArgumentParser
import IncidentStore

/// `incident edit ENTRY TEXT`: replaces a timeline entry's text.
struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Replace a timeline entry's text (ENTRY: an id prefix from `incident show`).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The entry: a unique prefix of its id.")
    var entry: String

    @Argument(help: "The new text.")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.editEntry(
            replica.resolveEntry(entry, in: incident), text: text.joined(separator: " "), of: incident)
        Output.say("edited \(entry)")
    }
}
