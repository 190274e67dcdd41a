import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action owner N NAME`.
struct ActionOwner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owner", abstract: "Give action item N an owner.",
        discussion: "Example: incident action owner 2 carol")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The item's number.")
    var number: Int

    @Argument(help: "Who takes it (\"\" for nobody).")
    var owner: String

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let action = try replica.setActionOwner(number, to: owner, of: incident)
        Output.say("\(number)  \(action.text): \(action.owner.isEmpty ? "nobody" : action.owner)")
    }
}
