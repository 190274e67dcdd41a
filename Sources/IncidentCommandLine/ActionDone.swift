import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action done N [--undo]`.
struct ActionDone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Mark action item N done (--undo: not done).",
        discussion: "Example: incident action done 2")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The item's number, as `incident action list` prints it.")
    var number: Int

    @Flag(name: .long, help: "Mark it not done.")
    var undo = false

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let action = try replica.setActionDone(number, done: !undo, of: incident)
        Output.say("[\(undo ? " " : "x")] \(number)  \(action.text)")
    }
}
