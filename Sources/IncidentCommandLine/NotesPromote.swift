import ArgumentParser
import IncidentStore

/// `incident notes promote N`: line N becomes a timeline entry, once, with its author and time.
struct NotesPromote: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote", abstract: "Put line N of the notes on the timeline, with its author and time.",
        discussion: """
            Two people promoting the same line make one entry, also once their replicas sync.

            Example: incident notes promote 2
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The line's number, as `incident notes` prints it.")
    var number: Int

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let entry = try replica.promoteNote(number, of: incident)
        Output.say("note line \(number) is on the timeline as entry \(entry.rawValue.prefix(6))")
    }
}
