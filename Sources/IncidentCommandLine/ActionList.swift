import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action list`.
struct ActionList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the action items, numbered from 1.",
        discussion: "Example: incident action list")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        guard !incident.actions.isEmpty else {
            Output.warn("no action items yet: `incident action add TEXT` adds one")
            return
        }
        for (index, action) in incident.actions.enumerated() {
            Output.say(Self.line(action, number: index + 1))
        }
    }

    /// `[x] 2  add a runbook (bob)`.
    static func line(_ action: ActionItem, number: Int) -> String {
        "[\(action.done ? "x" : " ")] \(number)  \(action.text)" + (action.owner.isEmpty ? "" : " (\(action.owner))")
    }
}
