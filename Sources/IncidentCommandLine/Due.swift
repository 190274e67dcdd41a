import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident due [--json]`: open incidents whose update is overdue by the runbook's cadence.
struct Due: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due",
        abstract: "List open incidents whose update is overdue: hourly for severity 1, daily for 2 and 3.",
        discussion: """
            Counted from the last timeline entry of kind update (by event time; a status change \
            is one), else from the incident's start. Exits 0 whether or not any is due, so it \
            fits a shell prompt; with --exit-code, 1 when one is, for scripts and cron.

            Examples:
              incident due
              incident due --exit-code || notify-send "an incident update is overdue"
              incident log --kind update "posted: still investigating, next update 15:00"
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "One JSON object per line.")
    var json = false

    @Flag(name: .long, help: "Exit 1 when an update is overdue (0 when none is).")
    var exitCode = false

    func run() throws {
        let replica = try global.openForReading()
        let now = replica.now()
        let due = try replica.overdueUpdates(at: now)
        let short = try replica.shortIncidentIDs()
        if json {
            var lines = Lines()
            for item in due { lines.append(Array(item.json(at: now).utf8)) }
            lines.flush()
            if exitCode, !due.isEmpty { throw ExitCode(1) }
            return
        }
        guard !due.isEmpty else {
            Output.warn("no update is overdue")
            return
        }
        for item in due {
            let overdue = TimeSpan.words(milliseconds: item.overdue(at: now) ?? 0)
            let last =
                item.lastUpdate.map { "last update \(TimeSpan.words(from: $0, to: now)) ago" }
                ?? "no update since it started \(TimeSpan.words(from: item.incident.startedAt, to: now)) ago"
            Output.say(
                "\(short.prefix(ofHex: item.incident.id.rawValue))  \(item.incident.severity)  "
                    + "\(item.incident.status.rawValue)  update overdue by \(overdue) (\(last))  \(item.incident.title)"
            )
        }
        if exitCode { throw ExitCode(1) }
    }
}
