import ArgumentParser
import Foundation
import IncidentStore

/// `incident notes edit`: the notes in `$VISUAL`/`$EDITOR`; what changed is recorded line by line.
struct NotesEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Edit the notes in $VISUAL or $EDITOR; changed lines are recorded as edits.",
        discussion: """
            Lines kept stay as they are (and where others may be editing), lines changed are \
            edits, the rest are added or removed. Nothing is written when the file is unchanged \
            or the editor fails.

            Example: EDITOR=nano incident notes edit
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let base = try replica.notes(of: incident)
        let before = base.map(\.text)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("incident-notes-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let original = before.map { $0 + "\n" }.joined()
        guard FileManager.default.createFile(atPath: file.path, contents: Data(original.utf8)) else {
            throw CommandError(description: "cannot write the notes to '\(file.path)' for the editor")
        }
        try Self.runEditor(on: file.path)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw CommandError(description: "the editor left no file at '\(file.path)': nothing was written")
        }
        let edited = String(decoding: data, as: UTF8.self)
        let texts = edited.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
        // Lines others added while the editor was open are left as they are.
        let change = try replica.editNotes(of: incident, from: base, to: texts)
        guard !change.isEmpty else {
            Output.say("notes unchanged")
            return
        }
        Output.say("notes: \(change.inserted) added, \(change.edited) edited, \(change.removed) removed")
    }

    /// Runs `$VISUAL`, else `$EDITOR`, else `vi` (saying so, and only on a terminal),
    /// through the shell (so `EDITOR="code -w"` works) on the terminal.
    ///
    /// - Throws: `CommandError` when it cannot start or exits with a failure.
    static func runEditor(on path: String) throws {
        let environment = ProcessInfo.processInfo.environment
        let chosen = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        if chosen == nil {
            // vi with nowhere to type would wait for ever, or wreck a pipe.
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw CommandError(
                    description: "no editor is set ($VISUAL or $EDITOR) and there is no terminal to start vi on: "
                        + "set EDITOR, or change lines with `incident notes add`, `notes rm` and `notes redact`; "
                        + "nothing was written")
            }
            Output.warn("no $VISUAL or $EDITOR set: starting vi (set EDITOR=nano, say, for another)")
        }
        let editor = chosen ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", path]
        do {
            try process.run()
        } catch {
            throw CommandError(description: "cannot start the editor '\(editor)': set $EDITOR; nothing was written")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandError(
                description: "the editor '\(editor)' failed (exit \(process.terminationStatus)): nothing was written")
        }
    }
}
