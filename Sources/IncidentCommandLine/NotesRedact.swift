import ArgumentParser
import Foundation
import IncidentStore

/// `incident notes redact N [--yes]`: blanks line N (a secret pasted in) here and on every
/// replica the redaction reaches, with the guarantees of `incident redact`.
///
/// A redaction cannot be undone, so it shows the line and asks first on a terminal, and
/// needs `--yes` anywhere else.
struct NotesRedact: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Redact line N of the notes (a secret pasted by mistake): blanked here and wherever it syncs.",
        discussion: "Example: incident notes redact 3")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The line's number, as `incident notes` prints it.")
    var number: Int

    @Flag(name: .long, help: "N counts the removed lines, as `incident notes --removed` prints them.")
    var removed = false

    @Flag(name: .shortAndLong, help: "Do not ask: the redaction cannot be undone.")
    var yes = false

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw CommandError(description: "a redaction cannot be undone: run it again with --yes")
            }
            let lines = try replica.notes(of: incident, removed: removed)
            guard lines.indices.contains(number - 1) else {
                throw StoreError.noSuchItem(.note, number: number, count: lines.count)
            }
            Output.warn("redact note line \(number): \(lines[number - 1].text)")
            FileHandle.standardError.write(Data("for good, on every replica? [y/N] ".utf8))
            guard readLine()?.lowercased().hasPrefix("y") == true else {
                throw CommandError(description: "nothing redacted")
            }
        }
        try replica.redactNote(number, removed: removed, of: incident)
        Output.say("redacted \(removed ? "removed " : "")note line \(number)")
    }
}
