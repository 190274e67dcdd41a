import ArgumentParser

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
