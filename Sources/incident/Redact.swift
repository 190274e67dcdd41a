import ArgumentParser
import IncidentStore

/// `incident redact ENTRY`: blanks an entry here and on every replica the redaction reaches.
struct Redact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Redact a timeline entry (a secret pasted by mistake): blanked here and wherever it syncs.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The entry: a unique prefix of its id.")
    var entry: String

    func run() throws {
        let replica = try global.openForWriting()
        let incident = try replica.resolveIncident(target.incident)
        try replica.redactEntry(replica.resolveEntry(entry, in: incident), of: incident)
        print("redacted \(entry)")
    }
}
