import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore

/// `incident import FILE`: a scratchpad file onto the timeline, idempotently.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a scratchpad file (lines like `14:02 text`) onto the timeline; safe to repeat.",
        discussion: """
            Times at a line's start: 14:02, [14:02], 2026-11-28 14:02, 6pm, 11:27 PM, 2017/01/31 6pm, Slack's \
            [11:27 PM] name: text, ~10pm or 10pm-ish (the text keeps the hedge), each with a zone after it if \
            you like (UTC, +02:00, Europe/Berlin), which holds for the times after it. Lines before the first \
            time take it. `# ` starts a comment.

            Example: incident import ~/notes/outage.txt --dry-run
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The scratchpad file ('-' for standard input).")
    var file: String

    @Flag(name: .long, help: "Import more than \(Self.askAbove) lines without asking (needed without a terminal).")
    var yes = false

    @Flag(name: .long, help: "Print each line as it would land (date, time, text) and write nothing.")
    var dryRun = false

    /// Above this many lines, `import` asks first: an entry cannot be taken back once it
    /// has synced, and the wrong file (a whole log) would reach every replica.
    static let askAbove = 5_000

    func run() throws {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw CommandError(description: "cannot read '\(file)': check the path and its permissions")
            }
            data = contents
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else {
            throw CommandError(
                description: "'\(file)' is not a text file (it holds NUL bytes or is not UTF-8): nothing was imported; "
                    + "a scratchpad is plain lines like `14:02 text`")
        }
        if dryRun {
            let replica = try global.openForReading()
            let reading = try replica.readScratchpad(
                text, for: try replica.resolveIncident(target.incident), in: .current)
            var out = Lines()
            for line in reading.lines {
                out.write("\(Output.dateTime(line.at))  \(line.text)")
                out.endLine()
            }
            out.flush()
            Output.warnOfUnreadTimes(reading.linesWithUnreadTimes)
            Output.say(
                "would import \(reading.lines.count) \(reading.lines.count == 1 ? "line" : "lines"); "
                    + "nothing was written"
                    + (reading.passedOver.isEmpty
                        ? "" : "; \(Output.passedOver(reading.passedOver, comments: .hashThenSpace))"))
            return
        }
        let lines = Scratchpad.entryLineCount(text, comments: .hashThenSpace)
        if lines > Self.askAbove, !yes {
            guard isatty(STDIN_FILENO) == 1, file != "-" else {
                throw CommandError(
                    description: "'\(file)' would add up to \(lines) entries, which would reach every replica: "
                        + "check it is the right file, then run again with --yes")
            }
            FileHandle.standardError.write(Data("import up to \(lines) entries from '\(file)'? [y/N] ".utf8))
            guard readLine()?.lowercased().hasPrefix("y") == true else {
                throw CommandError(description: "nothing was imported")
            }
        }
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let report = try replica.importScratchpad(text, into: incident, in: .current)
        Output.warnOfUnreadTimes(report.unreadTimes)
        Output.say(
            "imported \(report.added) \(report.added == 1 ? "entry" : "entries"), "
                + "\(report.alreadyPresent) already present"
                + (report.passedOver.isEmpty
                    ? "" : "; \(Output.passedOver(report.passedOver, comments: .hashThenSpace))"))
    }
}
