import ArgumentParser
import IncidentCore
import IncidentStore

/// `incident link add URL [--kind issue|post|thread]`.
struct LinkAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a link.",
        discussion: "Example: incident link add https://github.com/org/repo/issues/123")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var target: IncidentOption

    @Argument(help: "The URL (http:// or https://; anything else needs --kind).")
    var url: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "issue, post or thread; default: guessed from the URL "
                + "(an issue on a code host, a chat thread, else a post)."),
        completion: Completions.linkKinds
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
        // A word where a link was meant (`link add fixed`) is refused, unless --kind says what it is.
        guard kind != nil || Self.looksLikeAddress(url) else {
            throw ValidationError(
                "'\(url)' is not a web address (http:// or https://): give the link, or say what it is with --kind")
        }
    }

    /// Whether `text` is an http(s) address with a host.
    static func looksLikeAddress(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix) else { return false }
        let host = lowered.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.contains(where: \.isWhitespace)
    }

    func run() throws {
        let replica = try global.openForRecordingOnIncident()
        let incident = try replica.resolveIncident(target.incident)
        let kind = try parsedKind
        let number = try replica.addLink(url, kind: kind, to: incident)
        Output.say("link \(number) (\(kind.rawValue))")
    }
}
