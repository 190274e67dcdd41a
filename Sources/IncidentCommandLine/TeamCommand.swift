import ArgumentParser

/// `incident team [list] | admit FINGERPRINT --name NAME | remove NAME`.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "Show and change the team's roster: whose ops this replica applies.",
        discussion: """
            A replica belongs to no team until it founds one (its first `team admit`) or syncs with a \
            replica of one. From then on it applies only the ops of members; others wait, kept, \
            until a member admits them. Each member shows under the name the roster gives it. A copy \
            of a member's replica file (a restored backup, `init --new-id`) takes its member's place \
            by its key's signature, and `team remove` removes the copies with the member.
            """,
        subcommands: [ListMembers.self, Admit.self, Remove.self], defaultSubcommand: ListMembers.self)
}
