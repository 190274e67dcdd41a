import ArgumentParser
import IncidentStore

/// `incident notes add TEXT [--after N]`: a line at the end, or after line N.
struct NotesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a line to the notes: at the end, or after line N.",
        discussion: """
            Examples:
              incident notes add cloudflare shows a spike from one ASN
              incident notes add --after 0 "read this first: staging is fine"
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Option(name: .long, help: "Put it after line N (0: at the top); default: at the end.")
    var after: Int?

    @Argument(help: "The line (no quotes needed).")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let number = try replica.addNote(text.joined(separator: " "), after: after, to: incident)
        Output.say("note line \(number)")
    }
}
