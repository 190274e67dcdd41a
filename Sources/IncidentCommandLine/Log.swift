import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore

/// `incident log [TEXT] [--at TIME] [--kind event|update]`: adds timeline entries.
///
/// With no TEXT, reads one entry per standard-input line, each optionally starting
/// with a time (`14:05 paged bob`), and writes them all in one transaction.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Add a timeline entry; with no TEXT, one entry per standard-input line.",
        discussion: "Example: incident log --at 14:05 paged the database team")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "What happened (no quotes needed).")
    var text: [String] = []

    @Option(name: .long, help: "When it happened (14:05, 2026-11-28 14:05, ISO 8601, 10m ago); default now.")
    var at: String?

    @Option(
        name: .long, help: "event (something happened) or update (posted to people).",
        completion: Completions.entryKinds)
    var kind: String = EntryKind.event.rawValue

    private var parsedKind = EntryKind.event
    private var eventTime: Int64?

    mutating func validate() throws {
        try ValidationError.parsing {
            parsedKind = try EntryKind(parsing: kind)
            eventTime = try at.map { try EventTime.parse($0, now: Replica.systemNow(), in: .current) }
        }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        if !text.isEmpty {
            let joined = text.joined(separator: " ")
            if let eventTime {
                try replica.log([NewEntry(at: eventTime, kind: parsedKind, text: joined)], to: incident)
                Output.say("\(Output.dateTimeIfNotToday(eventTime))  \(joined)")
                return
            }
            // Without --at, a leading time is read as on standard input: `log 14:02 api 5xx`.
            let report = try replica.logLines(joined, defaultAt: nil, kind: parsedKind, to: incident, in: .current)
            for entry in report.entries {
                Output.say("\(Output.dateTimeIfNotToday(entry.at))  \(entry.text)")
            }
            if report.entries.isEmpty {
                Output.say("logged 0 entries: \(Output.passedOver(report.passedOver, comments: .none))")
            }
            Output.warnOfUnreadTimes(report.unreadTimes)
            return
        }
        if isatty(STDIN_FILENO) == 1 {
            FileHandle.standardError.write(Data("one entry per line, Ctrl-D to finish:\n".utf8))
        }
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let report = try replica.logLines(input, defaultAt: eventTime, kind: parsedKind, to: incident, in: .current)
        let count = report.entries.count
        Output.say(
            "logged \(count) \(count == 1 ? "entry" : "entries")"
                + (report.passedOver.isEmpty ? "" : "; \(Output.passedOver(report.passedOver, comments: .none))"))
        Output.warnOfUnreadTimes(report.unreadTimes)
    }
}
