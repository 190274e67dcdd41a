import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident edit ENTRY [TEXT] [--at TIME]`: replaces a timeline entry's text, moves it
/// to another event time, or both.
///
/// A bare time of day (`--at 22:05`) is taken nearest the time the entry stands at, so
/// an imported line a few hours off stays on its own day; a line misread onto today
/// needs its date (`--at "2017-01-31 22:05 UTC"`).
struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Replace a timeline entry's text, or move it to another time (ENTRY: an id prefix from `show`).",
        discussion: """
            Examples: incident edit 9c41d2 api 5xx at 60%, not 40%
                      incident edit 9c41d2 --at "2017-01-31 22:05 UTC"
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The entry: a unique prefix of its id.")
    var entry: String

    @Argument(help: "The new text; leave it out to keep the text and only move the entry.")
    var text: [String] = []

    @Option(
        name: .long,
        help: "When it happened (22:05: the one nearest the entry's time; 2017-01-31 22:05 UTC; ISO 8601; 10m ago).")
    var at: String?

    func validate() throws {
        if text.isEmpty, at == nil {
            throw ValidationError("give the new text, --at TIME, or both: incident edit \(entry) --at 14:05")
        }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let resolved = try replica.resolveEntry(entry, in: incident)
        guard try !replica.isRedacted(resolved, of: incident) else { throw StoreError.entryRedacted(resolved.rawValue) }
        let eventTime = try at.map { at in
            let standing = try replica.eventTime(of: resolved, in: incident) ?? Replica.systemNow()
            return try ValidationError.parsing {
                try EventTime.parse(at, near: standing, now: Replica.systemNow(), in: .current)
            }
        }
        try replica.editEntry(
            resolved, text: text.isEmpty ? nil : text.joined(separator: " "), at: eventTime, of: incident)
        if !text.isEmpty { Output.say("edited \(entry)") }
        if let eventTime { Output.say("moved \(entry) to \(Output.dateTime(eventTime))") }
    }
}
