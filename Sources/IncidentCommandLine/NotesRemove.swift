import ArgumentParser
import IncidentStore

/// `incident notes rm N`: removes line N, for everyone once synced. Its text stays in
/// the ops every replica holds; `notes redact N` is what blanks it.
struct NotesRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove line N of the notes.", discussion: "Example: incident notes rm 3")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The line's number, as `incident notes` prints it.")
    var number: Int

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.removeNote(number, of: incident)
        Output.say(
            "removed note line \(number); its text stays in the history on every replica: "
                + "`incident notes redact --removed N` blanks a secret (`incident notes --removed` numbers them)")
    }
}
