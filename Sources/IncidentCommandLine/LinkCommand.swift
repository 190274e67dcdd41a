import ArgumentParser
import IncidentCore
import IncidentStore

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

/// `incident link add URL [--kind issue|post|thread]`.
struct LinkAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a link.",
        discussion: "Example: incident link add https://github.com/org/repo/issues/123")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The URL.")
    var url: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "issue, post or thread; default: guessed from the URL "
                + "(an issue on a code host, a chat thread, else a post).")
    )
    var kind: String?

    /// The kind given, or the one the URL suggests.
    private var parsedKind: LinkKind {
        get throws { try kind.map { try LinkKind(parsing: $0) } ?? LinkKind.guessed(for: url) }
    }

    func validate() throws {
        try ValidationError.parsing {
            _ = try parsedKind
        }
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let kind = try parsedKind
        let number = try replica.addLink(url, kind: kind, to: incident)
        Output.say("link \(number) (\(kind.rawValue))")
    }
}

/// `incident link rm N`.
struct LinkRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove link N.", discussion: "Example: incident link rm 2")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The link's number, as `incident link list` prints it.")
    var number: Int

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        try replica.removeLink(number, of: incident)
        Output.say("removed link \(number)")
    }
}

/// `incident link list`.
struct LinkList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the links, numbered from 1.", discussion: "Example: incident link list")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    func run() throws {
        let replica = try global.openForReading()
        let incident = try replica.incidentWithoutTimeline(try replica.resolveIncident(target.incident))
        guard !incident.links.isEmpty else {
            Output.warn("no links yet: `incident link add URL` adds one")
            return
        }
        for (index, link) in incident.links.enumerated() {
            Output.say("\(index + 1)  \(link.kind.rawValue)  \(link.url)")
        }
    }
}
