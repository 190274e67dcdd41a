import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident alarm enable NAME`.
struct AlarmEnable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Record that an alarm is enabled again.",
        discussion: "Example: incident alarm enable api-5xx-rate")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The alarm's name.")
    var name: String

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.setAlarm(name, silenced: false, of: incident)
        Output.say("\(name): enabled")
    }
}
