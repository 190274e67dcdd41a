import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident alarm silence NAME [--for DURATION] | enable NAME | list`.
struct AlarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alarm",
        abstract: "Record the monitoring alarms silenced while you work, so none stays off after the incident.",
        discussion: """
            The tool cannot reach the alarms themselves: it keeps what people recorded, and \
            `incident status resolved` names every alarm still silenced.

            Examples:
              incident alarm silence api-5xx-rate --for 2h
              incident alarm enable api-5xx-rate
            """,
        subcommands: [AlarmList.self, AlarmSilence.self, AlarmEnable.self],
        defaultSubcommand: AlarmList.self)
}

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

/// `incident alarm list`: every alarm recorded on the incident and its state.
struct AlarmList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the alarms recorded on the incident, silenced ones first.",
        discussion: "Example: incident alarm list")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        guard !incident.alarms.isEmpty else {
            Output.warn("no alarms recorded: `incident alarm silence NAME` records one")
            return
        }
        let now = replica.now()
        for alarm in incident.alarms.filter(\.silenced) + incident.alarms.filter({ !$0.silenced }) {
            Output.say("\(alarm.name)  \(Self.state(of: alarm, at: now))")
        }
    }

    /// `silenced until 15:30 (alice)`, `silenced, meant until 15:30: enable it (alice)`, `enabled (bob)`.
    static func state(of alarm: Alarm, at now: Int64) -> String {
        guard alarm.silenced else { return "enabled (\(alarm.author))" }
        guard let until = alarm.until else { return "silenced (\(alarm.author))" }
        let when = Output.dateTimeIfNotToday(until)
        return until > now
            ? "silenced until \(when) (\(alarm.author))"
            : "silenced, meant until \(when): enable it (\(alarm.author))"
    }
}
