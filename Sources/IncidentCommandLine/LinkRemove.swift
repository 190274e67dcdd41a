import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident link rm N`.
struct LinkRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove link N.", discussion: "Example: incident link rm 2")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The link's number, as `incident link list` prints it.")
    var number: Int

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.removeLink(number, of: incident)
        Output.say("removed link \(number)")
    }
}
