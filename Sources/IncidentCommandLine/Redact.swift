import ArgumentParser
import Foundation
import IncidentStore

/// `incident redact ENTRY [--yes]`: blanks an entry here and on every replica the redaction reaches.
///
/// A redaction cannot be undone, so it names the entry and asks first on a terminal,
/// and needs `--yes` anywhere else.
struct Redact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Redact a timeline entry (a secret pasted by mistake): blanked here and wherever it syncs.",
        discussion: "Example: incident redact 9c41d2")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The entry: a unique prefix of its id.")
    var entry: String

    @Flag(name: .shortAndLong, help: "Do not ask: the redaction cannot be undone.")
    var yes = false

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let id = try replica.resolveEntry(entry, in: incident)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommandError(description: "a redaction cannot be undone: run it again with --yes")
            }
            let shown = try replica.incident(incident).timeline?.first { $0.id == id }
            let text = shown.map { "\(Output.dateTime($0.at))  \($0.author): \($0.text)" } ?? entry
            Output.warn("redact \(text)")
            FileHandle.standardError.write(Data("for good, on every replica? [y/N] ".utf8))
            guard readLine()?.lowercased().hasPrefix("y") == true else {
                throw CommandError(description: "nothing redacted")
            }
        }
        try replica.redactEntry(id, of: incident)
        Output.say("redacted \(entry)")
    }
}
