import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident review summary TEXT`.
struct ReviewSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "Set the postmortem's summary.",
        discussion: "Example: incident review summary ingestion stopped for 3 hours")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The summary (no quotes needed).")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.set(.summary, to: text.joined(separator: " "), of: incident)
        Output.say("summary set")
    }
}
