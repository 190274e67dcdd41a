import ArgumentParser

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
