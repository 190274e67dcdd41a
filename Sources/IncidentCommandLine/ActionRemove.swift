import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action rm N`.
struct ActionRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove action item N.", discussion: "Example: incident action rm 3")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The item's number.")
    var number: Int

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.removeAction(number, of: incident)
        Output.say("removed action item \(number)")
    }
}
