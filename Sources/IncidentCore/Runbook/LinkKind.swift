/// What a link points to: the runbook has people open issues, post status updates and
/// reply in chat threads, and asks for the posts to be updated at resolution.
public enum LinkKind: String, CaseIterable, Sendable {
    case issue
    case post
    case thread

    /// Parses `issue`, `post` or `thread`.
    public init(parsing text: String) throws(CoreError) {
        guard let kind = LinkKind(rawValue: text.lowercased()) else { throw .badLinkKind(text) }
        self = kind
    }

    /// The kind a URL most likely is, when none is given: an issue or pull request on a
    /// code host, a chat thread, else a post.
    public static func guessed(for url: String) -> LinkKind {
        let lowered = url.lowercased()
        if ["/issues/", "/pull/", "/merge_requests/"].contains(where: lowered.contains) { return .issue }
        if ["slack.com/", "/archives/", "discord.com/channels/", "matrix.to/", "zulipchat.com/"].contains(
            where: lowered.contains)
        {
            return .thread
        }
        return .post
    }
}
