import ArgumentParser
import IncidentStore

/// `incident edit ENTRY TEXT`: replaces a timeline entry's text.
struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Replace a timeline entry's text (ENTRY: an id prefix from `incident show`).",
        discussion: "Example: incident edit 9c41d2 api 5xx at 60%, not 40%")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The entry: a unique prefix of its id.")
    var entry: String

    @Argument(help: "The new text.")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let resolved = try replica.resolveEntry(entry, in: incident)
        guard try !replica.isRedacted(resolved, of: incident) else { throw StoreError.entryRedacted(resolved.rawValue) }
        try replica.editEntry(resolved, text: text.joined(separator: " "), of: incident)
        Output.say("edited \(entry)")
    }
}
