import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident alarm silence NAME [--for DURATION]`.
struct AlarmSilence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence", abstract: "Record that an alarm was silenced, for a while or until enabled.",
        discussion: "Example: incident alarm silence api-5xx-rate --for 2h")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The alarm's name, as your monitoring calls it.")
    var name: String

    @Option(name: .customLong("for"), help: "How long it is meant to stay silenced: 30m, 2h, 1h30m, 1d.")
    var duration: String?

    private var milliseconds: Int64?

    mutating func validate() throws {
        try ValidationError.parsing {
            milliseconds = try duration.map { try TimeSpan.milliseconds(parsing: $0) }
        }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let until = milliseconds.map { replica.now() + $0 }
        try replica.setAlarm(name, silenced: true, until: until, of: incident)
        Output.say("\(name): silenced" + (until.map { " until \(Output.dateTimeIfNotToday($0))" } ?? ""))
    }
}
