import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action add TEXT [--owner NAME]`.
struct ActionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an action item.",
        discussion: "Example: incident action add add a runbook for provider outages --owner bob")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Option(name: .long, help: "Who takes it.")
    var owner: String?

    @Argument(help: "What to do (no quotes needed).")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let number = try replica.addAction(text.joined(separator: " "), owner: owner, to: incident)
        Output.say("action item \(number)")
    }
}
