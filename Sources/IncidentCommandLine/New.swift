import ArgumentParser
import Foundation
import IncidentCore
import IncidentStore

/// `incident new TITLE --severity N [--lead NAME] [--at TIME]`: records an incident and prints its id.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Record a new incident and make it the current one; prints its id.",
        discussion: "Example: incident new \"Search returns no results\" --severity 1 --lead alice")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "What is wrong, in a few words.")
    var title: [String]

    @Option(name: .shortAndLong, help: "Estimated severity: 1 (service down), 2 (partly broken), 3 (minor, staging).")
    var severity: String

    @Option(name: .long, help: "Who leads the response.")
    var lead: String?

    @Option(name: .long, help: "When it started (14:05, 2026-11-28 14:05, ISO 8601, 10m ago); default now.")
    var at: String?

    private var parsedSeverity = Severity(rawValue: 3)!
    private var startedAt: Int64?

    mutating func validate() throws {
        try ValidationError.parsing {
            parsedSeverity = try Severity(parsing: severity)
            startedAt = try at.map { try EventTime.parse($0, now: Replica.systemNow(), in: .current) }
        }
        if title.joined().trimmingWhitespace().isEmpty {
            throw ValidationError("the title is empty: say what is wrong")
        }
    }

    func run() throws {
        let firstUse = !FileManager.default.fileExists(atPath: global.path)
        let replica = try global.openForWriting()
        let id = try replica.createIncident(
            title: title.joined(separator: " "), severity: parsedSeverity, lead: lead, at: startedAt)
        if firstUse, let identity = try replica.identity() {
            // On standard error: standard output is the id alone, for scripts.
            Output.warn(
                "made replica \(identity.id.rawValue.prefix(6)) for \(identity.name) at \(global.path) "
                    + "(`incident init --name NAME` renames it)")
        }
        Output.say(try replica.shortIncidentIDs().prefix(ofHex: id.rawValue))
    }
}
