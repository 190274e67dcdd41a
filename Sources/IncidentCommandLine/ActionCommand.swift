import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident action add TEXT [--owner NAME] | done N | owner N NAME | rm N | list`.
struct ActionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "action",
        abstract: "The postmortem's action items: follow-ups with an owner, ticked off when done.",
        discussion: """
            Examples:
              incident action add "alert on 5xx rate per provider" --owner alice
              incident action done 1
            """,
        subcommands: [ActionList.self, ActionAdd.self, ActionDone.self, ActionOwner.self, ActionRemove.self],
        defaultSubcommand: ActionList.self)
}

/// `incident action add TEXT [--owner NAME]`.
struct ActionAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an action item.",
        discussion: "Example: incident action add add a runbook for provider outages --owner bob")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Option(name: .long, help: "Who takes it.")
    var owner: String?

    @Argument(help: "What to do (no quotes needed).")
    var text: [String]

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let number = try replica.addAction(text.joined(separator: " "), owner: owner, to: incident)
        Output.say("action item \(number)")
    }
}

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

/// `incident action list`.
struct ActionList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the action items, numbered from 1.",
        discussion: "Example: incident action list")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        guard !incident.actions.isEmpty else {
            Output.warn("no action items yet: `incident action add TEXT` adds one")
            return
        }
        for (index, action) in incident.actions.enumerated() {
            Output.say(Self.line(action, number: index + 1))
        }
    }

    /// `[x] 2  add a runbook (bob)`.
    static func line(_ action: ActionItem, number: Int) -> String {
        "[\(action.done ? "x" : " ")] \(number)  \(action.text)" + (action.owner.isEmpty ? "" : " (\(action.owner))")
    }
}
