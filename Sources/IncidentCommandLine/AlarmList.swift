import ArgumentParser
import IncidentCore
import IncidentStore

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
