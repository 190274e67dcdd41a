import ArgumentParser

/// `incident team [list] | admit FINGERPRINT --name NAME | remove NAME`.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Show and change the team's roster: whose ops this replica applies.",
        discussion: """
            A replica belongs to no team until it founds one (its first `team admit`) or syncs with a \
            replica of one. From then on it applies only the ops of members; others wait, kept, \
            until a member admits them.
            """,
        subcommands: [ListMembers.self, Admit.self, Remove.self], defaultSubcommand: ListMembers.self)
}
