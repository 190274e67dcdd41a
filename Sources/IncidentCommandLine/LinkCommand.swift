import ArgumentParser

/// `incident link add URL [--kind issue|post|thread] | list | rm N`.
struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Record the issues, status posts and threads about the incident.",
        discussion: """
            `incident status resolved` reminds you to update the posts linked.

            Examples:
              incident link add https://make.example.org/2026/11/28/outage --kind post
              incident link list
            """,
        subcommands: [LinkList.self, LinkAdd.self, LinkRemove.self],
        defaultSubcommand: LinkList.self)
}
